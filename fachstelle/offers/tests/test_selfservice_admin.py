"""Staff side of the self-service in the admin: scoped queue, decisions with a message, reports, requests."""

import uuid

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, UserFactory
from fachstelle.offers import selfservice
from fachstelle.offers.models import Offer, OfferIssueReport, OfferProposal, ProviderConfirmation

from .selfservice_world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # asserts English msgids

CHANGELIST = "admin:offers_offerproposal_changelist"


@pytest.fixture
def world(vocab):
    return build_world()


@pytest.fixture
def staff_a(world):
    return MembershipFactory(office=world.office, role=Membership.Role.EDITOR, user__username="editor_a").user


@pytest.fixture
def staff_b(world):
    return MembershipFactory(
        office=world.other_office, role=Membership.Role.EDITOR, user__username="editor_b"
    ).user


def propose(office, *, title, offer=None, pending=True, organisation=None):
    proposal, _created = selfservice.proposal_submit(
        office=office,
        submission_key=uuid.uuid4(),
        submitter_name="Anna",
        submitter_email="anna@example.org",
        organisation=organisation,
        organisation_name="" if organisation or offer else "Neuer Verein",
        data={
            **(selfservice.offer_proposal_data(offer) if offer else {}),
            "title": title,
            "summary": "Kurz.",
        },
        offer=offer,
        language="de",
    )
    if pending:
        selfservice.proposal_confirm_email(office=office, token=proposal.token)
    return proposal


@pytest.fixture
def proposals(world):
    return {
        "a": propose(world.office, title="Vorschlag A"),
        "a_unconfirmed": propose(world.office, title="Unbestätigt A", pending=False),
        "b": propose(world.other_office, title="Vorschlag B"),
    }


def test_queue_shows_pending_proposals_of_own_offices_only(client, world, staff_a, proposals):
    client.force_login(staff_a)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "Vorschlag A" in html
    assert "Unbestätigt A" not in html  # the queue opens on "waiting for review"
    assert "Vorschlag B" not in html
    everything = client.get(reverse(CHANGELIST) + "?status=all").content.decode()
    assert "Unbestätigt A" in everything and "Vorschlag B" not in everything
    searched = client.get(reverse(CHANGELIST) + "?status=all&q=Vorschlag").content.decode()
    assert "Vorschlag A" in searched and "Vorschlag B" not in searched


def test_changelist_query_count_is_constant(client, world, staff_a, proposals, django_assert_num_queries):
    client.force_login(staff_a)
    client.get(reverse(CHANGELIST))  # warm the content-type cache
    # session, user, second-factor role check, memberships (offices), memberships as office admin (may
    # delete?), filtered count, total count, the page of proposals (+office); the session saved for the idle
    # timeout (savepoint, update, release)
    with django_assert_num_queries(11):
        client.get(reverse(CHANGELIST))
    for n in range(5):
        propose(world.office, title=f"Weiterer Vorschlag {n}")
    with django_assert_num_queries(11):
        response = client.get(reverse(CHANGELIST))
    assert all(f"Weiterer Vorschlag {n}" in response.content.decode() for n in range(5))


def test_staff_of_another_office_cannot_open_or_decide_a_proposal(client, world, staff_b, proposals):
    client.force_login(staff_b)
    proposal = proposals["a"]
    change = client.get(reverse("admin:offers_offerproposal_change", args=[proposal.pk]))
    assert change.status_code == 302 and change.url == reverse("admin:index")
    review = client.post(
        reverse("admin:offers_offerproposal_review", args=[proposal.pk, "publish"]), {"message": ""}
    )
    assert review.status_code == 404
    client.post(
        reverse(CHANGELIST),
        {"action": "approve_publish", ACTION_CHECKBOX_NAME: [proposal.pk], "apply": "1", "message": ""},
    )
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.PENDING
    assert not Offer.objects.filter(title="Vorschlag A").exists()


