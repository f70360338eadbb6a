"""Grants: the decision (approve / reject, the letter), payouts and the final report review with the
settlement. Thin views: the services hold the rules (roles, budget lock, double payouts)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import GRANT_DECISION_ROLES, GRANT_ROLES, staff_office_view
from fachstelle.core.tabular import download_response

from ..forms_decisions import (
    ApproveForm,
    CancelForm,
    PayoutAddForm,
    PayoutFilterForm,
    PayoutPaidForm,
    RejectForm,
    RepaymentForm,
    ReturnReportForm,
    SettleForm,
)
from ..letters import letter_filename, letter_pdf
from ..models import Application, FinalReport
from ..selectors.payouts import (
    PayoutFilters,
    grant_get,
    grant_of_application,
    payout_get,
    payout_queryset,
    programmes_of_office,
    settlement_view,
)
from ..selectors.review import application_get
from ..services import decisions, payouts, settlement

PER_PAGE = 100


def _application_url(request, application) -> str:
    """The application page of the review area when routed, else this area's decision page."""
    for kwargs in ({"pk": application.pk}, {"application_id": application.pk}):
        try:
            return reverse("grants:application_detail", kwargs={"office_slug": request.office.slug, **kwargs})
        except NoReverseMatch:
            continue
    return reverse("grants:decision", kwargs={"office_slug": request.office.slug, "pk": application.pk})


def _decision_context(request, application, **extra):
    return {"nav": "grants", "application": application, **extra}


@staff_office_view(roles=GRANT_ROLES)
def decision(request, pk: int):
    application = application_get(office=request.office, application_id=pk)
    return render(request, "grants/staff/decision_page.html", _decision_context(request, application))


