"""Forms of the catalogue: the filter of the list, an entry, an example."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField
from fachstelle.core.languages import active_language

from .models import CatalogueEntry
from .services.catalogue import ENTRY_FIELDS, catalogue_keywords_parse

MONEY_MAX = Decimal("99999999.99")


def term_label(term) -> str:
    """A vocabulary term in the active language (German fallback)."""
    return term.label(active_language())


def area_label(area) -> str:
    return f"{area.code} {area.label(active_language())}"


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = ObjectChoiceField(label=_("KIP promotion area"), required=False, empty_label=_("All"))
    target = ObjectChoiceField(label=_("Target group"), required=False, empty_label=_("All"))
    effort = forms.ChoiceField(
        label=_("Effort"), required=False, choices=[("", _("All")), *CatalogueEntry.Effort.choices]
    )
    max_cost = forms.DecimalField(
        label=_("Cost up to (CHF per year)"),
        required=False,
        min_value=Decimal("0"),
        max_value=MONEY_MAX,
        decimal_places=2,
        help_text=_("Entries whose cost starts at or below this amount."),
    )

    def __init__(self, *args, areas, target_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].set_objects(areas, label_of=area_label)
        self.fields["target"].set_objects(target_groups, label_of=term_label)


class CatalogueEntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown."),
    )
    promotion_area = ObjectChoiceField(label=_("KIP promotion area"))
    target_groups = ObjectMultipleChoiceField(label=_("Target groups"))
    fields_of_action = ObjectMultipleChoiceField(label=_("Fields of action"))
    effort = forms.ChoiceField(label=_("Effort"), choices=CatalogueEntry.Effort.choices)
    effort_note = forms.CharField(
        label=_("Effort in detail"),
        required=False,
        max_length=300,
        help_text=_("e.g. 2 hours a week for coordination"),
    )
    cost_min = forms.DecimalField(
        label=_("Cost from (CHF per year)"),
        required=False,
        min_value=Decimal("0"),
        max_value=MONEY_MAX,
        decimal_places=2,
    )
    cost_max = forms.DecimalField(
        label=_("Cost up to (CHF per year)"),
        required=False,
        min_value=Decimal("0"),
        max_value=MONEY_MAX,
        decimal_places=2,
    )
    cost_note = forms.CharField(label=_("Note on cost"), required=False, max_length=300)
    prerequisites = forms.CharField(
        label=_("Prerequisites"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=2000,
        help_text=_(
            "Separated by commas, e.g. Elterncafé, Elterntreff. A municipality already has this entry "
            "when one of its running offers contains one of them."
        ),
    )
    is_published = forms.BooleanField(
        label=_("Published (visible to every office)"), required=False, initial=True
    )

    def __init__(self, *args, areas, target_groups, fields_of_action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion_area"].set_objects(areas, label_of=area_label)
        self.fields["target_groups"].set_objects(target_groups, label_of=term_label)
        self.fields["fields_of_action"].set_objects(fields_of_action, label_of=term_label)

    @classmethod
    def initial_for(cls, entry: CatalogueEntry) -> dict:
        return {
            "title": entry.title,
            "summary": entry.summary,
            "description": entry.description,
            "promotion_area": entry.promotion_area,
            "target_groups": list(entry.target_groups.all()),
            "fields_of_action": list(entry.fields_of_action.all()),
            "effort": entry.effort,
            "effort_note": entry.effort_note,
            "cost_min": entry.cost_min,
            "cost_max": entry.cost_max,
            "cost_note": entry.cost_note,
            "prerequisites": entry.prerequisites,
            "keywords": ", ".join(entry.keywords or []),
            "is_published": entry.is_published,
        }

    def clean_keywords(self):
        try:
            return catalogue_keywords_parse(self.cleaned_data["keywords"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean(self):
        data = super().clean()
        low, high = data.get("cost_min"), data.get("cost_max")
        # The database refuses the reverse order (CheckConstraint); say so before it does.
        if low is not None and high is not None and high < low:
            self.add_error("cost_max", _("The upper cost must not be lower than the lower cost."))
        return data

    def entry_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ENTRY_FIELDS}


class ExampleForm(forms.Form):
    municipality = ObjectChoiceField(label=_("Municipality"))
    offer = forms.CharField(
        label=_("Offer in the directory"),
        required=False,
        max_length=500,
        help_text=_("Optional: the number of the offer or the address of its public page."),
    )
    description = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].set_objects(
            municipalities, label_of=lambda m: f"{m.name} ({m.canton}, {m.bfs_number})"
        )
