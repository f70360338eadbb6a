"""The steering group's view: the member municipalities side by side — what each got for its contribution.

A period (a year or two dates; no municipality filter) and the municipalities to compare (checkboxes,
default all of the office, kept in the URL: `?year=2026&compare=3&compare=7`). One table per section, the
figures of `fachstelle.reporting.sections.municipality_rows`, suppressed as the sections give them
(see `selectors.steering`). CSV of the same tables. Aggregates only: the steering role sees nothing else.
"""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import ObjectMultipleChoiceField
from fachstelle.core.staff import STEERING_ROLES, staff_office_view
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD

from ..filters import ReportFilterForm
from ..selectors.steering import steering_comparison

CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}


class SteeringFilterForm(ReportFilterForm):
    """The report period (year or dates) and the municipalities to compare; empty: all of them."""

    compare = ObjectMultipleChoiceField(label=gettext_lazy("Municipalities to compare"))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, office=office, **kwargs)
        # The parent loaded the office's municipalities (ordered by name) once; compare reuses them.
        self.municipalities = list(self.fields.pop("municipality").objects.values())
        self.fields["compare"].set_objects(self.municipalities)
        self.fields["compare"].error_messages["invalid_choice"] = gettext_lazy(
            "This municipality is not served by the office."
        )

    def compared(self) -> list:
        """The chosen municipalities in the office's order (all when none is chosen)."""
        chosen = {municipality.pk for municipality in self.cleaned_data.get("compare") or []}
        return [m for m in self.municipalities if m.pk in chosen] if chosen else list(self.municipalities)


def _form(request) -> SteeringFilterForm:
    data = request.GET.copy()
    if not any(data.get(name) for name in ("year", "start", "end")):
        data["year"] = str(timezone.localdate().year)
    return SteeringFilterForm(data, office=request.office)


def _csv_text(text: str) -> str:
    # A leading = + - @ would run as a spreadsheet formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@staff_office_view(roles=STEERING_ROLES)
def steering(request):
    return _page(request, _form(request))


def _page(request, form: SteeringFilterForm):
    context = {"nav": "reporting", "form": form, "threshold": SUPPRESSION_THRESHOLD, "tables": None}
    if not form.is_valid():
        return render(request, "reporting/steering.html", context, status=400)
    filters, compared = form.filters(), form.compared()
    context.update(
        filters=filters,
        compared=compared,
        tables=steering_comparison(office=request.office, filters=filters, municipalities=compared),
        csv_url=reverse("reporting:steering_csv", kwargs={"office_slug": request.office.slug})
        + "?"
        + request.GET.urlencode(),
    )
    return render(request, "reporting/steering.html", context)


@staff_office_view(roles=STEERING_ROLES)
def steering_csv(request):
    form = _form(request)
    if not form.is_valid():
        # The page shows what is wrong with the filters.
        return _page(request, form)
    filters, compared = form.filters(), form.compared()
    tables = steering_comparison(office=request.office, filters=filters, municipalities=compared)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"steering-{request.office.slug}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # byte-order mark: Excel opens UTF-8 without an import dialog
    writer = csv.writer(response, **CSV_DIALECT)
    writer.writerow([_("Municipalities compared"), _csv_text(request.office.name)])
    writer.writerow([_("Period"), filters.start.isoformat(), filters.end.isoformat()])
    writer.writerow([_suppression_note()])
    for table in tables:
        writer.writerow([])
        header = [_csv_text(table.title), _("Unit"), *(_csv_text(m.name) for m in compared)]
        writer.writerow([*header, _("Total")] if table.has_totals else header)
        for row in table.rows:
            cells = [_csv_cell(cell) for cell in row.cells]
            line = [_csv_text(row.label), row.unit, *cells]
            if table.has_totals:
                line.append(_csv_cell(row.total) if row.total else "")
            writer.writerow(line)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="reporting.steering",
        detail="csv",
        request=request,
    )
    return response


def _csv_cell(cell) -> str:
    # Hidden values by their mark ("<5", "–"), visible ones as plain numbers a spreadsheet can sum.
    if cell.hidden:
        return "<%d" % SUPPRESSION_THRESHOLD if cell.primary else cell.text
    return str(cell.raw)


def _suppression_note() -> str:
    return _(
        "Counts of fewer than %(n)s persons are not shown (<%(n)s); values marked – are hidden so that a "
        "hidden value cannot be worked out from a total, or concern fewer than %(n)s persons."
    ) % {"n": SUPPRESSION_THRESHOLD}


urlpatterns = [
    path("steering/", steering, name="steering"),
    path("steering/export.csv", steering_csv, name="steering_csv"),
]
