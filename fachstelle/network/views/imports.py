"""Import of organisations and contacts from CSV/XLSX (upload → preview → confirm) and their export.

The uploaded file waits on the server between preview and confirmation (core.tabular's upload store,
token in the session); it is deleted after the import or when the user cancels.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fachstelle.core.staff import NETWORK_ROLES, staff_office_view
from fachstelle.core.tabular import (
    TabularError,
    download_response,
    read_table,
    upload_discard,
    upload_get,
    upload_stash,
)

from ..forms.imports import ImportConfirmForm, ImportUploadForm
from ..selectors.exports import organisation_export_rows
from ..services.imports import (
    COLUMNS,
    KIND_GERMAN,
    Action,
    ImportRefused,
    Mode,
    organisations_import,
    organisations_import_validate,
)

PLAN_ROWS_SHOWN = 1000  # the preview lists this many organisations; the counts cover all of them
# One example organisation with two contacts: the template shows how rows merge.
TEMPLATE_ROWS = [
    [
        "Verein Begegnung",
        "Verein",
        "Bahnhofstrasse 1",
        "4800",
        "Zofingen",
        "www.begegnung.ch",
        "info@begegnung.ch",
        "062 123 45 67",
        "Wohnen, Arbeit und Beruf",
        "Arbeitskreis",
        "Anna Muster",
        "Präsidentin",
        "anna.muster@begegnung.ch",
        "079 123 45 67",
    ],
    [
        "Verein Begegnung",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Bruno Beispiel",
        "Kassier",
        "bruno@begegnung.ch",
        "",
    ],
]


def _scope(request) -> str:
    return f"network-organisations-{request.office.pk}"


@never_cache
@require_http_methods(["GET", "POST"])
@staff_office_view(NETWORK_ROLES)
def import_start(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_stash(
            request,
            scope=_scope(request),
            data=form.cleaned_data["data"],
            name=form.cleaned_data["file"].name,
            file_type=form.cleaned_data["file_type"],
            options={"mode": form.cleaned_data["mode"]},
        )
        return redirect("network:import_preview", office_slug=request.office.slug)
    return render(
        request,
        "network/imports/start.html",
        {
            "nav": "network",
            "form": form,
            "columns": COLUMNS,
            "kinds": [words[0] for words in KIND_GERMAN.values()],
            "pending": upload_get(request, scope=_scope(request)),
        },
    )


def _load_preview(request):
    """The stored upload and its validation, or a redirect back to the upload with a message."""
    stored = upload_get(request, scope=_scope(request))
    if stored is None or (data := stored.read()) is None:
        messages.warning(request, _("No file is waiting for import (it was imported, cancelled or expired)."))
        return None, None, redirect("network:import_start", office_slug=request.office.slug)
    try:
        table = read_table(data, file_type=stored.file_type)
        preview = organisations_import_validate(
            office=request.office, table=table, mode=stored.options.get("mode", Mode.SKIP)
        )
    except TabularError as exc:
        upload_discard(request, scope=_scope(request))
        messages.error(request, exc.messages[0])
        return None, None, redirect("network:import_start", office_slug=request.office.slug)
    return stored, preview, None


@never_cache
@require_GET
@staff_office_view(NETWORK_ROLES)
def import_preview(request):
    stored, preview, bounce = _load_preview(request)
    if bounce:
        return bounce
    return render(
        request,
        "network/imports/preview.html",
        {
            "nav": "network",
            "stored": stored,
            "preview": preview,
            "error_items": [
                (row.number, column, message)
                for row in preview.error_rows
                for column, message in row.error_items()
            ],
            "plans": preview.plans[:PLAN_ROWS_SHOWN],
            "plans_hidden": max(0, len(preview.plans) - PLAN_ROWS_SHOWN),
            "confirm_form": ImportConfirmForm(
                initial={"fingerprint": preview.fingerprint(), "accept_valid_rows": preview.has_errors}
            ),
            "can_import": any(plan.action != Action.SKIP for plan in preview.plans),
            "Action": Action,
            "mode_update": preview.mode == Mode.UPDATE,
        },
    )


@require_POST
@staff_office_view(NETWORK_ROLES)
def import_confirm(request):
    stored = upload_get(request, scope=_scope(request))
    data = stored.read() if stored else None
    if data is None:
        messages.warning(request, _("No file is waiting for import (it was imported, cancelled or expired)."))
        return redirect("network:import_start", office_slug=request.office.slug)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        return redirect("network:import_preview", office_slug=request.office.slug)
    try:
        outcome = organisations_import(
            office=request.office,
            by=request.user,
            data=data,
            file_type=stored.file_type,
            mode=stored.options.get("mode", Mode.SKIP),
            accept_valid_rows=form.cleaned_data["accept_valid_rows"],
            expected_fingerprint=form.cleaned_data["fingerprint"],
        )
    except ImportRefused as exc:
        messages.error(request, exc.messages[0])
        return redirect("network:import_preview", office_slug=request.office.slug)
    upload_discard(request, scope=_scope(request))
    messages.success(
        request,
        _(
            "Import done: %(created)s organisations created, %(updated)s updated, %(skipped)s skipped; "
            "%(contacts)s contact persons added, %(contacts_updated)s updated."
        )
        % {
            "created": outcome.created,
            "updated": outcome.updated,
            "skipped": outcome.skipped,
            "contacts": outcome.contacts_created,
            "contacts_updated": outcome.contacts_updated,
        },
    )
    return redirect("network:organisation_list", office_slug=request.office.slug)


@require_POST
@staff_office_view(NETWORK_ROLES)
def import_cancel(request):
    upload_discard(request, scope=_scope(request))
    messages.info(request, _("The import was cancelled; the file was deleted."))
    return redirect("network:import_start", office_slug=request.office.slug)


@require_GET
@staff_office_view(NETWORK_ROLES)
def import_template(request, file_type: str):
    headers = [column.header for column in COLUMNS]
    return download_response(
        file_type=file_type,
        filename="organisationen-vorlage",
        headers=headers,
        rows=TEMPLATE_ROWS,
        sheet_title="Organisationen",
    )


@never_cache
@require_GET
@staff_office_view(NETWORK_ROLES)
def organisation_export(request, file_type: str):
    headers, rows = organisation_export_rows(office=request.office)
    return download_response(
        file_type=file_type,
        filename=f"organisationen-{request.office.slug}",
        headers=headers,
        rows=rows,
        sheet_title="Organisationen",
    )


urlpatterns = [
    path("import/", import_start, name="import_start"),
    path("import/preview/", import_preview, name="import_preview"),
    path("import/confirm/", import_confirm, name="import_confirm"),
    path("import/cancel/", import_cancel, name="import_cancel"),
    re_path(r"^import/template\.(?P<file_type>csv|xlsx)$", import_template, name="import_template"),
    re_path(
        r"^export/organisations\.(?P<file_type>csv|xlsx)$", organisation_export, name="organisation_export"
    ),
]
