"""Grants: the final report through the personal link (once a grant exists): texts, actual amounts per
budget line with the totals, photos and documents, save as draft, submit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fachstelle.core.forms import add_service_errors
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.tenancy import office_get_public

from ..budget_math import budget_totals
from ..forms_public import AttachmentForm, FinalReportForm
from ..models import Attachment, BudgetLine
from ..selectors.applicant import application_get_by_token
from ..services.attachments import attachment_add
from ..services.final_reports import (
    final_report_available,
    final_report_editable,
    final_report_get_or_create,
    final_report_problems,
    final_report_save,
    final_report_submit,
)
from .public_programmes import rate_limit_text

TEMPLATES = "grants/public/"


def _report_url(application) -> str:
    return reverse(
        "grants_public:final_report",
        kwargs={"office_slug": application.office.slug, "token": application.token},
    )


def _page(request, application, report, form, upload_form, status=200):
    # Fresh from the database: after a refused submission the saved actual amounts are shown.
    lines = list(BudgetLine.objects.filter(application=application).order_by("order", "pk"))
    context = {
        "office": application.office,
        "public_nav": "grants",
        "application": application,
        "programme": application.programme,
        "grant": application.grant,
        "report": report,
        "form": form,
        "upload_form": upload_form,
        "editable": final_report_editable(application),
        "lines": lines,
        "planned": budget_totals(lines, application.requested_amount),
        "actual": budget_totals(lines, application.grant.amount, actual=True),
        "documents": [a for a in application.attachments.all() if a.stage == Attachment.Stage.FINAL_REPORT],
        "problems": final_report_problems(report) if report.status != report.Status.SUBMITTED else [],
        "detail_url": reverse(
            "grants_public:application_detail",
            kwargs={"office_slug": application.office.slug, "token": application.token},
        ),
    }
    return render(request, TEMPLATES + "final_report.html", context, status=status)


@require_http_methods(["GET", "POST"])
def final_report(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    application = application_get_by_token(office=office, token=token, full=True)
    if not final_report_available(application):
        raise Http404("No final report for this application")
    grant = application.grant
    report = final_report_get_or_create(grant=grant)
    grant.final_report = report
    lines = list(application.budget_lines.all())
    if request.method == "GET":
        return _page(
            request, application, report, FinalReportForm(instance=report, lines=lines), AttachmentForm()
        )

    action = request.POST.get("action", "save")
    if action == "upload":
        upload_form = AttachmentForm(request.POST, request.FILES)
        form = FinalReportForm(instance=report, lines=lines)
        if upload_form.is_valid():
            try:
                attachment_add(
                    application=application,
                    upload=upload_form.cleaned_data["file"],
                    label=upload_form.cleaned_data["label"],
                    stage=Attachment.Stage.FINAL_REPORT,
                )
            except ValidationError as error:
                add_service_errors(upload_form, error)
            else:
                messages.success(request, _("The document has been added."))
                return redirect(_report_url(application))
        return _page(request, application, report, form, upload_form, status=400)

    form = FinalReportForm(request.POST, instance=report, lines=lines)
    upload_form = AttachmentForm()
    if not form.is_valid():
        return _page(request, application, report, form, upload_form, status=400)
    if action == "submit" and rate_limited(request, "grant-final-report"):
        form.add_error(None, rate_limit_text())
        return _page(request, application, report, form, upload_form, status=429)
    try:
        final_report_save(report=report, fields=form.report_fields(), actual_amounts=form.actual_amounts())
        if action == "submit":
            final_report_submit(report=report)
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(
            request, application, report, form, upload_form, status=409 if action == "submit" else 400
        )
    if action == "submit":
        messages.success(request, _("Thank you! Your final report has been submitted."))
    else:
        messages.success(request, _("Your draft has been saved."))
    return redirect(_report_url(application))


urlpatterns = [
    path("<slug:office_slug>/grants/application/<str:token>/report/", final_report, name="final_report"),
]
