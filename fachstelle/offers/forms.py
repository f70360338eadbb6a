"""Public forms of the directory: propose an offer or a change, report wrong information.

Both use the shared PublicFormMixin (honeypot + one-time submission key). Vocabulary choices are keyed by
slug/code/BFS number, which is also how a proposal stores them; labels follow the page language.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.public_forms import PublicFormMixin

from . import selfservice
from .models import Offer, OfferIssueReport

LOCATION_FIELDS = selfservice.LOCATION_KEYS


class PublicForm(PublicFormMixin, forms.Form):
    """The honeypot never takes focus or autofill; the key renders as a hidden input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "submission_key" in self._errors:
            # A missing or mangled key (old tab, tampering): explain, and give the re-shown form a fresh
            # key so that sending it again works.
            self.data = self.data.copy()
            self.data[self.add_prefix("submission_key")] = str(uuid.uuid4())
            del self._errors["submission_key"]
            self.add_error(None, _("The form could not be processed. Please check it and send it again."))


def _text(label, max_length, *, required=False, help_text="", rows=None, **attrs):
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=widget
    )


def _checkboxes(label, *, coerce=str, help_text=""):
    return forms.TypedMultipleChoiceField(
        label=label, required=False, coerce=coerce, help_text=help_text, widget=forms.CheckboxSelectMultiple
    )


