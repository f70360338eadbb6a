"""Forms of the workshop minutes and the needs for action (choices loaded once by the view)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField
from fachstelle.core.languages import active_language

from .models import NeedForAction
from .services.needs import MINUTES_MAX_LENGTH


def _member_label(member) -> str:
    parts = [member.name]
    detail = ", ".join(part for part in (member.organisation_name, member.department) if part)
    if detail:
        parts.append(f"({detail})")
    return " ".join(parts)


def term_label(term) -> str:
    """A vocabulary term in the active language (German fallback)."""
    return term.label(active_language())


def area_label(area) -> str:
    return f"{area.code} {area.label(active_language())}"


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=pgettext_lazy("meeting record", "Minutes"),
        required=False,
        max_length=MINUTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, lists with “-”, headings with “##”."),
    )
    areas = ObjectMultipleChoiceField(label=_("Portrait areas discussed"))
    attendees = ObjectMultipleChoiceField(label=_("Present"))

    def __init__(self, *args, areas, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].set_objects(areas, label_of=area_label)
        self.fields["attendees"].set_objects(members, label_of=_member_label)


class NeedForm(forms.Form):
    promotion_area = ObjectChoiceField(label=_("KIP promotion area"))
    title = forms.CharField(label=_("Need for action"), max_length=200)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=NeedForAction.Priority.choices, initial=NeedForAction.Priority.MEDIUM
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the working group sees a need here (figures of the portrait, experience)."),
    )
    target_groups = ObjectMultipleChoiceField(label=_("Target groups"))
    workshop = ObjectChoiceField(
        label=_("Identified in"), required=False, empty_label=_("– not from a workshop –")
    )

    def __init__(self, *args, areas, target_groups, workshops=None, with_workshop=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion_area"].set_objects(areas, label_of=area_label)
        self.fields["target_groups"].set_objects(target_groups, label_of=term_label)
        if with_workshop:
            self.fields["workshop"].set_objects(workshops or [])
        else:
            del self.fields["workshop"]

    @classmethod
    def initial_for(cls, need: NeedForAction) -> dict:
        return {
            "promotion_area": need.promotion_area,
            "title": need.title,
            "priority": need.priority,
            "rationale": need.rationale,
            "target_groups": list(need.target_groups.all()),
            "workshop": need.workshop,
        }
