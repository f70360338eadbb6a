"""Forms of the interpreter pool and of bookings.

Plain forms: they parse and check the input's shape; `services/interpreters.py` applies the rules and
writes. Choices are built from lists loaded once per page (`ObjectChoiceField`), so a formset of five
language rows costs one query for the languages, not five.
"""

import datetime
import re

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, language_label
from fachstelle.core.models import Language, Office

from ..access import cases_visible_to
from ..models import Case, CounsellingSession, Interpreter, InterpreterBooking
from ..selectors.interpreters import BookingFilters, InterpreterFilters
from ..services.interpreters import INTERPRETER_FIELDS, LanguageEntry

# "F-000123", "f 123", "123": the case reference as shown everywhere, or just its number.
CASE_REFERENCE = re.compile(r"^\s*(?:[Ff]\s*-?\s*)?(\d{1,9})\s*$")


def _date_widget(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def all_languages() -> list[Language]:
    return list(Language.objects.all())


# --- The pool ------------------------------------------------------------------------------------------


class InterpreterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Interpreter,
                fields=INTERPRETER_FIELDS,
                widgets={"availability": forms.Textarea(attrs={"rows": 2})},
            )
        )
        self.fields["hourly_rate"].widget.attrs.update({"step": "0.05", "min": "0"})

    @staticmethod
    def initial_for(interpreter: Interpreter) -> dict:
        return {name: getattr(interpreter, name) for name in INTERPRETER_FIELDS}


class InterpreterLanguageForm(forms.Form):
    language = ObjectChoiceField(label=_("Language"), required=False)
    dialect = forms.CharField(
        label=_("Dialect or variety"),
        required=False,
        max_length=80,
        help_text=_("Optional, e.g. Eritrea, Kurmanji, Dari."),
    )

    def __init__(self, *args, languages: list[Language], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].set_objects(languages, label_of=language_label)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("dialect") and not cleaned.get("language"):
            self.add_error("language", _("Choose the language of this dialect."))
        return cleaned


InterpreterLanguageFormSet = formset_factory(InterpreterLanguageForm, extra=2, max_num=30, validate_max=True)


def language_formset(data=None, *, interpreter: Interpreter | None = None, languages: list[Language]):
    initial = None
    if interpreter is not None:
        initial = [
            {"language": str(row.language_id), "dialect": row.dialect} for row in interpreter.languages.all()
        ]
    return InterpreterLanguageFormSet(
        data, initial=initial, prefix="languages", form_kwargs={"languages": languages}
    )


def language_entries(formset) -> list[LanguageEntry]:
    return [
        LanguageEntry(language=form.cleaned_data["language"], dialect=form.cleaned_data.get("dialect", ""))
        for form in formset
        if form.cleaned_data.get("language")
    ]


