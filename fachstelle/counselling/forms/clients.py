"""Forms of the intake, the client's page and the integration plan.

Plain forms (not ModelForms): they parse and check the input's shape, the services in
`services/clients.py` apply the rules and write. A ModelForm would change the instance while validating,
which would hide from the service what the user actually changed.
"""

import datetime

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Language, Office

from ..models import (
    Client,
    ClientLanguage,
    Consent,
    GoalCategory,
    Intake,
    IntegrationPlan,
    PlanGoal,
    PlanStep,
    Qualification,
    Topic,
)
from ..models.office import permit_choices
from ..selectors.clients import counsellor_choices
from ..services.clients import (
    INTAKE_FIELDS,
    PERSON_FIELDS,
    ConsentData,
    IntakeData,
    LanguageLevel,
    QualificationData,
)

GERMAN = "de"


class BaseForm(forms.Form):
    """Labels start with a capital letter, like those Django derives from model fields (the msgids reuse
    the models' lower-case verbose names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capitalise_labels()

    def capitalise_labels(self) -> None:
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class LanguageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label(get_language() or GERMAN)


def german_language() -> Language | None:
    return Language.objects.filter(code=GERMAN).first()


class VersionMixin(forms.Form):
    """The version the form was loaded with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PersonForm(BaseForm):
    def __init__(self, *args, office: Office, can_assign: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Client,
                fields=PERSON_FIELDS,
                widgets={"arrival_date": _date_widget(), "address": _textarea(2)},
            )
        )
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["year_of_birth"].widget.attrs.update({"min": 1900, "max": timezone.localdate().year})
        self.fields["permit_category"] = forms.ChoiceField(
            label=_("residence permit"),
            choices=[("", "---------"), *permit_choices(office)],
            required=False,
            error_messages={"invalid_choice": _("Unknown permit category: choose one of the office's list.")},
        )
        municipality = self.fields["municipality"]
        municipality.queryset = office.municipalities.order_by("name")
        municipality.error_messages["invalid_choice"] = _(
            "Choose one of the municipalities the office serves."
        )
        if can_assign:
            self.fields["counsellor"] = forms.ModelChoiceField(
                label=_("responsible counsellor"),
                queryset=counsellor_choices(office=office),
                required=False,
                help_text=_("Empty: you."),
            )
        self.capitalise_labels()

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}

    @staticmethod
    def initial_for(client: Client) -> dict:
        initial = model_to_dict(client, fields=[*PERSON_FIELDS, "counsellor"])
        initial["version"] = client.version
        return initial


class ClientEditForm(VersionMixin, PersonForm):
    pass


class GermanLevelForm(BaseForm):
    """German gets its own, prominent field: it is what the needs analysis counts most."""

    german_level = forms.ChoiceField(
        label=_("German"),
        choices=[("", _("not recorded")), *ClientLanguage.Level.choices],
        required=False,
        help_text=_("Level of German (CEFR A1–C2)."),
    )


