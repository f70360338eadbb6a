"""Forms of key persons, their languages and assignments, and the key person search.

Plain forms over lists loaded once per page; `services/key_persons.py` applies the rules and writes.
"""

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.countries import COUNTRIES
from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField, language_label
from fachstelle.core.models import Language

from ..models import KeyPerson, KeyPersonLanguage
from ..selectors.key_persons import KeyPersonFilters
from ..services.key_persons import KEY_PERSON_FIELDS, LanguageEntry
from .organisations import date_widget, taxonomy_label


def all_languages() -> list[Language]:
    return list(Language.objects.all())


class KeyPersonSearchForm(forms.Form):
    """Language and municipality first: "Tigrinya in Rothrist" is two choices. The hidden `search` marks a
    submitted form, so that an unticked consent box is told apart from a first visit (ticked by default)."""

    language = ObjectChoiceField(label=_("Language"), required=False, empty_label=_("All languages"))
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    topic = ObjectChoiceField(label=_("Topic"), required=False, empty_label=_("All topics"))
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    consent_only = forms.BooleanField(label=_("Only those who agreed to be contacted"), required=False)
    search = forms.CharField(required=False, widget=forms.HiddenInput, initial="1")

    def __init__(self, data=None, *, languages, municipalities, topics, **kwargs):
        if data is not None and not data.get("search"):
            data = data.copy()
            data.setdefault("consent_only", "on")
        super().__init__(data, initial={"consent_only": True, "search": "1"}, **kwargs)
        self.fields["language"].set_objects(languages, label_of=language_label)
        self.fields["municipality"].set_objects(municipalities)
        self.fields["topic"].set_objects(topics, label_of=taxonomy_label)

    def filters(self, *, page: int = 1) -> KeyPersonFilters:
        if not self.is_bound:
            return KeyPersonFilters(page=page)
        data = self.cleaned_data if self.is_valid() else {}
        return KeyPersonFilters(
            language=data.get("language"),
            municipality=data.get("municipality"),
            topic=data.get("topic"),
            consent_only=bool(data.get("consent_only")) if data else True,
            q=(data.get("q") or "").strip(),
            page=page,
        )


class KeyPersonForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries reached"),
        required=False,
        choices=COUNTRIES,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    municipalities = ObjectMultipleChoiceField(label=_("Municipalities"))
    topics = ObjectMultipleChoiceField(label=_("Topics"))

    def __init__(self, *args, municipalities, topics, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(
            KeyPerson,
            fields=KEY_PERSON_FIELDS,
            widgets={
                "trainings": forms.Textarea(attrs={"rows": 3}),
                "public_bio": forms.Textarea(attrs={"rows": 3}),
            },
        )
        tail = {name: self.fields.pop(name) for name in ("countries", "municipalities", "topics")}
        self.fields.update(model_fields)
        self.fields.update(tail)
        self.fields["municipalities"].set_objects(municipalities)
        self.fields["topics"].set_objects(topics, label_of=taxonomy_label)

    @staticmethod
    def initial_for(key_person: KeyPerson) -> dict:
        initial = {name: getattr(key_person, name) for name in KEY_PERSON_FIELDS}
        initial["countries"] = list(key_person.countries)
        initial["municipalities"] = list(key_person.municipalities.all())
        initial["topics"] = list(key_person.topics.all())
        return initial

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in KEY_PERSON_FIELDS}


class KeyPersonLanguageForm(forms.Form):
    language = ObjectChoiceField(label=_("Language"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), choices=KeyPersonLanguage.Level.choices, initial=KeyPersonLanguage.Level.FLUENT
    )

    def __init__(self, *args, languages: list[Language], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].set_objects(languages, label_of=language_label)


KeyPersonLanguageFormSet = formset_factory(KeyPersonLanguageForm, extra=2, max_num=30, validate_max=True)


def language_formset(data=None, *, key_person: KeyPerson | None = None, languages: list[Language]):
    initial = None
    if key_person is not None:
        initial = [
            {"language": str(row.language_id), "level": row.level} for row in key_person.languages.all()
        ]
    return KeyPersonLanguageFormSet(
        data, initial=initial, prefix="languages", form_kwargs={"languages": languages}
    )


def language_entries(formset) -> list[LanguageEntry]:
    return [
        LanguageEntry(language=form.cleaned_data["language"], level=form.cleaned_data["level"])
        for form in formset
        if form.cleaned_data.get("language")
    ]


class AssignmentForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=date_widget())
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
    )
    compensation = forms.DecimalField(
        label=_("Compensation"),
        max_digits=8,
        decimal_places=2,
        required=False,
        initial=0,
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0"}),
    )
    language = ObjectChoiceField(label=_("Language"), required=False)
    municipality = ObjectChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, languages, municipalities, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["language"].set_objects(languages, label_of=language_label)
        self.fields["municipality"].set_objects(municipalities)
