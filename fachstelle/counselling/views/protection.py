"""Data protection pages: audit log (office admins), exports of personal data, subject access and deletion
on request (office admins)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership

from ..access import client_get_for_user, staff_office_view
from ..forms.protection import AuditFilterForm, DeleteOnRequestForm, ExportPasswordForm, ExportRequestForm
from ..models import Case, PersonalDataExport
from ..selectors.protection import audit_log_page, export_downloadable, exports_for_user
from ..services import exports as export_services
from ..services.protection import client_delete_on_request

ADMIN_ONLY = (Membership.Role.ADMIN,)
Kind = PersonalDataExport.Kind


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


@never_cache
@staff_office_view(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def audit_log(request):
    """The office's audit log with filters; POST (with the filters in the query string) asks for the
    filtered log as a CSV export."""
    office = request.office
    filter_form = AuditFilterForm(request.GET or None, office=office)
    if filter_form.is_bound and not filter_form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    filters = filter_form.filters()
    export_form = ExportPasswordForm(request.POST or None)
    if request.method == "POST" and export_form.is_valid():
        export_services.export_request(
            office=office,
            by=request.user,
            kind=Kind.AUDIT_LOG,
            password=export_form.cleaned_data["password"],
            filters=filters,
            request=request,
        )
        messages.success(request, _("The audit log export is being prepared. It appears in the list below."))
        return redirect("counselling:export_list", office_slug=office.slug)
    result = audit_log_page(office=office, filters=filters, page=_page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "counselling/protection/audit_log.html",
        {
            "nav": "audit",
            "filter_form": filter_form,
            "export_form": export_form,
            "result": result,
            "events": result.events,
            "query_without_page": query.urlencode(),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view()
@require_http_methods(["GET", "POST"])
def export_list(request):
    """The user's exports (office admins: all of the office) and the form to ask for a new one."""
    office = request.office
    kinds = export_services.export_kinds_for(user=request.user, office=office)
    form = ExportRequestForm(request.POST or None, kinds=kinds, user=request.user, office=office)
    if request.method == "POST" and form.is_valid():
        export_services.export_request(
            office=office,
            by=request.user,
            kind=form.cleaned_data["kind"],
            client=form.client,
            password=form.cleaned_data["password"],
            request=request,
        )
        messages.success(request, _("The export is being prepared. Reload this page in a moment."))
        return redirect("counselling:export_list", office_slug=office.slug)
    exports = list(exports_for_user(user=request.user, office=office)[:100])
    for export in exports:
        export.downloadable = export_downloadable(export)
    return render(
        request,
        "counselling/protection/export_list.html",
        {"nav": "exports", "form": form, "exports": exports, "export_days": settings.PERSONAL_EXPORT_DAYS},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view()
def export_download(request, export_id: int):
    """The archive, for the person who asked for it and the office admins; audited."""
    office = request.office
    export = get_object_or_404(PersonalDataExport.objects.filter(office=office), pk=export_id)
    if export.requested_by_id != request.user.pk and request.role != Membership.Role.ADMIN:
        audit_record(
            actor=request.user,
            action=Action.DENIED,
            office=office,
            target=export,
            target_ref=export_services.export_reference(export),
            detail="download",
            request=request,
        )
        raise PermissionDenied
    file_path = export_services.export_path(export)
    if not export_downloadable(export) or not file_path.is_file():
        messages.error(request, _("This export is not available (not ready yet, failed or deleted)."))
        return redirect("counselling:export_list", office_slug=office.slug)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=office,
        target=export.client if export.client_id else export,
        target_ref="" if export.client_id else export_services.export_reference(export),
        detail=f"download {export.kind} {export_services.export_reference(export)}",
        request=request,
    )
    return FileResponse(
        file_path.open("rb"),
        as_attachment=True,
        filename=export_services.export_download_name(export),
        content_type="application/zip",
    )  # never_cache (above): no copy stays in a browser or proxy cache


@never_cache
@staff_office_view(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def subject_access_export(request, client_id: int):
    """Everything about one person as a password-protected archive (JSON and PDF)."""
    office = request.office
    client = client_get_for_user(
        user=request.user, office=office, client_id=client_id, request=request, audit=request.method == "GET"
    )
    form = ExportPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export_services.export_request(
            office=office,
            by=request.user,
            kind=Kind.SUBJECT_ACCESS,
            client=client,
            password=form.cleaned_data["password"],
            request=request,
        )
        messages.success(request, _("The subject access export is being prepared."))
        return redirect("counselling:export_list", office_slug=office.slug)
    return render(
        request,
        "counselling/protection/subject_access_form.html",
        {"nav": "exports", "client": client, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def client_delete(request, client_id: int):
    """Deletion on request: the person's data is wiped (cases closed and anonymised), statistics stay."""
    office = request.office
    client = client_get_for_user(
        user=request.user, office=office, client_id=client_id, request=request, audit=request.method == "GET"
    )
    if client.anonymised_at is not None:
        messages.info(request, _("The data of this person has already been deleted."))
        return redirect("counselling:audit_log", office_slug=office.slug)
    form = DeleteOnRequestForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        reference = client.reference
        client_delete_on_request(client=client, by=request.user, request=request)
        messages.success(
            request,
            _("The personal data of %(reference)s has been deleted; the statistics are kept.")
            % {"reference": reference},
        )
        url = reverse("counselling:audit_log", kwargs={"office_slug": office.slug})
        return redirect(f"{url}?{urlencode({'reference': reference})}")
    cases = Case.objects.filter(office=office, client=client)
    return render(
        request,
        "counselling/protection/delete_on_request.html",
        {
            "nav": "exports",
            "client": client,
            "form": form,
            "case_count": cases.count(),
            "open_case_count": cases.exclude(status=Case.Status.CLOSED).count(),
        },
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("audit/", audit_log, name="audit_log"),
    path("exports/", export_list, name="export_list"),
    path("exports/<int:export_id>/download/", export_download, name="export_download"),
    path(
        "protection/clients/<int:client_id>/subject-access/",
        subject_access_export,
        name="subject_access_export",
    ),
    path("protection/clients/<int:client_id>/delete/", client_delete, name="client_delete_on_request"),
]
