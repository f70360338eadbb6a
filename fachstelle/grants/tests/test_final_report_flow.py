"""The final report through the personal link: available once a grant exists, actual amounts per line,
documents of stage final_report, submission (grant → report submitted, office e-mail), then read-only."""

import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from fachstelle.grants.models import Attachment, FinalReport, Grant, Payout
from fachstelle.grants.services.applications import application_submit
from fachstelle.grants.services.attachments import attachment_add
from fachstelle.grants.services.final_reports import (
    final_report_editable,
    final_report_get_or_create,
    final_report_save,
    final_report_submit,
)

from .public_factories import (
    make_complete_draft,
    make_grant,
    make_office_with_municipality,
    make_programme,
    pdf_upload,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def granted(vocab):
    office, brittnau = make_office_with_municipality()
    application = make_complete_draft(make_programme(office), brittnau)
    application_submit(application=application, submission_key=uuid.uuid4())
    grant = make_grant(application)
    return application, grant


def report_url(application):
    return reverse(
        "grants_public:final_report",
        kwargs={"office_slug": application.office.slug, "token": application.token},
    )


def actuals(application, **overrides):
    amounts = {line.pk: line.amount for line in application.budget_lines.all()}
    amounts.update(overrides)
    return amounts


FIELDS = {
    "activities": "20 Treffen im Gemeindehaus",
    "goals_reached": "Die Frauen sprechen mehr Deutsch.",
    "participants_reached": 18,
    "lessons": "Kinderbetreuung ist entscheidend.",
}


def test_no_report_page_without_a_grant(client, vocab):
    office, brittnau = make_office_with_municipality()
    application = make_complete_draft(make_programme(office), brittnau)
    assert client.get(report_url(application)).status_code == 404


def test_save_refuses_negative_actual_amounts_and_foreign_lines(granted):
    application, grant = granted
    report = final_report_get_or_create(grant=grant)
    first = application.budget_lines.first()
    with pytest.raises(ValidationError) as caught:
        final_report_save(
            report=report, fields=FIELDS, actual_amounts=actuals(application, **{str(first.pk): "-5"})
        )
    assert f"actual_{first.pk}" in caught.value.message_dict
    first.refresh_from_db()
    assert first.actual_amount is None
    report.refresh_from_db()
    assert report.activities == ""
    with pytest.raises(ValidationError):
        final_report_save(report=report, fields={}, actual_amounts={999999: "5"})


def test_submit_needs_every_actual_amount_then_locks(granted, django_capture_on_commit_callbacks):
    application, grant = granted
    report = final_report_get_or_create(grant=grant)
    lines = list(application.budget_lines.all())
    final_report_save(report=report, fields=FIELDS, actual_amounts={lines[0].pk: Decimal("2800")})
    with pytest.raises(ValidationError):
        final_report_submit(report=report)
    final_report_save(report=report, fields=FIELDS, actual_amounts=actuals(application))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        final_report_submit(report=report)
    report.refresh_from_db()
    grant.refresh_from_db()
    assert report.status == FinalReport.Status.SUBMITTED and report.submitted_at
    assert grant.status == Grant.Status.REPORT_SUBMITTED
    assert [m.to for m in mail.outbox] == [[application.office.email]]
    assert not final_report_editable(application)
    with pytest.raises(ValidationError):
        final_report_save(report=report, fields={"activities": "später"}, actual_amounts={})


def test_a_returned_report_can_be_edited_again(granted):
    application, grant = granted
    report = final_report_get_or_create(grant=grant)
    FinalReport.objects.filter(pk=report.pk).update(
        status=FinalReport.Status.RETURNED, review_note="Fotos fehlen"
    )
    report.refresh_from_db()
    application.refresh_from_db()
    assert final_report_editable(application)
    final_report_save(report=report, fields={"lessons": "Neu"}, actual_amounts={})
    report.refresh_from_db()
    assert report.lessons == "Neu"


def test_final_report_through_the_link(client, granted, english, django_capture_on_commit_callbacks):
    application, grant = granted
    Payout.objects.create(grant=grant, number=1, amount=Decimal("2000"), planned_on=grant.decided_at.date())
    detail = client.get(
        reverse(
            "grants_public:application_detail",
            kwargs={"office_slug": application.office.slug, "token": application.token},
        )
    ).content.decode()
    assert "4,000.00" in detail and "2,000.00" in detail and report_url(application) in detail

    page = client.get(report_url(application))
    assert page.status_code == 200 and "Leitung" in page.content.decode()
    lines = list(application.budget_lines.all())
    data = {**FIELDS, "action": "save"}
    data.update({f"actual_{line.pk}": str(line.amount) for line in lines})
    data[f"actual_{lines[0].pk}"] = "-1"
    response = client.post(report_url(application), data)
    assert response.status_code == 400 and "Amounts cannot be negative." in response.content.decode()
    assert (
        'value="20 Treffen' in response.content.decode()
        or "20 Treffen im Gemeindehaus" in response.content.decode()
    )

    response = client.post(
        report_url(application), {"action": "upload", "label": "Foto", "file": pdf_upload("bericht.pdf")}
    )
    assert response.status_code == 302
    assert application.attachments.filter(stage=Attachment.Stage.FINAL_REPORT).count() == 1

    data[f"actual_{lines[0].pk}"] = "2800"
    data["action"] = "submit"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(application), data)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORT_SUBMITTED
    assert grant.final_report.participants_reached == 18
    assert application.budget_lines.get(pk=lines[0].pk).actual_amount == Decimal("2800.00")
    assert len(mail.outbox) == 1

    readonly = client.get(report_url(application)).content.decode()
    assert "20 Treffen im Gemeindehaus" in readonly and 'name="action" value="submit"' not in readonly
    late = client.post(report_url(application), {"action": "upload", "label": "Spät", "file": pdf_upload()})
    assert late.status_code == 400
    assert application.attachments.filter(stage=Attachment.Stage.FINAL_REPORT).count() == 1


def test_final_report_documents_cannot_be_added_before_a_grant(vocab):
    office, brittnau = make_office_with_municipality()
    application = make_complete_draft(make_programme(office), brittnau)
    with pytest.raises(ValidationError):
        attachment_add(
            application=application, upload=pdf_upload(), label="Foto", stage=Attachment.Stage.FINAL_REPORT
        )
