"""Forms of the office's projects. They check the input's shape and offer only the office's own records;
`services.py` applies the rules and writes."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField
from fachstelle.core.models import Office, PromotionArea
from fachstelle.grants.models import Currency
from fachstelle.grants.services.attachments import allowed_extensions

from . import selectors
from .models import Project
from .services import MAX_DOCUMENT_BYTES

# The timeline shows at most this many years at once (beyond that the bars are too thin to read).
MAX_TIMELINE_DAYS = 366 * 5


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _year_choices(today: datetime.date) -> list[tuple[str, str]]:
    return [("", _("All years"))] + [(str(y), str(y)) for y in range(today.year + 2, today.year - 8, -1)]


def _promotion_areas() -> list[PromotionArea]:
    return list(PromotionArea.objects.order_by("code"))


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Project.Status.choices]
    )
    role = forms.ChoiceField(
        label=_("Role of the office"), required=False, choices=[("", _("All")), *Project.Role.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    promotion_area = ObjectChoiceField(label=_("KIP promotion area"), required=False, empty_label=_("All"))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(today or timezone.localdate())
        self.fields["promotion_area"].set_objects(_promotion_areas())

    def filters(self) -> selectors.ProjectFilters:
        """The filters; a field with bad input (a forged year) is left out rather than failing the page."""
        self.is_valid()  # cleaned_data keeps the valid fields only
        data = self.cleaned_data
        return selectors.ProjectFilters(
            q=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            role=data.get("role") or "",
            year=data.get("year"),
            promotion_area=data.get("promotion_area"),
            page=data.get("page") or 1,
        )


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, links as [text](https://…)."),
    )
    role = forms.ChoiceField(label=_("Role of the office"), choices=Project.Role.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=Project.Status.choices, initial=Project.Status.PLANNED
    )
    starts_on = forms.DateField(label=_("Start"), required=False, widget=_date_widget())
    ends_on = forms.DateField(label=_("End"), required=False, widget=_date_widget())
    lead = ObjectChoiceField(label=_("Project lead"), required=False)
    budget = forms.DecimalField(
        label=_("Budget"), required=False, max_digits=12, decimal_places=2, min_value=0
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.CHF)
    promotion_areas = ObjectMultipleChoiceField(
        label=_("KIP promotion areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipalities = ObjectMultipleChoiceField(
        label=_("Municipalities"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    partners = ObjectMultipleChoiceField(
        label=_("Partner organisations"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to pick several."),
    )
    grant_applications = ObjectMultipleChoiceField(
        label=_("Linked grant applications"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    events = ObjectMultipleChoiceField(
        label=_("Linked events"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    LINKS = ("promotion_areas", "municipalities", "partners", "grant_applications", "events")

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].set_objects(
            selectors.office_members(office=office), label_of=selectors.user_label
        )
        self.fields["promotion_areas"].set_objects(_promotion_areas())
        self.fields["municipalities"].set_objects(office.municipalities.order_by("name"))
        self.fields["partners"].set_objects(
            selectors.linkable_organisations(office=office),
            label_of=lambda o: o.name if o.is_active else _("%(name)s (inactive)") % {"name": o.name},
        )
        self.fields["grant_applications"].set_objects(
            selectors.linkable_applications(office=office), label_of=selectors.application_label
        )
        self.fields["events"].set_objects(
            selectors.linkable_events(office=office), label_of=selectors.event_label
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        initial = {
            name: getattr(project, name)
            for name in (
                "title",
                "goal",
                "description",
                "role",
                "status",
                "starts_on",
                "ends_on",
                "lead",
                "budget",
                "currency",
            )
        }
        for name in cls.LINKS:
            initial[name] = [str(pk) for pk in getattr(project, name).values_list("pk", flat=True)]
        return initial

    def fields_and_links(self) -> tuple[dict, dict]:
        data = dict(self.cleaned_data)
        links = {name: data.pop(name) for name in self.LINKS}
        return data, links


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=_date_widget())
    owner = ObjectChoiceField(label=_("Responsible"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=_date_widget())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].set_objects(members, label_of=selectors.user_label)

    @staticmethod
    def initial_for(milestone) -> dict:
        return {name: getattr(milestone, name) for name in ("title", "due_on", "owner", "note", "done_on")}


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Empty: the file name is used.")
    )
    file = forms.FileField(
        label=_("File"),
        max_length=255,
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text; at most %(max)s MB.")
        % {"max": MAX_DOCUMENT_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": allowed_extensions().replace(" ", "")}),
    )


class TimelineForm(forms.Form):
    """A year, or a date range (from – to); the range wins when both are given."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    start = forms.DateField(label=_("From"), required=False, widget=_date_widget())
    end = forms.DateField(label=_("To"), required=False, widget=_date_widget())
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Project.Status.choices]
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Give both dates of the range, or a year."))
        if start and end:
            if end < start:
                self.add_error("end", _("The range cannot end before it starts."))
            elif (end - start).days > MAX_TIMELINE_DAYS:
                self.add_error("end", _("The timeline shows at most five years at once."))
        return cleaned

    def period(self, *, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The range to show; the current year when the input is missing or bad."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return data["start"], data["end"]
        return selectors.year_bounds(data.get("year") or today.year)
