"""The office's own projects: list, create and edit, the project page with milestones and documents, the
upcoming milestones and the timeline. Thin views: forms parse, services write, selectors read."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import PROJECT_ROLES, staff_office_view

from .. import selectors, services
from ..forms import DocumentForm, MilestoneForm, ProjectFilterForm, ProjectForm, TimelineForm

TEMPLATES = "projects/"
NAV = "projects"


def _to_detail(request, project, anchor: str = ""):
    response = redirect("projects:project_detail", office_slug=request.office.slug, project_id=project.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _error_text(error: ValidationError) -> str:
    return " ".join(str(text) for text in error.messages)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
def project_list(request):
    today = timezone.localdate()
    form = ProjectFilterForm(request.GET or None, today=today)
    filters = form.filters() if request.GET else selectors.ProjectFilters()
    result = selectors.project_list(office=request.office, filters=filters, today=today)
    return render(
        request,
        TEMPLATES + "list.html",
        {
            "nav": NAV,
            "form": form,
            "result": result,
            "today": today,
            "query_without_page": _query_without_page(request),
        },
    )


def _project_form_page(request, project=None):
    office = request.office
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, office=office, initial=ProjectForm.initial_for(project) if project else None)
    if request.method == "POST" and form.is_valid():
        fields, links = form.fields_and_links()
        try:
            if project is None:
                project = services.project_create(office=office, fields=fields, links=links)
                messages.success(request, _("The project was created. Now add its milestones."))
            else:
                services.project_update(project=project, fields=fields, links=links)
                messages.success(request, _("The changes were saved."))
            return _to_detail(request, project)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        TEMPLATES + "form.html",
        {"nav": NAV, "form": form, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
@require_http_methods(["GET", "POST"])
def project_create(request):
    return _project_form_page(request)


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
@require_http_methods(["GET", "POST"])
def project_edit(request, project_id: int):
    return _project_form_page(request, selectors.project_get(office=request.office, project_id=project_id))


def _detail_page(
    request,
    project_id: int,
    *,
    milestone_form=None,
    edit_form=None,
    edit_id: int | None = None,
    document_form=None,
    status: int = 200,
):
    office = request.office
    project = selectors.project_get_full(office=office, project_id=project_id)
    today = timezone.localdate()
    members = selectors.office_members(office=office)
    milestones = list(project.milestones.all())
    active = project.status in selectors.ACTIVE_STATUSES
    for milestone in milestones:
        milestone.is_overdue = active and milestone.done_on is None and milestone.due_on < today
        milestone.outside_project = bool(
            services.milestone_date_warning(project=project, due_on=milestone.due_on)
        )
    if edit_id is None and request.method == "GET":
        try:
            edit_id = int(request.GET.get("edit", ""))
        except ValueError:
            edit_id = None
    if edit_form is None and edit_id is not None:
        editing = next((m for m in milestones if m.pk == edit_id), None)
        if editing is not None:
            edit_form = MilestoneForm(
                members=members, initial=MilestoneForm.initial_for(editing), prefix="edit"
            )
        else:
            edit_id = None
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "nav": NAV,
            "project": project,
            "description_html": render_markdown(project.description),
            "milestones": milestones,
            "done_count": sum(1 for m in milestones if m.done_on),
            "milestone_form": milestone_form or MilestoneForm(members=members),
            "edit_form": edit_form,
            "edit_id": edit_id,
            "document_form": document_form or DocumentForm(),
            "today": today,
        },
        status=status,
    )


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
def project_detail(request, project_id: int):
    return _detail_page(request, project_id)


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def milestone_add(request, project_id: int):
    project = selectors.project_get(office=request.office, project_id=project_id)
    form = MilestoneForm(request.POST, members=selectors.office_members(office=request.office))
    if form.is_valid():
        try:
            services.milestone_add(project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone was added."))
            warning = services.milestone_date_warning(project=project, due_on=form.cleaned_data["due_on"])
            if warning:
                messages.warning(request, warning)
            return _to_detail(request, project, "milestones")
    return _detail_page(request, project.pk, milestone_form=form, status=400)


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def milestone_edit(request, project_id: int, milestone_id: int):
    project = selectors.project_get(office=request.office, project_id=project_id)
    form = MilestoneForm(request.POST, members=selectors.office_members(office=request.office), prefix="edit")
    if form.is_valid():
        try:
            services.milestone_update(project=project, milestone_id=milestone_id, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone was saved."))
            warning = services.milestone_date_warning(project=project, due_on=form.cleaned_data["due_on"])
            if warning:
                messages.warning(request, warning)
            return _to_detail(request, project, "milestones")
    return _detail_page(request, project.pk, edit_form=form, edit_id=milestone_id, status=400)


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def milestone_done(request, project_id: int, milestone_id: int):
    """Tick a milestone off (done=1) or open it again (done=0)."""
    project = selectors.project_get(office=request.office, project_id=project_id)
    try:
        services.milestone_set_done(
            project=project, milestone_id=milestone_id, done=request.POST.get("done") == "1"
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return _to_detail(request, project, "milestones")


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def milestone_delete(request, project_id: int, milestone_id: int):
    project = selectors.project_get(office=request.office, project_id=project_id)
    try:
        services.milestone_delete(project=project, milestone_id=milestone_id)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The milestone was deleted."))
    return _to_detail(request, project, "milestones")


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def document_upload(request, project_id: int):
    project = selectors.project_get(office=request.office, project_id=project_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                project=project,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was uploaded."))
            return _to_detail(request, project, "documents")
    return _detail_page(request, project.pk, document_form=form, status=400)


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
def document_download(request, project_id: int, document_id: int):
    """Always as a download (never shown inline), so an uploaded file cannot run in the staff area."""
    document = selectors.document_get(office=request.office, project_id=project_id, document_id=document_id)
    content_type = mimetypes.guess_type(document.original_name)[0] or "application/octet-stream"
    response = FileResponse(
        services.document_open(document=document),
        as_attachment=True,
        filename=document.original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_office_view(roles=PROJECT_ROLES)
@require_POST
def document_delete(request, project_id: int, document_id: int):
    project = selectors.project_get(office=request.office, project_id=project_id)
    try:
        services.document_delete(project=project, document_id=document_id)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The document was deleted."))
    return _to_detail(request, project, "documents")


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
def milestone_upcoming(request):
    today = timezone.localdate()
    milestones = list(selectors.upcoming_milestones(office=request.office, today=today)[:300])
    for milestone in milestones:
        milestone.is_overdue = milestone.due_on < today
    return render(
        request,
        TEMPLATES + "upcoming.html",
        {"nav": NAV, "milestones": milestones, "today": today, "days": selectors.UPCOMING_DAYS},
    )


@never_cache
@staff_office_view(roles=PROJECT_ROLES)
def timeline(request):
    today = timezone.localdate()
    form = TimelineForm(request.GET or None, initial={"year": today.year})
    start, end = form.period(today=today)
    status = form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""
    data = selectors.timeline(office=request.office, start=start, end=end, today=today, status=status)
    year = (
        start.year
        if (start.month, start.day, end.month, end.day, end.year) == (1, 1, 12, 31, start.year)
        else None
    )
    return render(
        request,
        TEMPLATES + "timeline.html",
        {"nav": NAV, "form": form, "timeline": data, "year": year},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


urlpatterns = [
    path("", project_list, name="project_list"),
    path("new/", project_create, name="project_create"),
    path("timeline/", timeline, name="timeline"),
    path("milestones/upcoming/", milestone_upcoming, name="milestone_upcoming"),
    path("<int:project_id>/", project_detail, name="project_detail"),
    path("<int:project_id>/edit/", project_edit, name="project_edit"),
    path("<int:project_id>/milestones/", milestone_add, name="milestone_add"),
    path("<int:project_id>/milestones/<int:milestone_id>/", milestone_edit, name="milestone_edit"),
    path("<int:project_id>/milestones/<int:milestone_id>/done/", milestone_done, name="milestone_done"),
    path("<int:project_id>/milestones/<int:milestone_id>/delete/", milestone_delete, name="milestone_delete"),
    path("<int:project_id>/documents/", document_upload, name="document_upload"),
    path("<int:project_id>/documents/<int:document_id>/", document_download, name="document_download"),
    path("<int:project_id>/documents/<int:document_id>/delete/", document_delete, name="document_delete"),
]
