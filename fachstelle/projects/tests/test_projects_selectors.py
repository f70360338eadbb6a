"""Reads: the list's milestone progress and filters, the upcoming milestones, the timeline data."""

import datetime

import pytest

from fachstelle.projects import selectors, services
from fachstelle.projects.models import Project

from .factories import make_project, projects_world

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 5, 15)


@pytest.fixture
def world(vocab):
    world = projects_world()
    world.vocab = vocab
    return world


def add_milestones(project, *specs):
    """specs: (title, due_on, done_on)."""
    for title, due_on, done_on in specs:
        services.milestone_add(project=project, title=title, due_on=due_on, done_on=done_on)


def rows(office, **filters):
    return list(
        selectors.project_queryset(office=office, filters=selectors.ProjectFilters(**filters), today=TODAY)
    )


def test_the_list_shows_progress_the_next_due_milestone_and_overdue_ones(world):
    project = make_project(office=world.office, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    add_milestones(
        project,
        ("Konzept", D(2026, 1, 31), D(2026, 1, 30)),
        ("Raum gefunden", D(2026, 2, 28), D(2026, 3, 2)),
        ("Flyer", D(2026, 4, 30), D(2026, 4, 29)),
        ("Start", D(2026, 5, 1), None),  # overdue on 15 May
        ("Zwischenbericht", D(2026, 7, 1), None),
    )
    make_project(office=world.office, title="Ohne Meilensteine")
    by_title = {p.title: p for p in rows(world.office)}
    cafe = by_title["Deutsch-Café für Frauen"]
    assert (cafe.milestone_done, cafe.milestone_total, cafe.milestone_overdue) == (3, 5, 1)
    assert (cafe.next_title, cafe.next_due_on) == ("Start", D(2026, 5, 1))
    empty = by_title["Ohne Meilensteine"]
    assert (empty.milestone_done, empty.milestone_total, empty.milestone_overdue, empty.next_due_on) == (
        0,
        0,
        0,
        None,
    )


def test_the_list_never_shows_another_office(world):
    make_project(office=world.other_office, title="Allschwil")
    mine = make_project(office=world.office, title="Zofingen")
    assert rows(world.office) == [mine]


def test_filters_by_status_role_kip_area_and_search(world):
    office, kip = world.office, world.vocab["kip"]
    running = make_project(office=office, title="Café", links={"promotion_areas": [kip["2.1"]]})
    planned = make_project(
        office=office,
        title="Elternabend",
        status=Project.Status.PLANNED,
        role=Project.Role.ACCOMPANIED,
        goal="Eltern informieren",
        links={"promotion_areas": [kip["2.1"], kip["2.2"]]},
    )
    assert rows(office, status=Project.Status.PLANNED) == [planned]
    assert rows(office, role=Project.Role.INITIATED) == [running]
    assert {p.pk for p in rows(office, promotion_area=kip["2.1"])} == {running.pk, planned.pk}
    assert rows(office, promotion_area=kip["2.2"]) == [planned]
    assert rows(office, q="eltern info") == [planned] and rows(office, q="Sprachkurs") == []


def test_the_year_filter_finds_every_project_running_in_that_year(world):
    office = world.office
    spanning = make_project(
        office=office, title="Über den Jahreswechsel", starts_on=D(2025, 10, 1), ends_on=D(2026, 3, 31)
    )
    open_ended = make_project(office=office, title="Ohne Ende", starts_on=D(2024, 5, 1))
    only_end = make_project(office=office, title="Nur Ende", ends_on=D(2025, 2, 1))
    make_project(office=office, title="Vorbei", starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    make_project(office=office, title="Ohne Daten")
    assert {p.title for p in rows(office, year=2026)} == {spanning.title, open_ended.title}
    assert {p.title for p in rows(office, year=2025)} == {spanning.title, open_ended.title, only_end.title}


def test_upcoming_milestones_are_the_open_ones_of_the_next_30_days_and_the_overdue(world):
    office = world.office
    project = make_project(office=office)
    add_milestones(
        project,
        ("Überfällig", D(2026, 5, 1), None),
        ("Heute", TODAY, None),
        ("In 30 Tagen", TODAY + datetime.timedelta(days=30), None),
        ("In 31 Tagen", TODAY + datetime.timedelta(days=31), None),
        ("Erledigt", D(2026, 5, 20), D(2026, 5, 10)),
    )
    cancelled = make_project(office=office, title="Abgesagt", status=Project.Status.CANCELLED)
    add_milestones(cancelled, ("Abgesagt", D(2026, 5, 20), None))
    add_milestones(make_project(office=world.other_office), ("Fremd", D(2026, 5, 20), None))
    titles = [m.title for m in selectors.upcoming_milestones(office=office, today=TODAY)]
    assert titles == ["Überfällig", "Heute", "In 30 Tagen"]


def test_a_project_spanning_two_years_is_clipped_to_the_range(world):
    project = make_project(
        office=world.office, title="Über den Jahreswechsel", starts_on=D(2025, 10, 1), ends_on=D(2026, 3, 31)
    )
    add_milestones(
        project,
        ("Start", D(2025, 10, 1), D(2025, 10, 1)),  # before the range: not a marker
        ("Halbzeit", D(2026, 1, 15), None),
        ("Ende", D(2026, 3, 31), None),
    )
    data = selectors.timeline(office=world.office, start=D(2026, 1, 1), end=D(2026, 12, 31), today=TODAY)
    (row,) = data.rows
    assert (row.start, row.end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert row.clipped_start and not row.clipped_end
    assert row.offset == 0
    assert row.width == round(90 * 100 / 365, 3)  # 1 Jan – 31 Mar: 90 days of 365
    assert [m.milestone.title for m in row.markers] == ["Halbzeit", "Ende"]
    assert [m.overdue for m in row.markers] == [True, True]
    assert row.markers[0].offset == round(14 * 100 / 365, 3)
    assert row.overdue_count == 2

    earlier = selectors.timeline(office=world.office, start=D(2025, 1, 1), end=D(2025, 12, 31), today=TODAY)
    (row,) = earlier.rows
    assert (row.start, row.end, row.clipped_start, row.clipped_end) == (
        D(2025, 10, 1),
        D(2025, 12, 31),
        False,
        True,
    )
    assert [m.milestone.title for m in row.markers] == ["Start"]
    assert earlier.today_offset is None


def test_the_timeline_has_months_a_today_line_and_open_ended_projects(world):
    make_project(office=world.office, title="Ohne Ende", starts_on=D(2026, 7, 1))
    make_project(office=world.office, title="Ohne Daten")
    make_project(office=world.other_office, title="Fremd", starts_on=D(2026, 1, 1))
    data = selectors.timeline(office=world.office, start=D(2026, 1, 1), end=D(2026, 12, 31), today=TODAY)
    assert len(data.months) == 12 and data.months[1].days == 28
    assert sum(m.days for m in data.months) == 365 == data.total_days
    assert data.today_offset == round(134 * 100 / 365, 3)
    (row,) = data.rows
    assert row.project.title == "Ohne Ende" and row.end == D(2026, 12, 31) and row.clipped_end


def test_the_timeline_of_a_date_range_cuts_months(world):
    make_project(office=world.office, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    data = selectors.timeline(office=world.office, start=D(2026, 3, 15), end=D(2026, 5, 10), today=TODAY)
    assert [(m.first_day, m.days) for m in data.months] == [
        (D(2026, 3, 15), 17),
        (D(2026, 4, 1), 30),
        (D(2026, 5, 1), 10),
    ]
    (row,) = data.rows
    assert (row.offset, row.width) == (0, 100.0)
    assert row.clipped_start and row.clipped_end


def test_cancelled_projects_have_no_overdue_milestones(world):
    project = make_project(office=world.office, status=Project.Status.CANCELLED, starts_on=D(2026, 1, 1))
    add_milestones(project, ("Nie", D(2026, 2, 1), None))
    (row,) = selectors.timeline(
        office=world.office, start=D(2026, 1, 1), end=D(2026, 12, 31), today=TODAY
    ).rows
    assert row.overdue_count == 0 and not row.markers[0].overdue
