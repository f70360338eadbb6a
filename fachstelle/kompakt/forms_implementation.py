"""Forms of the implementation pages. They check types only; the rules (period, bounds, plan, roles) are the
services' (services/implementation.py), whose errors `add_service_errors` puts next to the fields."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField

from .models import CantonContribution, Measure

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class AmountField(forms.CharField):
    """A decimal number as people type it: 4000, 4'000.50 or 12,5 (cleans to Decimal, at most 2 decimals)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in (None, ""):
            return None
        text = text.replace("'", "").replace("’", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Enter a number, e.g. 120 or 12.5."), code="invalid") from None
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise ValidationError(_("Enter a number, e.g. 120 or 12.5."), code="invalid")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(_("Enter the number with at most two decimals."), code="decimals")
        return number.quantize(Decimal("0.01"))


class MeasureStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    note = forms.CharField(
        label=_("Note on the status"),
        max_length=300,
        required=False,
        help_text=_("Required when a measure is postponed or dropped."),
    )


class IndicatorValueForm(forms.Form):
    indicator = ObjectChoiceField(label=_("Indicator"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    value = AmountField(label=_("Value"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].set_objects(
            indicators,
            label_of=lambda i: f"{i.measure.title} – {i.name}" + (f" ({i.unit})" if i.unit else ""),
        )


class QualityMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(**DATE_WIDGET))
    attendees = ObjectMultipleChoiceField(label=_("Present"))
    measures_reviewed = ObjectMultipleChoiceField(label=_("Measures reviewed"))
    minutes = forms.CharField(
        label=pgettext_lazy("meeting record", "Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown."),
    )
    decisions = forms.CharField(
        label=_("Decisions and next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )

    def __init__(self, *args, members, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].set_objects(
            members, label_of=lambda m: f"{m.name} ({m.organisation_name})" if m.organisation_name else m.name
        )
        self.fields["measures_reviewed"].set_objects(measures, label_of=lambda m: m.title)


class CantonContributionForm(forms.Form):
    measure = ObjectChoiceField(label=_("Measure"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    amount = AmountField(label=_("Amount (CHF)"))
    status = forms.ChoiceField(label=_("Status"), choices=CantonContribution.Status.choices)
    decided_on = forms.DateField(
        label=_("Decided on"),
        required=False,
        widget=forms.DateInput(**DATE_WIDGET),
        help_text=_("Empty: today, when approved or rejected."),
    )
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    exceeds_plan = forms.BooleanField(
        label=_("Exceeds the plan (justified)"),
        required=False,
        help_text=_(
            "Tick to record more than the measure's planned canton share; give the reason in the note."
        ),
    )

    def __init__(self, *args, measures, can_decide, fixed_measure=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].set_objects(measures, label_of=lambda m: m.title)
        if fixed_measure:
            self.fields["measure"].disabled = True
        if not can_decide:
            self.fields["status"].help_text = _(
                "Only the office administrator may approve, pay or reject a contribution."
            )
