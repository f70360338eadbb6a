"""The period and municipality every report is computed for, read from the query string and checked:
a period that ends before it starts, or a municipality the office does not serve, is a clear message,
never a 500 or a silently empty report."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField
from fachstelle.core.models import Municipality, Office

# Reports reach back to this year at the earliest (the platform's data start later anyway).
FIRST_YEAR = 2000


@dataclass(frozen=True)
class ReportFilters:
    """A period (both days included) and optionally one municipality of the office."""

    start: datetime.date
    end: datetime.date
    municipality: Municipality | None = None

    def query(self) -> str:
        """The filters as a normalised query string (a year and the same dates give the same URL): for chart,
        export and recompute links."""
        params = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.municipality:
            params["municipality"] = self.municipality.pk
        return urlencode(params)

    @property
    def end_exclusive(self) -> datetime.date:
        return self.end + datetime.timedelta(days=1)

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @classmethod
    def year(cls, year: int, municipality: Municipality | None = None) -> "ReportFilters":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), municipality)


class ReportFilterForm(forms.Form):
    """?start=&end=&municipality= (dates as YYYY-MM-DD) or ?year=; empty: the current calendar year."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["municipality"].set_objects(list(office.municipalities.order_by("name", "pk")))
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "This municipality is not served by the office."
        )

    def clean(self):
        data = super().clean()
        start, end, year = data.get("start"), data.get("end"), data.get("year")
        if self.errors:
            return data
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        elif (start or end) and not (start and end):
            self.add_error(
                "end" if start else "start", _("Give both the first and the last day of the period.")
            )
        elif start and start.year < FIRST_YEAR:
            self.add_error("start", _("Reports start in %(year)s at the earliest.") % {"year": FIRST_YEAR})
        elif start and (end - start).days > 366 * 10:
            self.add_error("end", _("A period may cover at most ten years."))
        if start is None and end is None:
            year = year or timezone.localdate().year
            data["start"], data["end"] = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return data

    def filters(self) -> ReportFilters:
        """The checked filters (call after is_valid())."""
        data = self.cleaned_data
        return ReportFilters(data["start"], data["end"], data.get("municipality"))


def report_filters(request, *, office: Office) -> tuple[ReportFilterForm, ReportFilters | None]:
    """The filter form bound to the query string and, when it is valid, the filters."""
    form = ReportFilterForm(request.GET or None, office=office)
    if not request.GET:
        form = ReportFilterForm({"year": timezone.localdate().year}, office=office)
    return form, (form.filters() if form.is_valid() else None)
