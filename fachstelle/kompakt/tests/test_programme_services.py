"""Programme services and selectors: the prefilled draft, measures and their rules, the catalogue, the
budget (hand-worked numbers), the implementation grid, versions with their comparison, the status."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fachstelle.core.models import AuditEvent
from fachstelle.kompakt.models import Goal, Indicator, Measure, Programme, ProgrammeVersion
from fachstelle.kompakt.selectors.programme import (
    budget_for,
    measure_quarters,
    period_quarters,
    programme_budget,
    programme_document,
    programme_snapshot,
    version_compare,
)
from fachstelle.kompakt.services import programme as services
from fachstelle.kompakt.services.programme import IndicatorEntry
from fachstelle.kompakt.tests.programme_world import TODAY, measure_fields, programme_world

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def world(english, vocab):
    return programme_world(vocab)


@pytest.fixture
def programme(world):
    return services.programme_create(process=world.process, by=world.editor, today=TODAY)


def m(starts=None, ends=None, once="0", yearly="0", municipality="0", canton="0", third="0"):
    """A measure-like object for the budget maths (not saved)."""
    return Measure(
        starts_on=starts,
        ends_on=ends,
        cost_once=D(once),
        cost_yearly=D(yearly),
        funding_municipality=D(municipality),
        funding_canton=D(canton),
        funding_third_party=D(third),
    )


# --- Draft ----------------------------------------------------------------------------------------------


def test_create_prefills_title_period_texts_and_goals(world, programme):
    assert programme.title == "Kommunales Integrationsprogramm Oftringen 2027–2030"
    assert (programme.period_start, programme.period_end) == (2027, 2030)
    assert "{population}" in programme.starting_point  # filled in when shown
    # Challenges: by area code (1.1 before 2.1), within an area high priority first.
    challenges = programme.challenges
    assert challenges.index("Erstinformation") < challenges.index("Deutschkurse") < challenges.index("Abend")
    assert "hohe Priorität" in challenges and "Mütter kleiner Kinder" in challenges
    goals = list(programme.goals.order_by("position"))
    assert [g.promotion_area.code for g in goals] == ["1.1", "2.1"]
    assert set(goals[1].needs.all()) == {world.needs[0], world.needs[1]}
    assert AuditEvent.objects.filter(target_type="kompakt.programme", action="create").count() == 1


def test_create_twice_is_refused_clearly(world, programme):
    with pytest.raises(ValidationError, match="already has a programme"):
        services.programme_create(process=world.process, by=world.editor, today=TODAY)
    assert Programme.objects.count() == 1


def test_create_without_needs_or_statistics(world):
    from fachstelle.kompakt.models import PopulationFigure

    world.process.needs.all().delete()
    PopulationFigure.objects.filter(municipality=world.oftringen).delete()
    programme = services.programme_create(process=world.process, by=world.editor, today=TODAY)
    assert programme.goals.count() == 0 and programme.challenges == ""
    assert "{population}" not in programme.starting_point and "Oftringen" in programme.starting_point


def test_view_fills_placeholders_with_the_newest_statistics(world, programme):
    from fachstelle.kompakt.selectors.programme import programme_view

    view = programme_view(programme)
    assert view.document.statistics_year == 2024
    assert "510" in view.starting_point and "{population}" not in view.starting_point
    assert ("Population", "510") in view.key_figures


# --- Budget ---------------------------------------------------------------------------------------------


def test_budget_by_year_and_source_hand_worked():
    """Period 2027–2030.
    A: 2027-03 … 2028-12, one-off 1000, yearly 2000 → total 1000 + 2×2000 = 5000: 2027 3000, 2028 2000;
       canton 2500 (half) → 1500 / 1000; municipality 1000 (a fifth) → 600 / 400.
    B: open dates (whole period), yearly 500 → 2000; third parties 400 → 100 a year.
    C: 2026-01 … 2027-12 (starts before the period): only 2027 counts: one-off 300 + yearly 1200 = 1500.
    D: 2032 (wholly after the period): not budgeted."""
    measures = [
        m(
            datetime.date(2027, 3, 1),
            datetime.date(2028, 12, 31),
            "1000",
            "2000",
            municipality="1000",
            canton="2500",
        ),
        m(yearly="500", third="400"),
        m(datetime.date(2026, 1, 1), datetime.date(2027, 12, 31), once="300", yearly="1200"),
        m(datetime.date(2032, 1, 1), datetime.date(2032, 12, 31), once="999", yearly="999"),
    ]
    budget = budget_for(measures, 2027, 2030)
    rows = {row.year: row for row in budget.rows}
    assert list(rows) == [2027, 2028, 2029, 2030]
    assert (rows[2027].cost, rows[2027].municipality, rows[2027].canton, rows[2027].third_party) == (
        D("5000"),
        D("600"),
        D("1500"),
        D("100"),
    )
    assert rows[2027].open == D("2800")
    assert (rows[2028].cost, rows[2028].municipality, rows[2028].canton, rows[2028].open) == (
        D("2500"),
        D("400"),
        D("1000"),
        D("1000"),
    )
    assert (rows[2029].cost, rows[2029].third_party, rows[2029].open) == (D("500"), D("100"), D("400"))
    total = budget.total
    assert (total.cost, total.municipality, total.canton, total.third_party, total.open) == (
        D("8500"),
        D("1000"),
        D("2500"),
        D("400"),
        D("4600"),
    )


def test_budget_rounding_rests_fall_into_the_last_year():
    # 3 years of 100, canton 100 → 33.33, 33.33, 33.34: the sum stays exactly 100.
    budget = budget_for([m(yearly="100", canton="100")], 2027, 2029)
    assert [row.canton for row in budget.rows] == [D("33.33"), D("33.33"), D("33.34")]
    assert budget.total.canton == D("100")


def test_programme_budget_reads_saved_measures(world, programme):
    services.measure_save(
        programme=programme, by=world.editor, fields=measure_fields(world, funding_canton=D("2500"))
    )
    budget = programme_budget(programme)
    assert budget.total.cost == D("5000") and budget.total.canton == D("2500")


def test_quarters_grid():
    quarters = period_quarters(2027, 2028)
    assert len(quarters) == 8
    assert quarters[0].starts_on == datetime.date(2027, 1, 1) and quarters[0].ends_on == datetime.date(
        2027, 3, 31
    )
    assert quarters[3].ends_on == datetime.date(2027, 12, 31)
    grid = measure_quarters(m(datetime.date(2027, 5, 1), datetime.date(2027, 11, 15)), quarters)
    assert grid == [False, True, True, True, False, False, False, False]
    assert all(measure_quarters(m(), quarters))


# --- Measures -------------------------------------------------------------------------------------------


def test_measure_with_indicators_and_warning_outside_the_period(world, programme):
    result = services.measure_save(
        programme=programme,
        by=world.editor,
        fields=measure_fields(world, ends_on=datetime.date(2031, 6, 30)),
        target_groups=[],
        indicators=[
            IndicatorEntry(
                name="Teilnehmende pro Jahr",
                unit="Personen",
                baseline=D("0"),
                target=D("40"),
                target_year=2030,
            ),
            IndicatorEntry(),  # an empty row is ignored
        ],
    )
    assert result.measure.indicators.count() == 1
    assert result.warnings and "outside the programme period 2027–2030" in result.warnings[0]
    assert AuditEvent.objects.filter(target_type="kompakt.measure", action="create").exists()
    # Edit: the indicator is changed in place (its reported values stay), a new one added.
    indicator = result.measure.indicators.get()
    services.measure_save(
        programme=programme,
        by=world.editor,
        measure=result.measure,
        fields=measure_fields(world),
        indicators=[
            IndicatorEntry(id=indicator.pk, name="Teilnehmende", target=D("50")),
            IndicatorEntry(name="Kurse", target=D("4")),
        ],
    )
    assert Indicator.objects.filter(pk=indicator.pk, name="Teilnehmende", target=D("50")).exists()
    assert result.measure.indicators.count() == 2
    # Remove one.
    services.measure_save(
        programme=programme,
        by=world.editor,
        measure=result.measure,
        fields=measure_fields(world),
        indicators=[IndicatorEntry(id=indicator.pk, name="Teilnehmende", delete=True)],
    )
    assert list(result.measure.indicators.values_list("name", flat=True)) == ["Kurse"]


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    (
        ({"ends_on": datetime.date(2026, 12, 31)}, "ends_on", "The end must not be before the start."),
        (
            {"funding_canton": D("4000"), "funding_municipality": D("1001")},
            "__all__",
            "exceeds the measure's total cost",
        ),
        ({"cost_once": D("-1")}, "__all__", "cannot be negative"),
        ({"title": ""}, "title", "This field cannot be blank."),
    ),
)
def test_measure_rules(world, programme, overrides, key, message):
    with pytest.raises(ValidationError) as caught:
        services.measure_save(programme=programme, by=world.editor, fields=measure_fields(world, **overrides))
    assert any(message in text for text in caught.value.message_dict[key])
    assert not Measure.objects.exists()


def test_funding_message_names_the_amounts(world, programme):
    with pytest.raises(ValidationError) as caught:
        services.measure_save(
            programme=programme, by=world.editor, fields=measure_fields(world, funding_canton=D("5000.50"))
        )
    text = caught.value.message_dict["__all__"][0]
    assert "CHF 5’000.50" in text and "CHF 5’000.00" in text and "2 year(s)" in text


def test_indicator_without_name_is_refused_and_nothing_saved(world, programme):
    with pytest.raises(ValidationError) as caught:
        services.measure_save(
            programme=programme,
            by=world.editor,
            fields=measure_fields(world),
            indicators=[IndicatorEntry(unit="Personen", target=D("3"))],
        )
    assert "Indicator 1: enter a name" in caught.value.message_dict["indicators"][0]
    assert not Measure.objects.exists()


def test_goal_and_need_of_another_process_are_refused(world, programme, vocab):
    from fachstelle.kompakt.models import NeedForAction

    foreign_need = NeedForAction.objects.create(
        process=world.foreign_process, promotion_area=world.kip["2.1"], title="Fremd"
    )
    with pytest.raises(ValidationError) as caught:
        services.measure_save(
            programme=programme, by=world.editor, fields=measure_fields(world, need=foreign_need)
        )
    assert "need" in caught.value.message_dict


# --- Goals ----------------------------------------------------------------------------------------------


def test_goals_add_move_delete(world, programme):
    goal = services.goal_save(
        programme=programme,
        by=world.editor,
        fields={"title": "Zusammenleben stärken", "promotion_area": None},
    )
    titles = lambda: list(programme.goals.order_by("position", "pk").values_list("title", flat=True))  # noqa: E731
    assert titles()[-1] == "Zusammenleben stärken"
    services.goal_move(goal=goal, by=world.editor, direction="up")
    assert titles()[1] == "Zusammenleben stärken"
    services.goal_move(goal=Goal.objects.get(pk=goal.pk), by=world.editor, direction="up")
    services.goal_move(goal=Goal.objects.get(pk=goal.pk), by=world.editor, direction="up")  # already first
    assert titles()[0] == "Zusammenleben stärken"
    result = services.measure_save(
        programme=programme, by=world.editor, fields=measure_fields(world, goal=goal)
    )
    services.goal_delete(goal=goal, by=world.editor)
    result.measure.refresh_from_db()
    assert result.measure.goal is None  # the measure stays


# --- Catalogue ------------------------------------------------------------------------------------------


def test_measure_from_catalogue_creates_the_draft_and_copies(world):
    measure = services.measure_add_from_catalogue(
        process=world.process, entry=world.entry, need=world.needs[0], by=world.editor
    )
    assert measure.programme.process == world.process
    assert measure.title == "Elterncafé mit Kinderbetreuung"
    assert measure.description.startswith("Ein niederschwelliger Treffpunkt")
    assert measure.cost_yearly == D("8000") and measure.responsible == "Gemeinde Oftringen"
    assert measure.catalogue_entry == world.entry and measure.need == world.needs[0]
    assert measure.priority == "high"
    assert measure.goal is not None and world.needs[0] in measure.goal.needs.all()
    assert list(measure.target_groups.all()) == list(world.entry.target_groups.all())


def test_measure_from_catalogue_twice_is_refused(world):
    services.measure_add_from_catalogue(process=world.process, entry=world.entry, by=world.editor)
    with pytest.raises(ValidationError, match="already a measure of the programme"):
        services.measure_add_from_catalogue(process=world.process, entry=world.entry, by=world.editor)
    assert Measure.objects.count() == 1


def test_unpublished_entry_and_foreign_need_are_refused(world):
    with pytest.raises(ValidationError):
        services.measure_add_from_catalogue(process=world.process, entry=world.hidden_entry, by=world.editor)
    with pytest.raises(ValidationError):
        services.measure_add_from_catalogue(
            process=world.foreign_process, entry=world.entry, need=world.needs[0], by=world.editor
        )
    assert not Programme.objects.exists()


# --- Versions and status --------------------------------------------------------------------------------


def test_versions_are_numbered_and_snapshot_everything(world, programme):
    services.measure_save(
        programme=programme,
        by=world.editor,
        fields=measure_fields(world),
        indicators=[IndicatorEntry(name="Teilnehmende", target=D("40"))],
    )
    first = services.programme_version_save(programme=programme, by=world.editor, comment="Nach Workshop 2")
    second = services.programme_version_save(programme=programme, by=world.editor, comment="")
    assert (first.number, second.number) == (1, 2)
    snapshot = first.snapshot
    assert snapshot["title"] == programme.title and snapshot["statistics_year"] == 2024
    assert snapshot["measures"][0]["cost_yearly"] == "2000.00"
    assert snapshot["measures"][0]["indicators"][0]["name"] == "Teilnehmende"
    assert len(snapshot["goals"]) == 2 and len(snapshot["needs"]) == 3
    doc = programme_document(snapshot)
    assert doc.measures[0].total_cost == D("5000") and doc.budget.total.cost == D("5000")


def test_compare_versions(world, programme):
    result = services.measure_save(programme=programme, by=world.editor, fields=measure_fields(world))
    services.measure_save(
        programme=programme, by=world.editor, fields=measure_fields(world, title="Wird entfernt")
    )
    before = programme_snapshot(programme)
    programme = services.programme_update(
        programme=programme, by=world.editor, fields={"summary": "Oftringen stärkt die Integration."}
    )
    services.measure_save(
        programme=programme,
        by=world.editor,
        measure=result.measure,
        fields=measure_fields(world, cost_yearly=D("2500"), responsible="Schule Oftringen"),
    )
    Measure.objects.filter(title="Wird entfernt").delete()
    services.measure_save(programme=programme, by=world.editor, fields=measure_fields(world, title="Neu"))
    comparison = version_compare(before, programme_snapshot(programme))
    summary = next(t for t in comparison.texts if t.key == "summary")
    assert summary.changed and summary.html.count("<ins>") == 1 and "stärkt" in summary.html
    assert comparison.measures_added == ["Neu"] and comparison.measures_removed == ["Wird entfernt"]
    changed = comparison.measures_changed[0]
    assert changed.title == "Elterncafé"
    assert ("yearly cost", "2000.00", "2500.00") in changed.fields
    assert ("responsible body", "Gemeinde Oftringen", "Schule Oftringen") in changed.fields
    assert comparison.changed
    assert not version_compare(before, before).changed


def test_diff_escapes_html(world, programme):
    before = programme_snapshot(programme)
    programme = services.programme_update(
        programme=programme, by=world.editor, fields={"summary": "<script>x</script>"}
    )
    comparison = version_compare(before, programme_snapshot(programme))
    html = next(t for t in comparison.texts if t.key == "summary").html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_status_flow_saves_versions(world, programme):
    version = services.programme_status_change(programme=programme, by=world.editor, status="submitted")
    assert version.number == 1 and version.snapshot["status"] == "submitted"
    with pytest.raises(ValidationError) as caught:
        services.programme_status_change(programme=programme, by=world.editor, status="adopted")
    assert set(caught.value.message_dict) == {"adopted_on", "adopted_by"}
    with pytest.raises(ValidationError, match="future"):
        services.programme_status_change(
            programme=programme,
            by=world.editor,
            status="adopted",
            adopted_on=datetime.date(2099, 1, 1),
            adopted_by="Gemeinderat",
        )
    version = services.programme_status_change(
        programme=programme,
        by=world.editor,
        status="adopted",
        adopted_on=datetime.date(2026, 3, 2),
        adopted_by="Gemeinderat",
    )
    programme.refresh_from_db()
    assert programme.status == "adopted" and programme.adopted_by == "Gemeinderat"
    assert version.number == 2 and version.snapshot["adopted_on"] == "2026-03-02"
    with pytest.raises(ValidationError, match="cannot become"):
        services.programme_status_change(programme=programme, by=world.editor, status="draft")
    assert ProgrammeVersion.objects.count() == 2


def test_programme_update_rules(world, programme):
    with pytest.raises(ValidationError) as caught:
        services.programme_update(
            programme=programme,
            by=world.editor,
            fields={"period_start": 2030, "period_end": 2027, "starting_point": "{einwohner}"},
        )
    errors = caught.value.message_dict
    assert "cannot end before it starts" in errors["period_end"][0]
    assert "Unknown placeholder: {einwohner}" in errors["starting_point"][0]
    with pytest.raises(ValidationError, match="at most 10 years"):
        services.programme_update(programme=programme, by=world.editor, fields={"period_end": 2040})
    programme.refresh_from_db()
    assert programme.period_end == 2030
