"""The applicant's services: start, steps, budget rules, completeness, submission with reference,
advice, withdrawal."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from fachstelle.core.tests.factories import OfficeFactory, OrganisationFactory
from fachstelle.grants.iban import iban_is_valid
from fachstelle.grants.models import Application, ApplicationMessage, BudgetLine
from fachstelle.grants.services.applications import (
    application_problems,
    application_request_advice,
    application_save_budget,
    application_save_project,
    application_save_sponsor,
    application_start,
    application_submit,
    application_withdraw,
    reference_prefix,
    today_zurich,
)

from .public_factories import BUDGET, make_complete_draft, make_office_with_municipality, make_programme

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def setup(vocab, django_capture_on_commit_callbacks):
    office, brittnau = make_office_with_municipality()
    programme = make_programme(office)
    programme.promotion_areas.set([vocab["kip"]["2.1"]] if "2.1" in vocab["kip"] else [])
    return office, brittnau, programme


def _messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("CH93 0076 2011 6238 5295 7", True),
        ("ch9300762011623852957", True),
        ("DE89 3704 0044 0532 0130 00", True),
        ("LI21 0881 0000 2324 013A A", True),
        ("CH93 0076 2011 6238 5295 8", False),  # checksum
        ("CH93 0076 2011 6238 5295", False),  # too short for CH
        ("12345", False),
        ("", False),
    ],
)
def test_iban_checksum_and_country_length(iban, valid):
    assert iban_is_valid(iban) is valid


def test_start_creates_a_draft_and_mails_the_link(setup, django_capture_on_commit_callbacks):
    _office, _brittnau, programme = setup
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        application = application_start(
            programme=programme,
            organisation_name=" Verein ",
            contact_name="Anna",
            contact_email="a@example.org",
        )
    assert application.status == Application.Status.DRAFT
    assert application.organisation_name == "Verein"
    assert len(application.token) >= 40
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert f"/en/{programme.office.slug}/grants/application/{application.token}/" in mail.outbox[0].body


def test_start_with_the_same_key_twice_creates_one_draft(setup):
    _office, _brittnau, programme = setup
    key = uuid.uuid4()
    first = application_start(
        programme=programme,
        organisation_name="V",
        contact_name="A",
        contact_email="a@example.org",
        submission_key=key,
    )
    second = application_start(
        programme=programme,
        organisation_name="V",
        contact_name="A",
        contact_email="a@example.org",
        submission_key=key,
    )
    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_start_prefills_from_a_public_organisation_and_refuses_another_office(setup):
    office, brittnau, programme = setup
    organisation = OrganisationFactory(
        office=office, street="Dorfstrasse 1", postcode="4805", municipality=brittnau
    )
    application = application_start(
        programme=programme,
        organisation=organisation,
        organisation_name="",
        contact_name="A",
        contact_email="a@x.ch",
    )
    assert (application.organisation_name, application.street, application.city) == (
        organisation.name,
        "Dorfstrasse 1",
        "Brittnau",
    )
    foreign = OrganisationFactory(office=OfficeFactory())
    with pytest.raises(ValidationError) as caught:
        application_start(
            programme=programme,
            organisation=foreign,
            organisation_name="X",
            contact_name="A",
            contact_email="a@x.ch",
        )
    assert "organisation" in caught.value.message_dict
    assert Application.objects.count() == 1


def test_start_refused_when_the_programme_is_closed(setup):
    _office, _brittnau, programme = setup
    programme.closes_on = today_zurich() - datetime.timedelta(days=1)
    programme.opens_on = programme.closes_on - datetime.timedelta(days=30)
    programme.save()
    with pytest.raises(ValidationError), translation.override("en"):
        application_start(
            programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
        )
    assert not Application.objects.exists()


def test_sponsor_step_refuses_a_wrong_iban_and_keeps_the_row(setup):
    _office, _brittnau, programme = setup
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    with pytest.raises(ValidationError) as caught:
        application_save_sponsor(application=application, fields={"iban": "CH00 1234", "city": "Brittnau"})
    assert "iban" in caught.value.message_dict
    application.refresh_from_db()
    assert application.city == "" and application.iban == ""
    application_save_sponsor(application=application, fields={"iban": "ch93 0076 2011 6238 5295 7"})
    application.refresh_from_db()
    assert application.iban == "CH9300762011623852957"


def test_project_step_checks_area_municipalities_and_dates(setup, vocab):
    _office, brittnau, programme = setup
    other_area = vocab["kip"]["1.1"]
    elsewhere = OfficeFactory(municipalities=[]).municipalities.create(
        name="Anderswo", bfs_number=9999, canton="BE"
    )
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    today = today_zurich()
    with pytest.raises(ValidationError) as caught:
        application_save_project(
            application=application,
            fields={
                "promotion_area": other_area if programme.promotion_areas.exists() else None,
                "starts_on": today,
                "ends_on": today - datetime.timedelta(days=1),
            },
            m2m={"municipalities": [elsewhere]},
        )
    errors = caught.value.message_dict
    assert "ends_on" in errors and "municipalities" in errors
    if programme.promotion_areas.exists():
        assert "promotion_area" in errors
    assert not application.municipalities.exists()
    application_save_project(
        application=application, fields={"project_title": "Café"}, m2m={"municipalities": [brittnau]}
    )
    assert list(application.municipalities.all()) == [brittnau]


def test_budget_refuses_negative_amounts_and_writes_nothing(setup):
    _office, _brittnau, programme = setup
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    application_save_budget(application=application, lines=BUDGET, requested_amount="4500")
    lines = [*BUDGET[:2], {"kind": "cost", "category": "other", "description": "Minus", "amount": "-50"}]
    with pytest.raises(ValidationError) as caught:
        application_save_budget(application=application, lines=lines, requested_amount="4400")
    assert "lines-2-amount" in caught.value.message_dict
    assert BudgetLine.objects.filter(application=application).count() == len(BUDGET)
    application.refresh_from_db()
    assert application.requested_amount == Decimal("4500.00")


def test_budget_refuses_more_than_the_programme_maximum(setup):
    _office, _brittnau, programme = setup
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    lines = [
        {"kind": "cost", "category": "other", "description": "Gross", "amount": "9000"},
        {"kind": "own", "category": "other", "description": "Eigen", "amount": "2000"},
    ]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        application_save_budget(application=application, lines=lines, requested_amount="7000")
    assert "at most CHF 5,000.00" in " ".join(caught.value.message_dict["requested_amount"])
    assert not application.budget_lines.exists()


def test_budget_refuses_an_own_share_below_the_minimum(setup):
    _office, _brittnau, programme = setup
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    lines = [
        {"kind": "cost", "category": "other", "description": "Kosten", "amount": "4000"},
        {"kind": "own", "category": "other", "description": "Eigen", "amount": "100"},
    ]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        application_save_budget(application=application, lines=lines, requested_amount="3900")
    assert "2.5 %" in _messages(caught.value) and "at least 10 %" in _messages(caught.value)


def test_an_unbalanced_budget_is_saved_but_blocks_submission(setup):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau)
    assert application_problems(application) == []
    application_save_budget(application=application, lines=BUDGET, requested_amount="4600")
    with translation.override("en"):
        problems = application_problems(application)
    assert [p.step for p in problems] == ["budget"]
    assert "does not add up" in problems[0].message
    with pytest.raises(ValidationError):
        application_submit(application=application, submission_key=uuid.uuid4())
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and application.reference == ""


def test_problems_name_the_missing_required_document(setup):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau, with_document=False)
    with translation.override("en"):
        problems = application_problems(application)
    assert [(p.step, p.message) for p in problems] == [("documents", "The document “Statutes” is missing.")]


def test_submit_allocates_a_reference_and_sends_the_receipt(setup, django_capture_on_commit_callbacks):
    office, brittnau, programme = setup
    first = make_complete_draft(programme, brittnau)
    second = make_complete_draft(programme, brittnau)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        application_submit(application=first, submission_key=uuid.uuid4(), publish_consent=True)
        application_submit(application=second, submission_key=uuid.uuid4())
    year = programme.year
    assert first.reference == f"KP-{year}-0001"
    assert second.reference == f"KP-{year}-0002"
    first.refresh_from_db()
    assert first.status == Application.Status.SUBMITTED and first.submitted_at and first.publish_consent
    receipts = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert len(receipts) == 2
    assert f"KP-{year}-0001" in receipts[0].subject and "4,500.00" in receipts[0].body
    assert any(m.to == [office.email] for m in mail.outbox)


def test_double_submit_gives_the_same_result_and_no_second_reference(
    setup, django_capture_on_commit_callbacks
):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau)
    key = uuid.uuid4()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=application, submission_key=key)
        again = Application.objects.get(pk=application.pk)
        application_submit(application=again, submission_key=key)
    assert again.reference == application.reference
    assert Application.objects.exclude(reference="").count() == 1
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 1
    with pytest.raises(ValidationError):  # another key: a real second attempt
        application_submit(application=again, submission_key=uuid.uuid4())


def test_submission_window_closes_after_the_closing_day(setup):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau)
    today = today_zurich()
    programme.closes_on = today  # the closing day itself is inside the window
    programme.save()
    assert application_problems(application, today=today) == []
    programme.closes_on = today - datetime.timedelta(days=1)
    programme.save()
    application.programme.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        application_submit(application=application, submission_key=uuid.uuid4())
    assert "closed" in _messages(caught.value)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_editing_after_submission_is_refused(setup):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau)
    application_submit(application=application, submission_key=uuid.uuid4())
    with pytest.raises(ValidationError):
        application_save_sponsor(application=application, fields={"city": "Zofingen"})
    with pytest.raises(ValidationError):
        application_save_budget(application=application, lines=BUDGET[:1], requested_amount="1")
    application.refresh_from_db()
    assert application.city == "Brittnau"
    assert application.budget_lines.count() == len(BUDGET)


def test_reference_prefix_from_the_slug():
    class P:
        slug = "klein-projekte-2026"

    assert reference_prefix(P) == "KP"
    P.slug = "integration"
    assert reference_prefix(P) == "FG"


def test_advice_request_records_the_message_and_mails_the_office(setup, django_capture_on_commit_callbacks):
    office, _brittnau, programme = setup
    application = application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = application_request_advice(
            application=application, message="Ist Kinderbetreuung förderbar?"
        )
    application.refresh_from_db()
    assert application.advice_requested_at is not None
    assert message.author is None and not message.internal
    assert [m.to for m in mail.outbox] == [[office.email]]
    assert "Kinderbetreuung" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        application_request_advice(application=application, message="  ")
    assert ApplicationMessage.objects.count() == 1


def test_withdraw_until_decided(setup):
    _office, brittnau, programme = setup
    application = make_complete_draft(programme, brittnau)
    application_withdraw(application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    decided = make_complete_draft(programme, brittnau)
    Application.objects.filter(pk=decided.pk).update(status=Application.Status.REJECTED)
    decided.refresh_from_db()
    with pytest.raises(ValidationError):
        application_withdraw(application=decided)
