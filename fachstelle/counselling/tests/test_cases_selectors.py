"""The case list: visibility, filters, blind-token quick search, pagination and the desk's contents."""

import datetime

import pytest
from django.utils import timezone

from fachstelle.core.models import Language
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.counselling.models import Case, FollowUp, InterpreterBooking, Topic
from fachstelle.counselling.selectors.cases import (
    CaseFilters,
    Order,
    Scope,
    case_list_for_user,
    dashboard_for_user,
)
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    ClientFactory,
    CounsellingSessionFactory,
    InterpreterBookingFactory,
    counselling_world,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    return counselling_world()


def listed(user, office, **filters) -> list[Case]:
    return case_list_for_user(user=user, office=office, filters=CaseFilters(**filters)).cases


def case_for(world, name, *, counsellor=None, **fields):
    counsellor = counsellor or world.counsellor
    client = ClientFactory(office=world.office, counsellor=counsellor, name=name)
    return CaseFactory(office=world.office, counsellor=counsellor, client=client, **fields)


# --- Visibility ----------------------------------------------------------------------------------------


def test_a_colleague_sees_nothing_of_another_counsellors_cases(world):
    mine = case_for(world, "Ali Müller")
    assert listed(world.counsellor, world.office) == [mine]
    assert listed(world.colleague, world.office) == []
    assert listed(world.colleague, world.office, q="Müller") == []
    assert listed(world.editor, world.office) == []
    assert listed(world.statistics, world.office) == []
    assert listed(world.foreign_counsellor, world.other_office) == []


def test_shared_cases_are_visible_and_scopes_separate_them(world):
    mine = case_for(world, "Ali Müller")
    theirs = case_for(world, "Sara Haile", counsellor=world.colleague)
    theirs.shared_with.add(world.counsellor)
    assert set(listed(world.counsellor, world.office)) == {mine, theirs}
    assert listed(world.counsellor, world.office, scope=Scope.MINE) == [mine]
    assert listed(world.counsellor, world.office, scope=Scope.SHARED) == [theirs]


def test_an_admin_sees_all_cases_and_filters_by_counsellor(world):
    mine = case_for(world, "Ali Müller")
    theirs = case_for(world, "Sara Haile", counsellor=world.colleague)
    CaseFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    assert set(listed(world.admin, world.office)) == {mine, theirs}
    assert listed(world.admin, world.office, counsellor=world.colleague) == [theirs]
    # The counsellor filter is for admins only: a counsellor cannot widen their view with it.
    assert listed(world.counsellor, world.office, counsellor=world.colleague) == [mine]


# --- Quick search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["mül", "ali", "Ali Müller", "muller ALI", "MÜLLER", "al mu"])
def test_blind_token_search_finds_by_word_beginnings(world, term):
    ali = case_for(world, "Ali Müller")
    case_for(world, "Alina Meier")
    case_for(world, "Sara Haile")
    found = listed(world.counsellor, world.office, q=term)
    assert ali in found
    assert all("Haile" not in case.client.name for case in found)


def test_blind_token_search_needs_every_word(world):
    case_for(world, "Ali Müller")
    alina = case_for(world, "Alina Meier")
    assert listed(world.counsellor, world.office, q="ali mei") == [alina]
    assert listed(world.counsellor, world.office, q="müllerin") == []
    assert listed(world.counsellor, world.office, q="ller") == []  # whole tokens, not substrings


def test_search_by_reference(world):
    ali = case_for(world, "Ali Müller")
    case_for(world, "Sara Haile")
    assert listed(world.counsellor, world.office, q=ali.reference) == [ali]
    assert listed(world.counsellor, world.office, q=f"f{ali.pk}") == [ali]
    assert listed(world.counsellor, world.office, q=ali.client.reference) == [ali]


def test_a_term_too_short_to_search_finds_nothing(world):
    case_for(world, "Ali Müller")
    assert listed(world.counsellor, world.office, q="a") == []


# --- Filters, annotations, pagination ------------------------------------------------------------------


