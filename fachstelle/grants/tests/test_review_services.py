"""services/review.py: assignment, start of the review, checklist, assessments by several reviewers,
the recommendation, advice messages and the link to the network."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import OrganisationFactory

from ..models import Application, ApplicationMessage, Assessment, AssessmentScore
from ..selectors.review import application_detail
from ..services import review as services
from .factories_review import application_make, review_world

pytestmark = pytest.mark.django_db

Rec = Assessment.Recommendation


@pytest.fixture
def world(vocab):
    return review_world(vocab)


def scores_for(programme, *values):
    return {
        criterion.pk: (value, "") for criterion, value in zip(programme.criteria.all(), values, strict=True)
    }


def test_weighted_score_is_the_weighted_share_of_the_maximum():
    # Relevance ×2 scored 4, feasibility ×1 scored 3: (8 + 3) / (5 × 3) × 100 = 73.3
    assert services.weighted_score([(4, 2), (3, 1)]) == Decimal("73.3")
    assert services.weighted_score([(5, 1), (5, 4)]) == Decimal("100.0")
    assert services.weighted_score([(0, 3)]) == Decimal("0.0")
    assert services.weighted_score([]) is None


def test_two_reviewers_score_and_the_page_shows_their_averages(world):
    application = world.application
    services.assessment_save(
        application=application,
        reviewer=world.counsellor,
        recommendation=Rec.APPROVE,
        proposed_amount=Decimal("4500.00"),
        comment="Gut begründet.",
        scores=scores_for(world.programme, 4, 3),
    )
    services.assessment_save(
        application=application,
        reviewer=world.editor,
        recommendation=Rec.REDUCE,
        proposed_amount=Decimal("3500.00"),
        comment="Materialkosten hoch.",
        scores=scores_for(world.programme, 5, 2),
    )
    detail = application_detail(office=world.office, application_id=application.pk, user=world.editor)
    scores = {a.reviewer_id: a.weighted_score for a in detail.assessments}
    assert scores == {world.counsellor.pk: Decimal("73.3"), world.editor.pk: Decimal("80.0")}
    assert detail.average_score == Decimal("76.7")  # (73.3 + 80.0) / 2 = 76.65, rounded half up
    assert detail.average_proposed == Decimal("4000.00")
    averages = {s.criterion.name: s.average for s in detail.criterion_summaries}
    assert averages == {"Relevance": Decimal("4.5"), "Feasibility": Decimal("2.5")}
    assert detail.my_assessment.reviewer_id == world.editor.pk
    # The first assessment took the submitted application into review.
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_a_reviewer_has_one_assessment_that_is_replaced(world):
    for values in ((1, 1), (5, 5)):
        services.assessment_save(
            application=world.application,
            reviewer=world.counsellor,
            recommendation=Rec.APPROVE,
            proposed_amount=None,
            comment="",
            scores=scores_for(world.programme, *values),
        )
    assessment = Assessment.objects.get(application=world.application)
    assert assessment.weighted_score == Decimal("100.0")
    assert AssessmentScore.objects.filter(assessment=assessment).count() == 2


@pytest.mark.parametrize(
    ("values", "recommendation", "amount", "key"),
    [
        ((4,), Rec.APPROVE, None, "score_2"),  # a criterion left out
        ((4, 6), Rec.APPROVE, None, "score_2"),  # above 5
        ((4, -1), Rec.APPROVE, None, "score_2"),
        ((4, 3), "maybe", None, "recommendation"),
        ((4, 3), Rec.REDUCE, None, "proposed_amount"),  # the lower amount missing
        ((4, 3), Rec.REDUCE, "4500.00", "proposed_amount"),  # not lower
        ((4, 3), Rec.APPROVE, "9000.00", "proposed_amount"),  # more than requested
        ((4, 3), Rec.APPROVE, "-5.00", "proposed_amount"),
    ],
)
def test_bad_assessments_are_refused_and_nothing_is_written(world, values, recommendation, amount, key):
    criteria = list(world.programme.criteria.all())
    scores = {criteria[i].pk: (value, "") for i, value in enumerate(values)}
    with pytest.raises(ValidationError) as raised:
        services.assessment_save(
            application=world.application,
            reviewer=world.counsellor,
            recommendation=recommendation,
            proposed_amount=Decimal(amount) if amount else None,
            comment="",
            scores=scores,
        )
    expected_key = f"score_{criteria[1].pk}" if key == "score_2" else key
    assert expected_key in raised.value.message_dict
    assert not Assessment.objects.exists()
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.SUBMITTED


def test_assessments_need_a_grant_role_and_a_submitted_application(world):
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            application=world.application,
            reviewer=world.statistics,
            recommendation=Rec.APPROVE,
            proposed_amount=None,
            comment="",
            scores=scores_for(world.programme, 3, 3),
        )
    with pytest.raises(PermissionDenied):  # staff of another office
        services.assessment_save(
            application=world.application,
            reviewer=world.foreign_counsellor,
            recommendation=Rec.APPROVE,
            proposed_amount=None,
            comment="",
            scores=scores_for(world.programme, 3, 3),
        )
    draft = application_make(programme=world.programme, status=Application.Status.DRAFT)
    with pytest.raises(ValidationError):
        services.assessment_save(
            application=draft,
            reviewer=world.counsellor,
            recommendation=Rec.APPROVE,
            proposed_amount=None,
            comment="",
            scores=scores_for(world.programme, 3, 3),
        )
    assert not Assessment.objects.exists()


def test_start_review_only_from_submitted_and_the_starter_becomes_responsible(world):
    services.application_start_review(application=world.application, by=world.counsellor)
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.IN_REVIEW
    assert world.application.assigned_to == world.counsellor
    with pytest.raises(ValidationError):
        services.application_start_review(application=world.application, by=world.editor)
    world.application.refresh_from_db()
    assert world.application.assigned_to == world.counsellor


def test_assign_only_to_grant_staff_of_the_office(world):
    services.application_assign(application=world.application, by=world.editor, assignee=world.colleague)
    world.application.refresh_from_db()
    assert world.application.assigned_to == world.colleague
    for outsider in (world.statistics, world.foreign_counsellor):
        with pytest.raises(ValidationError) as raised:
            services.application_assign(application=world.application, by=world.editor, assignee=outsider)
        assert "assigned_to" in raised.value.message_dict
    world.application.refresh_from_db()
    assert world.application.assigned_to == world.colleague
    services.application_assign(application=world.application, by=world.editor, assignee=None)
    world.application.refresh_from_db()
    assert world.application.assigned_to is None


def test_checklist_stores_every_item_and_suggests_from_the_data(world):
    detail = application_detail(office=world.office, application_id=world.application.pk, user=world.editor)
    hints = {item.key: item.hint for item in detail.checklist}
    assert hints["doc:Statutes"] is False  # nothing uploaded
    assert hints["budget_balanced"] is True  # 6000 − 1000 − 500 = 4500
    assert hints["within_maximum"] is True
    assert hints["own_share"] is True  # 16.7 % ≥ 10 %
    assert hints["sponsor_complete"] is True
    assert hints["eligible_area"] is True

    services.checklist_save(
        application=world.application, by=world.editor, checked=["doc:Statutes", "budget_balanced"]
    )
    world.application.refresh_from_db()
    assert world.application.checklist["doc:Statutes"] is True
    assert world.application.checklist["budget_balanced"] is True
    assert world.application.checklist["doc:Annual accounts"] is False
    assert not services.checklist_complete(world.application)

    with pytest.raises(ValidationError):
        services.checklist_save(application=world.application, by=world.editor, checked=["made_up"])
    world.application.refresh_from_db()
    assert world.application.checklist["doc:Statutes"] is True


def test_checklist_hints_a_budget_that_does_not_add_up(world):
    application = application_make(programme=world.programme, requested="5000.00")
    detail = application_detail(office=world.office, application_id=application.pk, user=world.editor)
    hints = {item.key: item.hint for item in detail.checklist}
    assert hints["budget_balanced"] is False
    assert hints["eligible_area"] is False  # no promotion area chosen
    assert detail.totals.difference == Decimal("500.00")


def test_recommendation_is_checked_and_its_amount_audited(world):
    with pytest.raises(ValidationError) as raised:
        services.recommendation_save(
            application=world.application,
            by=world.editor,
            recommendation="x",
            recommended_amount=Decimal("4600"),
        )
    assert "recommended_amount" in raised.value.message_dict
    services.recommendation_save(
        application=world.application,
        by=world.editor,
        recommendation="Bewilligen, Material kürzen.",
        recommended_amount=Decimal("4000.00"),
    )
    world.application.refresh_from_db()
    assert world.application.recommended_amount == Decimal("4000.00")
    event = AuditEvent.objects.get(target_type="grants.application", target_id=world.application.pk)
    assert event.actor == world.editor and "4000.00" in event.detail


def test_advice_to_the_applicant_is_mailed_with_the_personal_link(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.staff_message_add(
            application=world.application,
            by=world.counsellor,
            text="Bitte Statuten nachreichen.",
            internal=False,
        )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [world.application.contact_email]
    assert "Bitte Statuten nachreichen." in sent.body
    assert f"/grants/application/{world.application.token}/" in sent.body
    assert sent.body.count("http://testserver/") >= 1


def test_internal_notes_are_not_mailed(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = services.staff_message_add(
            application=world.application, by=world.counsellor, text="Intern: Budget prüfen.", internal=True
        )
    assert callbacks == []
    assert message.internal and message.author == world.counsellor
    assert mail.outbox == []


def test_advice_without_an_address_or_text_is_refused(world):
    world.application.contact_email = ""
    world.application.save()
    with pytest.raises(ValidationError) as raised:
        services.staff_message_add(
            application=world.application, by=world.counsellor, text="Hallo", internal=False
        )
    assert "internal" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.staff_message_add(
            application=world.application, by=world.counsellor, text="  ", internal=True
        )
    assert "text" in raised.value.message_dict
    assert not ApplicationMessage.objects.exists() and mail.outbox == []


def test_link_to_an_organisation_of_the_office_only(world):
    foreign = OrganisationFactory(office=world.other_office)
    with pytest.raises(ValidationError):
        services.application_link_organisation(
            application=world.application, by=world.editor, organisation=foreign
        )
    world.application.organisation_name = ""
    world.application.save()
    services.application_link_organisation(
        application=world.application, by=world.editor, organisation=world.organisation
    )
    world.application.refresh_from_db()
    assert world.application.organisation == world.organisation
    assert world.application.organisation_name == "Verein Frauentreff Brittnau"
