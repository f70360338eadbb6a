"""Rules of the implementation services and selectors: status notes, indicator bounds, QA attendee and
measure scoping, contribution limits, transitions and roles, the overview's badges and QA rhythm."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.kompakt.models import CantonContribution, IndicatorValue, Measure, Programme, QualityMeeting
from fachstelle.kompakt.selectors.implementation import (
    BELOW,
    NO_TARGET,
    NO_VALUE,
    QA_DUE,
    QA_NOT_ADOPTED,
    QA_OK,
    REACHED,
    canton_contribution_overview,
    implementation_overview,
    indicator_table,
    quality_state,
)
from fachstelle.kompakt.services.implementation import (
    canton_contribution_delete,
    canton_contribution_save,
    indicator_value_save,
    measure_status_set,
    quality_meeting_delete,
    quality_meeting_save,
)
from fachstelle.kompakt.tests.implementation_world import implementation_world

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def world(english, vocab):
    return implementation_world(vocab)


def messages_of(exc_info, field):
    return " ".join(exc_info.value.message_dict[field])


# --- Measure status -----------------------------------------------------------------------------------


def test_status_change_is_saved_and_audited(world):
    measure_status_set(measure=world.german, status="in_progress", note="Start im August", by=world.editor)
    world.german.refresh_from_db()
    assert (world.german.status, world.german.status_note) == ("in_progress", "Start im August")
    event = AuditEvent.objects.get(target_type="kompakt.measure", target_id=world.german.pk)
    assert event.office == world.office and "planned -> in_progress" in event.detail


@pytest.mark.parametrize("status", ("dropped", "postponed"))
def test_dropped_or_postponed_needs_a_note(world, status):
    with pytest.raises(ValidationError) as exc_info:
        measure_status_set(measure=world.german, status=status, note="  ", by=world.editor)
    assert "Say why the measure is" in messages_of(exc_info, "note")
    world.german.refresh_from_db()
    assert world.german.status == "planned"
    assert not AuditEvent.objects.exists()


def test_statistics_role_cannot_change_status(world):
    with pytest.raises(PermissionDenied):
        measure_status_set(measure=world.german, status="done", note="", by=world.statistics)


# --- Indicator values ---------------------------------------------------------------------------------


def test_value_is_recorded_and_corrected(world):
    indicator_value_save(indicator=world.participants, year=2024, value=D("18"), note="", by=world.editor)
    indicator_value_save(
        indicator=world.participants, year=2024, value=D("21"), note="korrigiert", by=world.counsellor
    )
    value = IndicatorValue.objects.get(indicator=world.participants)
    assert (value.value, value.note, value.reported_by) == (D("21"), "korrigiert", world.counsellor)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["create", "update"]


@pytest.mark.parametrize(("year", "ok"), ((2022, False), (2023, True), (2028, True), (2029, False)))
def test_year_must_lie_in_the_period_plus_minus_one(world, year, ok):
    if ok:
        indicator_value_save(indicator=world.participants, year=year, value=D("1"), note="", by=world.editor)
        return
    with pytest.raises(ValidationError) as exc_info:
        indicator_value_save(indicator=world.participants, year=year, value=D("1"), note="", by=world.editor)
    assert "between 2023 and 2028" in messages_of(exc_info, "year")
    assert not IndicatorValue.objects.exists()


def test_negative_value_is_refused(world):
    with pytest.raises(ValidationError) as exc_info:
        indicator_value_save(indicator=world.participants, year=2024, value=D("-1"), note="", by=world.editor)
    assert "cannot be negative" in messages_of(exc_info, "value")


@pytest.mark.parametrize(
    ("value", "ok"), ((D("0"), True), (D("100"), True), (D("100.01"), False), (D("-0.5"), False))
)
def test_percentage_lies_between_0_and_100(world, value, ok):
    if ok:
        indicator_value_save(indicator=world.completion, year=2024, value=value, note="", by=world.editor)
        return
    with pytest.raises(ValidationError) as exc_info:
        indicator_value_save(indicator=world.completion, year=2024, value=value, note="", by=world.editor)
    assert "between 0 and 100" in messages_of(exc_info, "value")


def test_indicator_table_has_the_period_and_extra_years_with_values(world):
    indicator_value_save(indicator=world.participants, year=2023, value=D("10"), note="", by=world.editor)
    table = indicator_table(programme=world.programme)
    assert table.years == [2023, 2024, 2025, 2026, 2027]
    first = table.rows[0]
    assert first.indicator == world.participants
    assert first.cells[0][1].value == D("10") and first.cells[1][1] is None


# --- Quality-assurance meetings -----------------------------------------------------------------------


def test_meeting_with_members_and_measures(world):
    meeting = quality_meeting_save(
        process=world.process,
        held_on=datetime.date(2025, 3, 10),
        attendees=[world.chair, world.member],
        measures_reviewed=[world.german],
        minutes="**Gut** gestartet",
        decisions="",
        by=world.editor,
    )
    assert set(meeting.attendees.all()) == {world.chair, world.member}
    assert list(meeting.measures_reviewed.all()) == [world.german]
    assert AuditEvent.objects.filter(action="create", target_type="kompakt.qualitymeeting").count() == 1


def test_attendees_from_another_process_are_refused(world):
    with pytest.raises(ValidationError) as exc_info:
        quality_meeting_save(
            process=world.process,
            held_on=datetime.date(2025, 3, 10),
            attendees=[world.chair, world.other_member],
            measures_reviewed=[world.other_measure],
            minutes="",
            decisions="",
            by=world.editor,
        )
    assert "Only members of this municipality's working group" in messages_of(exc_info, "attendees")
    assert "Only measures of this municipality's programme" in messages_of(exc_info, "measures_reviewed")
    assert not QualityMeeting.objects.exists()


def test_meeting_more_than_a_year_ahead_is_refused(world):
    today = datetime.date(2025, 6, 1)
    with pytest.raises(ValidationError) as exc_info:
        quality_meeting_save(
            process=world.process,
            held_on=datetime.date(2026, 6, 2),
            attendees=[],
            measures_reviewed=[],
            minutes="",
            decisions="",
            by=world.editor,
            today=today,
        )
    assert "more than a year in the future" in messages_of(exc_info, "held_on")
    quality_meeting_save(
        process=world.process,
        held_on=datetime.date(2026, 6, 1),
        attendees=[],
        measures_reviewed=[],
        minutes="",
        decisions="",
        by=world.editor,
        today=today,
    )


def test_meeting_delete_is_audited(world):
    meeting = QualityMeeting.objects.create(process=world.process, held_on=datetime.date(2025, 1, 1))
    quality_meeting_delete(meeting=meeting, by=world.editor)
    assert not QualityMeeting.objects.exists()
    assert AuditEvent.objects.filter(action="delete").count() == 1


def meeting_on(world, day):
    return QualityMeeting.objects.create(process=world.process, held_on=day)


def test_qa_due_when_none_since_adoption(world):
    meeting_on(world, datetime.date(2024, 1, 10))  # before the adoption on 1 March 2024
    state = quality_state(
        process=world.process,
        programme=world.programme,
        meetings=list(world.process.quality_meetings.all()),
        today=datetime.date(2024, 6, 1),
    )
    assert state.state == QA_DUE and state.last.held_on == datetime.date(2024, 1, 10)


def test_qa_ok_within_twelve_months_and_due_after(world):
    meetings = [meeting_on(world, datetime.date(2024, 9, 15))]
    ok = quality_state(
        process=world.process, programme=world.programme, meetings=meetings, today=datetime.date(2025, 9, 15)
    )
    assert ok.state == QA_OK and ok.next_due == datetime.date(2025, 9, 15)
    due = quality_state(
        process=world.process, programme=world.programme, meetings=meetings, today=datetime.date(2025, 9, 16)
    )
    assert due.state == QA_DUE


def test_qa_not_due_before_adoption(world):
    world.programme.status = Programme.Status.DRAFT
    state = quality_state(
        process=world.process, programme=world.programme, meetings=[], today=datetime.date(2030, 1, 1)
    )
    assert state.state == QA_NOT_ADOPTED


def test_future_meeting_is_planned_not_last(world):
    meetings = [meeting_on(world, datetime.date(2024, 5, 1)), meeting_on(world, datetime.date(2025, 5, 1))]
    state = quality_state(
        process=world.process, programme=world.programme, meetings=meetings, today=datetime.date(2025, 1, 1)
    )
    assert state.last.held_on == datetime.date(2024, 5, 1)
    assert state.next_planned.held_on == datetime.date(2025, 5, 1)


# --- Overview badges ----------------------------------------------------------------------------------


def test_overview_badges_reached_below_none(world):
    today = timezone.localdate()
    IndicatorValue.objects.create(indicator=world.participants, year=2024, value=D("45"))
    IndicatorValue.objects.create(indicator=world.participants, year=2025, value=D("30"))  # latest: below
    IndicatorValue.objects.create(indicator=world.completion, year=2024, value=D("80"))  # reached
    IndicatorValue.objects.create(indicator=world.waiting, year=2024, value=D("4"))  # falling target reached
    overview = implementation_overview(process=world.process, today=today)
    judgements = {ir.indicator.name: ir.judgement for row in overview.rows for ir in row.indicators}
    assert judgements == {
        "Teilnehmende pro Jahr": BELOW,
        "Abschlussquote": REACHED,
        "Wartende auf Erstgespräch": REACHED,
    }
    world.completion.values.all().delete()
    world.waiting.target = None
    world.waiting.save()
    overview = implementation_overview(process=world.process, today=today)
    judgements = {ir.indicator.name: ir.judgement for row in overview.rows for ir in row.indicators}
    assert judgements["Abschlussquote"] == NO_VALUE
    assert judgements["Wartende auf Erstgespräch"] == NO_TARGET


def test_overview_counts_all_and_filters_rows(world, vocab):
    Measure.objects.filter(pk=world.cafe.pk).update(status="dropped", status_note="kein Lokal")
    world.process.refresh_from_db()
    overview = implementation_overview(process=world.process, status="planned", today=timezone.localdate())
    assert {key: count for key, _label, count in overview.counts} == {
        "planned": 2,
        "in_progress": 0,
        "done": 0,
        "postponed": 0,
        "dropped": 1,
    }
    assert [row.measure for row in overview.rows] == [world.german, world.welcome]
    overview = implementation_overview(process=world.process, area_code="1.1", today=timezone.localdate())
    assert [row.measure for row in overview.rows] == [world.welcome]


# --- Canton contributions -----------------------------------------------------------------------------


def contribute(world, *, by=None, measure=None, year=2024, amount="4000", status="requested", **kwargs):
    return canton_contribution_save(
        measure=measure or world.german,
        year=year,
        amount=D(amount),
        status=status,
        by=by or world.editor,
        **kwargs,
    )


def test_request_and_decision_flow(world):
    contribution = contribute(world)
    assert contribution.status == "requested" and contribution.decided_on is None
    contribution = contribute(world, by=world.admin, status="approved", contribution=contribution)
    assert contribution.decided_on == timezone.localdate()
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, by=world.admin, status="paid", contribution=contribution)
    assert "Enter the date of the payment" in messages_of(exc_info, "paid_on")
    contribution = contribute(
        world, by=world.admin, status="paid", paid_on=datetime.date(2024, 11, 30), contribution=contribution
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.paid_on) == ("paid", datetime.date(2024, 11, 30))
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, by=world.admin, status="requested", contribution=contribution)
    assert "cannot go from" in messages_of(exc_info, "status")
    assert AuditEvent.objects.filter(target_type="kompakt.cantoncontribution").count() == 3


@pytest.mark.parametrize("role", ("editor", "counsellor"))
@pytest.mark.parametrize("status", ("approved", "paid", "rejected"))
def test_only_the_admin_decides(world, role, status):
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, by=getattr(world, role), status=status, paid_on=datetime.date(2024, 5, 1))
    assert "Only the office administrator" in messages_of(exc_info, "status")
    assert not CantonContribution.objects.exists()


def test_editor_cannot_change_a_decided_contribution(world):
    contribution = contribute(world, by=world.admin, status="approved")
    with pytest.raises(PermissionDenied):
        contribute(world, by=world.editor, amount="1", contribution=contribution)
    with pytest.raises(PermissionDenied):
        canton_contribution_delete(contribution=contribution, by=world.editor)
    canton_contribution_delete(contribution=contribution, by=world.admin)
    assert not CantonContribution.objects.exists()


def test_statistics_role_cannot_request(world):
    with pytest.raises(PermissionDenied):
        contribute(world, by=world.statistics)


def test_negative_amount_and_year_outside_period(world):
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, amount="-5", year=2030)
    assert "cannot be negative" in messages_of(exc_info, "amount")
    assert "between 2023 and 2028" in messages_of(exc_info, "year")


def test_one_contribution_per_measure_and_year(world):
    contribute(world, amount="1000")
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, amount="1000")
    assert "already a contribution for this measure in 2024" in messages_of(exc_info, "year")


def test_sum_over_years_must_stay_within_the_plan(world):
    contribute(world, year=2024, amount="6000")
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, year=2025, amount="4000.01")
    message = messages_of(exc_info, "amount")
    assert "CHF 10'000.01" in message and "CHF 10'000.00" in message
    contribute(world, year=2025, amount="4000")  # exactly the plan
    assert CantonContribution.objects.count() == 2


def test_rejected_contributions_do_not_count(world):
    contribution = contribute(world, year=2024, amount="8000")
    contribute(world, by=world.admin, status="rejected", contribution=contribution)
    contribute(world, year=2025, amount="9000")
    assert CantonContribution.objects.count() == 2


def test_exceeding_the_plan_needs_tick_and_note(world):
    with pytest.raises(ValidationError) as exc_info:
        contribute(world, measure=world.welcome, amount="3500", exceeds_plan_justified=True)
    assert "Give the reason" in messages_of(exc_info, "note")
    contribution = contribute(
        world, measure=world.welcome, amount="3500", exceeds_plan_justified=True, note="Zusatzanlass Ukraine"
    )
    assert contribution.note == "Zusatzanlass Ukraine"
    assert "exceeds plan" in AuditEvent.objects.get(target_id=contribution.pk).detail


def test_contribution_totals(world):
    contribute(
        world, year=2024, amount="2000", by=world.admin, status="paid", paid_on=datetime.date(2024, 12, 1)
    )
    contribute(world, year=2025, amount="3000", by=world.admin, status="approved")
    contribute(world, measure=world.welcome, year=2025, amount="1000")
    contribute(world, measure=world.cafe, year=2025, amount="500", by=world.admin, status="rejected")
    overview = canton_contribution_overview(programme=world.programme)
    assert (overview.requested, overview.approved, overview.paid) == (D("1000"), D("5000"), D("2000"))
    by_year = {y.year: (y.requested, y.approved, y.paid) for y in overview.years}
    assert by_year == {2024: (0, D("2000"), D("2000")), 2025: (D("1000"), D("3000"), 0)}
    german = overview.measures[0]
    assert german.measure == world.german and german.committed == D("5000") and not german.over_plan
    assert overview.planned == D("23000")
