"""KIP reporting: activity and money by KIP promotion area of one office, on a page and as CSV/XLSX.
Office admins and the statistics role; aggregates only (see `selectors/kip.py` for what is suppressed)."""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.staff import REPORTING_ROLES, staff_office_view
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD
from fachstelle.core.tabular import CONTENT_TYPES, csv_bytes

from ..filters import report_filters
from ..selectors.kip import COUNT, HOURS, MONEY_KIND, KipReport, kip_table, kip_value_text

EXPORT_FORMATS = ("csv", "xlsx")


def _text(value: str) -> str:
    # Labels come from the offices' own lists; a leading = + - @ would run as a spreadsheet formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def kip_sheet(report: KipReport, *, title: str) -> list[list]:
    """The report as rows of a sheet: a head (title, offices, period, municipality), the column headers
    (group: column), one row per area, the total, and the notes. Values stay numbers where they are
    numbers (XLSX keeps them numeric); hidden values are their marks ("<5", "–")."""
    filters = report.filters
    municipality = filters.municipality.name if filters.municipality else _("All municipalities")
    rows: list[list] = [
        [title],
        [_("Offices"), _text(", ".join(office.name for office in report.offices))],
        [_("Period"), filters.start.isoformat(), filters.end.isoformat()],
        [_("Municipality"), _text(municipality)],
        [],
        [_("KIP promotion area"), *(f"{column.group}: {column.label}" for column in report.columns)],
    ]
    for row in report.all_rows:
        cells = []
        for column, value in report.cells(row):
            if value is None or getattr(value, "suppressed", False):
                cells.append(kip_value_text(value, column.kind))
            elif column.kind == MONEY_KIND:
                cells.append(Decimal(value).quantize(Decimal("0.01")))
            else:
                cells.append(value)
        rows.append([_text(row.label), *cells])
    rows.append([])
    rows.extend([[_("Note"), note] for note in report.notes])
    return rows


def _xlsx_bytes(rows: list[list], *, sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    for index, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value if isinstance(value, int | Decimal) else str(value))
            if not isinstance(value, int | Decimal):
                # openpyxl would store "=…" as a formula; text stays text.
                cell.data_type = "s"
            if index in (0, 5):
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def kip_download(report: KipReport, *, file_type: str, filename: str, title: str) -> HttpResponse:
    """The report as a CSV (semicolon, UTF-8 with BOM) or XLSX attachment."""
    rows = kip_sheet(report, title=title)
    if file_type == "xlsx":
        content = _xlsx_bytes(rows, sheet_title=_("KIP report"))
    else:
        file_type = "csv"
        text_rows = [
            [kip_value_text(value, COUNT) if not isinstance(value, str) else value for value in row]
            for row in rows[1:]
        ]
        content = csv_bytes(headers=rows[0], rows=text_rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_format(request) -> str | None:
    value = request.GET.get("format", "csv")
    return value if value in EXPORT_FORMATS else None


def _page(request, *, form, report, status=200):
    context = {
        "nav": "reporting",
        "form": form,
        "report": report,
        "threshold": SUPPRESSION_THRESHOLD,
        "money": MONEY_KIND,
        "hours": HOURS,
    }
    if report is not None:
        export = reverse("reporting:kip_export", kwargs={"office_slug": request.office.slug})
        query = report.filters.query()
        context["csv_url"] = f"{export}?{query}&format=csv"
        context["xlsx_url"] = f"{export}?{query}&format=xlsx"
    return render(request, "reporting/kip.html", context, status=status)


@staff_office_view(roles=REPORTING_ROLES)
def kip_report(request):
    form, filters = report_filters(request, office=request.office)
    if filters is None:
        return _page(request, form=form, report=None, status=400)
    report = kip_table(offices=[request.office], filters=filters)
    return _page(request, form=form, report=report)


@staff_office_view(roles=REPORTING_ROLES)
def kip_export(request):
    form, filters = report_filters(request, office=request.office)
    file_type = export_format(request)
    if filters is None:
        return _page(request, form=form, report=None, status=400)
    if file_type is None:
        return HttpResponse(_("Unknown format."), status=400, content_type="text/plain; charset=utf-8")
    report = kip_table(offices=[request.office], filters=filters)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="reporting.kip_report",
        detail=file_type,
        request=request,
    )
    filename = f"kip-{request.office.slug}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    return kip_download(report, file_type=file_type, filename=filename, title=_("KIP report"))


urlpatterns = [
    path("kip/", kip_report, name="kip_report"),
    path("kip/export/", kip_export, name="kip_export"),
]
