"""Grants: the application through the personal link — overview, the five steps, documents, advice,
withdrawal, and the read-only view once submitted.

Whoever holds the link may work on the draft (the token is 43 random characters; an unknown token is a
404). Every step saves as a draft and keeps the input on errors. Rate limits apply to the POSTs that send
e-mails (advice, messages, submission, withdrawal); step saves and uploads need the secret link and are
bounded per application (lines, MAX_FILES), so they are not counted against the small public budget.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import active_language
from fachstelle.core.models import TargetGroup
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.tenancy import office_get_public

from ..budget_math import budget_totals
from ..forms_public import (
    AttachmentForm,
    BudgetForm,
    BudgetLineFormSet,
    MessageForm,
    ProjectForm,
    ReviewForm,
    SponsorForm,
    WithdrawForm,
)
from ..iban import iban_format
from ..models import Application, Attachment
from ..selectors.applicant import application_get_by_token, application_public_messages, grant_payouts_public
from ..services.applications import (
    PROJECT_FIELDS,
    SPONSOR_FIELDS,
    STEP_SLUGS,
    STEPS,
    application_message_from_applicant,
    application_problems,
    application_request_advice,
    application_save_budget,
    application_save_consent,
    application_save_project,
    application_save_sponsor,
    application_submit,
    application_withdraw,
    required_documents_status,
)
from ..services.attachments import MAX_FILES, attachment_add, attachment_delete, attachment_response
from ..services.final_reports import final_report_available, final_report_editable
from .public_programmes import rate_limit_text

TEMPLATES = "grants/public/"
Status = Application.Status


def _load(office_slug, token, *, full=False):
    office = office_get_public(slug=office_slug)
    return office, application_get_by_token(office=office, token=token, full=full)


def _url(name, application, **kwargs):
    return reverse(
        f"grants_public:{name}",
        kwargs={"office_slug": application.office.slug, "token": application.token, **kwargs},
    )


def _steps_nav(application, current, problems=None) -> list[dict]:
    open_steps = {problem.step for problem in problems} if problems is not None else set()
    return [
        {
            "slug": slug,
            "label": label,
            "number": number,
            "url": _url("application_step", application, step=slug),
            "current": slug == current,
            "incomplete": slug in open_steps,
        }
        for number, (slug, label) in enumerate(STEPS, start=1)
    ]


def _context(request, application, *, step="", problems=None, **extra) -> dict:
    return {
        "office": application.office,
        "public_nav": "grants",
        "application": application,
        "programme": application.programme,
        "step": step,
        "step_label": dict(STEPS).get(step, ""),
        "steps": _steps_nav(application, step, problems),
        "personal_link": request.build_absolute_uri(_url("application_detail", application)),
        **extra,
    }


def _after_save(request, application, step):
    """ "Save and continue" goes to the next step, "Save draft" stays."""
    if request.POST.get("action") == "continue":
        index = STEP_SLUGS.index(step)
        return redirect(
            _url("application_step", application, step=STEP_SLUGS[min(index + 1, len(STEP_SLUGS) - 1)])
        )
    messages.success(request, _("Your draft has been saved."))
    return redirect(_url("application_step", application, step=step))


# --- Overview and read-only view -----------------------------------------------------------------------


def _detail_context(request, application, **forms_) -> dict:
    problems = application_problems(application) if application.status == Status.DRAFT else None
    grant = getattr(application, "grant", None)
    context = _context(
        request,
        application,
        problems=problems,
        problems_list=problems or [],
        grant=grant,
        payouts=grant_payouts_public(grant=grant) if grant else [],
        thread=application_public_messages(application=application),
        can_write=application.status in (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW),
        can_withdraw=application.status in (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW),
        report_available=final_report_available(application),
        report_editable=final_report_editable(application),
        **_summary_context(application),
    )
    context["message_form"] = forms_.get("message_form") or MessageForm()
    context["withdraw_form"] = forms_.get("withdraw_form") or WithdrawForm()
    return context


def _summary_context(application) -> dict:
    lines = list(application.budget_lines.all())
    language = active_language()
    area = application.promotion_area
    return {
        "target_group_labels": [group.label(language) for group in application.target_groups.all()],
        "promotion_area_label": f"{area.code} {area.label(language)}" if area else "",
        "lines": lines,
        "totals": budget_totals(lines, application.requested_amount),
        "documents": [a for a in application.attachments.all() if a.stage == Attachment.Stage.APPLICATION],
        "required_documents": required_documents_status(application),
        "iban_display": iban_format(application.iban),
    }


@require_GET
def application_detail(request, office_slug, token):
    _office, application = _load(office_slug, token, full=True)
    return render(request, TEMPLATES + "application_detail.html", _detail_context(request, application))


@require_POST
def application_message(request, office_slug, token):
    """Advice request (while a draft) or a message to the office (later)."""
    _office, application = _load(office_slug, token, full=True)
    form = MessageForm(request.POST)
    if rate_limited(request, "grant-application-message"):
        context = _detail_context(request, application, message_form=form)
        context["rate_limited"] = rate_limit_text()
        return render(request, TEMPLATES + "application_detail.html", context, status=429)
    if form.is_valid():
        try:
            if application.status == Status.DRAFT:
                application_request_advice(application=application, message=form.cleaned_data["message"])
                messages.success(
                    request, _("Your request for advice has been sent. The office will contact you.")
                )
            else:
                application_message_from_applicant(application=application, text=form.cleaned_data["message"])
                messages.success(request, _("Your message has been sent."))
            return redirect(_url("application_detail", application) + "#messages")
        except ValidationError as error:
            add_service_errors(form, error)
    context = _detail_context(request, application, message_form=form)
    return render(request, TEMPLATES + "application_detail.html", context, status=400)


@require_POST
def application_withdraw_view(request, office_slug, token):
    _office, application = _load(office_slug, token, full=True)
    form = WithdrawForm(request.POST)
    if rate_limited(request, "grant-application-withdraw"):
        context = _detail_context(request, application, withdraw_form=form)
        context["rate_limited"] = rate_limit_text()
        return render(request, TEMPLATES + "application_detail.html", context, status=429)
    if form.is_valid():
        try:
            application_withdraw(application=application)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application has been withdrawn."))
            return redirect(_url("application_detail", application))
    context = _detail_context(request, application, withdraw_form=form)
    return render(request, TEMPLATES + "application_detail.html", context, status=400)


# --- The steps ---------------------------------------------------------------------------------------------


def _step_sponsor(request, application):
    form = SponsorForm(request.POST or None, instance=application)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                application_save_sponsor(
                    application=application, fields={k: form.cleaned_data[k] for k in SPONSOR_FIELDS}
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _after_save(request, application, "sponsor")
        status = 400
    return render(
        request,
        TEMPLATES + "step_sponsor.html",
        _context(request, application, step="sponsor", form=form),
        status=status,
    )


def _step_project(request, application):
    form = ProjectForm(
        request.POST or None,
        instance=application,
        programme=application.programme,
        office=application.office,
        target_groups=TargetGroup.objects.all(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                application_save_project(
                    application=application,
                    fields={k: data[k] for k in PROJECT_FIELDS},
                    m2m={
                        "target_groups": list(data["target_groups"]),
                        "municipalities": list(data["municipalities"]),
                    },
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _after_save(request, application, "project")
        status = 400
    return render(
        request,
        TEMPLATES + "step_project.html",
        _context(request, application, step="project", form=form),
        status=status,
    )


def _posted_lines(formset) -> tuple[list[dict], list[int]]:
    """The filled, not removed rows of a (validated) formset, and each one's row index."""
    lines, rows = [], []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("remove") or form.is_blank():
            continue
        lines.append({key: data.get(key) for key in ("kind", "category", "description", "amount")})
        rows.append(index)
    return lines, rows


