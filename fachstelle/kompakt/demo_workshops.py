"""Workshop demo for `make run`: the Oftringen process of the Region Zofingen office gets its start session
and two workshops in late summer 2026 (held, with minutes), planned by the generator (so the canton's school
holidays are respected where `SchoolHoliday` rows exist), in the municipality's meeting room, with agendas.

Idempotent: when the process already has planned sessions, nothing is done.
"""

import datetime

from django.utils import timezone

from fachstelle.core.models import Municipality, Office

from . import demo_data as D
from .demo import KompaktDemoResult
from .models import Process, Workshop
from .services.workshop_plan import PLAN_KINDS, workshop_plan_accept, workshop_plan_propose

OFTRINGEN_BFS = 4280
LOCATION = "Gemeindehaus Oftringen, Sitzungszimmer 1"
EARLIEST = datetime.date(2026, 8, 18)
AGENDAS = {
    Workshop.Kind.START: (
        "Begrüssung und Vorstellungsrunde\n"
        "KOMPAKT: Ziele, Ablauf und Terminplan\n"
        "Erste Eindrücke zum Gemeindeportrait Oftringen\n"
        "Weiteres Vorgehen"
    ),
    Workshop.Kind.FIRST: (
        "Diskussion des Gemeindeportraits nach KIP-Förderbereichen\n"
        "Stärken und Lücken der Integrationsangebote in Oftringen\n"
        "Erste Handlungsbedarfe (Gruppenarbeit)\n"
        "Zusammenfassung und Auftrag für den zweiten Workshop"
    ),
    Workshop.Kind.SECOND: (
        "Handlungsbedarfe: Prioritäten und Begründung\n"
        "Auswahl von Massnahmen aus dem Katalog bewährter Angebote\n"
        "Zuständigkeiten, Zeitplan und Finanzierung\n"
        "Nächste Schritte bis zum kommunalen Integrationsprogramm"
    ),
}


MINUTES = {
    Workshop.Kind.START: (
        "Die Fachstelle stellt KOMPAKT und den Terminplan vor. Die Mitglieder ergänzen das Gemeindeportrait: "
        "Die Einwohnerkontrolle meldet viele Zuzüge aus Portugal und dem Kosovo, die Schule mehr "
        "Kinder ohne Deutschkenntnisse im Kindergarten."
    ),
    Workshop.Kind.FIRST: (
        "Diskussion des Portraits nach KIP-Förderbereichen. Stärken: Deutschkurse, Spielgruppen. "
        "Lücken: keine persönliche Begrüssung Neuzugezogener, wenig Angebote für Jugendliche nach der "
        "Schule, Eltern kleiner Kinder werden schlecht erreicht."
    ),
    Workshop.Kind.SECOND: (
        "Die Arbeitsgruppe priorisiert die Handlungsbedarfe und wählt Massnahmen aus dem Katalog bewährter "
        "Angebote. Zuständigkeiten und grobe Kosten werden festgehalten; die Fachstelle schreibt bis Ende "
        "Oktober den Programmentwurf."
    ),
}


def load_workshops_demo() -> KompaktDemoResult:
    result = KompaktDemoResult()
    office = Office.objects.filter(slug=D.OFFICE_SLUG).first()
    municipality = Municipality.objects.filter(bfs_number=OFTRINGEN_BFS, country="CH").first()
    if office is None or municipality is None:
        return result
    process, created = Process.objects.get_or_create(
        office=office,
        municipality=municipality,
        defaults={
            "status": Process.Status.ACTIVE,
            "municipal_contact_name": "Gemeindekanzlei Oftringen",
        },
    )
    (result.created if created else result.existing)["processes"] += 1
    existing = process.workshops.filter(kind__in=PLAN_KINDS).count()
    if existing:
        result.existing["workshops"] += existing
        return result
    proposal = workshop_plan_propose(
        process=process,
        earliest=EARLIEST,
        weekdays={1, 2, 3},
        start_time=datetime.time(18, 0),
        start_time_long=datetime.time(13, 30),
    )
    workshops = workshop_plan_accept(process=process, proposal=proposal, location=LOCATION, by=None)
    today = timezone.localdate()
    members = list(process.members.all())
    for workshop in workshops:
        workshop.agenda = AGENDAS[workshop.kind]
        held = timezone.localtime(workshop.starts_at).date() < today
        workshop.status = Workshop.Status.HELD if held else Workshop.Status.CONFIRMED
        if held:
            workshop.minutes = MINUTES[workshop.kind]
            workshop.invitations_sent_at = workshop.starts_at - datetime.timedelta(weeks=12)
        workshop.save(update_fields=["agenda", "status", "minutes", "invitations_sent_at"])
        if held:
            # Everyone came but one member each time (plausible, and the minutes say who was there).
            workshop.attendees.set(members[: len(members) - 1] if members else [])
    result.created["workshops"] += len(workshops)
    return result