class LanguageForm(BaseForm):
    language = LanguageChoiceField(label=_("language"), queryset=Language.objects.none(), required=False)
    level = forms.ChoiceField(
        label=_("level"), choices=[("", "---------"), *ClientLanguage.Level.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.exclude(code=GERMAN).order_by("order", "name")

    def clean(self):
        data = super().clean()
        if data.get("language") and not data.get("level"):
            self.add_error("level", _("Choose the level."))
        if data.get("level") and not data.get("language"):
            self.add_error("language", _("Choose the language."))
        return data


LanguageFormSet = formset_factory(LanguageForm, extra=3, max_num=30, validate_max=True)


def language_levels(german_form: GermanLevelForm, formset) -> list[LanguageLevel]:
    levels = []
    german = german_form.cleaned_data.get("german_level")
    if german:
        language = german_language()
        if language is not None:
            levels.append(LanguageLevel(language=language, level=german))
    for form in formset:
        if form.cleaned_data.get("language"):
            levels.append(
                LanguageLevel(language=form.cleaned_data["language"], level=form.cleaned_data["level"])
            )
    return levels


def language_initial(client: Client) -> tuple[dict, list[dict]]:
    """Initial data of GermanLevelForm and LanguageFormSet from the client's languages."""
    german, others = {}, []
    for entry in client.languages.select_related("language").order_by("pk"):
        if entry.language.code == GERMAN:
            german = {"german_level": entry.level}
        else:
            others.append({"language": entry.language_id, "level": entry.level})
    return german, others


class QualificationForm(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(Qualification, fields=["kind", "title", "country", "year", "recognition"])
        )
        for field in self.fields.values():
            field.required = False
        self.fields["year"].widget.attrs.update({"min": 1940, "max": timezone.localdate().year})
        self.capitalise_labels()

    def clean(self):
        data = super().clean()
        if (data.get("title") or data.get("country") or data.get("year")) and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of qualification."))
        return data

    def qualification(self) -> QualificationData | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return QualificationData(
            kind=data["kind"],
            title=data.get("title") or "",
            country=data.get("country") or "",
            year=data.get("year"),
            recognition=data.get("recognition") or "not_started",
        )


QualificationFormSet = formset_factory(QualificationForm, extra=2, max_num=30, validate_max=True)


def qualifications_of(formset) -> list[QualificationData]:
    return [item for item in (form.qualification() for form in formset) if item is not None]


def qualification_initial(client: Client) -> list[dict]:
    return [
        model_to_dict(q, fields=["kind", "title", "country", "year", "recognition"])
        for q in client.qualifications.order_by("pk")
    ]


class IntakeForm(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = fields_for_model(
            Intake,
            fields=INTAKE_FIELDS,
            widgets={
                "held_on": _date_widget(),
                "work_experience": _textarea(3),
                "goals_text": _textarea(3),
                "notes": _textarea(4),
            },
        )
        fields["interpreter_language"] = LanguageChoiceField(
            label=fields["interpreter_language"].label,
            queryset=Language.objects.order_by("order", "name"),
            required=False,
        )
        fields["goals"] = forms.MultipleChoiceField(
            label=_("goals"),
            choices=GoalCategory.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        order = [
            "held_on",
            "education",
            "school_years",
            "work_experience",
            "goals",
            "goals_text",
            "needs_interpreter",
            "interpreter_language",
            "notes",
            "informed_about_data_protection",
        ]
        self.fields.update({name: fields[name] for name in order})
        if not self.is_bound and "held_on" not in self.initial:
            self.initial["held_on"] = timezone.localdate()
        self.capitalise_labels()

    def intake_data(self) -> IntakeData:
        data = self.cleaned_data
        return IntakeData(
            **{name: data[name] for name in INTAKE_FIELDS if name != "school_years"},
            school_years=data.get("school_years"),
            goals=list(data.get("goals") or []),
        )

    @staticmethod
    def initial_for(intake: Intake | None) -> dict:
        if intake is None:
            return {}
        initial = model_to_dict(intake, fields=list(INTAKE_FIELDS))
        initial["goals"] = [goal.category for goal in intake.goals.all()]
        return initial


class IntakeEditForm(VersionMixin, IntakeForm):
    pass


class IntakeConsentForm(BaseForm):
    """The consents given at intake: storing the data must be answered explicitly."""

    STORAGE_GIVEN, STORAGE_NOT_GIVEN = "given", "not_given"

    storage = forms.ChoiceField(
        label=_("Consent to storing the data"),
        choices=[(STORAGE_GIVEN, _("given")), (STORAGE_NOT_GIVEN, _("not given"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person consented to storing the data.")},
    )
    contact = forms.BooleanField(label=_("Consents to being contacted"), required=False)
    sharing_partners = forms.ModelMultipleChoiceField(
        label=_("Consents to sharing data with these partners"),
        queryset=None,
        required=False,
        help_text=_("Only organisations of the office's network."),
    )
    given_on = forms.DateField(label=_("given on"), widget=_date_widget(), required=False)
    method = forms.ChoiceField(
        label=_("how"), choices=[("", "---------"), *Consent.Method.choices], required=False
    )
    note = forms.CharField(label=_("note"), widget=_textarea(2), max_length=500, required=False)

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sharing_partners"].queryset = office.organisations.order_by("name")
        self.fields["sharing_partners"].error_messages["invalid_choice"] = _(
            "Choose one of the office's partner organisations."
        )
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        any_given = (
            data.get("storage") == self.STORAGE_GIVEN or data.get("contact") or data.get("sharing_partners")
        )
        if any_given:
            if not data.get("given_on"):
                self.add_error("given_on", _("Enter the date the consent was given."))
            if not data.get("method"):
                self.add_error("method", _("Say how the consent was given."))
        return data

    @property
    def storage_given(self) -> bool:
        return self.cleaned_data["storage"] == self.STORAGE_GIVEN

    def consents(self) -> list[ConsentData]:
        data = self.cleaned_data
        common = {
            "given_on": data.get("given_on"),
            "method": data.get("method"),
            "note": data.get("note") or "",
        }
        consents = []
        if self.storage_given:
            consents.append(ConsentData(scope=Consent.Scope.STORAGE, **common))
        if data.get("contact"):
            consents.append(ConsentData(scope=Consent.Scope.CONTACT, **common))
        consents += [
            ConsentData(scope=Consent.Scope.SHARING, partner=partner, **common)
            for partner in data.get("sharing_partners") or []
        ]
        return consents


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label(get_language() or GERMAN)


class OpenCaseForm(BaseForm):
    """Open the first case together with the intake (the usual way: the person came with a concern)."""

    open_case = forms.BooleanField(label=_("Open a case now"), required=False)
    topics = TopicChoiceField(
        label=_("topics of the case"),
        queryset=Topic.objects.order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("open_case") and not data.get("topics"):
            self.add_error("topics", _("Choose at least one topic for the case."))
        return data


class DuplicateConfirmForm(BaseForm):
    confirm_duplicate = forms.BooleanField(
        label=_("This is a different person: create the record anyway"), required=False
    )


class ConsentForm(BaseForm):
    scope = forms.ChoiceField(label=_("consent to"), choices=Consent.Scope.choices)
    partner = forms.ModelChoiceField(
        label=_("partner"),
        queryset=None,
        required=False,
        help_text=_("Required for sharing: the organisation the data may go to."),
    )
    given_on = forms.DateField(label=_("given on"), widget=_date_widget())
    method = forms.ChoiceField(label=_("how"), choices=Consent.Method.choices)
    note = forms.CharField(label=_("note"), widget=_textarea(2), max_length=500, required=False)

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = office.organisations.order_by("name")
        self.fields["partner"].error_messages["invalid_choice"] = _(
            "Choose one of the office's partner organisations."
        )
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())

    def consent_data(self) -> ConsentData:
        data = self.cleaned_data
        return ConsentData(
            scope=data["scope"],
            given_on=data["given_on"],
            method=data["method"],
            partner=data.get("partner"),
            note=data.get("note") or "",
        )


class ConsentWithdrawForm(BaseForm):
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("withdrawn_on", timezone.localdate())


class PlanForm(BaseForm):
    agreed_on = forms.DateField(label=_("agreed on"), widget=_date_widget())
    review_on = forms.DateField(label=_("next review"), widget=_date_widget(), required=False)
    note = forms.CharField(
        label=_("note"),
        widget=_textarea(3),
        required=False,
        max_length=IntegrationPlan._meta.get_field("note").max_length,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("agreed_on", timezone.localdate())

    def plan_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("agreed_on", "review_on", "note")}

    @staticmethod
    def initial_for(plan: IntegrationPlan | None) -> dict:
        if plan is None:
            return {}
        return {
            "agreed_on": plan.agreed_on,
            "review_on": plan.review_on,
            "note": plan.note,
            "version": plan.version,
        }


class PlanGoalForm(BaseForm):
    category = forms.ChoiceField(label=_("area"), choices=GoalCategory.choices)
    title = forms.CharField(label=_("goal"), max_length=PlanGoal._meta.get_field("title").max_length)
    status = forms.ChoiceField(
        label=_("status"), choices=PlanGoal.Status.choices, initial=PlanGoal.Status.OPEN
    )
    progress = forms.IntegerField(label=_("progress (%)"), min_value=0, max_value=100, initial=0)

    def goal_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("category", "title", "status", "progress")}


class PlanStepForm(BaseForm):
    description = forms.CharField(
        label=_("step"), widget=_textarea(2), max_length=PlanStep._meta.get_field("description").max_length
    )
    responsible = forms.CharField(
        label=_("responsible"),
        max_length=PlanStep._meta.get_field("responsible").max_length,
        help_text=_("e.g. the person, the counsellor, a partner"),
    )
    due_on = forms.DateField(label=_("due"), widget=_date_widget(), required=False)

    def step_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("description", "responsible", "due_on")}


class PlanStepEditForm(PlanStepForm):
    status = forms.ChoiceField(label=_("status"), choices=PlanStep.Status.choices)

    def step_data(self) -> dict:
        return super().step_data() | {"status": self.cleaned_data["status"]}


class PlanStepCompleteForm(BaseForm):
    done_on = forms.DateField(label=_("done on"), widget=_date_widget(), required=False)

    def done_on_or_today(self) -> datetime.date:
        return self.cleaned_data.get("done_on") or timezone.localdate()


class ClientSearchForm(BaseForm):
    q = forms.CharField(
        label=_("Name, pseudonym or reference"),
        max_length=100,
        required=False,
        help_text=_("At least two letters of a name; the beginning of each word is enough."),
    )
