"""Forms of the data-protection pages: audit-log filters, export requests, deletion on request."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import AuditEvent

from ..access import clients_visible_to
from ..models import PersonalDataExport
from ..selectors.protection import AuditFilters, audit_actor_choices, audit_record_type_choices
from ..services.exports import PASSWORD_MIN_LENGTH

# "F-000123", "f-123", "P 42": a letter (F case, P person, X export) and a number.
REFERENCE = re.compile(r"^\s*([FPXfpx])\s*-?\s*(\d{1,9})\s*$")


def normalise_reference(value: str) -> str | None:
    match = REFERENCE.match(value or "")
    if not match:
        return None
    return f"{match.group(1).upper()}-{int(match.group(2)):06d}"


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(label=_("User"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Action"), required=False)
    target_type = forms.ChoiceField(label=_("Record type"), required=False)
    reference = forms.CharField(
        label=_("Reference"), required=False, max_length=20, help_text=_("e.g. F-000123 or P-000042")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("All users")), *audit_actor_choices(office=office)]
        self.fields["action"].choices = [("", _("All actions")), *AuditEvent.Action.choices]
        self.fields["target_type"].choices = [("", _("All record types")), *audit_record_type_choices()]

    def clean_reference(self):
        value = self.cleaned_data["reference"].strip()
        if not value:
            return ""
        reference = normalise_reference(value)
        if reference is None:
            raise forms.ValidationError(_("Enter a reference like F-000123 (case) or P-000042 (person)."))
        return reference

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> AuditFilters:
        """The valid filters only: a wrong field is reported and ignored, the others still apply."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return AuditFilters(
            actor_id=data.get("actor"),
            action=data.get("action") or "",
            target_type=data.get("target_type") or "",
            reference=data.get("reference") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
        )


class ExportPasswordForm(forms.Form):
    """The archive password, typed twice. Never stored (see services.exports)."""

    password = forms.CharField(
        label=_("Password for the archive"),
        min_length=PASSWORD_MIN_LENGTH,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters. It is not stored: keep it safe, without it the archive cannot be opened."
        ),
    )
    password_confirm = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm is not None and password != confirm:
            self.add_error("password_confirm", _("The two passwords differ."))
        return cleaned


class ExportRequestForm(ExportPasswordForm):
    """Export list page: what to export (the kinds the user's role allows) and the password."""

    kind = forms.ChoiceField(label=_("What"))
    reference = forms.CharField(
        label=_("Person (reference)"),
        required=False,
        max_length=20,
        help_text=_("Only for a subject access: the person's reference, e.g. P-000042."),
    )
    field_order = ["kind", "reference", "password", "password_confirm"]

    def __init__(self, *args, kinds: list[str], user, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.office = user, office
        labels = dict(PersonalDataExport.Kind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        self.client = None
        if PersonalDataExport.Kind.SUBJECT_ACCESS not in kinds:
            del self.fields["reference"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == PersonalDataExport.Kind.SUBJECT_ACCESS:
            reference = normalise_reference(cleaned.get("reference", ""))
            if reference is None or not reference.startswith("P-"):
                self.add_error("reference", _("Enter the person's reference, e.g. P-000042."))
                return cleaned
            self.client = (
                clients_visible_to(user=self.user, office=self.office).filter(pk=int(reference[2:])).first()
            )
            if self.client is None:
                self.add_error("reference", _("There is no person with this reference in this office."))
        return cleaned


class DeleteOnRequestForm(forms.Form):
    """Deleting a person's data cannot be undone: the admin types the reference to confirm."""

    confirm_reference = forms.CharField(label=_("Type the reference to confirm"), max_length=20)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_confirm_reference(self):
        value = normalise_reference(self.cleaned_data["confirm_reference"])
        if value != self.client.reference:
            raise forms.ValidationError(
                _("This is not the reference %(reference)s.") % {"reference": self.client.reference}
            )
        return value
