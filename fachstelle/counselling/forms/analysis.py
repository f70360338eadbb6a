"""The filters of the needs analysis, read from the URL: a period (a year, or from/to) and a municipality the
office serves. Bad values get a clear message next to their field; nothing else is computed then."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office

from ..selectors.analysis import AnalysisFilters
from ..selectors.cases import municipality_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Years offered in the shortcut; older periods can still be chosen with from/to.
YEARS_OFFERED = 10
# Dates outside this range are typing mistakes (a year 0202, 20224), not periods of counselling.
EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class AnalysisFilterForm(forms.Form):
    # Offered as a list of recent years; any year in range is accepted from the URL.
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=EARLIEST.year, max_value=LATEST.year, widget=forms.Select
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        error_messages={"invalid_choice": _("The office does not serve this municipality.")},
    )

    def __init__(self, *args, office: Office, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["year"].widget.choices = [("", _("Period below"))] + [
            (year, str(year)) for year in range(self.today.year, self.today.year - YEARS_OFFERED, -1)
        ]
        self.fields["year"].help_text = _("Empty: the period from/to; both empty: the current year.")
        self.fields["municipality"].queryset = municipality_choices(office=office)

    def _clean_date(self, name: str):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Enter a date between %(start)s and %(end)s.")
                % {"start": EARLIEST.year, "end": LATEST.year}
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        year, start, end = cleaned.get("year"), cleaned.get("date_from"), cleaned.get("date_to")
        if year and (start or end):
            self.add_error("year", _("Choose either a year or a period (from/until), not both."))
        elif start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> AnalysisFilters:
        """The filters of a valid form. A missing end is the end of the start's year, a missing start the
        beginning of the end's year; nothing at all is the current year."""
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        year = data.get("year")
        if year:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif start and not end:
            end = datetime.date(start.year, 12, 31)
        elif end and not start:
            start = datetime.date(end.year, 1, 1)
        elif not start:
            start, end = datetime.date(self.today.year, 1, 1), datetime.date(self.today.year, 12, 31)
        return AnalysisFilters(date_from=start, date_to=end, municipality=data.get("municipality"))
