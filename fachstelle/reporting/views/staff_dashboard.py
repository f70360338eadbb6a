"""The office dashboard: every area's figures for a period and municipality, each chart with its table, a
CSV of everything on the page. Office admins and the statistics role; aggregates only, every count
protected by `fachstelle.core.statistics` inside the sections (`fachstelle.reporting.sections`).

Charts are separate requests (`<img>`), so the page costs only the sections' aggregate queries. As in the
counselling needs analysis, a chart is cached under the office, the filters and a digest of what its table
shows (the shown figures themselves, so new data changes the key and nothing goes stale); the page puts
the digest into the chart URL (`v`), a request whose digest is cached is answered without computing, any
other recomputes its one section.

Invalid filters (end before start, a municipality the office does not serve, a year that is no number)
give the page with the form and its message and status 400; nothing is computed.
"""

import csv
import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.charts import FORMATS, table_chart
from fachstelle.core.staff import REPORTING_ROLES, staff_office_view
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD, Table

from ..filters import ReportFilters, report_filters
from ..sections import SECTION_MODULES, section_module, sections
from ..selectors.dashboard import csv_rows, section_blocks, suppression_note

# Rendered charts are kept this long; their key changes with the data, so this only bounds memory.
CHART_CACHE_SECONDS = 24 * 3600
CONTENT_TYPES = {"svg": "image/svg+xml; charset=utf-8", "png": "image/png"}
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}


def _digest(table: Table) -> str:
    return hashlib.sha256(f"{get_language()}\x1f{table.fingerprint()}".encode()).hexdigest()[:16]


def _cache_key(*, office, filters: ReportFilters, section: str, table_key: str, fmt: str, digest: str) -> str:
    municipality = filters.municipality.pk if filters.municipality else "-"
    token = f"{filters.start.isoformat()}:{filters.end.isoformat()}:{municipality}"
    return f"reporting-chart:{office.pk}:{token}:{section}:{table_key}:{fmt}:{digest}"


def _chart_url_maker(request, filters: ReportFilters):
    query = filters.query()

    def chart_url(section, table: Table, fmt: str) -> str:
        url = reverse(
            "reporting:dashboard_chart",
            kwargs={
                "office_slug": request.office.slug,
                "section": section.key,
                "table_key": table.key,
                "fmt": fmt,
            },
        )
        # `v` only busts the browser's cache when the figures change; the server recomputes the digest.
        return f"{url}?{query}&v={_digest(table)}"

    return chart_url


def _links(request) -> list[tuple[str, str]]:
    slug = request.office.slug
    return [
        (
            _("Municipalities compared (steering group)"),
            reverse("reporting:steering", kwargs={"office_slug": slug}),
        ),
        (_("Annual report"), reverse("reporting:annual_report", kwargs={"office_slug": slug})),
        (_("KIP report"), reverse("reporting:kip_report", kwargs={"office_slug": slug})),
    ]


def _invalid(request, form):
    context = {"nav": "reporting", "form": form, "blocks": None, "links": _links(request)}
    return render(request, "reporting/dashboard.html", context, status=400)


@staff_office_view(roles=REPORTING_ROLES)
def dashboard(request):
    form, filters = report_filters(request, office=request.office)
    if filters is None:
        return _invalid(request, form)
    computed = sections(office=request.office, filters=filters)
    csv_url = reverse("reporting:dashboard_csv", kwargs={"office_slug": request.office.slug})
    context = {
        "nav": "reporting",
        "form": form,
        "filters": filters,
        "threshold": SUPPRESSION_THRESHOLD,
        "blocks": section_blocks(computed, chart_url=_chart_url_maker(request, filters)),
        "csv_url": f"{csv_url}?{filters.query()}",
        "links": _links(request),
    }
    return render(request, "reporting/dashboard.html", context)


@staff_office_view(roles=REPORTING_ROLES)
def dashboard_chart(request, section: str, table_key: str, fmt: str):
    if section not in SECTION_MODULES or fmt not in FORMATS:
        raise Http404
    _form, filters = report_filters(request, office=request.office)
    if filters is None:
        return HttpResponse(_("Invalid filters."), status=400, content_type="text/plain; charset=utf-8")
    # The digest the page showed: a chart cached under it is exactly that chart (of this office and these
    # filters), served without computing. A wrong or old digest only misses.
    requested = request.GET.get("v", "")
    keys = {
        "office": request.office,
        "filters": filters,
        "section": section,
        "table_key": table_key,
        "fmt": fmt,
    }
    body = cache.get(_cache_key(**keys, digest=requested)) if requested else None
    if body is None:
        computed = section_module(section).section(office=request.office, filters=filters)
        table = next((table for table in computed.tables if table.key == table_key), None)
        if table is None:
            raise Http404
        key = _cache_key(**keys, digest=_digest(table))
        body = cache.get(key)
        if body is None:
            body = table_chart(table, fmt=fmt)
            cache.set(key, body, CHART_CACHE_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _csv_text(text: str) -> str:
    # A leading = + - @ would run as a spreadsheet formula.
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@staff_office_view(roles=REPORTING_ROLES)
def dashboard_csv(request):
    form, filters = report_filters(request, office=request.office)
    if filters is None:
        return _invalid(request, form)
    computed = sections(office=request.office, filters=filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"figures-{request.office.slug}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # byte-order mark: Excel opens UTF-8 without an import dialog
    writer = csv.writer(response, **CSV_DIALECT)
    municipality = filters.municipality.name if filters.municipality else _("All municipalities")
    writer.writerow([_("Figures"), _csv_text(request.office.name)])
    writer.writerow([_("Period"), filters.start.isoformat(), filters.end.isoformat()])
    writer.writerow([_("Municipality"), _csv_text(municipality)])
    writer.writerow([suppression_note()])
    writer.writerows(csv_rows(sections=computed, csv_text=_csv_text))
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="reporting.dashboard",
        detail="csv",
        request=request,
    )
    return response


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("export.csv", dashboard_csv, name="dashboard_csv"),
    path("charts/<slug:section>/<slug:table_key>.<slug:fmt>", dashboard_chart, name="dashboard_chart"),
]
