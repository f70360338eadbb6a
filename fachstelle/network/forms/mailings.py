"""Forms of mailings: the text and the segment of the network it goes to (the segment fields are shared
with the meeting invitation form).

Choices are loaded once per form (fields of action, languages, the office's municipalities), so that
rendering costs three queries however many checkboxes there are.
"""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Language, Office

from ..models import Mailing, Organisation
from ..selectors.mailings import INCLUDE_CONTACTS, INCLUDE_KEY_PERSONS, INCLUDE_ORGANISATIONS

INCLUDE_CHOICES = [
    (INCLUDE_ORGANISATIONS, _("Organisations (their general e-mail address)")),
    (INCLUDE_CONTACTS, _("Contact persons of the organisations")),
    (INCLUDE_KEY_PERSONS, _("Key persons (only those who agreed to be contacted)")),
]
# Form field → key of the stored segment ("fields" cannot name a form field: it is the form's dict of fields).
SEGMENT_KEYS = {
    "include": "include",
    "kinds": "kinds",
    "fields_of_action": "fields",
    "municipalities": "municipalities",
    "key_person_languages": "key_person_languages",
}
SEGMENT_FIELD_NAMES = tuple(SEGMENT_KEYS)


class SegmentFieldsMixin(forms.Form):
    """Who is reached: which groups of addresses, narrowed down by type, field of action, municipality and
    (for key persons) language. An empty filter does not narrow down."""

    include = forms.MultipleChoiceField(
        label=_("Send to"), choices=INCLUDE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    kinds = forms.MultipleChoiceField(
        label=_("Types of organisation"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: all types."),
    )
    fields_of_action = forms.MultipleChoiceField(
        label=_("Fields of action"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: all fields. Applies to organisations and to key persons' topics."),
    )
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Municipalities"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Organisations located in or serving these municipalities; key persons active there."),
    )
    key_person_languages = forms.MultipleChoiceField(
        label=_("Languages of key persons"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
        help_text=_("None chosen: key persons of every language."),
    )

    def setup_segment_choices(self, office: Office) -> None:
        language = get_language() or "de"
        self.fields["fields_of_action"].choices = [
            (f.slug, f.label(language)) for f in FieldOfAction.objects.all()
        ]
        self.fields["municipalities"].choices = [
            (m.bfs_number, m.name) for m in office.municipalities.order_by("name")
        ]
        self.fields["key_person_languages"].choices = [
            (lang.code, lang.label(language)) for lang in Language.objects.all()
        ]

    def segment(self) -> dict:
        return {key: list(self.cleaned_data.get(name) or []) for name, key in SEGMENT_KEYS.items()}

    @staticmethod
    def initial_for_segment(segment: dict | None) -> dict:
        return {name: (segment or {}).get(key, []) for name, key in SEGMENT_KEYS.items()}

    def segment_is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in SEGMENT_FIELD_NAMES if name != "include")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("key_person_languages") and INCLUDE_KEY_PERSONS not in (cleaned.get("include") or []):
            self.add_error(
                "key_person_languages", _("Languages only select key persons: tick “Key persons” as well.")
            )
        return cleaned


class MailingForm(SegmentFieldsMixin):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text. A link to unsubscribe is added at the end of every e-mail."),
    )

    field_order = ["subject", "body", *SEGMENT_FIELD_NAMES]

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_segment_choices(office)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("include") and "include" not in self.errors:
            self.add_error(
                "include", _("Choose who receives it: organisations, their contact persons or key persons.")
            )
        return cleaned

    @staticmethod
    def initial_for(mailing: Mailing) -> dict:
        return {
            "subject": mailing.subject,
            "body": mailing.body,
            **SegmentFieldsMixin.initial_for_segment(mailing.segment),
        }
