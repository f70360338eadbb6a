"""Funding programmes on the staff side: the list with budget figures, create/edit with criteria, and the
rules (window, budget ≥ committed, weights, slug per office), audited budget changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified

from ..models import Assessment, AssessmentCriterion, AssessmentScore, FundingProgramme, Grant
from ..services import programmes as services
from ..services.programmes import CriterionEntry
from .factories_review import application_make, programme_make, review_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    return review_world(vocab)


def fields(**overrides):
    return {
        "name": "Kleinprojekte 2027",
        "slug": "kleinprojekte-2027",
        "year": 2027,
        "description": "",
        "eligibility": "",
        "currency": "CHF",
        "budget": Decimal("30000.00"),
        "max_amount": Decimal("5000.00"),
        "min_own_share_percent": 10,
        "opens_on": datetime.date(2027, 1, 1),
        "closes_on": datetime.date(2027, 6, 30),
        "required_documents": ["Statutes"],
        "report_due_days": 60,
        "status": FundingProgramme.Status.DRAFT,
        "publish_funded_projects": True,
        **overrides,
    }


def grant_for(application, amount, by):
    return Grant.objects.create(
        application=application,
        programme=application.programme,
        amount=Decimal(amount),
        decided_at=timezone.now(),
        decided_by=by,
    )


def url(world, name, **kwargs):
    return reverse(f"grants:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


# --- Services ------------------------------------------------------------------------------------------


def test_create_with_criteria_and_areas_is_audited(world, vocab):
    area = vocab["kip"][sorted(vocab["kip"])[1]]
    programme = services.programme_create(
        office=world.office,
        by=world.admin,
        fields=fields(),
        criteria=[
            CriterionEntry(name="Relevance", weight=3),
            CriterionEntry(name="Reach", weight=1, order=5),
        ],
        promotion_areas=[area],
    )
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Relevance", 3), ("Reach", 1)]
    assert list(programme.promotion_areas.all()) == [area]
    assert programme.required_documents == ["Statutes"]
    event = AuditEvent.objects.get(target_type="grants.fundingprogramme", target_id=programme.pk)
    assert event.action == "create" and "30000.00" in event.detail and event.office == world.office


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"closes_on": datetime.date(2026, 12, 31)}, "closes_on"),  # ends before it opens
        ({"budget": Decimal("-1.00")}, "budget"),
        ({"max_amount": Decimal("40000.00")}, "max_amount"),  # above the budget
        ({"min_own_share_percent": 120}, "min_own_share_percent"),
        ({"year": 1999}, "year"),
    ],
)
def test_bad_programme_fields_are_refused(world, overrides, key):
    with pytest.raises(Exception) as raised:
        services.programme_create(
            office=world.office, by=world.admin, fields=fields(**overrides), criteria=[]
        )
    assert key in raised.value.message_dict
    assert not FundingProgramme.objects.filter(slug="kleinprojekte-2027").exists()


@pytest.mark.parametrize("weight", [0, None, 101])
def test_criteria_weights_must_be_at_least_one(world, weight):
    with pytest.raises(Exception) as raised:
        services.programme_create(
            office=world.office,
            by=world.admin,
            fields=fields(),
            criteria=[CriterionEntry(name="Reach", weight=weight)],
        )
    assert "criteria" in raised.value.message_dict
    assert not FundingProgramme.objects.filter(slug="kleinprojekte-2027").exists()


def test_slug_is_unique_per_office_only(world):
    services.programme_create(office=world.office, by=world.admin, fields=fields(), criteria=[])
    with pytest.raises(Exception) as raised:
        services.programme_create(office=world.office, by=world.admin, fields=fields(), criteria=[])
    assert "slug" in raised.value.message_dict
    other = services.programme_create(office=world.other_office, by=None, fields=fields(), criteria=[])
    assert other.slug == "kleinprojekte-2027"


def test_budget_cannot_fall_below_what_is_committed(world):
    programme = world.programme
    grant_for(world.application, "4000.00", world.admin)
    criteria = [CriterionEntry(pk=c.pk, name=c.name, weight=c.weight) for c in programme.criteria.all()]
    base = {f: getattr(programme, f) for f in services.PROGRAMME_FIELDS}
    with pytest.raises(Exception) as raised:
        services.programme_update(
            programme=programme,
            by=world.admin,
            fields={**base, "budget": Decimal("3999.95")},
            criteria=criteria,
        )
    assert "budget" in raised.value.message_dict
    assert "4000.00" in raised.value.message_dict["budget"][0]
    programme.refresh_from_db()
    assert programme.budget == Decimal("30000.00")
    assert not AuditEvent.objects.filter(target_type="grants.fundingprogramme").exists()

    services.programme_update(
        programme=programme,
        by=world.admin,
        fields={**base, "budget": Decimal("4000.00"), "max_amount": Decimal("4000.00")},
        criteria=criteria,
    )
    programme.refresh_from_db()
    assert programme.budget == Decimal("4000.00")
    event = AuditEvent.objects.get(target_type="grants.fundingprogramme", target_id=programme.pk)
    assert event.action == "update" and "30000.00 → 4000.00" in event.detail and event.actor == world.admin


def test_changing_a_weight_recomputes_stored_scores(world):
    from ..services.review import assessment_save

    programme = world.programme
    relevance, feasibility = programme.criteria.all()
    assessment_save(
        application=world.application,
        reviewer=world.editor,
        recommendation="approve",
        proposed_amount=None,
        comment="",
        scores={relevance.pk: (5, ""), feasibility.pk: (0, "")},
    )
    assert Assessment.objects.get().weighted_score == Decimal("66.7")  # 10 / 15
    base = {f: getattr(programme, f) for f in services.PROGRAMME_FIELDS}
    services.programme_update(
        programme=programme,
        by=world.admin,
        fields=base,
        criteria=[
            CriterionEntry(pk=relevance.pk, name="Relevance", weight=1),
            CriterionEntry(pk=feasibility.pk, name="Feasibility", weight=1),
        ],
    )
    assert Assessment.objects.get().weighted_score == Decimal("50.0")


def test_a_scored_criterion_cannot_be_removed(world):
    programme = world.programme
    relevance, feasibility = programme.criteria.all()
    from ..services.review import assessment_save

    assessment_save(
        application=world.application,
        reviewer=world.editor,
        recommendation="approve",
        proposed_amount=None,
        comment="",
        scores={relevance.pk: (3, ""), feasibility.pk: (3, "")},
    )
    base = {f: getattr(programme, f) for f in services.PROGRAMME_FIELDS}
    with pytest.raises(Exception) as raised:
        services.programme_update(
            programme=programme,
            by=world.admin,
            fields={**base, "name": "Neu"},
            criteria=[CriterionEntry(pk=relevance.pk, name="Relevance", weight=2)],
        )
    assert "Feasibility" in raised.value.message_dict["criteria"][0]
    programme.refresh_from_db()
    assert programme.name == "Kleinprojekte Integration 2026"
    assert AssessmentCriterion.objects.filter(pk=feasibility.pk).exists()
    assert AssessmentScore.objects.count() == 2


# --- Views ---------------------------------------------------------------------------------------------


def test_programme_list_shows_budget_figures_in_constant_queries(client, world, django_assert_num_queries):
    login_verified(client, world.editor)
    grant_for(world.application, "4000.00", world.admin)
    application_make(programme=world.programme)  # requested 4,500 pending
    client.get(url(world, "programme_list"))  # warm the session and role caches of the first request
    # Queries: session, user, OTP device, office, membership, years, the programmes with their figures and
    # counts (one statement), and the session's save (savepoint, update, release).
    with django_assert_num_queries(10):
        response = client.get(url(world, "programme_list"))
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert row.figures.committed == Decimal("4000.00")
    assert row.figures.requested == Decimal("9000.00")
    assert row.figures.available == Decimal("26000.00")
    assert row.application_count == 2 and row.criteria_count == 2
    for n in range(3):
        programme_make(office=world.office, name=f"Programm {n}")
    programme_make(office=world.other_office, name="Fremdes Programm")
    with django_assert_num_queries(10):
        response = client.get(url(world, "programme_list"))
    assert len(response.context["rows"]) == 4
    assert b"Fremdes Programm" not in response.content


def test_programme_list_filters_by_year(client, world):
    programme_make(office=world.office, name="Programm 2025", year=2025)
    login_verified(client, world.counsellor)
    response = client.get(url(world, "programme_list"), {"year": 2025})
    assert [row.programme.name for row in response.context["rows"]] == ["Programm 2025"]


def form_data(**overrides):
    data = {
        "name": "Kleinprojekte 2027",
        "slug": "kleinprojekte-2027",
        "year": "2027",
        "status": "open",
        "description": "Für Vereine.",
        "eligibility": "",
        "currency": "CHF",
        "budget": "30000.00",
        "max_amount": "5000",
        "min_own_share_percent": "10",
        "opens_on": "2027-01-01",
        "closes_on": "2027-06-30",
        "required_documents": "Statutes\n\n Annual accounts \nstatutes",
        "report_due_days": "60",
        "publish_funded_projects": "on",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "Relevance",
        "criteria-0-weight": "2",
        "criteria-1-name": "Feasibility",
        "criteria-1-weight": "1",
        "criteria-2-name": "",
    }
    data.update(overrides)
    return data


def test_create_and_edit_a_programme_through_the_form(client, world, english):
    login_verified(client, world.editor)
    assert client.get(url(world, "programme_create")).status_code == 200
    response = client.post(url(world, "programme_create"), form_data())
    assert response.status_code == 302
    programme = FundingProgramme.objects.get(office=world.office, slug="kleinprojekte-2027")
    assert programme.required_documents == ["Statutes", "Annual accounts"]
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Relevance", 2), ("Feasibility", 1)]

    edit = url(world, "programme_edit", pk=programme.pk)
    page = client.get(edit)
    assert page.status_code == 200 and "Relevance" in page.content.decode()
    relevance, feasibility = programme.criteria.all()
    response = client.post(
        edit,
        form_data(
            **{
                "budget": "35000",
                "criteria-INITIAL_FORMS": "2",
                "criteria-0-id": str(relevance.pk),
                "criteria-0-weight": "3",
                "criteria-1-id": str(feasibility.pk),
                "criteria-1-DELETE": "on",
            }
        ),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.budget == Decimal("35000.00")
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Relevance", 3)]
    assert AuditEvent.objects.filter(target_type="grants.fundingprogramme", action="update").count() == 1


def test_a_refused_form_keeps_the_input_and_saves_nothing(client, world, english):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "programme_create"),
        form_data(closes_on="2026-12-01", name="Behalte mich"),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "The application window must end on or after its first day." in content
    assert "Behalte mich" in content

    response = client.post(url(world, "programme_create"), form_data(**{"criteria-1-weight": "0"}))
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert not FundingProgramme.objects.filter(slug="kleinprojekte-2027").exists()

    response = client.post(url(world, "programme_create"), form_data(slug=world.programme.slug))
    assert response.status_code == 400
    assert "Another programme of the office already uses this web address." in response.content.decode()


def test_another_offices_programme_is_not_found(client, world):
    foreign = programme_make(office=world.other_office)
    login_verified(client, world.admin)
    assert client.get(url(world, "programme_edit", pk=foreign.pk)).status_code == 404
    assert client.post(url(world, "programme_edit", pk=foreign.pk), form_data()).status_code == 404