def test_filters_status_topic_municipality_and_dates(world):
    rothrist = world.office.municipalities.get()
    other = MunicipalityFactory()
    open_case = case_for(world, "A Eins", opened_on=TODAY - 10 * DAY, municipality=rothrist)
    waiting = case_for(
        world, "B Zwei", opened_on=TODAY - 40 * DAY, status=Case.Status.WAITING, municipality=other
    )
    closed = case_for(
        world,
        "C Drei",
        opened_on=TODAY - 90 * DAY,
        status=Case.Status.CLOSED,
        closed_on=TODAY - 5 * DAY,
        topics=list(Topic.objects.filter(slug="wohnen")),
    )
    user, office = world.counsellor, world.office
    assert listed(user, office, status="active") == [open_case, waiting]
    assert listed(user, office, status="closed") == [closed]
    assert listed(user, office, topic=Topic.objects.get(slug="wohnen")) == [closed]
    assert listed(user, office, municipality=rothrist) == [open_case]
    assert listed(user, office, opened_from=TODAY - 50 * DAY) == [open_case, waiting]
    assert listed(user, office, opened_to=TODAY - 50 * DAY) == [closed]
    assert listed(user, office, opened_from=TODAY - 50 * DAY, opened_to=TODAY - 20 * DAY) == [waiting]
    assert listed(user, office, order=Order.OLDEST) == [closed, waiting, open_case]


def test_session_count_and_last_session_are_annotated(world):
    busy = case_for(world, "A Eins", opened_on=TODAY - 60 * DAY)
    quiet = case_for(world, "B Zwei", opened_on=TODAY - 10 * DAY)
    CounsellingSessionFactory(case=busy, held_on=TODAY - 50 * DAY)
    CounsellingSessionFactory(case=busy, held_on=TODAY - 2 * DAY)
    rows = {case.pk: case for case in listed(world.counsellor, world.office)}
    assert (rows[busy.pk].session_count, rows[busy.pk].last_session_on) == (2, TODAY - 2 * DAY)
    assert (rows[quiet.pk].session_count, rows[quiet.pk].last_session_on) == (0, None)
    assert listed(world.counsellor, world.office, order=Order.ACTIVITY) == [busy, quiet]


def test_pagination_is_50_per_page_and_clamps_the_page(world):
    client = ClientFactory(office=world.office, counsellor=world.counsellor)
    CaseFactory.create_batch(51, office=world.office, counsellor=world.counsellor, client=client)
    first = case_list_for_user(user=world.counsellor, office=world.office, filters=CaseFilters())
    assert (len(first.cases), first.count, first.num_pages, first.has_next) == (50, 51, 2, True)
    last = case_list_for_user(user=world.counsellor, office=world.office, filters=CaseFilters(page=99))
    assert (len(last.cases), last.page, last.has_next, last.has_previous) == (1, 2, False, True)


# --- The desk ------------------------------------------------------------------------------------------


def test_dashboard_shows_my_open_cases_due_follow_ups_and_upcoming_bookings(world):
    language = Language.objects.create(code="ti-test", name="Tigrinya (Test)")
    recent = case_for(world, "A Eins", opened_on=TODAY - 60 * DAY)
    CounsellingSessionFactory(case=recent, held_on=TODAY - DAY)
    older = case_for(world, "B Zwei", opened_on=TODAY - 20 * DAY)
    case_for(world, "C Drei", status=Case.Status.CLOSED, closed_on=TODAY)
    shared = case_for(world, "D Vier", counsellor=world.colleague, opened_on=TODAY - 40 * DAY)
    shared.shared_with.add(world.counsellor)
    colleagues = case_for(world, "E Fünf", counsellor=world.colleague)

    overdue = FollowUp.objects.create(case=recent, due_on=TODAY - 2 * DAY, note="Anrufen")
    due = FollowUp.objects.create(case=older, due_on=TODAY + 3 * DAY, note="Dokument prüfen")
    FollowUp.objects.create(case=older, due_on=TODAY + 30 * DAY, note="später")
    FollowUp.objects.create(case=older, due_on=TODAY, note="erledigt", done_on=TODAY)
    FollowUp.objects.create(case=colleagues, due_on=TODAY, note="nicht meins")

    booking = InterpreterBookingFactory(
        office=world.office, case=recent, language=language, date=TODAY + 2 * DAY
    )
    InterpreterBookingFactory(office=world.office, case=recent, language=language, date=TODAY + 20 * DAY)
    InterpreterBookingFactory(
        office=world.office,
        case=recent,
        language=language,
        date=TODAY + DAY,
        status=InterpreterBooking.Status.CANCELLED,
    )
    InterpreterBookingFactory(office=world.office, case=colleagues, language=language, date=TODAY + DAY)

    desk = dashboard_for_user(user=world.counsellor, office=world.office)
    assert desk.open_cases == [recent, older, shared]
    assert desk.follow_ups == [overdue, due]
    assert desk.bookings == [booking]
    assert not desk.more_open_cases
