"""Grants: the review list and the application page (checklist, assessments, recommendation, advice
messages, assignment, the sponsor's organisation in the network). Admins, editors and counsellors;
statistics-only users get 403. Every application is fetched through the office and the staff visibility
rule (404 for another office's and for drafts without an advice request).

A refused form on the application page re-renders the page with the input kept and the messages next to
the fields (status 400); nothing is written.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import PromotionArea
from fachstelle.core.staff import GRANT_ROLES, staff_office_view

from .. import forms_staff as forms
from ..selectors import review as selectors
from ..services import review as services
from ..services.attachments import attachment_response


def _detail_url(request, pk: int, anchor: str = "") -> str:
    url = reverse("grants:application_detail", kwargs={"office_slug": request.office.slug, "pk": pk})
    return f"{url}#{anchor}" if anchor else url


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- The review list -----------------------------------------------------------------------------------


@staff_office_view(roles=GRANT_ROLES)
def application_list(request):
    form = forms.ReviewFilterForm(
        request.GET or None,
        programmes=selectors.programme_choices(office=request.office),
        areas=list(PromotionArea.objects.order_by("code")),
        municipalities=list(request.office.municipalities.order_by("name")),
        staff=selectors.grant_staff(office=request.office),
    )
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    result = selectors.application_list(
        office=request.office,
        user=request.user,
        filters=form.filters(page=forms.page_number(request.GET.get("page"))),
    )
    return render(
        request,
        "grants/staff/application_list.html",
        {
            "nav": "grants",
            "tab": "applications",
            "form": form,
            "result": result,
            "query_without_page": query_without_page(request),
        },
    )


# --- The application page ------------------------------------------------------------------------------


def _detail_page(request, pk: int, *, status: int = 200, **bound):
    """The application page; `bound` replaces a form by the refused one (with its errors)."""
    detail = selectors.application_detail(office=request.office, application_id=pk, user=request.user)
    application = detail.application
    staff = selectors.grant_staff(office=request.office)
    context = {
        "nav": "grants",
        "tab": "applications",
        "detail": detail,
        "application": application,
        "staff": staff,
        "assign_form": forms.AssignForm(initial={"assigned_to": application.assigned_to}, staff=staff),
        "organisation_form": forms.OrganisationLinkForm(
            initial={"organisation": application.organisation},
            organisations=selectors.organisation_choices(office=request.office),
        ),
        "message_form": forms.MessageForm(),
        "recommendation_form": forms.RecommendationForm(
            initial={
                "recommendation": application.recommendation,
                "recommended_amount": application.recommended_amount,
            }
        ),
        "checklist_errors": [],
        "decision_panel_available": True,
    }
    context.update(bound)
    return render(request, "grants/staff/application_detail.html", context, status=status)


@staff_office_view(roles=GRANT_ROLES)
def application_detail(request, pk: int):
    return _detail_page(request, pk)


@staff_office_view(roles=GRANT_ROLES)
def attachment_download(request, pk: int, attachment_id: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_id)
    return attachment_response(attachment)


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_assign(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    staff = selectors.grant_staff(office=request.office)
    form = forms.AssignForm(request.POST, staff=staff)
    if form.is_valid():
        try:
            services.application_assign(
                application=application, by=request.user, assignee=form.cleaned_data["assigned_to"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The responsible person was saved."))
            return redirect(_detail_url(request, pk))
    return _detail_page(request, pk, status=400, assign_form=form)


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_start_review(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    try:
        services.application_start_review(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The application is now in review."))
    return redirect(_detail_url(request, pk))


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_checklist(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    try:
        services.checklist_save(
            application=application, by=request.user, checked=request.POST.getlist("checked")
        )
    except ValidationError as error:
        return _detail_page(request, pk, status=400, checklist_errors=error.messages)
    messages.success(request, _("The checklist was saved."))
    return redirect(_detail_url(request, pk, "checklist"))


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_recommendation(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    form = forms.RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_save(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The recommendation was saved."))
            return redirect(_detail_url(request, pk, "recommendation"))
    return _detail_page(request, pk, status=400, recommendation_form=form)


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_message(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    form = forms.MessageForm(request.POST)
    # Two buttons: "send to the applicant" (advice) or "save as internal note".
    internal = request.POST.get("send") != "applicant"
    if form.is_valid():
        try:
            services.staff_message_add(
                application=application, by=request.user, text=form.cleaned_data["text"], internal=internal
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"internal": "__all__"})
        else:
            messages.success(
                request,
                _("The note was saved.") if internal else _("The message was sent to the applicant."),
            )
            return redirect(_detail_url(request, pk, "messages"))
    return _detail_page(request, pk, status=400, message_form=form)


@staff_office_view(roles=GRANT_ROLES)
@require_POST
def application_organisation(request, pk: int):
    application = selectors.application_get(office=request.office, application_id=pk)
    form = forms.OrganisationLinkForm(
        request.POST, organisations=selectors.organisation_choices(office=request.office)
    )
    if form.is_valid():
        try:
            services.application_link_organisation(
                application=application, by=request.user, organisation=form.cleaned_data["organisation"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The link to the network was saved."))
            return redirect(_detail_url(request, pk))
    return _detail_page(request, pk, status=400, organisation_form=form)


@staff_office_view(roles=GRANT_ROLES)
@require_http_methods(["GET", "POST"])
def application_assessment(request, pk: int):
    """The current user's own assessment of the application (one per reviewer)."""
    detail = selectors.application_detail(office=request.office, application_id=pk, user=request.user)
    application = detail.application
    if not detail.in_review:
        messages.error(
            request, _("Assessments are possible while the application is submitted or in review.")
        )
        return redirect(_detail_url(request, pk))
    data = request.POST if request.method == "POST" else None
    form = forms.AssessmentForm(
        data, initial=forms.AssessmentForm.initial_for(detail.my_assessment), criteria=detail.criteria
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                application=application,
                reviewer=request.user,
                recommendation=form.cleaned_data["recommendation"],
                proposed_amount=form.cleaned_data["proposed_amount"],
                comment=form.cleaned_data["comment"],
                scores=form.scores(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your assessment was saved."))
            return redirect(_detail_url(request, pk, "assessments"))
    return render(
        request,
        "grants/staff/application_assessment.html",
        {"nav": "grants", "tab": "applications", "detail": detail, "application": application, "form": form},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("applications/", application_list, name="application_list"),
    path("applications/<int:pk>/", application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_id>/",
        attachment_download,
        name="attachment_download",
    ),
    path("applications/<int:pk>/assign/", application_assign, name="application_assign"),
    path("applications/<int:pk>/start-review/", application_start_review, name="application_start_review"),
    path("applications/<int:pk>/checklist/", application_checklist, name="application_checklist"),
    path("applications/<int:pk>/assessment/", application_assessment, name="application_assessment"),
    path(
        "applications/<int:pk>/recommendation/", application_recommendation, name="application_recommendation"
    ),
    path("applications/<int:pk>/messages/", application_message, name="application_message"),
    path("applications/<int:pk>/organisation/", application_organisation, name="application_organisation"),
]