class InterpreterFilterForm(forms.Form):
    ACTIVE_CHOICES = [("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))]

    language = ObjectChoiceField(label=_("Language"), required=False, empty_label=_("All languages"))
    dialect = forms.CharField(label=_("Dialect"), required=False, max_length=80)
    qualification = forms.ChoiceField(label=_("Qualification"), required=False)
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, languages: list[Language], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].set_objects(languages, label_of=language_label)
        self.fields["qualification"].choices = [
            ("", _("All qualifications")),
            *Interpreter.Qualification.choices,
        ]

    def filters(self):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        active = {"active": True, "inactive": False, "all": None}.get(data.get("active") or "active")
        return InterpreterFilters(
            language=data.get("language"),
            dialect=(data.get("dialect") or "").strip(),
            qualification=data.get("qualification") or "",
            active=active,
        )


# --- Bookings ------------------------------------------------------------------------------------------


def interpreter_label(interpreter: Interpreter) -> str:
    return "%(name)s (%(rate)s/h)" % {"name": interpreter.name, "rate": interpreter.hourly_rate}


def session_label(session: CounsellingSession) -> str:
    return _("%(date)s, %(minutes)s min") % {
        "date": session.held_on.strftime("%d.%m.%Y"),
        "minutes": session.duration_minutes,
    }


def parse_case_reference(value: str) -> int | None:
    match = CASE_REFERENCE.match(value or "")
    return int(match.group(1)) if match else None


class BookingRequestForm(forms.Form):
    case = forms.CharField(
        label=_("Case"),
        required=False,
        max_length=20,
        help_text=_("Reference like F-000123; empty for a booking without a case."),
    )
    session = ObjectChoiceField(label=_("Session"), required=False, empty_label=_("No particular session"))
    language = ObjectChoiceField(label=_("Language"))
    dialect = forms.CharField(label=_("Dialect"), required=False, max_length=80)
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    start_time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=480, initial=60
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=InterpreterBooking.Mode.choices,
        initial=InterpreterBooking.Mode.ON_SITE,
        widget=forms.RadioSelect,
    )
    interpreter = ObjectChoiceField(
        label=_("Interpreter"),
        required=False,
        empty_label=_("Not yet chosen"),
        help_text=_("Optional: the interpreter you would like; the booking is confirmed later."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the interpreter or the office, e.g. topic or address; no sensitive details."),
    )

    def __init__(
        self,
        *args,
        user,
        office: Office,
        languages: list[Language],
        interpreters: list[Interpreter],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.user, self.office = user, office
        self.fields["language"].set_objects(languages, label_of=language_label)
        self.fields["interpreter"].set_objects(interpreters, label_of=interpreter_label)
        reference = self.data.get("case") if self.is_bound else self.initial.get("case")
        self.case_object = self._case_from(reference)
        sessions = []
        if self.case_object is not None:
            sessions = list(self.case_object.sessions.order_by("-held_on", "-pk")[:50])
        self.fields["session"].set_objects(sessions, label_of=session_label)
        self.fields["date"].widget.attrs["min"] = timezone.localdate().isoformat()

    def _case_from(self, value) -> Case | None:
        case_id = parse_case_reference(str(value or ""))
        if case_id is None:
            return None
        return cases_visible_to(user=self.user, office=self.office).filter(pk=case_id).first()

    def clean_case(self):
        value = self.cleaned_data["case"].strip()
        if not value:
            return None
        if parse_case_reference(value) is None:
            raise forms.ValidationError(_("Enter a case reference like F-000123."))
        if self.case_object is None:
            raise forms.ValidationError(
                _("There is no case %(reference)s among your cases.") % {"reference": value}
            )
        return self.case_object


class BookingConfirmForm(forms.Form):
    interpreter = ObjectChoiceField(label=_("Interpreter"), empty_label=_("Choose…"))
    cost = forms.DecimalField(
        label=_("Cost"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Empty: hourly rate × duration."),
    )

    def __init__(self, *args, interpreters: list[Interpreter], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter"].set_objects(interpreters, label_of=interpreter_label)


class BookingCompleteForm(forms.Form):
    duration_minutes = forms.IntegerField(label=_("Actual duration (minutes)"), min_value=15, max_value=480)
    cost = forms.DecimalField(
        label=_("Cost"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Empty: hourly rate × actual duration."),
    )


class BookingCancelForm(forms.Form):
    cancellation_fee = forms.DecimalField(
        label=_("Cancellation fee"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Only if the interpreter charges for the late cancellation; empty: no cost."),
    )


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class BookingFilterForm(forms.Form):
    SCOPE_CHOICES = [("mine", _("My bookings")), ("all", _("All bookings"))]

    scope = forms.ChoiceField(label=_("Show"), required=False, choices=SCOPE_CHOICES)
    status = forms.ChoiceField(label=_("Status"), required=False)
    month = forms.CharField(
        label=_("Month"), required=False, max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    language = ObjectChoiceField(label=_("Language"), required=False, empty_label=_("All languages"))
    interpreter = ObjectChoiceField(label=_("Interpreter"), required=False, empty_label=_("All interpreters"))

    def __init__(self, *args, languages, interpreters, can_see_all: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_see_all = can_see_all
        self.fields["status"].choices = [("", _("All statuses")), *InterpreterBooking.Status.choices]
        self.fields["language"].set_objects(languages, label_of=language_label)
        self.fields["interpreter"].set_objects(interpreters, label_of=str)
        if not can_see_all:
            del self.fields["scope"]

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 < int(match.group(1)) < 3000:
            raise forms.ValidationError(_("Enter a month like 2025-03."))
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)

    def filters(self):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        # Office admins see everything and choose; counsellors see what their cases allow.
        mine = (data.get("scope") or "all") == "mine" if self.can_see_all else False
        return BookingFilters(
            status=data.get("status") or "",
            month=data.get("month"),
            language=data.get("language"),
            interpreter=data.get("interpreter"),
            mine=mine,
        )


class TotalsYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
