"""Services of needs, minutes and the catalogue called directly (the rules hold without the forms):
attendees and workshops of the own process only, cost range ordered, keywords cleaned, only a canton-level
office maintains the catalogue; nothing half-written."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fachstelle.core.models import AuditEvent
from fachstelle.kompakt.models import CatalogueEntry, NeedForAction
from fachstelle.kompakt.services.catalogue import (
    catalogue_entry_create,
    catalogue_entry_update,
    catalogue_keywords_parse,
)
from fachstelle.kompakt.services.needs import need_create, need_update, workshop_minutes_save
from fachstelle.kompakt.tests.needs_world import make_entry, make_need, needs_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return needs_world(vocab)


def test_minutes_refuse_a_member_of_another_process(world):
    with pytest.raises(ValidationError) as error:
        workshop_minutes_save(
            workshop=world.workshop,
            by=world.editor,
            minutes="Neu",
            areas=[world.kip["2.1"]],
            attendees=[world.chair, world.stranger],
        )
    assert "attendees" in error.value.message_dict
    world.workshop.refresh_from_db()
    assert world.workshop.minutes == "" and not world.workshop.areas_discussed.exists()
    assert not AuditEvent.objects.exists()


def test_need_refuses_a_workshop_of_another_process(world):
    fields = {"promotion_area": world.kip["2.1"], "title": "Bedarf", "workshop": world.foreign_workshop}
    with pytest.raises(ValidationError) as error:
        need_create(process=world.process, by=world.editor, fields=fields)
    assert "workshop" in error.value.message_dict
    assert not NeedForAction.objects.exists()


def test_need_update_keeps_the_old_values_on_bad_input(world):
    need = make_need(process=world.process, area=world.kip["2.1"], title="Alt")
    with pytest.raises(ValidationError):
        need_update(need=need, by=world.editor, fields={"title": "", "priority": "urgent"})
    need.refresh_from_db()
    assert (need.title, need.priority) == ("Alt", "medium")


def test_keywords_parse():
    assert catalogue_keywords_parse(" Elterncafé , elterncafé;Treff\n\n, ") == ["Elterncafé", "Treff"]
    assert catalogue_keywords_parse("") == []
    with pytest.raises(ValidationError):
        catalogue_keywords_parse("x" * 61)


def test_only_a_cantonal_office_creates_entries(world):
    fields = {"title": "Eintrag", "summary": "Kurz", "promotion_area": world.kip["2.1"]}
    with pytest.raises(ValidationError):
        catalogue_entry_create(office=world.office, by=world.editor, fields=fields)
    entry = catalogue_entry_create(office=world.canton, by=world.canton_editor, fields=fields)
    assert entry.office == world.canton


def test_reversed_cost_range_refused_before_the_database(world):
    entry = make_entry(office=world.canton, area=world.kip["2.1"], cost_min=Decimal("100"))
    with pytest.raises(ValidationError) as error:
        catalogue_entry_update(
            entry=entry,
            by=world.canton_editor,
            fields={"cost_min": Decimal("500"), "cost_max": Decimal("10")},
        )
    assert error.value.message_dict["cost_max"] == ["The upper cost must not be lower than the lower cost."]
    entry.refresh_from_db()
    assert entry.cost_min == Decimal("100") and entry.cost_max is None
    assert CatalogueEntry.objects.count() == 1
