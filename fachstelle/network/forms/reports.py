"""Forms of the reporting point: the public report form, the inbox filters and the triage form.

The forms parse and give field-level messages; the rules (no future date, municipality of the office,
anonymous means no contact data, allowed status changes) are enforced by `services/reports.py`, whose
`ValidationError`s the views put back onto these forms.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.offers.forms import PublicForm

from ..models import Report
from ..selectors.reports import MAX_PAGE, ReportFilters
from ..services.reports import TRANSITIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ANONYMOUS = "anonymous"
WITH_CONTACT = "contact"


class ReportForm(PublicForm):
    """The public form. Anonymous by default; contact details only when the reporter chooses to leave them."""

    category = forms.ChoiceField(
        label=_("What is it about?"), choices=Report.Category.choices, widget=forms.RadioSelect
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("Not stated or another municipality"),
        help_text=_("Where did it happen?"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example: on the bus, in a shop, at school. Optional."),
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"), required=False, widget=DATE_WIDGET, help_text=_("Optional.")
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe what happened in your own words. At most 8000 characters."),
    )
    anonymity = forms.ChoiceField(
        label=_("Do you want the office to be able to contact you?"),
        choices=[
            (ANONYMOUS, _("No, I report anonymously")),
            (WITH_CONTACT, _("Yes, I leave my contact details for questions")),
        ],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        required=False,
        help_text=_("You get a receipt with the reference number of your report."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    @property
    def is_anonymous(self) -> bool:
        return self.cleaned_data.get("anonymity", ANONYMOUS) != WITH_CONTACT

    def report_fields(self) -> dict:
        """The cleaned input as keyword arguments of `report_submit`."""
        data = self.cleaned_data
        return {
            "category": data["category"],
            "municipality": data.get("municipality"),
            "place": data.get("place", ""),
            "occurred_on": data.get("occurred_on"),
            "description": data["description"],
            "is_anonymous": self.is_anonymous,
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
            "submission_key": data["submission_key"],
        }


class ReportFilterForm(forms.Form):
    """The filters of the inbox, from the URL. Bad values are reported and left out; never a 500."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Not closed")), *Report.Status.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Report.Category.choices]
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year received"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, municipalities, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {str(m.pk): m for m in municipalities}
        self.fields["municipality"].choices = [("", _("All"))] + [
            (key, m.name) for key, m in self.municipalities.items()
        ]
        self.fields["year"].choices = [("", _("All"))] + [(str(year), str(year)) for year in years]

    def to_filters(self, *, page: str | None = None) -> ReportFilters:
        """The valid filters (invalid ones are left out and reported by the form's errors)."""
        self.is_valid()
        data = self.cleaned_data
        filters = ReportFilters(
            status=data.get("status") or "",
            category=data.get("category") or "",
            municipality=self.municipalities.get(data.get("municipality") or ""),
            year=data.get("year"),
        )
        raw_page = (page or "1").strip()
        if raw_page.isdigit() and 0 < int(raw_page) <= MAX_PAGE:
            filters.page = int(raw_page)
        return filters


class AssigneeField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class ReportTriageForm(forms.Form):
    """Status, internal note and (office admins) the assignee of one report."""

    status = forms.ChoiceField(label=_("Status"))
    assigned_to = AssigneeField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )
    triage_note = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for staff of the office; never sent to the reporter."),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report: Report, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The current status and where it may go next.
        allowed = {report.status, *TRANSITIONS.get(report.status, ())}
        self.fields["status"].choices = [
            (code, label) for code, label in Report.Status.choices if code in allowed
        ]
        if assignees is None:
            del self.fields["assigned_to"]
        else:
            self.fields["assigned_to"].queryset = assignees

    @staticmethod
    def initial_for(report: Report, *, version: str) -> dict:
        return {
            "status": report.status,
            "assigned_to": report.assigned_to_id,
            "triage_note": report.triage_note,
            "version": version,
        }
