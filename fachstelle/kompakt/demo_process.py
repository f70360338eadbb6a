"""KOMPAKT process demo for `make run`: the Oftringen process of the Region Zofingen office, running, with
dated phases (planning done, preparation in progress), a working group of ten and two blocked dates; and the
school holidays of AG, BL, ZH and BW.

Members come from the network demo where its organisations, contact persons and key persons exist, otherwise
they are added by hand (fictitious names). Idempotent: a second call creates nothing.
"""

import datetime

from fachstelle.core.models import Membership, Office
from fachstelle.network.models import Contact, KeyPerson

from . import demo_data as D
from .demo import KompaktDemoResult
from .models import BlockedDate, Phase, Process, WorkingGroupMember
from .services.processes import school_holidays_load

OFTRINGEN_BFS = 4280
d = datetime.date.fromisoformat

# kind: (from, until, status)
PHASES = {
    Phase.Kind.PLANNING: (d("2026-03-10"), d("2026-03-10"), Phase.Status.DONE),
    Phase.Kind.PREPARATION: (d("2026-03-16"), d("2026-08-14"), Phase.Status.DONE),
    Phase.Kind.WORKSHOPS: (d("2026-08-18"), d("2026-09-15"), Phase.Status.DONE),
    Phase.Kind.PROGRAMME: (d("2026-09-16"), d("2026-10-27"), Phase.Status.IN_PROGRESS),
    Phase.Kind.IMPLEMENTATION: (d("2027-01-01"), d("2030-12-31"), Phase.Status.OPEN),
    Phase.Kind.QUALITY: (d("2027-11-01"), d("2030-12-31"), Phase.Status.OPEN),
}
PHASE_NOTES = {
    Phase.Kind.PLANNING: "Planungssitzung mit Gemeinderätin und Gemeindeschreiberin im Gemeindehaus.",
    Phase.Kind.PREPARATION: "Arbeitsgruppe zusammenstellen, Termine verschicken, Gemeindeportrait schreiben.",
}

Role = WorkingGroupMember.Role
# (organisation of the network or None, key person or None, department, role,
#  fallback: name, organisation, e-mail) — the fallback is used when the network has no such person.
MEMBERS = [
    (None, None, "Gemeinderat, Ressort Gesellschaft", Role.CHAIR,
     ("Barbara Lüscher", "Gemeinde Oftringen", "barbara.luescher@oftringen.example.ch")),
    (None, None, "Gemeindekanzlei", Role.ADMINISTRATION,
     ("Sandra Wyss", "Gemeindeverwaltung Oftringen", "sandra.wyss@oftringen.example.ch")),
    (None, None, "Einwohnerkontrolle", Role.MEMBER,
     ("Marco Hunziker", "Gemeindeverwaltung Oftringen", "marco.hunziker@oftringen.example.ch")),
    ("Schule Oftringen", None, "Schule", Role.MEMBER,
     ("Daniela Bühler", "Schule Oftringen", "daniela.buehler@schule-oftringen.example.ch")),
    ("Sozialdienst Oftringen", None, "Sozialdienst", Role.MEMBER,
     ("Thomas Gerber", "Sozialdienst Oftringen", "thomas.gerber@oftringen.example.ch")),
    ("Albanischer Kulturverein Oftringen", None, "Migrantenorganisation", Role.MEMBER,
     ("Arben Gashi", "Albanischer Kulturverein Oftringen", "info@akv-oftringen.example.ch")),
    (None, "Blerta Krasniqi", "Schlüsselperson", Role.MEMBER,
     ("Blerta Krasniqi", "Albanischer Kulturverein Oftringen", "")),
    ("Mütter- und Väterberatung Bezirk Zofingen", None, "Frühe Förderung", Role.MEMBER,
     ("Monika Schär", "Mütter- und Väterberatung Bezirk Zofingen", "mvb@bezirk-zofingen.example.ch")),
    ("Reformierte Kirchgemeinde Oftringen", None, "Kirche", Role.MEMBER,
     ("Ruth Baumann", "Reformierte Kirchgemeinde Oftringen", "ruth.baumann@ref-oftringen.example.ch")),
    ("Logistikzentrum Oftringen AG", None, "Arbeitgeber", Role.GUEST,
     ("Luca Bernasconi", "Logistikzentrum Oftringen AG", "hr@logistik-oftringen.example.ch")),
]  # fmt: skip