@require_POST
@staff_office_view(roles=GRANT_DECISION_ROLES)
def decision_approve(request, pk: int):
    application = application_get(office=request.office, application_id=pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            grant = decisions.application_approve(
                application=application,
                by=request.user,
                amount=form.cleaned_data["amount"],
                conditions=form.cleaned_data["conditions"],
                payout_plan=form.cleaned_data["payout_plan"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, renamed={"payout_plan": "plan_amount_1"})
        else:
            messages.success(
                request,
                _("Approved: %(amount)s. The decision letter is being sent.")
                % {"amount": decisions.format_money(grant.amount, grant.programme.currency)},
            )
            return redirect(_application_url(request, application))
    return render(
        request,
        "grants/staff/decision_page.html",
        _decision_context(request, application, approve_form=form),
        status=400,
    )


@require_POST
@staff_office_view(roles=GRANT_DECISION_ROLES)
def decision_reject(request, pk: int):
    application = application_get(office=request.office, application_id=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            decisions.application_reject(
                application=application, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rejected. The decision letter is being sent."))
            return redirect(_application_url(request, application))
    return render(
        request,
        "grants/staff/decision_page.html",
        _decision_context(request, application, reject_form=form),
        status=400,
    )


@staff_office_view(roles=GRANT_ROLES)
def decision_letter(request, pk: int):
    application = application_get(office=request.office, application_id=pk)
    if application.status not in (Application.Status.APPROVED, Application.Status.REJECTED):
        raise Http404("No decision yet")
    grant = grant_of_application(application=application)
    content = grant.letter.read() if grant is not None and grant.letter else letter_pdf(application)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter_filename(application)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_office_view(roles=GRANT_DECISION_ROLES)
def grant_cancel(request, pk: int):
    grant = grant_get(office=request.office, grant_id=pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            decisions.grant_cancel(grant=grant, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The grant has been cancelled; its amount is available again."))
    else:
        messages.error(request, _("Please give the reason for the cancellation."))
    return redirect(_application_url(request, grant.application))


@require_POST
@staff_office_view(roles=GRANT_ROLES)
def grant_publish(request, pk: int):
    grant = grant_get(office=request.office, grant_id=pk)
    try:
        decisions.grant_publish_set(grant=grant, by=request.user, publish=request.POST.get("publish") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_application_url(request, grant.application))


# --- Payouts -------------------------------------------------------------------------------------------


def _payout_filters(request, programmes):
    form = PayoutFilterForm(request.GET or None, programmes=programmes)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, PayoutFilters(
            status=data["status"], due_until=data["due_until"], programme_id=data["programme"]
        )
    return form, PayoutFilters()


@staff_office_view(roles=GRANT_ROLES)
def payout_list(request):
    programmes = programmes_of_office(office=request.office)
    form, filters = _payout_filters(request, programmes)
    page = Paginator(payout_queryset(office=request.office, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "grants/staff/payout_list.html",
        {
            "nav": "grants",
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "paid_form": PayoutPaidForm(initial={"paid_on": timezone.localdate()}),
            "today": timezone.localdate(),
        },
    )


EXPORT_HEADERS = [
    "reference",
    "sponsor",
    "IBAN",
    "account holder",
    "programme",
    "instalment",
    "amount",
    "currency",
    "planned",
    "released",
    "paid",
    "booking reference",
    "status",
]


@staff_office_view(roles=GRANT_ROLES)
def payouts_export(request):
    programmes = programmes_of_office(office=request.office)
    _form, filters = _payout_filters(request, programmes)
    rows = []
    for payout in payout_queryset(office=request.office, filters=filters):
        application = payout.grant.application
        rows.append(
            [
                application.reference,
                application.organisation_name,
                application.iban,
                application.account_holder or application.organisation_name,
                payout.grant.programme.name,
                payout.number,
                f"{payout.amount:.2f}",
                payout.grant.programme.currency,
                payout.planned_on.isoformat(),
                timezone.localtime(payout.released_at).date().isoformat() if payout.released_at else "",
                payout.paid_on.isoformat() if payout.paid_on else "",
                payout.booking_reference,
                payout.status,
            ]
        )
    file_type = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="grants.payout",
        detail=f"payouts export ({file_type}, {len(rows)} rows)",
        request=request,
    )
    return download_response(
        file_type=file_type,
        filename=f"payouts-{request.office.slug}-{timezone.localdate().isoformat()}",
        headers=EXPORT_HEADERS,
        rows=rows,
        sheet_title="Payouts",
    )


@staff_office_view(roles=GRANT_ROLES)
def grant_payouts(request, pk: int):
    """A grant's instalments; POST adds one."""
    grant = grant_get(office=request.office, grant_id=pk)
    form = PayoutAddForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                payouts.payout_add(grant=grant, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The instalment has been planned."))
                return redirect("grants:grant_payouts", office_slug=request.office.slug, pk=grant.pk)
        status = 400
    return render(
        request,
        "grants/staff/payout_grant.html",
        {
            "nav": "grants",
            "grant": grant,
            "application": grant.application,
            "payouts": list(grant.payouts.all()),
            "form": form,
            "paid_form": PayoutPaidForm(initial={"paid_on": timezone.localdate()}),
            "application_url": _application_url(request, grant.application),
        },
        status=status,
    )


@require_POST
@staff_office_view(roles=GRANT_ROLES)
def payout_action(request, pk: int, action: str):
    payout = payout_get(office=request.office, payout_id=pk)
    try:
        if action == "release":
            payouts.payout_release(payout=payout, by=request.user)
            messages.success(request, _("Instalment %(n)s released.") % {"n": payout.number})
        elif action == "pay":
            form = PayoutPaidForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            payouts.payout_mark_paid(payout=payout, by=request.user, **form.cleaned_data)
            messages.success(request, _("Instalment %(n)s recorded as paid.") % {"n": payout.number})
        elif action == "cancel":
            payouts.payout_cancel(payout=payout, by=request.user)
            messages.success(request, _("Instalment %(n)s cancelled.") % {"n": payout.number})
        else:
            raise Http404("Unknown action")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("grants:grant_payouts", office_slug=request.office.slug, pk=payout.grant_id)


# --- Final report and settlement ------------------------------------------------------------------------


@staff_office_view(roles=GRANT_ROLES)
def final_report_review(request, pk: int):
    application = application_get(office=request.office, application_id=pk)
    grant = grant_of_application(application=application)
    if grant is None:
        raise Http404("No grant")
    grant = grant_get(office=request.office, grant_id=grant.pk)
    forms = {
        "return_form": ReturnReportForm(),
        "settle_form": SettleForm(),
        "repayment_form": RepaymentForm(initial={"on": timezone.localdate()}),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        report = FinalReport.objects.filter(grant=grant).first()
        try:
            if action == "accept" and report is not None:
                settlement.final_report_accept(report=report, by=request.user)
                messages.success(request, _("The final report has been accepted."))
            elif action == "return" and report is not None:
                form = forms["return_form"] = ReturnReportForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors)
                settlement.final_report_return(
                    report=report, by=request.user, note=form.cleaned_data["review_note"]
                )
                messages.success(request, _("The final report has been sent back to the sponsor."))
            elif action == "settle":
                form = forms["settle_form"] = SettleForm(request.POST)
                form.is_valid()
                settlement.grant_settle(
                    grant=grant,
                    by=request.user,
                    repayment_amount=form.cleaned_data.get("repayment_amount") or None,
                    reason=form.cleaned_data.get("reason", ""),
                )
                messages.success(request, _("The grant has been settled."))
            elif action == "repayment":
                form = forms["repayment_form"] = RepaymentForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors)
                settlement.repayment_record(grant=grant, by=request.user, **form.cleaned_data)
                messages.success(request, _("The repayment has been recorded."))
            elif action == "close":
                settlement.grant_close(grant=grant, by=request.user)
                messages.success(request, _("The grant has been closed."))
            else:
                raise ValidationError(_("This action is not possible now."))
        except PermissionDenied:
            raise
        except ValidationError as exc:
            target = {
                "return": "return_form",
                "settle": "settle_form",
                "repayment": "repayment_form",
            }.get(action)
            if target and hasattr(exc, "error_dict"):
                add_service_errors(forms[target], exc)
            else:
                messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            return redirect("grants:final_report_review", office_slug=request.office.slug, pk=application.pk)
    view = settlement_view(grant=grant)
    return render(
        request,
        "grants/staff/final_report_review.html",
        {
            "nav": "grants",
            "application": application,
            "view": view,
            "grant": grant,
            "application_url": _application_url(request, application),
            "can_decide": request.role in GRANT_DECISION_ROLES,
            **forms,
        },
        status=status,
    )


urlpatterns = [
    path("applications/<int:pk>/decision/", decision, name="decision"),
    path("applications/<int:pk>/approve/", decision_approve, name="decision_approve"),
    path("applications/<int:pk>/reject/", decision_reject, name="decision_reject"),
    path("applications/<int:pk>/letter.pdf", decision_letter, name="decision_letter"),
    path("applications/<int:pk>/final-report/", final_report_review, name="final_report_review"),
    path("grants/<int:pk>/cancel/", grant_cancel, name="grant_cancel"),
    path("grants/<int:pk>/publish/", grant_publish, name="grant_publish"),
    path("grants/<int:pk>/payouts/", grant_payouts, name="grant_payouts"),
    path("payouts/", payout_list, name="payout_list"),
    path("payouts/export/", payouts_export, name="payouts_export"),
    path("payouts/<int:pk>/<slug:action>/", payout_action, name="payout_action"),
]
