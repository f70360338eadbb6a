"""Needs analysis (Bedarfsanalyse): the page with every section as a table and a chart, the charts (SVG, PNG
on request) and a CSV of all tables. Office admins, counsellors and statistics-only users; aggregates only,
no personal data anywhere, every count protected by `fachstelle.core.statistics`.

Charts are separate requests (`<img>`), so the page costs only its aggregate queries. A chart is cached
under the office, the filters and a digest of what its table shows: the data fingerprint is the shown
figures themselves, so new data that changes them changes the key and nothing goes stale. The page puts
the digest into the chart URL (`v`); a request whose digest is cached is answered without a query, any
other recomputes its one section and renders only if those figures were never rendered before.
"""

import csv
import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.charts import FORMATS, table_chart
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD, Table, csv_value

from ..access import STATISTICS_ROLES, staff_office_view
from ..forms.analysis import AnalysisFilterForm
from ..selectors import analysis as selectors
from ..selectors.analysis import AnalysisFilters
from ..services.exports import CSV_DIALECT

# Rendered charts are kept this long; their key changes with the data, so this only bounds memory.
CHART_CACHE_SECONDS = 24 * 3600
CONTENT_TYPES = {"svg": "image/svg+xml; charset=utf-8", "png": "image/png"}


def _query(filters: AnalysisFilters) -> str:
    """The filters as a normalised query string (a year and the same dates give the same chart URL)."""
    params = {"date_from": filters.date_from.isoformat(), "date_to": filters.date_to.isoformat()}
    if filters.municipality:
        params["municipality"] = filters.municipality.pk
    return urlencode(params)


def _digest(table: Table) -> str:
    return hashlib.sha256(f"{get_language()}\x1f{table.fingerprint()}".encode()).hexdigest()[:16]


def _chart_url(request, table: Table, filters: AnalysisFilters, fmt: str) -> str:
    url = reverse(
        "counselling:needs_analysis_chart",
        kwargs={"office_slug": request.office.slug, "section": table.key, "fmt": fmt},
    )
    # `v` only busts the browser's cache when the figures change; the server recomputes the digest.
    return f"{url}?{_query(filters)}&v={_digest(table)}"


@staff_office_view(roles=STATISTICS_ROLES)
def needs_analysis(request):
    form = AnalysisFilterForm(request.GET, office=request.office)
    context = {"nav": "analysis", "form": form, "threshold": SUPPRESSION_THRESHOLD, "analysis": None}
    if form.is_valid():
        filters = form.filters()
        analysis = selectors.needs_analysis(office=request.office, filters=filters)
        context["analysis"] = analysis
        context["sections"] = [
            {
                "table": table,
                "chart_url": _chart_url(request, table, filters, "svg"),
                "png_url": _chart_url(request, table, filters, "png"),
            }
            for table in analysis.tables
        ]
        csv_url = reverse("counselling:needs_analysis_csv", kwargs={"office_slug": request.office.slug})
        context["csv_url"] = f"{csv_url}?{_query(filters)}"
    return render(request, "counselling/analysis/page.html", context)


def _chart_key(request, filters: AnalysisFilters, section: str, fmt: str, digest: str) -> str:
    return f"needs-analysis-chart:{request.office.pk}:{filters.cache_token()}:{section}:{fmt}:{digest}"


@staff_office_view(roles=STATISTICS_ROLES)
def needs_analysis_chart(request, section: str, fmt: str):
    if section not in selectors.SECTIONS or fmt not in FORMATS:
        raise Http404
    form = AnalysisFilterForm(request.GET, office=request.office)
    if not form.is_valid():
        return HttpResponse(_("Invalid filters."), status=400, content_type="text/plain; charset=utf-8")
    filters = form.filters()
    # The page names the digest of the figures it showed: a chart cached under it is exactly that chart
    # (of this office and these filters), so it is served without a query. A wrong or old digest only
    # misses; what is cached is always keyed by the digest computed here.
    requested = request.GET.get("v", "")
    body = cache.get(_chart_key(request, filters, section, fmt, requested)) if requested else None
    if body is None:
        table = selectors.needs_analysis(office=request.office, filters=filters, sections=[section]).tables[0]
        key = _chart_key(request, filters, section, fmt, _digest(table))
        body = cache.get(key)
        if body is None:
            body = table_chart(table, fmt=fmt)
            cache.set(key, body, CHART_CACHE_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _csv_text(text: str) -> str:
    # Labels come from the office's own lists; still, a leading = + - @ would run as a spreadsheet formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@staff_office_view(roles=STATISTICS_ROLES)
def needs_analysis_csv(request):
    form = AnalysisFilterForm(request.GET, office=request.office)
    if not form.is_valid():
        # The page shows what is wrong with the filters.
        page = reverse("counselling:needs_analysis", kwargs={"office_slug": request.office.slug})
        return redirect(f"{page}?{request.GET.urlencode()}")
    filters = form.filters()
    analysis = selectors.needs_analysis(office=request.office, filters=filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"needs-analysis-{request.office.slug}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # byte-order mark: Excel opens UTF-8 without an import dialog
    writer = csv.writer(response, **CSV_DIALECT)
    municipality = filters.municipality.name if filters.municipality else _("All municipalities")
    writer.writerow([_("Needs analysis"), _csv_text(request.office.name)])
    writer.writerow([_("Period"), filters.date_from.isoformat(), filters.date_to.isoformat()])
    writer.writerow([_("Municipality"), _csv_text(municipality)])
    writer.writerow([_suppression_note()])
    for table in analysis.tables:
        writer.writerow([])
        writer.writerow([_csv_text(table.title)])
        writer.writerow([_csv_text(table.row_header), *(_csv_text(column) for column in table.columns)])
        for row in table.all_rows:
            writer.writerow([_csv_text(row.label), *(csv_value(cell) for cell in row.cells)])
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="counselling.needs_analysis",
        detail="csv",
        request=request,
    )
    return response


def _suppression_note() -> str:
    return _(
        "Cells with fewer than %(n)s persons are not shown (<%(n)s); cells marked – are hidden so that "
        "a hidden cell cannot be worked out from a total."
    ) % {"n": SUPPRESSION_THRESHOLD}


urlpatterns = [
    path("analysis/", needs_analysis, name="needs_analysis"),
    path("analysis/export.csv", needs_analysis_csv, name="needs_analysis_csv"),
    path("analysis/chart/<slug:section>.<slug:fmt>", needs_analysis_chart, name="needs_analysis_chart"),
]
