"""Projects demo data for `make run`: three projects of Region Zofingen and two of Lörrach – initiated by the
office or accompanied by it – with milestones, partners from the network demo, and links to grant
applications and events of the demos loaded before.

Loaded by `manage.py load_demo_data` after the network, events and grants demos: partners, applications
(by reference) and events (by title) that are missing are simply not linked. Offices without their
<prefix>-admin / <prefix>-editor logins are skipped. Idempotent: a project is looked up by office + title;
its milestones and links are created with it. Dates are fixed (as the grants demo: seen in late November
2026). Rows are written directly (no audit: a demo load is not a staff action).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from fachstelle.core.models import Municipality, Office, PromotionArea
from fachstelle.events.models import Event
from fachstelle.grants.models import Application
from fachstelle.network.models import Organisation
from fachstelle.offers.demo.offices import OFFICES

from .models import Milestone, Project

USER_PREFIX = {office["slug"]: office["user_prefix"] for office in OFFICES}

ZOFINGEN_REGION = [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289]
OFTRINGEN = 4280
LOERRACH, WEIL, RHEINFELDEN = 8336050, 8336091, 8336069


def _milestone(title, due_on, owner="admin", done_on=None, note=""):
    return {"title": title, "due_on": due_on, "owner": owner, "done_on": done_on, "note": note}


# fmt: off
PROJECTS = {
    "region-zofingen": [
        {
            "title": "Willkommensanlass für Neuzugezogene 2027",
            "goal": "Alle Personen, die 2026 aus dem Ausland in eine der zwölf Gemeinden gezogen sind, "
                    "werden "
                    "persönlich eingeladen und lernen Gemeinde, Angebote und Ansprechpersonen kennen.",
            "description": "Ein gemeinsamer Anlass der zwölf Gemeinden im Stadtsaal Zofingen: Begrüssung "
                           "durch die Gemeindepräsidien, Marktplatz der Angebote, Dolmetschende an "
                           "Sprachtischen, Apéro.\n\nDie Einladung geht mit dem Versand der "
                           "Einwohnerkontrollen an rund 900 Haushalte.",
            "role": "initiated", "status": "planned", "lead": "admin",
            "starts_on": "2026-10-01", "ends_on": "2027-05-31", "budget": Decimal("6500.00"),
            "kip": ["1.1"], "bfs": ZOFINGEN_REGION,
            "partners": ["Netzwerk Asyl Region Zofingen", "Verein Deutsch für alle",
                         "Schweizerisches Rotes Kreuz Kanton Aargau"],
            "applications": [], "events": [],
            "milestones": [
                _milestone("Termin und Saal mit den Gemeinden festlegen", "2026-10-30", "admin",
                           "2026-10-28"),
                _milestone("Adresslisten der Einwohnerkontrollen angefordert", "2026-11-20", "editor",
                           "2026-11-18"),
                _milestone("Anbietende für den Marktplatz angefragt", "2027-01-31", "editor"),
                _milestone("Einladung in 10 Sprachen übersetzt und versandt", "2027-03-15", "editor"),
                _milestone("Willkommensanlass im Stadtsaal", "2027-04-24", "admin"),
                _milestone("Auswertung an die Gemeinderäte", "2027-05-31", "admin"),
            ],
        },
        {
            "title": "Dolmetschpool Region Zofingen aufbauen",
            "goal": "Schulen, Sozialdienste und Beratungsstellen der Region finden kurzfristig "
                    "interkulturell Dolmetschende in den zehn häufigsten Sprachen.",
            "description": "Gemeinsam mit dem SRK Aargau und Migrantenorganisationen werden "
                           "Schlüsselpersonen "
                           "für die Ausbildung INTERPRET gewonnen; eine Einsatzvermittlung über das SRK und "
                           "ein "
                           "Tarif für die Gemeinden werden vereinbart.",
            "role": "initiated", "status": "running", "lead": "editor",
            "starts_on": "2026-03-01", "ends_on": "2027-12-31", "budget": Decimal("18000.00"),
            "kip": ["3.1"], "bfs": ZOFINGEN_REGION,
            "partners": ["Schweizerisches Rotes Kreuz Kanton Aargau", "Eritreischer Verein Zofingen",
                         "Afghanische Gemeinschaft Region Zofingen", "Tamilischer Kulturverein Region "
                                                                     "Zofingen",
                         "Sozialdienst Region Zofingen"],
            "applications": [], "events": [],
            "milestones": [
                _milestone("Bedarf bei Schulen und Sozialdiensten erhoben", "2026-04-30", "editor",
                           "2026-05-06",
                           "38 Rückmeldungen; am häufigsten Tigrinya, Dari, Arabisch, Tamil."),
                _milestone("Vereinbarung mit dem SRK Aargau", "2026-08-31", "admin", "2026-09-12"),
                _milestone("12 Personen für das Modul 1 INTERPRET angemeldet", "2026-12-15", "editor"),
                _milestone("Tarif und Abrechnung mit den Gemeinden beschlossen", "2027-03-31", "admin"),
                _milestone("Pool startet mit Online-Anfrage", "2027-06-30", "editor"),
            ],
        },
        {
            "title": "Elternbildung in der Schule Oftringen",
            "goal": "Eltern mit Migrationshintergrund nehmen an der Elternbildung der Schule teil und kennen "
                    "die Ansprechpersonen.",
            "description": "Die Fachstelle begleitet den Elternverein Oftringen bei Konzept, Gesuch "
                           "(Kleinprojekte Integration 2026) und Auswertung und vermittelt Dolmetschende.",
            "role": "accompanied", "status": "running", "lead": "editor",
            "starts_on": "2026-08-17", "ends_on": "2027-06-25", "budget": None,
            "kip": ["2.2"], "bfs": [OFTRINGEN],
            "partners": ["Schule Oftringen", "Albanischer Kulturverein Oftringen",
                         "Türkischer Elternverein Region Zofingen"],
            "applications": ["KP-2026-0005"], "events": ["Elternabend: Schule in der Schweiz"],
            "milestones": [
                _milestone("Gesuch beraten und eingereicht", "2026-06-15", "editor", "2026-06-08"),
                _milestone("Dolmetschende für die Module 1–4 vermittelt", "2026-09-30", "editor",
                           "2026-09-22"),
                _milestone("Zwischenbericht mit dem Elternverein", "2027-01-31", "editor"),
                _milestone("Auswertung mit Schulleitung", "2027-06-30", "admin"),
            ],
        },
    ],
    "loerrach": [
        {
            "title": "Netzwerk Jobpaten im Landkreis",
            "goal": "Die Jobpaten-Angebote der Träger im Landkreis sind abgestimmt; Geflüchtete und Betriebe "
                    "finden eine Ansprechstelle.",
            "description": "Das Landratsamt begleitet das geförderte Caritas-Projekt und bringt die "
                           "Ehrenamtlichen mit Jobcenter, Agentur für Arbeit und Kammern zusammen.",
            "role": "accompanied", "status": "running", "lead": "admin",
            "starts_on": "2026-04-01", "ends_on": "2027-03-31", "budget": None,
            "kip": [], "bfs": [LOERRACH, WEIL, RHEINFELDEN],
            "partners": ["Caritasverband für den Landkreis Lörrach", "Jobcenter Landkreis Lörrach",
                         "Agentur für Arbeit Lörrach"],
            "applications": ["BI-2026-0001"], "events": [],
            "milestones": [
                _milestone("Auftaktgespräch mit Caritas und Jobcenter", "2026-04-15", "admin", "2026-04-14"),
                _milestone("Erste Schulung der Jobpaten", "2026-05-30", "editor", "2026-06-06"),
                _milestone("Zwischenbericht ausgewertet", "2026-10-31", "admin", "2026-10-27"),
                _milestone("Abschlusstreffen mit Betrieben", "2027-03-15", "admin"),
            ],
        },
        {
            "title": "Interkulturelle Woche 2027 im Landkreis Lörrach",
            "goal": "Vereine, Kirchen und Migrantenorganisationen gestalten gemeinsam eine Woche der "
                    "Begegnung in Lörrach, Weil am Rhein und Rheinfelden.",
            "description": "Das Landratsamt koordiniert das Programm, den gemeinsamen Flyer und die "
                           "Pressearbeit; die Veranstaltungen tragen die Partner.",
            "role": "initiated", "status": "idea", "lead": "editor",
            "starts_on": "2027-01-15", "ends_on": "2027-10-03", "budget": Decimal("8000.00"),
            "kip": [], "bfs": [LOERRACH, WEIL, RHEINFELDEN],
            "partners": ["Syrischer Kulturverein Lörrach", "Ukrainischer Verein Dreiländereck",
                         "Türkisch-Islamische Gemeinde Rheinfelden", "Diakonisches Werk Lörrach"],
            "applications": [], "events": [],
            "milestones": [
                _milestone("Vorbereitungstreffen mit den Partnern", "2027-02-12", "editor"),
                _milestone("Programm und Flyer fertig", "2027-07-31", "editor"),
                _milestone("Interkulturelle Woche", "2027-09-26", "admin"),
            ],
        },
    ],
}
# fmt: on


@dataclass
class ProjectsDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def tally(self, kind: str, created: bool, count: int = 1) -> None:
        (self.created if created else self.existing)[kind] += count


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _office_users(office: Office) -> dict | None:
    prefix = USER_PREFIX.get(office.slug)
    users = {
        user.username.removeprefix(f"{prefix}-"): user
        for user in get_user_model().objects.filter(username__in=[f"{prefix}-admin", f"{prefix}-editor"])
    }
    return users if {"admin", "editor"} <= set(users) else None


def _project(office: Office, users: dict, spec: dict, result: ProjectsDemoResult) -> None:
    existing = Project.objects.filter(office=office, title=spec["title"]).first()
    if existing is not None:
        result.tally("projects", False)
        result.tally("milestones", False, existing.milestones.count())
        return
    project = Project(
        office=office,
        title=spec["title"],
        goal=spec["goal"],
        description=spec["description"],
        role=spec["role"],
        status=spec["status"],
        starts_on=_day(spec["starts_on"]),
        ends_on=_day(spec["ends_on"]),
        lead=users[spec["lead"]],
        currency="EUR" if office.country == "DE" else "CHF",
        budget=spec["budget"],
    )
    project.full_clean()
    project.save()
    result.tally("projects", True)
    project.promotion_areas.set(PromotionArea.objects.filter(code__in=spec["kip"]))
    project.municipalities.set(
        Municipality.objects.filter(country=office.country, bfs_number__in=spec["bfs"])
    )
    project.partners.set(Organisation.objects.filter(office=office, name__in=spec["partners"]))
    project.grant_applications.set(
        Application.objects.filter(office=office, reference__in=spec["applications"])
    )
    # Events of a series share the title: link every date.
    project.events.set(Event.objects.filter(office=office, title__in=spec["events"]))
    for item in spec["milestones"]:
        milestone = Milestone(
            project=project,
            title=item["title"],
            due_on=_day(item["due_on"]),
            owner=users[item["owner"]],
            done_on=_day(item["done_on"]),
            note=item["note"],
        )
        milestone.full_clean()
        milestone.save()
        result.tally("milestones", True)


def load_projects_demo() -> ProjectsDemoResult:
    """Create whatever of the projects demo is missing."""
    result = ProjectsDemoResult()
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=list(PROJECTS)).order_by("slug"):
            users = _office_users(office)
            if users is None:
                continue
            for spec in PROJECTS[office.slug]:
                _project(office, users, spec, result)
    return result