class ProposalForm(PublicForm):
    """A new offer (with its organisation) or a change to an existing offer (`change_offer`)."""

    # Organisation (left out for a change: the offer's provider is fixed)
    organisation = forms.ChoiceField(
        label=_("Your organisation"),
        required=False,
        help_text=_("Not in the list? Leave this empty and enter the name below."),
    )
    organisation_name = _text(_("Name of the organisation"), 200, autocomplete="organization")
    organisation_website = forms.URLField(
        label=_("Website of the organisation"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    # The offer
    title = _text(_("Title of the offer"), 200, required=True)
    summary = _text(
        _("Summary"),
        500,
        required=True,
        rows=3,
        help_text=_("One or two sentences shown in the list of offers."),
    )
    description = _text(_("Description"), 10_000, rows=8)
    fields_of_action = _checkboxes(_("Topics"))
    target_groups = _checkboxes(_("For whom"))
    languages = _checkboxes(_("Languages the offer is held in"))
    municipalities = _checkboxes(
        _("Municipalities"),
        coerce=int,
        help_text=_("Where the offer takes place or whose residents it serves."),
    )
    cost_type = forms.ChoiceField(
        label=_("Cost"), choices=Offer.CostType.choices, initial=Offer.CostType.FREE, widget=forms.RadioSelect
    )
    cost_amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_("In francs or euros, e.g. 120 or 12.50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    cost_note = _text(_("Note on cost"), 300, help_text=_("e.g. reduced rate with KulturLegi"))
    childcare = forms.BooleanField(label=_("Childcare available"), required=False)
    barrier_free = forms.BooleanField(label=_("Barrier-free"), required=False)
    is_online = forms.BooleanField(label=_("Takes place online"), required=False)
    start_date = forms.DateField(
        label=_("Start (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_date = forms.DateField(
        label=_("End (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    schedule_text = _text(_("When"), 300, help_text=_("e.g. every Tuesday 9–11, except school holidays"))
    # Location
    location_name = _text(_("Place"), 200, help_text=_("e.g. Schulhaus Paradies, Raum 12"))
    location_street = _text(_("Street"), 200, autocomplete="street-address")
    location_postcode = _text(_("Postcode"), 10, autocomplete="postal-code")
    location_municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    location_opening_hours = _text(_("Opening or consultation hours"), 300)
    location_by_appointment = forms.BooleanField(label=_("By appointment only"), required=False)
    # Registration and contact
    registration_required = forms.BooleanField(label=_("Registration required"), required=False)
    registration_url = forms.URLField(
        label=_("Registration link"), required=False, max_length=200, assume_scheme="https"
    )
    registration_email = forms.EmailField(label=_("Registration e-mail"), required=False, max_length=254)
    registration_phone = _text(_("Registration phone"), 40, type="tel")
    contact_name = _text(_("Contact person"), 120)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False, max_length=254)
    contact_phone = _text(_("Contact phone"), 40, type="tel")
    # You
    submitter_name = _text(_("Your name"), 120, required=True, autocomplete="name")
    submitter_email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("We send you a link to confirm your proposal. It is not published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    submitter_phone = _text(_("Your phone (optional)"), 40, autocomplete="tel", type="tel")
    message = _text(
        _("Message to the office (optional)"),
        3000,
        rows=4,
        help_text=_("Anything the office should know; not published."),
    )

    ORGANISATION_FIELDS = ("organisation", "organisation_name", "organisation_website")
    LOCATION_FORM_FIELDS = tuple(f"location_{name}" for name in LOCATION_FIELDS)
    # The order of the page (proposal_form.html), so the error summary lists problems top to bottom.
    field_order = [
        *ORGANISATION_FIELDS,
        "title",
        "summary",
        "description",
        "fields_of_action",
        "target_groups",
        "languages",
        "schedule_text",
        "start_date",
        "end_date",
        "municipalities",
        "is_online",
        *LOCATION_FORM_FIELDS,
        "cost_type",
        "cost_amount",
        "cost_note",
        "childcare",
        "barrier_free",
        "registration_required",
        "registration_url",
        "registration_email",
        "registration_phone",
        "contact_name",
        "contact_email",
        "contact_phone",
        "submitter_name",
        "submitter_email",
        "submitter_phone",
        "message",
    ]

    def __init__(
        self, *args, office, vocabulary, providers, language: str, change_offer: Offer | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.office = office
        self.change_offer = change_offer
        self.providers = {p.slug: p for p in providers}
        municipalities = sorted(vocabulary.municipalities.values(), key=lambda m: m.name)
        self.fields["fields_of_action"].choices = [
            (a.slug, a.label(language)) for a in vocabulary.areas.values()
        ]
        self.fields["target_groups"].choices = [
            (t.slug, t.label(language)) for t in vocabulary.target_groups.values()
        ]
        self.fields["languages"].choices = [
            (lang.code, lang.label(language)) for lang in vocabulary.languages.values()
        ]
        self.fields["municipalities"].choices = [(m.bfs_number, m.name) for m in municipalities]
        self.fields["location_municipality"].choices = [("", _("– choose –"))] + [
            (m.bfs_number, m.name) for m in municipalities
        ]
        for name in ("municipalities", "location_municipality"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Please choose one of the municipalities this office serves."
            )
        if change_offer is not None:
            for name in self.ORGANISATION_FIELDS:
                del self.fields[name]
        else:
            self.fields["organisation"].choices = [("", _("– new organisation, enter below –"))] + [
                (p.slug, p.name) for p in providers
            ]

    def clean(self):
        cleaned = super().clean()
        organisation_missing = not (cleaned.get("organisation") or cleaned.get("organisation_name"))
        if self.change_offer is None and organisation_missing and "organisation_name" not in self.errors:
            self.add_error("organisation_name", _("Choose your organisation or enter its name."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if cleaned.get("cost_type") == Offer.CostType.FREE and cleaned.get("cost_amount"):
            self.add_error(
                "cost_amount", _("An offer free of charge has no amount. Choose another kind of cost.")
            )
        location_given = any(cleaned.get(name) for name in self.LOCATION_FORM_FIELDS)
        if location_given:
            if not cleaned.get("location_name") and "location_name" not in self.errors:
                self.add_error("location_name", _("Please name the place."))
            if not cleaned.get("location_municipality") and "location_municipality" not in self.errors:
                self.add_error("location_municipality", _("Please choose the municipality of the place."))
        return cleaned

    def clean_organisation(self):
        slug = self.cleaned_data.get("organisation") or ""
        return self.providers.get(slug)

    def proposal_data(self, *, keep_locations: list[dict] | None = None) -> dict:
        """The proposed offer in the stored shape. `keep_locations`: further locations of the offer being
        changed, which the form does not show and which stay as they are."""
        cleaned = self.cleaned_data
        values = {name: cleaned.get(name) for name in selfservice.SCALAR_FIELDS}
        values.update({name: cleaned.get(name) or [] for name in selfservice.LIST_FIELDS})
        location = {name: cleaned.get(f"location_{name}") for name in LOCATION_FIELDS}
        values["locations"] = ([location] if location["municipality"] else []) + list(keep_locations or [])
        return selfservice.proposal_data_normalize(values)

    @staticmethod
    def initial_from_data(data: dict) -> dict:
        """Form initial values from proposal-shaped data (the first location fills the location fields)."""
        initial = {name: data.get(name) for name in (*selfservice.SCALAR_FIELDS, *selfservice.LIST_FIELDS)}
        initial = {name: value for name, value in initial.items() if value not in (None, "")}
        locations = data.get("locations") or []
        if locations:
            initial.update({f"location_{name}": locations[0].get(name) for name in LOCATION_FIELDS})
        return initial


class IssueReportForm(PublicForm):
    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=OfferIssueReport.Kind.choices,
        initial=OfferIssueReport.Kind.OUTDATED,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Details"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should be corrected? At most 3000 characters."),
    )
    reporter_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if the office may ask you a question. It is not published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
