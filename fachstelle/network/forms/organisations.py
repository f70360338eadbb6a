"""Forms of organisations, their contact persons and relations.

Plain forms: they parse and check the input's shape; `services/organisations.py` applies the rules and
writes. Choices come from lists loaded once per page (`ObjectChoiceField`), so selects and formsets do not
query when rendered.
"""

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField
from fachstelle.core.models import FieldOfAction, Municipality, Office

from ..models import Organisation
from ..selectors.organisations import OrganisationFilters
from ..services.organisations import MAX_TAG_LENGTH, ORGANISATION_FIELDS, ContactEntry, tags_normalise


def taxonomy_label(term) -> str:
    return term.label(get_language() or "de")


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def office_municipalities(office: Office) -> list[Municipality]:
    return list(office.municipalities.order_by("name"))


def all_fields_of_action() -> list[FieldOfAction]:
    return list(FieldOfAction.objects.order_by("order", "name"))


class TagsField(forms.CharField):
    """Tags typed as a comma-separated list ("Arbeitskreis, Frauen"); cleans to a normalised list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        return tags_normalise(value.replace(";", ",").split(","))


# --- List filters --------------------------------------------------------------------------------------


class OrganisationFilterForm(forms.Form):
    ACTIVE_CHOICES = [("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))]

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    field_of_action = ObjectChoiceField(
        label=_("Field of action"), required=False, empty_label=_("All fields")
    )
    municipality = ObjectChoiceField(
        label=_("Municipality served"), required=False, empty_label=_("All municipalities")
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=MAX_TAG_LENGTH)
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, fields_of_action, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types")), *Organisation.Kind.choices]
        self.fields["field_of_action"].set_objects(fields_of_action, label_of=taxonomy_label)
        self.fields["municipality"].set_objects(municipalities)

    def filters(self, *, page: int = 1) -> OrganisationFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        active = {"active": True, "inactive": False, "all": None}.get(data.get("active") or "active")
        return OrganisationFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            field_of_action=data.get("field_of_action"),
            municipality=data.get("municipality"),
            tag=" ".join((data.get("tag") or "").split()),
            active=active,
            page=page,
        )


def page_number(raw) -> int:
    """?page=… as a number; anything else is the first page."""
    return int(raw) if str(raw or "").isdigit() and len(str(raw)) < 7 else 1


# --- Create and edit -----------------------------------------------------------------------------------


class OrganisationForm(forms.Form):
    fields_of_action = ObjectMultipleChoiceField(label=_("Fields of action"))
    municipalities_served = ObjectMultipleChoiceField(label=_("Municipalities served"))
    tags = TagsField(label=_("Tags"), help_text=_("Separated by commas, e.g. Arbeitskreis, Frauen."))

    def __init__(self, *args, fields_of_action, municipalities, current_municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(
            Organisation,
            fields=[name for name in ORGANISATION_FIELDS if name != "website"],
            widgets={
                "description": forms.Textarea(attrs={"rows": 3}),
                "notes": forms.Textarea(attrs={"rows": 3}),
            },
        )
        model_fields["name"].required = True
        # "example.org" typed without a scheme becomes https://example.org (Django 6's default).
        model_fields["website"] = forms.URLField(
            label=_("Website"), required=False, max_length=200, assume_scheme="https"
        )
        # The address may be outside the region (an organisation in Aarau serving Zofingen); the choice
        # offers the office's municipalities and keeps the one already stored.
        choices = list(municipalities)
        if current_municipality is not None and current_municipality not in choices:
            choices.append(current_municipality)
        model_fields["municipality"] = ObjectChoiceField(
            label=_("Municipality"), required=False, objects=choices
        )
        tail = {name: self.fields.pop(name) for name in ("fields_of_action", "municipalities_served", "tags")}
        self.fields.update(model_fields)
        self.fields.update(tail)
        self.fields["fields_of_action"].set_objects(fields_of_action, label_of=taxonomy_label)
        self.fields["municipalities_served"].set_objects(municipalities)

    @staticmethod
    def initial_for(organisation: Organisation) -> dict:
        initial = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
        initial["fields_of_action"] = list(organisation.fields_of_action.all())
        initial["municipalities_served"] = list(organisation.municipalities_served.all())
        initial["tags"] = organisation.tags
        return initial

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}


class ContactForm(forms.Form):
    contact_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    role = forms.CharField(label=_("Role"), required=False, max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    is_primary = forms.BooleanField(label=_("Main contact"), required=False)
    mailing_opt_out = forms.BooleanField(label=_("No mailings"), required=False)

    def clean(self):
        cleaned = super().clean()
        typed = any(cleaned.get(name) for name in ("role", "email", "phone"))
        if typed and not (cleaned.get("name") or "").strip() and not cleaned.get("DELETE"):
            self.add_error("name", _("Enter the name of the contact person."))
        return cleaned


ContactFormSet = formset_factory(ContactForm, extra=2, max_num=50, validate_max=True, can_delete=True)


def contact_formset(data=None, *, organisation: Organisation | None = None):
    initial = None
    if organisation is not None:
        initial = [
            {
                "contact_id": contact.pk,
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "is_primary": contact.is_primary,
                "mailing_opt_out": contact.mailing_opt_out,
            }
            for contact in organisation.contacts.all()
        ]
    return ContactFormSet(data, initial=initial, prefix="contacts")


def contact_entries(formset) -> list[ContactEntry]:
    """The formset's rows for the service: empty new rows are ignored, a cleared existing row or a ticked
    "delete" removes the contact."""
    entries = []
    for form in formset:
        data = form.cleaned_data
        contact_id = data.get("contact_id")
        name = (data.get("name") or "").strip()
        delete = bool(data.get("DELETE")) or (contact_id is not None and not name)
        if contact_id is None and (delete or not name):
            continue
        entries.append(
            ContactEntry(
                contact_id=contact_id,
                delete=delete,
                name=name,
                role=data.get("role") or "",
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                is_primary=bool(data.get("is_primary")),
                mailing_opt_out=bool(data.get("mailing_opt_out")),
            )
        )
    return entries


# --- Relations -----------------------------------------------------------------------------------------


class RelationForm(forms.Form):
    source = ObjectChoiceField(label=_("Organisation"))
    target = ObjectChoiceField(label=_("Works with"))
    topic = forms.CharField(
        label=_("On what"), max_length=200, help_text=_("e.g. German courses for parents")
    )
    field_of_action = ObjectChoiceField(label=_("Field of action"), required=False)
    since = forms.DateField(label=_("Since"), required=False, widget=date_widget())

    def __init__(self, *args, organisations, fields_of_action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].set_objects(organisations)
        self.fields["target"].set_objects(organisations)
        self.fields["field_of_action"].set_objects(fields_of_action, label_of=taxonomy_label)
