"""Forms of the workshop pages: the plan generator, accepting a proposal, one session, the effort
assumptions and the what-if member count."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Workshop
from .services.effort import MAX_MEMBERS, SPECS
from .services.workshop_plan import DEFAULT_WEEKDAYS, LEAD_WEEKS, PLAN_KINDS

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class PlanForm(forms.Form):
    earliest = forms.DateField(
        label=_("Earliest date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The start session takes place on this day or later."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    start_time = forms.TimeField(
        label=_("Start time of the start session"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    start_time_long = forms.TimeField(
        label=_("Start time of the workshops"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Empty: the same as the start session."),
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)

    @staticmethod
    def initial_values() -> dict:
        return {
            "earliest": timezone.localdate() + datetime.timedelta(weeks=LEAD_WEEKS),
            "weekdays": sorted(DEFAULT_WEEKDAYS),
            "start_time": datetime.time(18, 0),
            "start_time_long": datetime.time(13, 30),
        }

    def clean_earliest(self):
        earliest = self.cleaned_data["earliest"]
        if earliest < timezone.localdate():
            raise forms.ValidationError(_("The earliest date cannot be in the past."))
        if earliest > timezone.localdate() + datetime.timedelta(days=3 * 366):
            raise forms.ValidationError(_("The earliest date must be within the next three years."))
        return earliest


class AcceptForm(PlanForm):
    """The generator's input plus the proposed days, carried in hidden fields and checked again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PLAN_KINDS:
            self.fields[f"day_{kind}"] = forms.DateField(widget=forms.HiddenInput)

    def posted_days(self) -> list[datetime.date]:
        return [self.cleaned_data[f"day_{kind}"] for kind in PLAN_KINDS]


class WorkshopForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=12 * 60)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(label=_("Status"), choices=Workshop.Status.choices)
    confirm = forms.BooleanField(
        label=_("Keep this date although it is in the school holidays, blocked or a public holiday"),
        required=False,
    )


class EffortAssumptionsForm(forms.Form):
    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in SPECS:
            self.fields[spec.key] = forms.DecimalField(
                label=spec.label,
                min_value=0,
                max_digits=8,
                decimal_places=2,
                initial=values.get(spec.key, spec.default),
                localize=True,
            )


class MembersForm(forms.Form):
    members = forms.IntegerField(label=_("Number of members"), min_value=1, max_value=MAX_MEMBERS)
