"""Staff-side event services: recurrence (DST-correct), validation, revision and sequence bookkeeping,
cancel, delete, duplicate, make own, translations."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from fachstelle.events.models import Event, EventTranslation, Registration
from fachstelle.events.services.events import (
    LOCAL_TZ,
    event_cancel,
    event_create,
    event_delete,
    event_duplicate,
    event_make_own,
    event_translation_save,
    event_update,
    make_local,
)

from .factories_staff import make_event, make_registration, staff_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return staff_world()


def fields(**overrides):
    starts_at = make_local(datetime.date.today() + datetime.timedelta(days=10), datetime.time(19, 0))
    values = {
        "title": "Deutschtreff",
        "summary": "Deutsch üben",
        "description": "Jeden Dienstag.",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "status": Event.Status.PUBLISHED,
    }
    values.update(overrides)
    return values


def test_weekly_series_keeps_the_local_time_across_the_change_to_winter_time(world, vocab):
    # 2030-10-27 is the last Sunday of October: summer time ends; the series runs from 15.10. to 12.11.
    starts_at = make_local(datetime.date(2030, 10, 15), datetime.time(19, 0))
    deadline = make_local(datetime.date(2030, 10, 14), datetime.time(12, 0))
    events = event_create(
        office=world.office,
        by=world.editor,
        fields=fields(
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            registration_deadline=deadline,
        ),
        m2m={"fields_of_action": [vocab["areas"]["sprache"]]},
        recurrence={"frequency": "weekly", "until": datetime.date(2030, 11, 12)},
    )
    assert len(events) == 5
    assert len({event.series for event in events}) == 1 and events[0].series is not None
    local_starts = [event.starts_at.astimezone(LOCAL_TZ) for event in events]
    assert [start.time() for start in local_starts] == [datetime.time(19, 0)] * 5
    assert [start.date().day for start in local_starts] == [15, 22, 29, 5, 12]
    # The UTC offset changes, the wall-clock time does not.
    assert local_starts[0].utcoffset() == datetime.timedelta(hours=2)
    assert local_starts[2].utcoffset() == datetime.timedelta(hours=1)
    assert all(e.ends_at.astimezone(LOCAL_TZ).time() == datetime.time(21, 0) for e in events)
    last = Event.objects.get(pk=events[-1].pk)
    assert last.registration_deadline.astimezone(LOCAL_TZ) == make_local(
        datetime.date(2030, 11, 11), datetime.time(12, 0)
    )
    assert list(last.fields_of_action.values_list("slug", flat=True)) == ["sprache"]


def test_monthly_and_biweekly_series_by_count(world):
    events = event_create(
        office=world.office,
        by=world.editor,
        fields=fields(),
        recurrence={"frequency": "biweekly", "count": 3},
    )
    days = [(e.starts_at - events[0].starts_at).days for e in events]
    assert days == [0, 14, 28]
    monthly = event_create(
        office=world.office, by=world.editor, fields=fields(), recurrence={"frequency": "monthly", "count": 4}
    )
    assert len(monthly) == 4


def test_a_series_has_at_most_52_dates(world):
    with pytest.raises(ValidationError) as error:
        event_create(
            office=world.office,
            by=world.editor,
            fields=fields(),
            recurrence={"frequency": "weekly", "until": datetime.date.today() + datetime.timedelta(days=800)},
        )
    assert "recurrence" in error.value.message_dict
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "overrides, key",
    [
        ({"ends_at": make_local(datetime.date(2030, 5, 1), datetime.time(18, 0))}, "ends_at"),
        (
            {"registration_deadline": make_local(datetime.date(2030, 5, 2), datetime.time(8, 0))},
            "registration_deadline",
        ),
    ],
)
def test_impossible_dates_are_refused_with_a_message_at_the_field(world, overrides, key):
    starts_at = make_local(datetime.date(2030, 5, 1), datetime.time(19, 0))
    values = fields(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1))
    values.update(overrides)
    with pytest.raises(ValidationError) as error:
        event_create(office=world.office, by=world.editor, fields=values)
    assert key in error.value.message_dict
    assert not Event.objects.exists()


def test_organiser_of_another_office_is_refused(world):
    from fachstelle.core.tests.factories import OrganisationFactory

    foreign = OrganisationFactory(office=world.other_office)
    with pytest.raises(ValidationError) as error:
        event_create(office=world.office, by=world.editor, fields=fields(organiser=foreign))
    assert "organiser" in error.value.message_dict


def test_capacity_cannot_drop_below_the_confirmed_people(world):
    event = make_event(world.office, capacity=10)
    make_registration(event, people=3)
    make_registration(event, people=2, name="Second")
    make_registration(event, people=4, name="Waiting", status=Registration.Status.WAITLISTED)
    with pytest.raises(ValidationError) as error:
        event_update(event=event, by=world.editor, fields={"capacity": 4})
    assert "5" in error.value.message_dict["capacity"][0]
    event.refresh_from_db()
    assert event.capacity == 10
    event_update(event=event, by=world.editor, fields={"capacity": 5})
    event.refresh_from_db()
    assert event.capacity == 5


def test_german_change_bumps_the_revision_unless_minor(world):
    event = make_event(world.office)
    assert event.source_revision == 1
    event = event_update(event=event, by=world.editor, fields={"title": "Deutschtreff neu"})
    assert event.source_revision == 2
    event = event_update(
        event=event, by=world.editor, fields={"title": "Deutschtreff Neu"}, minor_change=True
    )
    assert event.source_revision == 2
    # Not a translated field: no new revision.
    event = event_update(event=event, by=world.editor, fields={"capacity": 20})
    assert event.source_revision == 2


def test_dates_place_and_status_changes_bump_the_calendar_sequence(world):
    event = make_event(world.office)
    event = event_update(event=event, by=world.editor, fields={"summary": "Neu"})
    assert event.ics_sequence == 0
    event = event_update(event=event, by=world.editor, fields={"location_name": "Gemeindesaal"})
    assert event.ics_sequence == 1
    event = event_update(
        event=event, by=world.editor, fields={"ends_at": event.ends_at + datetime.timedelta(hours=1)}
    )
    assert event.ics_sequence == 2


def test_editing_an_imported_event_marks_it_edited_but_publishing_does_not(world):
    event = make_event(
        world.office, source=Event.Source.IMPORTED, status=Event.Status.DRAFT, external_uid="x@y"
    )
    event = event_update(event=event, by=world.editor, fields={"status": Event.Status.PUBLISHED})
    assert not event.edited_locally
    event = event_update(event=event, by=world.editor, fields={"title": "Anderer Titel"})
    assert event.edited_locally


def test_apply_to_series_changes_the_future_dates_but_not_their_times(world):
    events = event_create(
        office=world.office, by=world.editor, fields=fields(), recurrence={"frequency": "weekly", "count": 3}
    )
    event_update(
        event=events[0],
        by=world.editor,
        fields={"title": "Sprachcafé", "starts_at": events[0].starts_at},
        apply_to_series=True,
    )
    rows = list(Event.objects.filter(series=events[0].series).order_by("starts_at"))
    assert [row.title for row in rows] == ["Sprachcafé"] * 3
    assert [row.starts_at for row in rows] == [e.starts_at for e in events]


def test_cancel_tells_the_registrants_and_needs_a_reason(world, django_capture_on_commit_callbacks):
    event = make_event(world.office)
    make_registration(event)
    with pytest.raises(ValidationError):
        event_cancel(event=event, by=world.editor, note=" ")
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        event = event_cancel(event=event, by=world.editor, note="Die Leiterin ist krank.")
    assert event.status == Event.Status.CANCELLED and event.ics_sequence == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amina@example.org"]


def test_delete_only_without_registrations(world):
    event = make_event(world.office)
    make_registration(event, status=Registration.Status.CANCELLED)
    with pytest.raises(ValidationError):
        event_delete(event=event, by=world.editor)
    assert Event.objects.filter(pk=event.pk).exists()
    empty = make_event(world.office)
    event_delete(event=empty, by=world.editor)
    assert not Event.objects.filter(pk=empty.pk).exists()


def test_duplicate_is_a_draft_with_the_same_content(world, vocab):
    event = make_event(world.office, source=Event.Source.IMPORTED, external_uid="a@b", capacity=12)
    event.languages.set([vocab["languages"]["ar"]])
    make_registration(event)
    copy = event_duplicate(event=event, by=world.editor)
    assert copy.pk != event.pk and copy.status == Event.Status.DRAFT and copy.source == Event.Source.OWN
    assert copy.title == event.title and copy.capacity == 12 and copy.external_uid == ""
    assert list(copy.languages.all()) == [vocab["languages"]["ar"]]
    assert not copy.registrations.exists()


def test_make_own_keeps_the_feed_marker_and_refuses_own_events(world):
    event = make_event(world.office, source=Event.Source.IMPORTED, external_uid="a@b")
    event = event_make_own(event=event, by=world.editor)
    assert event.source == Event.Source.OWN and event.edited_locally and event.external_uid == "a@b"
    with pytest.raises(ValidationError):
        event_make_own(event=event, by=world.editor)


def test_translation_is_outdated_after_a_german_change(world):
    event = make_event(world.office)
    translation = event_translation_save(
        event=event, language="fr", by=world.editor, fields={"title": "Café des langues"}, state="done"
    )
    assert translation.source_revision == 1
    event_update(event=event, by=world.editor, fields={"description": "Neu jeden Mittwoch."})
    translation.refresh_from_db()
    assert translation.status_for(Event.objects.get(pk=event.pk).source_revision) == "outdated"
    with pytest.raises(ValidationError):
        event_translation_save(event=event, language="de", by=world.editor, fields={"title": "x"})
    with pytest.raises(ValidationError) as error:
        event_translation_save(
            event=event, language="it", by=world.editor, fields={"title": ""}, state="done"
        )
    assert "title" in error.value.message_dict
    assert not EventTranslation.objects.filter(language="it").exists()


def test_all_day_events_run_from_midnight_to_the_end_of_the_last_day(world):
    starts_at = make_local(datetime.date(2030, 6, 1), datetime.time(10, 0))
    [event] = event_create(
        office=world.office,
        by=world.editor,
        fields=fields(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(days=1), all_day=True),
    )
    assert event.starts_at.astimezone(LOCAL_TZ).time() == datetime.time(0, 0)
    assert event.ends_at.astimezone(LOCAL_TZ) == make_local(datetime.date(2030, 6, 2), datetime.time(23, 59))
    assert timezone.is_aware(event.starts_at)
