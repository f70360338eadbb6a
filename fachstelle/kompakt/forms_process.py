"""Forms of the KOMPAKT process pages. Choices among objects are loaded once by the view (no query per
option); rules that need the database live in services/processes.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField

from .models import Phase, Process, SchoolHoliday, WorkingGroupMember

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class ProcessFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Process.Status.choices]
    )


class ProcessCreateForm(forms.Form):
    municipality = ObjectChoiceField(label=_("Municipality"))
    lead = ObjectChoiceField(label=_("Lead at the office"), required=False, label_of=_user_label)
    contact_name = forms.CharField(label=_("Contact at the municipality"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail of the contact"), required=False)
    contact_phone = forms.CharField(label=_("Phone of the contact"), max_length=40, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, municipalities, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].set_objects(municipalities)
        self.fields["lead"].set_objects(staff, label_of=_user_label)


class ProcessEditForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Process.Status.choices)
    lead = ObjectChoiceField(label=_("Lead at the office"), required=False, label_of=_user_label)
    municipal_contact_name = forms.CharField(
        label=_("Contact at the municipality"), max_length=200, required=False
    )
    municipal_contact_email = forms.EmailField(label=_("E-mail of the contact"), required=False)
    municipal_contact_phone = forms.CharField(label=_("Phone of the contact"), max_length=40, required=False)
    start_session_hours = forms.DecimalField(
        label=_("Length of the start session (hours)"), min_value=0.5, max_value=12, decimal_places=2
    )
    session_hours = forms.DecimalField(
        label=_("Length of the two workshop sessions (hours)"), min_value=0.5, max_value=12, decimal_places=2
    )
    weeks_between_sessions = forms.IntegerField(label=_("Weeks between sessions"), min_value=1, max_value=12)
    programme_weeks_after_workshops = forms.IntegerField(
        label=_("Weeks from the last workshop to the programme"), min_value=1, max_value=52
    )
    programme_due_on = forms.DateField(label=_("Programme due"), required=False, widget=DATE_WIDGET)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].set_objects(staff, label_of=_user_label)


class PhaseForm(forms.Form):
    """One phase's row in the phases form (prefixed with the phase's kind)."""

    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=Phase.Status.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the network"), required=False, max_length=100)


class NetworkMemberForm(forms.Form):
    """Pick a contact person (value "contact:<id>") or a key person ("key:<id>") found by the search."""

    person = forms.ChoiceField(label=_("Person from the network"))
    role = forms.ChoiceField(label=_("Role in the working group"), choices=WorkingGroupMember.Role.choices)
    department = forms.CharField(
        label=_("Department"),
        max_length=200,
        required=False,
        help_text=_("e.g. Schule, Sozialdienst, Einwohnerkontrolle. Empty: the contact's role."),
    )

    def __init__(self, *args, contacts, key_persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {f"contact:{c.pk}": c for c in contacts}
        self.people.update({f"key:{k.pk}": k for k in key_persons})
        choices = [("", "---------")]
        if contacts:
            choices.append(
                (
                    _("Contact persons"),
                    [(f"contact:{c.pk}", f"{c.name} – {c.organisation.name}") for c in contacts],
                )
            )
        if key_persons:
            choices.append(
                (
                    _("Key persons"),
                    [
                        (f"key:{k.pk}", f"{k.name}" + (f" – {k.communities}" if k.communities else ""))
                        for k in key_persons
                    ],
                )
            )
        self.fields["person"].choices = choices

    def clean_person(self):
        key = self.cleaned_data["person"]
        if key not in self.people:
            raise forms.ValidationError(_("Choose one person of the network."))
        return key

    def contact(self):
        key = self.cleaned_data["person"]
        return self.people[key] if key.startswith("contact:") else None

    def key_person(self):
        key = self.cleaned_data["person"]
        return self.people[key] if key.startswith("key:") else None


class MemberForm(forms.Form):
    """A member by hand, and the edit form of any member."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    department = forms.CharField(
        label=_("Department"),
        max_length=200,
        required=False,
        help_text=_("e.g. Schule, Sozialdienst, Einwohnerkontrolle"),
    )
    role = forms.ChoiceField(label=_("Role in the working group"), choices=WorkingGroupMember.Role.choices)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class BlockedDateForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(
        label=_("Until"), required=False, widget=DATE_WIDGET, help_text=_("Empty: a single day.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("e.g. Gemeindeversammlung, Dorffest"),
    )


class SchoolHolidayForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("e.g. Herbstferien"))
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Until"), widget=DATE_WIDGET)

    @classmethod
    def initial_of(cls, holiday: SchoolHoliday) -> dict:
        return {"name": holiday.name, "starts_on": holiday.starts_on, "ends_on": holiday.ends_on}
