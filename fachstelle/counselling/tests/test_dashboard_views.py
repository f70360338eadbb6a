"""The counsellor's desk: what it shows, to whom, with a pinned number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import Language
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import FollowUp
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    ClientFactory,
    CounsellingSessionFactory,
    InterpreterBookingFactory,
    counselling_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    return counselling_world()


def dashboard_url(office):
    return reverse("counselling:dashboard", kwargs={"office_slug": office.slug})


def fill_desk(world, *, cases: int, prefix: str = "Person"):
    language, _created = Language.objects.get_or_create(code="ti-test", defaults={"name": "Tigrinya (Test)"})
    for number in range(cases):
        client = ClientFactory(office=world.office, counsellor=world.counsellor, name=f"{prefix} {number}")
        case = CaseFactory(office=world.office, counsellor=world.counsellor, client=client)
        CounsellingSessionFactory(case=case, held_on=TODAY - DAY)
        FollowUp.objects.create(case=case, due_on=TODAY - DAY, note=f"Rückruf {number}")
        InterpreterBookingFactory(office=world.office, case=case, language=language, date=TODAY + DAY)


def test_the_desk_shows_my_cases_reminders_and_bookings(client, world):
    fill_desk(world, cases=2)
    colleague_case = CaseFactory(
        office=world.office,
        counsellor=world.colleague,
        client=ClientFactory(office=world.office, counsellor=world.colleague, name="Fremde Person"),
    )
    FollowUp.objects.create(case=colleague_case, due_on=TODAY, note="Nicht meins")
    login_verified(client, world.counsellor)
    response = client.get(dashboard_url(world.office))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Person 0" in content and "Person 1" in content
    assert "Rückruf 0" in content and "overdue" in content
    assert "Tigrinya (Test)" in content
    assert "Fremde Person" not in content and "Nicht meins" not in content
    # The quick search box sends to the case list.
    assert reverse("counselling:case_list", kwargs={"office_slug": world.office.slug}) in content
    assert 'name="q"' in content


@pytest.mark.parametrize("cases", [1, 25])
def test_dashboard_query_count_is_constant(client, world, django_assert_num_queries, cases):
    fill_desk(world, cases=cases)
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership role; the case ids shared with me; my open cases
    # (client joined, session statistics as subqueries); due follow-ups (case and client joined);
    # bookings of the next 14 days (interpreter, language, case, client joined); the session saved
    # (savepoint, update, release).
    with django_assert_num_queries(12):
        response = client.get(dashboard_url(world.office))
    assert response.status_code == 200
    assert ("More open cases" in response.content.decode()) == (cases > 20)


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("colleague", 200), ("editor", 403), ("statistics", 403)]
)
def test_dashboard_roles(client, world, who, status):
    login_verified(client, getattr(world, who))
    assert client.get(dashboard_url(world.office)).status_code == status


def test_dashboard_requires_login(client, world):
    response = client.get(dashboard_url(world.office))
    assert response.status_code == 302