BLOCKED = [
    (d("2026-08-25"), d("2026-08-25"), "Klausur des Gemeinderats"),
    (d("2026-09-03"), d("2026-09-06"), "Gewerbeausstellung – Gemeindesaal belegt"),
]


def _lead(office: Office):
    """A writing staff member of the office (admin first, then counsellor, then editor)."""
    memberships = {
        m.role: m.user
        for m in Membership.objects.filter(office=office).select_related("user").order_by("-pk")
    }
    for role in (Membership.Role.COUNSELLOR, Membership.Role.ADMIN, Membership.Role.EDITOR):
        if role in memberships:
            return memberships[role]
    return None


def _phases(process: Process, result: KompaktDemoResult) -> None:
    for kind, (starts_on, ends_on, status) in PHASES.items():
        phase, created = Phase.objects.get_or_create(
            process=process,
            kind=kind,
            defaults={
                "starts_on": starts_on,
                "ends_on": ends_on,
                "status": status,
                "notes": PHASE_NOTES.get(kind, ""),
            },
        )
        if not created and phase.starts_on is None and phase.status == Phase.Status.OPEN:
            # Another demo created the process (without our dates): date its untouched phases.
            phase.starts_on, phase.ends_on, phase.status = starts_on, ends_on, status
            phase.notes = phase.notes or PHASE_NOTES.get(kind, "")
            phase.save()
        (result.created if created else result.existing)["kompakt_phases"] += 1


def _member(process: Process, spec) -> WorkingGroupMember:
    organisation, key_person_name, department, role, (name, organisation_name, email) = spec
    contact = (
        Contact.objects.filter(organisation__office=process.office, organisation__name=organisation)
        .select_related("organisation")
        .order_by("-is_primary", "pk")
        .first()
        if organisation
        else None
    )
    key_person = (
        KeyPerson.objects.filter(office=process.office, name=key_person_name).first()
        if key_person_name
        else None
    )
    person = contact or key_person
    return WorkingGroupMember.objects.create(
        process=process,
        contact=contact,
        key_person=key_person,
        name=person.name if person else name,
        organisation_name=contact.organisation.name if contact else organisation_name,
        department=department,
        role=role,
        email=person.email if person else email,
        phone=person.phone if person else "",
    )


def load_process_demo() -> KompaktDemoResult:
    """The Oftringen process of Region Zofingen (skipped when the office or Oftringen is missing)."""
    result = KompaktDemoResult()
    holidays = school_holidays_load()
    # Counters only get keys with a count, so that "nothing created" is an empty counter.
    if holidays.created:
        result.created["school_holidays"] += holidays.created
    if holidays.updated + holidays.unchanged:
        result.existing["school_holidays"] += holidays.updated + holidays.unchanged
    office = Office.objects.filter(slug=D.OFFICE_SLUG).first()
    municipality = office.municipalities.filter(bfs_number=OFTRINGEN_BFS).first() if office else None
    if municipality is None:
        return result
    process, created = Process.objects.get_or_create(
        office=office,
        municipality=municipality,
        defaults={
            "status": Process.Status.ACTIVE,
            "lead": _lead(office),
            "municipal_contact_name": "Sandra Wyss, Gemeindeschreiberin",
            "municipal_contact_email": "sandra.wyss@oftringen.example.ch",
            "municipal_contact_phone": "+41 62 789 71 11",
            "programme_due_on": PHASES[Phase.Kind.PROGRAMME][1],
            "notes": "Gemeinderat hat KOMPAKT am 2. März 2026 beschlossen; der Programmentwurf liegt beim "
            "Gemeinderat. Fokus: Frühe Förderung und Arbeit.",
        },
    )
    (result.created if created else result.existing)["kompakt_processes"] += 1
    if process.lead is None:
        # Another demo created the process first, without a lead.
        process.lead = _lead(office)
        process.save(update_fields=["lead", "updated_at"])
    _phases(process, result)
    if process.members.exists():
        result.existing["working_group_members"] += process.members.count()
    else:
        for spec in MEMBERS:
            _member(process, spec)
            result.created["working_group_members"] += 1
    for starts_on, ends_on, reason in BLOCKED:
        _blocked, created = BlockedDate.objects.get_or_create(
            process=process, starts_on=starts_on, reason=reason, defaults={"ends_on": ends_on}
        )
        (result.created if created else result.existing)["blocked_dates"] += 1
    return result
