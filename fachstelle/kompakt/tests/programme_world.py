"""Test data of the programme pages: the portrait's statistics world plus a process for Oftringen with
needs for action, a catalogue entry of a cantonal office and a process of another office."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from fachstelle.core.models import Office
from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.kompakt.models import CatalogueEntry, Measure, NeedForAction, Process
from fachstelle.kompakt.tests.portrait_world import statistics_world

TODAY = datetime.date(2026, 5, 4)  # programmes created "today" run 2027–2030


def programme_world(vocab):
    world = statistics_world()
    kip = vocab["kip"]
    process = Process.objects.create(office=world.office, municipality=world.oftringen, lead=world.editor)
    needs = [
        NeedForAction.objects.create(
            process=process,
            promotion_area=kip["2.1"],
            title="Deutschkurse mit Kinderbetreuung",
            rationale="Mütter kleiner Kinder erreichen die Kurse nicht.",
            priority=NeedForAction.Priority.HIGH,
        ),
        NeedForAction.objects.create(
            process=process,
            promotion_area=kip["2.1"],
            title="Kursangebot am Abend",
            priority=NeedForAction.Priority.LOW,
        ),
        NeedForAction.objects.create(
            process=process,
            promotion_area=kip["1.1"],
            title="Erstinformation für Zugezogene",
            priority=NeedForAction.Priority.MEDIUM,
        ),
    ]
    canton = OfficeFactory(short_name="Kanton AG", kind=Office.Kind.CANTONAL)
    entry = CatalogueEntry.objects.create(
        office=canton,
        title="Elterncafé mit Kinderbetreuung",
        summary="Ein niederschwelliger Treffpunkt für Eltern mit Deutschpraxis.",
        promotion_area=kip["2.1"],
        cost_min=Decimal("3000"),
        cost_max=Decimal("8000"),
        cost_note="Raummiete und Moderation",
    )
    entry.target_groups.set([vocab["targets"][slug] for slug in list(vocab["targets"])[:1]])
    hidden_entry = CatalogueEntry.objects.create(
        office=canton,
        title="Unveröffentlicht",
        summary="Noch in Arbeit.",
        promotion_area=kip["2.1"],
        is_published=False,
    )
    foreign_process = Process.objects.create(office=world.other_office, municipality=world.oftringen)
    return SimpleNamespace(
        **vars(world),
        kip=kip,
        process=process,
        needs=needs,
        canton=canton,
        entry=entry,
        hidden_entry=hidden_entry,
        foreign_process=foreign_process,
    )


def measure_fields(world, **overrides) -> dict:
    """Valid fields of a measure form (service level)."""
    fields = {
        "title": "Elterncafé",
        "description": "",
        "promotion_area": world.kip["2.1"],
        "goal": None,
        "need": None,
        "responsible": "Gemeinde Oftringen",
        "partners": "",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2028, 12, 31),
        "cost_once": Decimal("1000"),
        "cost_yearly": Decimal("2000"),
        "funding_municipality": Decimal("0"),
        "funding_canton": Decimal("0"),
        "funding_third_party": Decimal("0"),
        "funding_note": "",
        "priority": Measure._meta.get_field("priority").default,
    }
    fields.update(overrides)
    return fields