def test_staff_without_office_sees_nothing(client, proposals):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_approve_action_asks_for_a_message_then_publishes(
    client, world, staff_a, proposals, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    proposal = proposals["a"]
    selection = {"action": "approve_publish", ACTION_CHECKBOX_NAME: [proposal.pk]}
    intermediate = client.post(reverse(CHANGELIST), selection)
    assert intermediate.status_code == 200
    assert 'name="message"' in intermediate.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.PENDING  # nothing decided yet

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(CHANGELIST), {**selection, "apply": "1", "message": "Danke!"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.APPROVED
    assert proposal.reviewed_by == staff_a
    offer = proposal.resulting_offer
    assert offer.status == Offer.Status.PUBLISHED and offer.office == world.office
    assert "Danke!" in mail.outbox[-1].body


def test_reject_needs_a_message_and_sends_it(
    client, world, staff_a, proposals, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    proposal = proposals["a"]
    review_url = reverse("admin:offers_offerproposal_review", args=[proposal.pk, "reject"])
    assert client.get(review_url).status_code == 200
    empty = client.post(review_url, {"message": ""})
    assert empty.status_code == 200 and empty.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"message": "Leider kein Integrationsangebot."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.REJECTED
    assert "Leider kein Integrationsangebot." in mail.outbox[-1].body


def test_deciding_an_already_reviewed_proposal_is_refused_with_a_message(client, world, staff_a, proposals):
    client.force_login(staff_a)
    proposal = proposals["a"]
    review_url = reverse("admin:offers_offerproposal_review", args=[proposal.pk, "draft"])
    client.post(review_url, {"message": ""})
    response = client.post(review_url, {"message": ""}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("already been reviewed" in m for m in messages)
    assert Offer.objects.filter(title="Vorschlag A").count() == 1


def test_change_view_shows_the_proposed_content_and_the_diff(client, world, staff_a):
    client.force_login(staff_a)
    change = propose(world.office, title="Elterncafé Aarburg – neu", offer=world.offer)
    html = client.get(reverse("admin:offers_offerproposal_change", args=[change.pk])).content.decode()
    assert "proposal-diff" in html
    assert "Elterncafé Aarburg – neu" in html and "Elterncafé Aarburg" in html
    assert "proposal-changed" in html
    assert reverse("admin:offers_offerproposal_review", args=[change.pk, "publish"]) in html
    assert 'name="_save"' not in html  # read-only: decisions go through the buttons
    new = propose(world.office, title="<script>alert(1)</script>")
    html = client.get(reverse("admin:offers_offerproposal_change", args=[new.pk])).content.decode()
    assert "proposal-content" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_reports_are_scoped_and_can_be_marked_resolved(client, world, staff_a, staff_b):
    mine = selfservice.issue_report_submit(
        office=world.office,
        offer=world.offer,
        kind="wrong",
        message="Telefonnummer falsch",
        submission_key=uuid.uuid4(),
        language="de",
    )[0]
    theirs = selfservice.issue_report_submit(
        office=world.other_office,
        offer=world.other_offer,
        kind="ended",
        message="Gibt es nicht mehr",
        submission_key=uuid.uuid4(),
        language="de",
    )[0]
    client.force_login(staff_a)
    html = client.get(reverse("admin:offers_offerissuereport_changelist")).content.decode()
    assert "Elterncafé Aarburg" in html and "Mittagstisch Allschwil" not in html
    assert client.get(reverse("admin:offers_offerissuereport_change", args=[theirs.pk])).status_code == 302
    client.post(
        reverse("admin:offers_offerissuereport_changelist"),
        {"action": "mark_resolved", ACTION_CHECKBOX_NAME: [mine.pk, theirs.pk]},
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.resolved_at is not None and mine.resolved_by == staff_a
    assert theirs.resolved_at is None  # another office's report is out of reach
    client.force_login(staff_b)
    html = client.get(reverse("admin:offers_offerissuereport_changelist")).content.decode()
    assert "Mittagstisch Allschwil" in html and "Telefonnummer" not in html


def test_confirmation_requests_are_scoped(client, world, staff_b):
    mine = ProviderConfirmation.objects.create(
        office=world.office,
        organisation=world.provider,
        email="info@begegnung.example.org",
        sent_at=timezone.now(),
        due_at=timezone.now(),
    )
    client.force_login(staff_b)
    html = client.get(reverse("admin:offers_providerconfirmation_changelist")).content.decode()
    assert "Verein Begegnung Aarburg" not in html
    assert client.get(reverse("admin:offers_providerconfirmation_change", args=[mine.pk])).status_code == 302
    assert not OfferIssueReport.objects.exists()