def _budget_page(request, application, formset, budget_form, totals, status=200):
    context = _context(
        request,
        application,
        step="budget",
        formset=formset,
        budget_form=budget_form,
        totals=totals,
        totals_url=_url("application_budget_totals", application),
    )
    return render(request, TEMPLATES + "step_budget.html", context, status=status)


def _step_budget(request, application):
    if request.method == "GET":
        lines = list(application.budget_lines.all())
        formset = BudgetLineFormSet(
            prefix="lines",
            initial=[
                {
                    "kind": line.kind,
                    "category": line.category,
                    "description": line.description,
                    "amount": line.amount,
                }
                for line in lines
            ],
        )
        budget_form = BudgetForm(initial={"requested_amount": application.requested_amount})
        return _budget_page(
            request, application, formset, budget_form, budget_totals(lines, application.requested_amount)
        )

    if request.POST.get("action") == "add":
        # More empty rows, nothing saved: the input stays as typed.
        data = request.POST.copy()
        try:
            total = int(data.get("lines-TOTAL_FORMS", 0))
        except ValueError:
            total = 0
        data["lines-TOTAL_FORMS"] = str(min(total + 3, 60))
        formset = BudgetLineFormSet(data, prefix="lines")
        budget_form = BudgetForm(data)
        return _budget_page(request, application, formset, budget_form, _lenient_totals(formset, budget_form))

    formset = BudgetLineFormSet(request.POST, prefix="lines")
    budget_form = BudgetForm(request.POST)
    forms_valid = formset.is_valid() & budget_form.is_valid()
    if forms_valid:
        lines, rows = _posted_lines(formset)
        requested = budget_form.cleaned_data["requested_amount"]
        try:
            application_save_budget(application=application, lines=lines, requested_amount=requested)
        except ValidationError as error:
            for key, error_messages in error.message_dict.items():
                if key.startswith("lines-"):
                    _prefix, index, field = key.split("-", 2)
                    row = formset.forms[rows[int(index)]]
                    row.add_error(field if field in row.fields else None, error_messages)
                elif key == "requested_amount":
                    budget_form.add_error("requested_amount", error_messages)
                else:
                    budget_form.add_error(None, error_messages)
        else:
            return _after_save(request, application, "budget")
    return _budget_page(
        request, application, formset, budget_form, _lenient_totals(formset, budget_form), status=400
    )


