"""The review pages: who may reach them, the list's filters and query pins, the application page with its
forms (assignment, checklist, assessment, recommendation, advice, network link), attachment downloads."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from fachstelle.core.tests.otp import login_verified

from ..models import Application, ApplicationMessage, Assessment, Attachment
from .factories_review import application_make, programme_make, review_world

pytestmark = pytest.mark.django_db

# The pages of this area (name → whether it answers GET; POST-only actions answer 405 to GET).
PAGES = {
    "programme_list": True,
    "programme_create": True,
    "programme_edit": True,
    "application_list": True,
    "application_detail": True,
    "application_assessment": True,
    "attachment_download": True,
    "application_assign": False,
    "application_start_review": False,
    "application_checklist": False,
    "application_recommendation": False,
    "application_message": False,
    "application_organisation": False,
}


@pytest.fixture
def world(vocab):
    return review_world(vocab)


def url(world, name, office=None, **kwargs):
    return reverse(f"grants:{name}", kwargs={"office_slug": (office or world.office).slug, **kwargs})


def page_urls(world, office=None, application=None):
    application = application or world.application
    attachment = Attachment.objects.filter(application=application).first() or attachment_make(application)
    ids = {
        "programme_edit": {"pk": application.programme_id},
        "attachment_download": {"pk": application.pk, "attachment_id": attachment.pk},
    }
    urls = {}
    for name in PAGES:
        kwargs = ids.get(name, {"pk": application.pk} if name.startswith("application_") else {})
        if name == "application_list":
            kwargs = {}
        urls[name] = url(world, name, office=office, **kwargs)
    return urls


def attachment_make(application, label="Statutes"):
    attachment = Attachment(
        application=application,
        label=label,
        original_name="statuten.pdf",
        content_type="application/pdf",
        size=13,
    )
    attachment.file.save("statuten.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return attachment


# --- Who may reach the pages ---------------------------------------------------------------------------


def test_anonymous_visitors_go_to_the_login(client, world):
    for name, target in page_urls(world).items():
        response = client.get(target) if PAGES[name] else client.post(target)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], name


def test_statistics_users_and_staff_of_another_office_get_403(client, world):
    for user in (world.statistics, world.foreign_counsellor):
        login_verified(client, user)
        for name, target in page_urls(world).items():
            response = client.get(target) if PAGES[name] else client.post(target, {})
            assert response.status_code == 403, (user.username, name, response.status_code)
        client.logout()


def test_another_offices_application_is_not_found_through_ones_own_office(client, world):
    """A counsellor of the other office asks for this office's records under their own office's address."""
    login_verified(client, world.foreign_counsellor)
    for name, target in page_urls(world, office=world.other_office).items():
        if name in ("programme_list", "programme_create", "application_list"):
            continue  # the other office's own (empty) lists
        response = client.get(target) if PAGES[name] else client.post(target, {})
        assert response.status_code == 404, (name, response.status_code)
    assert not Assessment.objects.exists() and not ApplicationMessage.objects.exists()


@pytest.mark.parametrize("role", ["admin", "editor", "counsellor"])
def test_grant_staff_reach_every_page(client, world, role):
    login_verified(client, getattr(world, role))
    for name, target in page_urls(world).items():
        if PAGES[name]:
            assert client.get(target).status_code == 200, (role, name)


def test_private_drafts_are_hidden_and_drafts_with_advice_shown_read_only(client, world, english):
    private = application_make(
        programme=world.programme, status=Application.Status.DRAFT, project_title="Geheim"
    )
    advice = application_make(
        programme=world.programme, status=Application.Status.DRAFT, project_title="Beratung bitte"
    )
    advice.advice_requested_at = advice.created_at
    advice.save()
    login_verified(client, world.editor)
    listed = client.get(url(world, "application_list"))
    titles = [a.project_title for a in listed.context["result"].rows]
    assert "Beratung bitte" in titles and "Geheim" not in titles
    assert client.get(url(world, "application_detail", pk=private.pk)).status_code == 404
    assert client.post(url(world, "application_message", pk=private.pk), {"text": "x"}).status_code == 404
    page = client.get(url(world, "application_detail", pk=advice.pk))
    assert page.status_code == 200
    assert "the applicant asked for advice" in page.content.decode()
    # Read-only: no assessment, no checklist on a draft.
    assert client.get(url(world, "application_assessment", pk=advice.pk)).status_code == 302
    assert (
        client.post(url(world, "application_checklist", pk=advice.pk), {"checked": ["own_share"]}).status_code
        == 400
    )
    advice.refresh_from_db()
    assert advice.checklist == {}


# --- The review list -----------------------------------------------------------------------------------


def test_review_list_in_constant_queries(client, world, django_assert_num_queries):
    login_verified(client, world.counsellor)
    list_url = url(world, "application_list")
    client.get(list_url)
    # Queries: session, user, OTP device, office, membership, programmes, areas, municipalities, grant staff
    # (filter choices), the COUNT, the ids of the page, its rows (programme and responsible joined, assessment
    # count and average as subqueries), and the session's save (savepoint, update, release).
    with django_assert_num_queries(15):
        response = client.get(list_url)
    assert response.context["result"].count == 1
    for n in range(12):
        application = application_make(programme=world.programme, assigned_to=world.editor)
        Assessment.objects.create(
            application=application,
            reviewer=world.editor,
            recommendation="approve",
            weighted_score=Decimal(50 + n),
        )
    with django_assert_num_queries(15):
        response = client.get(list_url, {"sort": "score", "q": "Verein"})
    rows = response.context["result"].rows
    assert len(rows) == 13
    assert rows[0].avg_score == Decimal("61.0") and rows[0].assessment_count == 1
    assert rows[0].assigned_to == world.editor


def test_review_list_filters(client, world, vocab):
    other_area = vocab["kip"][sorted(vocab["kip"])[1]]
    second = programme_make(office=world.office, name="Zweites Programm")
    a = world.application  # submitted, programme 1, area 1, Brittnau
    b = application_make(programme=second, promotion_area=other_area, assigned_to=world.counsellor)
    c = application_make(
        programme=world.programme, status=Application.Status.IN_REVIEW, organisation_name="Kulturverein"
    )
    d = application_make(programme=world.programme, status=Application.Status.REJECTED)
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    world.office.municipalities.add(zofingen)
    c.municipalities.set([zofingen])
    c.advice_requested_at = c.created_at
    c.save()
    Assessment.objects.create(
        application=a, reviewer=world.counsellor, recommendation="approve", weighted_score=70
    )
    application_make(programme=programme_make(office=world.other_office))  # never listed

    login_verified(client, world.counsellor)

    def listed(**params):
        response = client.get(url(world, "application_list"), params)
        assert response.status_code == 200
        return {application.pk for application in response.context["result"].rows}

    assert listed() == {a.pk, b.pk, c.pk, d.pk}
    assert listed(programme=second.pk) == {b.pk}
    assert listed(status="open") == {a.pk, b.pk, c.pk}
    assert listed(status="rejected") == {d.pk}
    assert listed(promotion_area=other_area.pk) == {b.pk}
    assert listed(municipality=zofingen.pk) == {c.pk}
    assert listed(municipality=world.municipality.pk) == {a.pk}
    assert listed(assigned="me") == {b.pk}
    assert listed(assigned=str(world.counsellor.pk)) == {b.pk}
    assert listed(assigned="none") == {a.pk, c.pk, d.pk}
    assert listed(needs_my_assessment="on") == {b.pk, c.pk}  # a is assessed by me, d is decided
    assert listed(advice_requested="on") == {c.pk}
    assert listed(q="kulturv") == {c.pk}
    assert listed(q=a.reference.lower()) == {a.pk}
    assert listed(q="Konversationscafé") == {a.pk, b.pk, c.pk, d.pk}
    assert listed(programme="999999") == {a.pk, b.pk, c.pk, d.pk}  # not understood: ignored


def test_review_list_paginates_by_50(client, world):
    for _ in range(50):
        application_make(programme=world.programme)
    login_verified(client, world.editor)
    first = client.get(url(world, "application_list"))
    assert len(first.context["result"].rows) == 50 and first.context["result"].num_pages == 2
    second = client.get(url(world, "application_list"), {"page": 2})
    assert len(second.context["result"].rows) == 1


# --- The application page ------------------------------------------------------------------------------


def test_application_page_shows_everything_in_constant_queries(
    client, world, english, django_assert_num_queries
):
    attachment_make(world.application)
    ApplicationMessage.objects.create(application=world.application, text="Können Sie uns beraten?")
    Assessment.objects.create(
        application=world.application, reviewer=world.colleague, recommendation="approve"
    )
    login_verified(client, world.counsellor)
    detail_url = url(world, "application_detail", pk=world.application.pk)
    client.get(detail_url)
    # Queries: session, user, OTP device, office, membership; the application (programme, organisation,
    # area, responsible joined), its target groups, municipalities, the programme's areas, budget lines,
    # attachments, messages (authors joined), criteria, assessments (reviewers joined), their scores; grant
    # staff, organisations (selects); the decision panel's grant; the session's save (3).
    with django_assert_num_queries(21):
        response = client.get(detail_url)
    content = response.content.decode()
    for text in (
        "Verein Frauentreff",
        "Deutsch-Konversationscafé für Frauen",
        "Brittnau",
        "The budget adds up.",
        "Können Sie uns beraten?",
        "statuten.pdf",
        "Document: Annual accounts",
    ):
        assert text in content, text
    detail = response.context["detail"]
    assert detail.totals.costs == Decimal("6000.00") and detail.totals.gap == Decimal("4500.00")
    # More assessments and messages do not cost more queries.
    for user in (world.editor, world.admin):
        Assessment.objects.create(application=world.application, reviewer=user, recommendation="approve")
    ApplicationMessage.objects.create(
        application=world.application, text="Noch eine Frage", author=world.editor
    )
    with django_assert_num_queries(21):
        response = client.get(detail_url)
    assert len(response.context["detail"].assessments) == 3


def test_start_review_assign_and_link_the_organisation(client, world, english):
    login_verified(client, world.counsellor)
    pk = world.application.pk
    assert client.post(url(world, "application_start_review", pk=pk)).status_code == 302
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.IN_REVIEW
    assert world.application.assigned_to == world.counsellor

    client.post(url(world, "application_assign", pk=pk), {"assigned_to": world.editor.pk})
    world.application.refresh_from_db()
    assert world.application.assigned_to == world.editor
    refused = client.post(url(world, "application_assign", pk=pk), {"assigned_to": world.statistics.pk})
    assert refused.status_code == 400
    world.application.refresh_from_db()
    assert world.application.assigned_to == world.editor

    client.post(url(world, "application_organisation", pk=pk), {"organisation": world.organisation.pk})
    world.application.refresh_from_db()
    assert world.application.organisation == world.organisation


def test_checklist_through_the_page(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "application_checklist", pk=world.application.pk),
        {"checked": ["doc:Statutes", "own_share"]},
    )
    assert response.status_code == 302
    world.application.refresh_from_db()
    assert world.application.checklist["doc:Statutes"] and world.application.checklist["own_share"]
    assert world.application.checklist["budget_balanced"] is False


def test_two_reviewers_assess_through_the_page(client, world, english):
    relevance, feasibility = world.programme.criteria.all()
    assessment_url = url(world, "application_assessment", pk=world.application.pk)
    for user, scores, recommendation, amount in (
        (world.counsellor, (4, 3), "approve", "4500"),
        (world.editor, (5, 2), "reduce", "3500"),
    ):
        login_verified(client, user)
        assert client.get(assessment_url).status_code == 200
        response = client.post(
            assessment_url,
            {
                f"score_{relevance.pk}": scores[0],
                f"score_{feasibility.pk}": scores[1],
                f"comment_{relevance.pk}": "Passt",
                "recommendation": recommendation,
                "proposed_amount": amount,
                "comment": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(url(world, "application_detail", pk=world.application.pk))
    assert page.context["detail"].average_score == Decimal("76.7")
    assert "76.7" in page.content.decode()
    listed = client.get(url(world, "application_list"))
    row = listed.context["result"].rows[0]
    # The database's average (76.65) is shown rounded half up.
    assert row.assessment_count == 2 and row.avg_score.quantize(Decimal("0.01")) == Decimal("76.65")
    assert "76.7" in listed.content.decode()


def test_an_incomplete_assessment_is_shown_again_with_the_input(client, world, english):
    relevance, feasibility = world.programme.criteria.all()
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "application_assessment", pk=world.application.pk),
        {
            f"score_{relevance.pk}": "4",
            f"score_{feasibility.pk}": "7",
            "recommendation": "reduce",
            "comment": "Mein Text",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Mein Text" in content and "Select a valid choice." in content
    response = client.post(
        url(world, "application_assessment", pk=world.application.pk),
        {
            f"score_{relevance.pk}": "4",
            f"score_{feasibility.pk}": "2",
            "recommendation": "reduce",
            "comment": "",
        },
    )
    assert response.status_code == 400
    assert "Propose the lower amount." in response.content.decode()
    assert not Assessment.objects.exists()


def test_recommendation_through_the_page(client, world, english):
    login_verified(client, world.counsellor)
    target = url(world, "application_recommendation", pk=world.application.pk)
    refused = client.post(target, {"recommendation": "Zu viel", "recommended_amount": "4600"})
    assert refused.status_code == 400
    assert "The recommended amount cannot exceed the requested amount." in refused.content.decode()
    assert (
        client.post(target, {"recommendation": "Bewilligen", "recommended_amount": "4000"}).status_code == 302
    )
    world.application.refresh_from_db()
    assert world.application.recommended_amount == Decimal("4000.00")


def test_advice_reply_mails_the_applicant_and_notes_stay_internal(
    client, world, django_capture_on_commit_callbacks
):
    login_verified(client, world.counsellor)
    target = url(world, "application_message", pk=world.application.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(target, {"text": "Bitte reichen Sie die Statuten nach.", "send": "applicant"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.application.contact_email]
    assert world.application.token in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(target, {"text": "Intern: Vorstand kennt uns.", "send": "internal"})
    assert len(mail.outbox) == 1
    assert list(ApplicationMessage.objects.values_list("internal", flat=True)) == [False, True]
    empty = client.post(target, {"text": "", "send": "applicant"})
    assert empty.status_code == 400 and ApplicationMessage.objects.count() == 2


def test_attachment_download_is_scoped_to_the_application(client, world):
    attachment = attachment_make(world.application)
    other = application_make(programme=world.programme)
    login_verified(client, world.editor)
    response = client.get(
        url(world, "attachment_download", pk=world.application.pk, attachment_id=attachment.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert (
        client.get(url(world, "attachment_download", pk=other.pk, attachment_id=attachment.pk)).status_code
        == 404
    )


def test_a_new_grant_member_appears_in_the_assign_choices(client, world):
    newcomer = MembershipFactory(
        user=UserFactory(username="neu"), office=world.office, role=Membership.Role.EDITOR
    ).user
    login_verified(client, world.editor)
    response = client.get(url(world, "application_detail", pk=world.application.pk))
    assert str(newcomer.pk) in dict(response.context["assign_form"].fields["assigned_to"].choices)
    assert str(world.statistics.pk) not in dict(response.context["assign_form"].fields["assigned_to"].choices)
