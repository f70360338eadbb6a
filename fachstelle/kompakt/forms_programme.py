"""Forms of the programme pages. They check input types; the rules (period, funding, ownership) are the
services' (services/programme.py), whose errors `add_service_errors` puts next to the fields."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField

from .models import Measure, NeedForAction, Programme, ProgrammeVersion
from .services.programme import IndicatorEntry

MONEY_FIELD = {"min_value": Decimal("0"), "max_digits": 12, "decimal_places": 2, "required": False}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeTextsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.IntegerField(label=_("Programme from (year)"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("Programme until (year)"), min_value=2000, max_value=2100)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown.")
    )
    starting_point = forms.CharField(
        label=_("Starting point"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown; placeholders of the portrait such as {population} are filled in."),
    )
    challenges = forms.CharField(
        label=_("Challenges"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown."),
    )

    @staticmethod
    def initial_for(programme: Programme) -> dict:
        return {name: getattr(programme, name) for name in ProgrammeTextsForm.base_fields}


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    promotion_area = ObjectChoiceField(label=_("KIP promotion area"), required=False)
    needs = ObjectMultipleChoiceField(label=_("Needs for action addressed"))

    def __init__(self, *args, areas, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion_area"].set_objects(areas)
        self.fields["needs"].set_objects(needs, label_of=lambda n: f"{n.promotion_area.code} – {n.title}")


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Measure"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    promotion_area = ObjectChoiceField(label=_("KIP promotion area"))
    goal = ObjectChoiceField(label=_("Goal"), required=False)
    need = ObjectChoiceField(label=_("Need for action"), required=False)
    target_groups = ObjectMultipleChoiceField(label=_("Target groups"))
    responsible = forms.CharField(
        label=_("Responsible body"), max_length=200, help_text=_("e.g. Gemeinderat, Schule, Sozialdienst")
    )
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("End"), required=False, widget=DateInput())
    cost_once = forms.DecimalField(label=_("One-off cost"), **MONEY_FIELD)
    cost_yearly = forms.DecimalField(label=_("Yearly cost"), **MONEY_FIELD)
    funding_municipality = forms.DecimalField(label=_("Funded by the municipality"), **MONEY_FIELD)
    funding_canton = forms.DecimalField(label=_("Canton's KIP contribution"), **MONEY_FIELD)
    funding_third_party = forms.DecimalField(label=_("Third-party funding"), **MONEY_FIELD)
    funding_note = forms.CharField(label=_("Note on funding"), max_length=300, required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=NeedForAction.Priority.choices)

    def __init__(self, *args, areas, goals, needs, target_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion_area"].set_objects(areas)
        self.fields["goal"].set_objects(goals)
        self.fields["need"].set_objects(needs, label_of=lambda n: f"{n.promotion_area.code} – {n.title}")
        self.fields["target_groups"].set_objects(target_groups)

    @staticmethod
    def initial_for(measure: Measure) -> dict:
        names = [name for name in MeasureForm.base_fields if name != "target_groups"]
        initial = {name: getattr(measure, name) for name in names}
        initial["target_groups"] = list(measure.target_groups.all())
        return initial


class IndicatorForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=12, decimal_places=2, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2, required=False)
    target_year = forms.IntegerField(label=_("Target year"), min_value=2000, max_value=2100, required=False)

    def entry(self) -> IndicatorEntry:
        data = self.cleaned_data
        return IndicatorEntry(
            id=data.get("id"),
            name=data.get("name") or "",
            unit=data.get("unit") or "",
            baseline=data.get("baseline"),
            target=data.get("target"),
            target_year=data.get("target_year"),
            delete=bool(data.get("DELETE")),
        )


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, extra=2, can_delete=True, max_num=20, validate_max=True
)


def indicator_initial(measure: Measure | None) -> list[dict]:
    if measure is None:
        return []
    return [
        {
            "id": i.pk,
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline,
            "target": i.target,
            "target_year": i.target_year,
        }
        for i in measure.indicators.all()
    ]


class VersionForm(forms.Form):
    comment = forms.CharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("e.g. Measures after the second workshop added"),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Programme.Status.choices)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput())
    adopted_by = forms.CharField(
        label=_("Adopted by"), max_length=200, required=False, help_text=_("e.g. Gemeinderat")
    )


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args, versions: list[ProgrammeVersion], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, f"{v.number} – {v.comment or ''}".strip(" –")) for v in versions]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
