"""Rules of the case services: dates, ranges, sharing with consent, status transitions, optimistic locking,
and the audit entry of every write."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MunicipalityFactory, OfferFactory, OrganisationFactory
from fachstelle.counselling.models import Case, Consent, CounsellingSession, FollowUp, Referral, Topic
from fachstelle.counselling.services import cases as services
from fachstelle.counselling.services.locking import StaleEditError
from fachstelle.counselling.tests.factories import CaseFactory, ClientFactory, counselling_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    return counselling_world()


@pytest.fixture
def case(world):
    return CaseFactory(office=world.office, counsellor=world.counsellor, opened_on=TODAY - 30 * DAY)


def topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def audit_entries(case, action=None):
    events = AuditEvent.objects.filter(target_type="counselling.case", target_id=case.pk)
    return events.filter(action=action) if action else events


# --- Opening and editing -------------------------------------------------------------------------------


def test_case_open_copies_the_municipality_and_audits(world):
    municipality = MunicipalityFactory(name="Rothrist-Test")
    client = ClientFactory(office=world.office, counsellor=world.counsellor, municipality=municipality)
    case = services.case_open(
        office=world.office,
        by=world.counsellor,
        client=client,
        counsellor=world.counsellor,
        topics=topics("arbeit", "deutsch"),
        opened_on=TODAY,
        summary="Sucht Arbeit.",
    )
    case.refresh_from_db()
    assert case.municipality == municipality
    assert case.status == Case.Status.OPEN
    assert {t.slug for t in case.topics.all()} == {"arbeit", "deutsch"}
    assert audit_entries(case, AuditEvent.Action.CREATE).count() == 1


def test_case_open_allows_an_anonymous_case(world):
    case = services.case_open(
        office=world.office,
        by=world.counsellor,
        counsellor=world.counsellor,
        topics=topics("wohnen"),
        opened_on=TODAY,
    )
    assert case.client is None


def test_case_open_rejects_bad_input_and_writes_nothing(world):
    foreign_client = ClientFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            office=world.office,
            by=world.counsellor,
            client=foreign_client,
            counsellor=world.counsellor,
            topics=[],
            opened_on=TODAY + DAY,
        )
    errors = errors_of(excinfo)
    assert set(errors) == {"client", "topics", "opened_on"}
    assert "future" in errors["opened_on"][0]
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).exists()


def test_a_counsellor_cannot_open_a_case_for_a_colleague_but_an_admin_can(world):
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            office=world.office,
            by=world.counsellor,
            counsellor=world.colleague,
            topics=topics("arbeit"),
            opened_on=TODAY,
        )
    assert "counsellor" in errors_of(excinfo)
    case = services.case_open(
        office=world.office,
        by=world.admin,
        counsellor=world.colleague,
        topics=topics("arbeit"),
        opened_on=TODAY,
    )
    assert case.counsellor == world.colleague


def test_case_open_refuses_editors(world):
    with pytest.raises(ValidationError):
        services.case_open(
            office=world.office,
            by=world.editor,
            counsellor=world.counsellor,
            topics=topics("arbeit"),
            opened_on=TODAY,
        )


def test_case_update_names_the_changed_fields_only(case, world):
    services.case_update(
        case=case,
        by=world.counsellor,
        expected_version=case.version,
        summary="Neu",
        topics=topics("arbeit", "familie"),
        status=Case.Status.WAITING,
        municipality=case.municipality,
    )
    case.refresh_from_db()
    assert case.version == 2
    assert case.summary == "Neu"
    entry = audit_entries(case, AuditEvent.Action.UPDATE).get()
    assert set(entry.detail.split(", ")) == {"summary", "topics", "status"}
    assert "Neu" not in entry.detail


def test_concurrent_edit_raises_stale_edit_and_overwrites_nothing(case, world):
    """Two counsellors load version 1; the second save must not silently overwrite the first."""
    first = Case.objects.get(pk=case.pk)
    second = Case.objects.get(pk=case.pk)
    services.case_update(case=first, by=world.counsellor, expected_version=1, summary="Erste Fassung")
    with pytest.raises(StaleEditError):
        services.case_update(
            case=second, by=world.admin, expected_version=1, summary="Zweite Fassung", topics=topics("wohnen")
        )
    case.refresh_from_db()
    assert case.summary == "Erste Fassung"
    assert case.version == 2
    assert [t.slug for t in case.topics.all()] == ["arbeit"]
    assert audit_entries(case, AuditEvent.Action.UPDATE).count() == 1


def test_case_update_refuses_opening_after_the_first_session(case, world):
    CounsellingSession.objects.create(case=case, held_on=TODAY - 20 * DAY, duration_minutes=30)
    with pytest.raises(ValidationError) as excinfo:
        services.case_update(case=case, by=world.counsellor, expected_version=1, opened_on=TODAY - 10 * DAY)
    assert "opened_on" in errors_of(excinfo)


def test_case_update_cannot_close_through_the_status(case, world):
    with pytest.raises(ValidationError) as excinfo:
        services.case_update(case=case, by=world.counsellor, expected_version=1, status=Case.Status.CLOSED)
    assert "status" in errors_of(excinfo)


# --- Closing, reopening, sharing, reassigning ----------------------------------------------------------


@pytest.mark.parametrize(
    ("closed_on", "reason", "field"),
    [
        (TODAY - 31 * DAY, "resolved", "closed_on"),  # before the case was opened
        (TODAY + DAY, "resolved", "closed_on"),  # in the future
        (TODAY, "", "reason"),
        (TODAY, "bored", "reason"),
    ],
)
def test_case_close_rejects_impossible_input(case, world, closed_on, reason, field):
    with pytest.raises(ValidationError) as excinfo:
        services.case_close(
            case=case, by=world.counsellor, reason=reason, closed_on=closed_on, expected_version=1
        )
    assert field in errors_of(excinfo)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_case_close_and_reopen(case, world):
    services.case_close(
        case=case, by=world.counsellor, reason="resolved", closed_on=TODAY, expected_version=1
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.close_reason) == (Case.Status.CLOSED, TODAY, "resolved")
    with pytest.raises(ValidationError):
        services.case_close(
            case=case, by=world.counsellor, reason="resolved", closed_on=TODAY, expected_version=2
        )
    services.case_reopen(case=case, by=world.counsellor, expected_version=2)
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.close_reason) == (Case.Status.OPEN, None, "")
    assert audit_entries(case, AuditEvent.Action.UPDATE).count() == 2


def test_case_share_only_with_counsellors_of_the_same_office(case, world):
    for outsider in (world.editor, world.statistics, world.foreign_counsellor):
        with pytest.raises(ValidationError) as excinfo:
            services.case_share(case=case, by=world.counsellor, with_user=outsider)
        assert "with_user" in errors_of(excinfo)
    services.case_share(case=case, by=world.counsellor, with_user=world.colleague)
    assert list(case.shared_with.all()) == [world.colleague]
    assert audit_entries(case, AuditEvent.Action.UPDATE).filter(detail__startswith="shared_with +").exists()
    # A colleague the case is shared with cannot pass it on.
    with pytest.raises(ValidationError):
        services.case_share(case=case, by=world.colleague, with_user=world.admin)
    services.case_unshare(case=case, by=world.counsellor, with_user=world.colleague)
    assert not case.shared_with.exists()


def test_case_reassign_is_for_office_admins(case, world):
    with pytest.raises(ValidationError):
        services.case_reassign(case=case, by=world.counsellor, counsellor=world.colleague, expected_version=1)
    case.shared_with.add(world.colleague)
    services.case_reassign(case=case, by=world.admin, counsellor=world.colleague, expected_version=1)
    case.refresh_from_db()
    assert case.counsellor == world.colleague
    assert not case.shared_with.exists()


def test_a_colleague_without_access_cannot_write(case, world):
    with pytest.raises(ValidationError):
        services.session_add(
            case=case, by=world.colleague, held_on=TODAY, duration_minutes=30, channel="phone"
        )
    assert not CounsellingSession.objects.exists()


# --- Sessions ------------------------------------------------------------------------------------------


def add_session(case, by, **overrides):
    data = {
        "held_on": TODAY,
        "duration_minutes": 45,
        "channel": "in_person",
        "interpreter_used": False,
        "language": None,
        "notes": "",
    }
    data.update(overrides)
    return services.session_add(case=case, by=by, **data)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"held_on": TODAY - 31 * DAY}, "held_on", "before the case was opened"),
        ({"held_on": TODAY + DAY}, "held_on", "future"),
        ({"duration_minutes": 0}, "duration_minutes", "between 1 and 600"),
        ({"duration_minutes": 601}, "duration_minutes", "between 1 and 600"),
        ({"notes": "x" * 8001}, "notes", "at most 8000"),
        ({"channel": "pigeon"}, "channel", "not a valid choice"),
    ],
)
def test_session_add_rejects_bad_input(case, world, overrides, field, words):
    with pytest.raises(ValidationError) as excinfo:
        add_session(case, world.counsellor, **overrides)
    assert words in " ".join(errors_of(excinfo)[field])
    assert not CounsellingSession.objects.exists()


def test_session_add_records_and_audits(case, world):
    session = add_session(case, world.counsellor, held_on=case.opened_on, notes="Bewerbung besprochen.")
    assert session.created_by == world.counsellor
    entry = audit_entries(case, AuditEvent.Action.CREATE).get()
    assert entry.detail == f"session #{session.pk}"


def test_session_add_refuses_a_closed_case(case, world):
    services.case_close(
        case=case, by=world.counsellor, reason="resolved", closed_on=TODAY, expected_version=1
    )
    with pytest.raises(ValidationError) as excinfo:
        add_session(case, world.counsellor)
    assert "closed" in errors_of(excinfo)[NON_FIELD_ERRORS][0]


# --- Referrals -----------------------------------------------------------------------------------------


@pytest.fixture
def partner(world):
    return OrganisationFactory(office=world.office, name="HEKS Aargau")


@pytest.fixture
def offer(world, partner):
    return OfferFactory(office=world.office, provider=partner, title="Deutschkurs A1")


def sharing_consent(case, partner, **fields):
    return Consent.objects.create(
        client=case.client,
        scope=Consent.Scope.SHARING,
        partner=partner,
        given_on=TODAY - 5 * DAY,
        method=Consent.Method.SIGNED_PAPER,
        **fields,
    )


def test_referral_needs_exactly_one_target(case, world, offer, partner):
    for targets in ({}, {"offer": offer, "organisation": partner}):
        with pytest.raises(ValidationError) as excinfo:
            services.referral_create(case=case, by=world.counsellor, shares_data=False, note="", **targets)
        assert NON_FIELD_ERRORS in errors_of(excinfo)
    assert not Referral.objects.exists()


def test_referral_targets_must_belong_to_the_office(case, world):
    foreign_offer = OfferFactory(office=world.other_office)
    foreign_org = OrganisationFactory(office=world.other_office)
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(
            case=case, by=world.counsellor, offer=foreign_offer, shares_data=False, note=""
        )
    assert "offer" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(
            case=case, by=world.counsellor, organisation=foreign_org, shares_data=False, note=""
        )
    assert "organisation" in errors_of(excinfo)


def test_referral_sharing_data_without_consent_is_refused(case, world, offer):
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(case=case, by=world.counsellor, offer=offer, shares_data=True, note="")
    assert "consent" in errors_of(excinfo)["shares_data"][0]
    assert not Referral.objects.exists()


def test_referral_sharing_data_with_a_withdrawn_consent_is_refused(case, world, offer, partner):
    consent = sharing_consent(case, partner, withdrawn_on=TODAY - DAY)
    with pytest.raises(ValidationError):
        services.referral_create(case=case, by=world.counsellor, offer=offer, shares_data=True, note="")
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(
            case=case, by=world.counsellor, offer=offer, shares_data=True, consent=consent, note=""
        )
    assert "withdrawn" in errors_of(excinfo)["consent"][0]
    assert not Referral.objects.exists()


def test_referral_sharing_data_with_a_consent_for_another_partner_is_refused(case, world, offer):
    other = sharing_consent(case, OrganisationFactory(office=world.office, name="Caritas"))
    with pytest.raises(ValidationError):
        services.referral_create(case=case, by=world.counsellor, offer=offer, shares_data=True, note="")
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(
            case=case, by=world.counsellor, offer=offer, shares_data=True, consent=other, note=""
        )
    assert "another organisation" in errors_of(excinfo)["consent"][0]


def test_referral_sharing_with_a_consent_of_another_scope_or_person_is_refused(case, world, offer, partner):
    contact = Consent.objects.create(
        client=case.client, scope=Consent.Scope.CONTACT, given_on=TODAY, method=Consent.Method.ORAL
    )
    stranger = CaseFactory(office=world.office, counsellor=world.counsellor)
    strangers_consent = sharing_consent(stranger, partner)
    for consent in (contact, strangers_consent):
        with pytest.raises(ValidationError) as excinfo:
            services.referral_create(
                case=case, by=world.counsellor, offer=offer, shares_data=True, consent=consent, note=""
            )
        assert "consent" in errors_of(excinfo)


def test_referral_sharing_data_uses_the_matching_active_consent(case, world, offer, partner):
    consent = sharing_consent(case, partner)
    referral = services.referral_create(
        case=case, by=world.counsellor, offer=offer, shares_data=True, note="Anmeldung Kurs"
    )
    assert referral.consent == consent
    assert (
        audit_entries(case, AuditEvent.Action.CREATE).get().detail == f"referral #{referral.pk} shares_data"
    )


def test_anonymous_cases_cannot_share_data(world, partner):
    case = CaseFactory(office=world.office, counsellor=world.counsellor, client=None)
    with pytest.raises(ValidationError) as excinfo:
        services.referral_create(
            case=case, by=world.counsellor, organisation=partner, shares_data=True, note=""
        )
    assert "anonymous" in errors_of(excinfo)["shares_data"][0]
    referral = services.referral_create(
        case=case, by=world.counsellor, organisation=partner, shares_data=False, note=""
    )
    assert referral.consent is None


def test_referral_status_transitions(case, world, partner):
    referral = services.referral_create(
        case=case, by=world.counsellor, organisation=partner, shares_data=False, note=""
    )
    with pytest.raises(ValidationError):  # in progress cannot jump to done
        services.referral_set_status(referral=referral, by=world.counsellor, status="done", outcome="success")
    services.referral_set_status(referral=referral, by=world.counsellor, status="accepted")
    with pytest.raises(ValidationError) as excinfo:
        services.referral_set_status(referral=referral, by=world.counsellor, status="done")
    assert "outcome" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.referral_set_status(referral=referral, by=world.counsellor, status="done", outcome="failed")
    assert "failure_reason" in errors_of(excinfo)
    services.referral_set_status(
        referral=referral, by=world.counsellor, status="done", outcome="failed", failure_reason="no_place"
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.failure_reason) == ("done", "failed", "no_place")
    with pytest.raises(ValidationError):  # done is final
        services.referral_set_status(referral=referral, by=world.counsellor, status="revoked")


def test_a_rejected_referral_is_final(case, world, partner):
    referral = services.referral_create(
        case=case, by=world.counsellor, organisation=partner, shares_data=False, note=""
    )
    services.referral_set_status(referral=referral, by=world.counsellor, status="rejected", outcome="success")
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("rejected", "")
    with pytest.raises(ValidationError):
        services.referral_set_status(referral=referral, by=world.counsellor, status="accepted")


# --- Follow-ups ----------------------------------------------------------------------------------------


def test_follow_up_add_and_done(case, world):
    with pytest.raises(ValidationError) as excinfo:
        services.follow_up_add(case=case, by=world.counsellor, due_on=TODAY - DAY, note="Anrufen")
    assert "due_on" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.follow_up_add(case=case, by=world.counsellor, due_on=TODAY, note="x" * 301)
    assert "note" in errors_of(excinfo)
    follow_up = services.follow_up_add(case=case, by=world.counsellor, due_on=TODAY + DAY, note="Anrufen")
    services.follow_up_done(follow_up=follow_up, by=world.counsellor)
    assert FollowUp.objects.get().done_on == TODAY
    with pytest.raises(ValidationError):
        services.follow_up_done(follow_up=follow_up, by=world.counsellor)
    assert audit_entries(case).filter(detail__startswith="follow-up").count() == 2
