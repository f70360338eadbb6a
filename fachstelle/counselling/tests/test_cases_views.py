"""Case pages: the role matrix (with its audit entries), forms meeting bad input, the edit conflict, and
query-count pins of the list and the case page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.factories import OfferFactory, OrganisationFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import Case, CounsellingSession, FollowUp, Referral, Topic
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    ClientFactory,
    CounsellingSessionFactory,
    counselling_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    return counselling_world()


@pytest.fixture
def case(world):
    client = ClientFactory(office=world.office, counsellor=world.counsellor, name="Ali Müller")
    return CaseFactory(
        office=world.office, counsellor=world.counsellor, client=client, opened_on=TODAY - 30 * DAY
    )


def url(name, office, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": office.slug, **kwargs})


def as_user(client, user):
    login_verified(client, user)
    return client


def audit(case, action):
    return AuditEvent.objects.filter(target_type="counselling.case", target_id=case.pk, action=action)


# --- Role matrix ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "action"),
    [
        ("counsellor", 200, AuditEvent.Action.VIEW),
        ("admin", 200, AuditEvent.Action.VIEW),
        ("colleague", 403, AuditEvent.Action.DENIED),
        ("editor", 403, None),
        ("statistics", 403, None),
    ],
)
def test_case_detail_role_matrix(client, world, case, who, status, action):
    user = getattr(world, who)
    response = as_user(client, user).get(url("case_detail", world.office, case_id=case.pk))
    assert response.status_code == status
    if action:
        assert audit(case, action).filter(actor=user).count() == 1
    if status != 200:
        assert b"M\xc3\xbcller" not in response.content
        assert not audit(case, AuditEvent.Action.VIEW).exists()


def test_a_shared_case_opens_for_the_colleague(client, world, case):
    case.shared_with.add(world.colleague)
    response = as_user(client, world.colleague).get(url("case_detail", world.office, case_id=case.pk))
    assert response.status_code == 200
    assert "Ali Müller" in response.content.decode()
    # The access log is for admins and the case's counsellor only.
    assert "Access log" not in response.content.decode()


def test_foreign_office_gets_404_for_an_id_and_403_for_the_office(client, world, case):
    as_user(client, world.foreign_counsellor)
    assert client.get(url("case_detail", world.other_office, case_id=case.pk)).status_code == 404
    assert client.get(url("case_detail", world.office, case_id=case.pk)).status_code == 403
    assert client.get(url("case_list", world.office)).status_code == 403
    assert not AuditEvent.objects.filter(target_id=case.pk, action=AuditEvent.Action.VIEW).exists()


@pytest.mark.parametrize("who", ["editor", "statistics"])
@pytest.mark.parametrize("name", ["dashboard", "case_list", "case_create"])
def test_no_personal_data_pages_for_editors_and_statistics(client, world, who, name):
    assert as_user(client, getattr(world, who)).get(url(name, world.office)).status_code == 403


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("case_edit", {}),
        ("case_close", {}),
        ("session_add", {}),
        ("follow_up_add", {}),
        ("case_share", {}),
    ],
)
def test_a_colleague_cannot_write_to_a_case_and_is_logged(client, world, case, name, extra):
    as_user(client, world.colleague)
    response = client.post(
        url(name, world.office, case_id=case.pk, **extra),
        {"held_on": TODAY.isoformat(), "duration_minutes": 30, "channel": "phone", "version": 1},
    )
    assert response.status_code == 403
    assert audit(case, AuditEvent.Action.DENIED).filter(actor=world.colleague).exists()
    assert not CounsellingSession.objects.exists()


def test_the_case_list_of_a_colleague_shows_nothing_of_another_counsellor(client, world, case):
    response = as_user(client, world.colleague).get(url("case_list", world.office) + "?q=Müller")
    assert response.status_code == 200
    assert case.reference not in response.content.decode()
    assert "Müller" not in response.content.decode().replace('value="Müller"', "")


def test_the_admin_sees_all_cases_in_the_list(client, world, case):
    other = CaseFactory(office=world.office, counsellor=world.colleague)
    content = as_user(client, world.admin).get(url("case_list", world.office)).content.decode()
    assert case.reference in content and other.reference in content


# --- The list's filter form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("opened_from=2024-05-01&opened_to=2024-04-01", "The end date is before the start date."),
        ("opened_from=garbage", "Enter a valid date."),
        ("opened_to=2024-13-45", "Enter a valid date."),
        ("topic=nonsense", "Select a valid choice."),
        ("status=whatever&scope=everyone", "Select a valid choice."),
        ("municipality=abc", "Select a valid choice."),
        ("page=-3", "Invalid page number"),
    ],
)
def test_bad_filters_give_a_clear_message_never_a_500(client, world, case, query, message):
    response = as_user(client, world.counsellor).get(url("case_list", world.office) + "?" + query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert case.reference in response.content.decode()  # the valid part still lists


def test_search_and_filters_in_the_url(client, world, case):
    CaseFactory(office=world.office, counsellor=world.counsellor, client=None)
    as_user(client, world.counsellor)
    content = client.get(url("case_list", world.office) + "?q=mül&status=active").content.decode()
    assert case.reference in content
    assert "1 case" in content


def test_htmx_gets_the_results_only(client, world, case):
    response = as_user(client, world.counsellor).get(
        url("case_list", world.office), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert case.reference in content
    assert "<html" not in content


def test_case_list_query_count_is_constant(client, world, django_assert_num_queries):
    topics = list(Topic.objects.filter(slug__in=["arbeit", "deutsch", "wohnen"]))
    for number in range(30):
        client_record = ClientFactory(
            office=world.office, counsellor=world.counsellor, name=f"Person {number}"
        )
        case = CaseFactory(
            office=world.office, counsellor=world.counsellor, client=client_record, topics=topics
        )
        CounsellingSessionFactory.create_batch(2, case=case)
    as_user(client, world.counsellor)
    # session, user, OTP device, office, membership role; topics and municipalities (filter form
    # choices); the case ids shared with the counsellor; count; page of cases (client, municipality,
    # counsellor joined; session stats as subqueries); topics of the page; the session saved (idle
    # timeout: savepoint, update, release).
    with django_assert_num_queries(14):
        response = client.get(url("case_list", world.office) + "?status=active&topic=arbeit")
    assert response.status_code == 200
    assert response.content.decode().count("Person ") == 30


def test_case_list_query_count_for_admins(client, world, django_assert_num_queries):
    cases = [CaseFactory(office=world.office, counsellor=world.colleague) for _number in range(5)]
    as_user(client, world.admin)
    # As for counsellors, with the counsellor choices of the filter form instead of the shared ids.
    with django_assert_num_queries(14):
        response = client.get(url("case_list", world.office) + f"?q={cases[2].reference}")
    assert response.status_code == 200
    assert response.context["result"].cases == [cases[2]]


# --- Creating ------------------------------------------------------------------------------------------


def test_case_create_with_a_preselected_client(client, world, case):
    as_user(client, world.counsellor)
    create = url("case_create", world.office)
    page = client.get(f"{create}?client={case.client_id}")
    assert page.status_code == 200
    assert "Ali Müller" in page.content.decode()
    arbeit = Topic.objects.get(slug="arbeit")
    response = client.post(
        create,
        {
            "client": case.client.reference,
            "topics": [arbeit.pk],
            "opened_on": TODAY.isoformat(),
            "summary": "x",
        },
    )
    new = Case.objects.exclude(pk=case.pk).get()
    assert response.status_code == 302
    assert response["Location"] == url("case_detail", world.office, case_id=new.pk)
    assert new.client == case.client and new.counsellor == world.counsellor


def test_case_create_cannot_preselect_a_colleagues_client(client, world, case):
    as_user(client, world.colleague)
    response = client.get(url("case_create", world.office) + f"?client={case.client_id}")
    assert response.status_code == 403
    # Nor by typing its reference.
    response = client.post(
        url("case_create", world.office),
        {
            "client": case.client.reference,
            "topics": [Topic.objects.first().pk],
            "opened_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "No person with this reference" in response.content.decode()
    assert Case.objects.count() == 1


def test_case_create_keeps_input_on_bad_dates(client, world):
    as_user(client, world.counsellor)
    response = client.post(
        url("case_create", world.office),
        {"opened_on": (TODAY + 3 * DAY).isoformat(), "summary": "Mein Text"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mein Text" in content
    assert "This field is required." in content  # no topic
    assert not Case.objects.exists()


# --- Editing, conflicts --------------------------------------------------------------------------------


def test_case_edit_conflict_gives_409_keeps_input_and_overwrites_nothing(client, world, case):
    as_user(client, world.counsellor)
    edit = url("case_edit", world.office, case_id=case.pk)
    arbeit = Topic.objects.get(slug="arbeit")
    data = {"topics": [arbeit.pk], "opened_on": case.opened_on.isoformat(), "status": "open", "version": 1}
    # A colleague (the admin) saves first.
    Case.objects.filter(pk=case.pk).update(version=2, summary="")
    response = client.post(edit, {**data, "summary": "Meine Notiz"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this record" in content
    assert "Meine Notiz" in content
    case.refresh_from_db()
    assert case.summary == "" and case.version == 2


def test_case_edit_saves(client, world, case):
    as_user(client, world.counsellor)
    arbeit = Topic.objects.get(slug="arbeit")
    response = client.post(
        url("case_edit", world.office, case_id=case.pk),
        {
            "topics": [arbeit.pk],
            "opened_on": case.opened_on.isoformat(),
            "status": "waiting",
            "version": 1,
            "summary": "Neu",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.summary, case.version) == ("waiting", "Neu", 2)


# --- Forms on the case page ----------------------------------------------------------------------------


def test_session_before_the_case_opened_is_refused_with_input_kept(client, world, case):
    as_user(client, world.counsellor)
    response = client.post(
        url("session_add", world.office, case_id=case.pk),
        {
            "held_on": (case.opened_on - DAY).isoformat(),
            "duration_minutes": 45,
            "channel": "in_person",
            "notes": "Wichtige Notiz",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "A session cannot be held before the case was opened" in content
    assert "Wichtige Notiz" in content
    assert not CounsellingSession.objects.exists()


def test_session_duration_out_of_range_is_refused(client, world, case):
    as_user(client, world.counsellor)
    response = client.post(
        url("session_add", world.office, case_id=case.pk),
        {"held_on": TODAY.isoformat(), "duration_minutes": 601, "channel": "in_person"},
    )
    assert "less than or equal to 600" in response.content.decode()
    assert not CounsellingSession.objects.exists()


def test_session_add_redirects_to_the_case(client, world, case):
    as_user(client, world.counsellor)
    response = client.post(
        url("session_add", world.office, case_id=case.pk),
        {"held_on": TODAY.isoformat(), "duration_minutes": 45, "channel": "phone", "interpreter_used": "on"},
    )
    assert response.status_code == 302
    session = CounsellingSession.objects.get()
    assert session.interpreter_used and session.created_by == world.counsellor


def test_referral_sharing_without_consent_shows_the_message(client, world, case):
    offer = OfferFactory(office=world.office, provider=OrganisationFactory(office=world.office, name="HEKS"))
    as_user(client, world.counsellor)
    response = client.post(
        url("referral_create", world.office, case_id=case.pk),
        {"offer": offer.pk, "shares_data": "on", "note": "Kurs A1"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "needs the person&#x27;s active consent" in content
    assert "Kurs A1" in content
    assert not Referral.objects.exists()


def test_referral_and_status_change(client, world, case):
    organisation = OrganisationFactory(office=world.office)
    as_user(client, world.counsellor)
    client.post(url("referral_create", world.office, case_id=case.pk), {"organisation": organisation.pk})
    referral = Referral.objects.get()
    status_url = url("referral_status", world.office, case_id=case.pk, referral_id=referral.pk)
    response = client.post(status_url, {"status": "done", "outcome": "success"})
    assert "cannot become" in response.content.decode()
    assert client.post(status_url, {"status": "accepted"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_close_with_a_stale_version_is_a_409(client, world, case):
    as_user(client, world.counsellor)
    Case.objects.filter(pk=case.pk).update(version=5)
    response = client.post(
        url("case_close", world.office, case_id=case.pk),
        {"reason": "resolved", "closed_on": TODAY.isoformat(), "version": 1},
    )
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_share_and_unshare(client, world, case):
    as_user(client, world.counsellor)
    assert (
        client.post(
            url("case_share", world.office, case_id=case.pk), {"with_user": world.colleague.pk}
        ).status_code
        == 302
    )
    assert list(case.shared_with.all()) == [world.colleague]
    unshare = url("case_unshare", world.office, case_id=case.pk, user_id=world.colleague.pk)
    assert client.post(unshare).status_code == 302
    assert not case.shared_with.exists()


def test_reassign_is_for_admins(client, world, case):
    data = {"counsellor": world.colleague.pk, "version": 1}
    as_user(client, world.counsellor)
    assert client.post(url("case_reassign", world.office, case_id=case.pk), data).status_code == 403
    as_user(client, world.admin)
    assert client.post(url("case_reassign", world.office, case_id=case.pk), data).status_code == 302
    case.refresh_from_db()
    assert case.counsellor == world.colleague


def test_follow_up_add_and_done(client, world, case):
    as_user(client, world.counsellor)
    response = client.post(
        url("follow_up_add", world.office, case_id=case.pk),
        {"due_on": (TODAY - DAY).isoformat(), "note": "Anrufen"},
    )
    assert "cannot be due in the past" in response.content.decode()
    client.post(
        url("follow_up_add", world.office, case_id=case.pk), {"due_on": TODAY.isoformat(), "note": "Anrufen"}
    )
    follow_up = FollowUp.objects.get()
    done = url("follow_up_done", world.office, case_id=case.pk, follow_up_id=follow_up.pk)
    assert client.post(done, {"next": "dashboard"})["Location"] == url("dashboard", world.office)
    follow_up.refresh_from_db()
    assert follow_up.done_on == TODAY


def test_case_detail_query_count_and_access_log(client, world, case, django_assert_num_queries):
    case.shared_with.add(world.colleague)
    CounsellingSessionFactory.create_batch(5, case=case)
    organisation = OrganisationFactory(office=world.office)
    for _number in range(3):
        Referral.objects.create(case=case, organisation=organisation)
        FollowUp.objects.create(case=case, due_on=TODAY, note="Anrufen")
    as_user(client, world.counsellor)
    client.get(url("case_detail", world.office, case_id=case.pk))  # one VIEW entry for the log
    # session, user, OTP device, office, membership role, the case (client, counsellor, municipality,
    # language joined), its VIEW audit entry, sessions, topics, shared-with users, referrals, follow-ups,
    # interpreter bookings, access log; form choices: share candidates, languages, offers,
    # organisations, sharing consents; the session saved (savepoint, update, release).
    with django_assert_num_queries(22):
        response = client.get(url("case_detail", world.office, case_id=case.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Access log" in content
    assert content.count("beraterin") >= 2  # the two VIEW entries of the log


def test_case_detail_links_to_the_person_and_the_interpreter_booking(client, world, case):
    from django.urls import NoReverseMatch

    as_user(client, world.counsellor)
    content = client.get(url("case_detail", world.office, case_id=case.pk)).content.decode()
    try:
        client_url = url("client_detail", world.office, client_id=case.client_id)
    except NoReverseMatch:
        client_url = None
    if client_url:
        assert client_url in content
    try:
        booking_url = url("booking_create", world.office)
    except NoReverseMatch:
        booking_url = None
    if booking_url:
        assert f"{booking_url}?case={case.pk}" in content


def test_membership_roles_are_what_the_matrix_assumes(world):
    assert (
        Membership.objects.get(user=world.colleague, office=world.office).role == Membership.Role.COUNSELLOR
    )


def test_anonymous_and_closed_cases_render_without_the_forms_they_cannot_use(client, world):
    anonymous = CaseFactory(office=world.office, counsellor=world.counsellor, client=None)
    closed = CaseFactory(
        office=world.office,
        counsellor=world.counsellor,
        status=Case.Status.CLOSED,
        closed_on=TODAY,
        close_reason="resolved",
    )
    as_user(client, world.counsellor)
    content = client.get(url("case_detail", world.office, case_id=anonymous.pk)).content.decode()
    assert "anonymous case" in content
    assert 'name="shares_data"' not in content
    content = client.get(url("case_detail", world.office, case_id=closed.pk)).content.decode()
    assert "Reopen case" in content
    assert url("session_add", world.office, case_id=closed.pk) not in content
    client.post(url("case_reopen", world.office, case_id=closed.pk), {"version": 1})
    closed.refresh_from_db()
    assert closed.status == Case.Status.OPEN
