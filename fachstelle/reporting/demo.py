"""The reporting demo: the canton of Aargau's integration office, which sees the anonymised figures of the
offices of its canton (seed 004: Region Zofingen reports to the canton under the KIP), with a canton login.

The office serves no municipality itself (the canton's view lists every municipality of the canton) and
publishes no offers; names of people are invented."""

from collections import Counter
from dataclasses import dataclass, field

from fachstelle.core.demo_users import demo_staff
from fachstelle.core.models import Membership, Office
from fachstelle.offers.demo.offices import DEMO_PASSWORD

Role = Membership.Role

CANTON_OFFICE = {
    "slug": "kanton-aargau",
    "name": "Kanton Aargau, Amt für Migration und Integration – Integration",
    "short_name": "Kanton Aargau",
    "kind": Office.Kind.CANTONAL,
    "country": "CH",
    "canton": "AG",
    "street": "Bahnhofplatz 3c",
    "postcode": "5001",
    "city": "Aarau",
    "phone": "+41 62 835 00 00",
    "email": "integration@ag.example.ch",
    "website": "https://www.ag.example.ch/integration",
    "primary_color": "#1b5e97",
    "intro": (
        "Die kantonale Fachstelle begleitet das Kantonale Integrationsprogramm (KIP) und die regionalen "
        "Fachstellen im Kanton Aargau.\n\nDemo-Daten: Adressen und Kontaktangaben sind erfunden."
    ),
}
# (username, first name, last name, role)
CANTON_STAFF = [("aargau-kanton", "Regula", "Wyss", Role.CANTON)]


@dataclass
class ReportingDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, office)


def load_reporting_demo() -> ReportingDemoResult:
    """Idempotent: an office or login that exists is left as it is."""
    result = ReportingDemoResult()
    values = {key: value for key, value in CANTON_OFFICE.items() if key != "slug"}
    office, created = Office.objects.get_or_create(slug=CANTON_OFFICE["slug"], defaults=values)
    (result.created if created else result.existing)["offices"] += 1
    demo_staff(office=office, staff=CANTON_STAFF, result=result, password=DEMO_PASSWORD)
    return result
