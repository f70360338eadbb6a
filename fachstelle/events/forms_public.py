"""The public registration form. The rules (places, deadline, limits) live in the service; the form only
parses and labels the input."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import NATIVE_NAMES
from fachstelle.core.public_forms import PublicFormMixin

from .models import Event, Registration


def registration_language_choices(office) -> list[tuple[str, str]]:
    """German first, then the office's content languages, each in its own name."""
    codes = [settings.LANGUAGE_CODE]
    codes += [code for code in office.content_languages or [] if code in NATIVE_NAMES and code not in codes]
    return [(code, NATIVE_NAMES[code]) for code in codes]


class RegistrationForm(PublicFormMixin):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "For the confirmation with the calendar file. Without e-mail, please give a phone number."
        ),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    language = forms.ChoiceField(label=_("Preferred language"), required=False)
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Registration._meta.get_field("needs").help_text,
    )

    def __init__(self, *args, event: Event, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].max_value = event.max_people_per_registration
        self.fields["people"].widget.attrs["max"] = event.max_people_per_registration
        self.fields["people"].validators.append(
            forms.IntegerField(max_value=event.max_people_per_registration).validators[-1]
        )
        self.fields["language"].choices = registration_language_choices(office)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")

    def clean(self):
        data = super().clean()
        no_contact = not (data.get("email") or "").strip() and not (data.get("phone") or "").strip()
        if no_contact and "email" not in self.errors:
            self.add_error("email", _("Please enter an e-mail address or a phone number."))
        return data