def _lenient_totals(formset, budget_form):
    """Totals of what is typed so far (rows that do not parse count as 0)."""
    lines = []
    for form in formset.forms:
        form.is_valid()
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("remove"):
            lines.append({"kind": data.get("kind") or "cost", "amount": data.get("amount")})
    budget_form.is_valid()
    requested = (getattr(budget_form, "cleaned_data", None) or {}).get("requested_amount")
    return budget_totals(lines, requested)


@require_POST
def application_budget_totals(request, office_slug, token):
    """The live totals of the budget step (htmx): computed from the posted rows, nothing saved."""
    _office, application = _load(office_slug, token)
    formset = BudgetLineFormSet(request.POST, prefix="lines")
    budget_form = BudgetForm(request.POST)
    totals = _lenient_totals(formset, budget_form)
    return render(
        request, TEMPLATES + "_budget_totals.html", {"totals": totals, "programme": application.programme}
    )


def _step_documents(request, application):
    required = required_documents_status(application)
    form = AttachmentForm(
        request.POST or None, request.FILES or None, suggestions=[label for label, _ok in required]
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attachment_add(
                    application=application,
                    upload=form.cleaned_data["file"],
                    label=form.cleaned_data["label"],
                    stage=Attachment.Stage.APPLICATION,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The document has been added."))
                return redirect(_url("application_step", application, step="documents"))
        status = 400
    documents = [a for a in application.attachments.all() if a.stage == Attachment.Stage.APPLICATION]
    context = _context(
        request,
        application,
        step="documents",
        form=form,
        documents=documents,
        required_documents=required,
        max_files=MAX_FILES,
    )
    return render(request, TEMPLATES + "step_documents.html", context, status=status)


def _step_review(request, application):
    status = 200
    form = ReviewForm(request.POST or None, initial={"publish_consent": application.publish_consent})
    if request.method == "POST" and form.is_valid():
        consent = form.cleaned_data["publish_consent"]
        if request.POST.get("action") != "submit":
            application_save_consent(application=application, publish_consent=consent)
            messages.success(request, _("Your draft has been saved."))
            return redirect(_url("application_step", application, step="review"))
        if rate_limited(request, "grant-application-submit"):
            form.add_error(None, rate_limit_text())
            status = 429
        else:
            try:
                application_submit(
                    application=application,
                    submission_key=form.cleaned_data["submission_key"],
                    publish_consent=consent,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 409
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your application has been submitted with the reference %(reference)s. "
                        "We have sent you a receipt by e-mail."
                    )
                    % {"reference": application.reference},
                )
                return redirect(_url("application_detail", application))
    elif request.method == "POST":
        status = 400
    problems = application_problems(application)
    context = _context(
        request,
        application,
        step="review",
        problems=problems,
        problems_list=[
            {"step": p.step, "message": p.message, "url": _url("application_step", application, step=p.step)}
            for p in problems
        ],
        form=form,
        **_summary_context(application),
    )
    return render(request, TEMPLATES + "step_review.html", context, status=status)


STEP_VIEWS = {
    "sponsor": _step_sponsor,
    "project": _step_project,
    "budget": _step_budget,
    "documents": _step_documents,
    "review": _step_review,
}


@require_http_methods(["GET", "POST"])
def application_step(request, office_slug, token, step):
    if step not in STEP_VIEWS:
        raise Http404("No such step")
    _office, application = _load(office_slug, token, full=step in ("review", "documents", "budget"))
    if application.status != Status.DRAFT:
        if request.method == "POST" and step == "review" and request.POST.get("action") == "submit":
            # The second click of a double click (same key): the same result as the first.
            form = ReviewForm(request.POST)
            if form.is_valid():
                try:
                    application_submit(
                        application=application, submission_key=form.cleaned_data["submission_key"]
                    )
                except ValidationError:
                    pass
                else:
                    return redirect(_url("application_detail", application))
        if request.method == "POST":
            messages.error(request, _("This application has been submitted and can no longer be changed."))
        # Submitted or decided: the read-only view (a late POST is answered with 409 there).
        if request.method == "POST":
            context = _detail_context(request, application)
            return render(request, TEMPLATES + "application_detail.html", context, status=409)
        return redirect(_url("application_detail", application))
    return STEP_VIEWS[step](request, application)


# --- Documents -------------------------------------------------------------------------------------------


@require_GET
def attachment_download(request, office_slug, token, attachment_id):
    _office, application = _load(office_slug, token)
    attachment = application.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("No such document")
    return attachment_response(attachment)


@require_POST
def attachment_delete_view(request, office_slug, token, attachment_id):
    _office, application = _load(office_slug, token)
    stage = application.attachments.filter(pk=attachment_id).values_list("stage", flat=True).first()
    back = (
        _url("final_report", application)
        if stage == Attachment.Stage.FINAL_REPORT
        else _url("application_step", application, step="documents")
    )
    try:
        attachment_delete(application=application, attachment_id=attachment_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.message_dict.get(NON_FIELD_ERRORS, error.messages)))
    else:
        messages.success(request, _("The document has been deleted."))
    return redirect(back)


urlpatterns = [
    path("<slug:office_slug>/grants/application/<str:token>/", application_detail, name="application_detail"),
    path(
        "<slug:office_slug>/grants/application/<str:token>/message/",
        application_message,
        name="application_message",
    ),
    path(
        "<slug:office_slug>/grants/application/<str:token>/withdraw/",
        application_withdraw_view,
        name="application_withdraw",
    ),
    path(
        "<slug:office_slug>/grants/application/<str:token>/budget/totals/",
        application_budget_totals,
        name="application_budget_totals",
    ),
    path(
        "<slug:office_slug>/grants/application/<str:token>/documents/<int:attachment_id>/",
        attachment_download,
        name="attachment_download",
    ),
    path(
        "<slug:office_slug>/grants/application/<str:token>/documents/<int:attachment_id>/delete/",
        attachment_delete_view,
        name="attachment_delete",
    ),
    # Only the step names: "report" and the other fixed words belong to their own views.
    re_path(
        r"^(?P<office_slug>[-a-zA-Z0-9_]+)/grants/application/(?P<token>[^/]+)/(?P<step>%s)/$"
        % "|".join(STEP_SLUGS),
        application_step,
        name="application_step",
    ),
]
