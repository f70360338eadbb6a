"""Forms of cases, sessions, referrals and follow-ups. They parse input; the rules live in
`services.cases`, whose `ValidationError`s are put next to the fields by `core.forms.add_service_errors`."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import active_language

from ..access import clients_visible_to
from ..models import Case, Channel, Client, CounsellingSession, FollowUp, Referral, Topic
from ..selectors.cases import (
    REFERENCE,
    CaseFilters,
    Order,
    Scope,
    language_choices,
    municipality_choices,
    offer_choices,
    organisation_choices,
    sharing_consent_choices,
    staff_choices,
)

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class TermChoiceField(forms.ModelChoiceField):
    """A taxonomy term or language, named in the active language."""

    def label_from_instance(self, obj):
        return obj.label(active_language())


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label(active_language())


# --- The case list's filters ---------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The filters of the case list, from the URL. Bad values are reported and left out; never a 500."""

    STATUS_CHOICES = [
        ("", _("All")),
        ("active", _("Open or waiting")),
        *Case.Status.choices,
    ]
    SCOPE_CHOICES = [
        (Scope.ALL, _("All my cases")),
        (Scope.MINE, _("Mine only")),
        (Scope.SHARED, _("Shared with me")),
    ]
    ORDER_CHOICES = [
        (Order.NEWEST, _("Newest first")),
        (Order.OLDEST, _("Oldest first")),
        (Order.ACTIVITY, _("Latest session first")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name or pseudonym (beginnings of words), or a reference such as F-000123 or P-000123."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    # Plain choices loaded once: validating and rendering them costs one query each, not two.
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    opened_from = forms.DateField(label=_("Opened from"), required=False, **DATE_WIDGET)
    opened_to = forms.DateField(label=_("Opened until"), required=False, **DATE_WIDGET)
    scope = forms.ChoiceField(label=_("Cases"), choices=SCOPE_CHOICES, required=False)
    counsellor = UserChoiceField(label=_("Counsellor"), queryset=None, required=False, empty_label=_("All"))
    order = forms.ChoiceField(label=_("Order"), choices=ORDER_CHOICES, required=False)

    def __init__(self, *args, office, is_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        language = active_language()
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.fields["topic"].choices = [("", _("All"))] + [
            (t.slug, t.label(language)) for t in self.topics.values()
        ]
        self.municipalities = {str(m.pk): m for m in municipality_choices(office=office)}
        self.fields["municipality"].choices = [("", _("All"))] + [
            (key, str(m)) for key, m in self.municipalities.items()
        ]
        if is_admin:
            self.fields["counsellor"].queryset = staff_choices(office=office)
            self.fields["scope"].choices = [
                (Scope.ALL, _("All cases of the office")),
                *self.SCOPE_CHOICES[1:],
            ]
        else:
            del self.fields["counsellor"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("opened_from"), cleaned.get("opened_to")
        if start and end and end < start:
            self.add_error("opened_to", _("The end date is before the start date."))
        return cleaned

    def to_filters(self, *, page: str | None = None) -> CaseFilters:
        """The valid filters (invalid ones are left out and reported by the form's errors)."""
        self.is_valid()
        data = self.cleaned_data
        filters = CaseFilters(
            status=data.get("status") or "",
            topic=self.topics.get(data.get("topic") or ""),
            municipality=self.municipalities.get(data.get("municipality") or ""),
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            scope=data.get("scope") or Scope.ALL,
            counsellor=data.get("counsellor"),
            q=(data.get("q") or "").strip(),
            order=data.get("order") or Order.NEWEST,
        )
        raw_page = (page or "1").strip()
        if raw_page.isdigit() and 0 < int(raw_page) <= 10_000:
            filters.page = int(raw_page)
        elif raw_page:
            filters.messages.append(_("Invalid page number; showing the first page."))
        return filters


# --- Cases ---------------------------------------------------------------------------------------------


class CaseFieldsForm(forms.Form):
    topics = TermMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    opened_on = forms.DateField(label=_("Opened"), **DATE_WIDGET)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False)
    language = TermChoiceField(label=_("Counselling language"), queryset=None, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=Case._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Stored encrypted. Only what is needed for the counselling."),
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipality_choices(office=office)
        self.fields["language"].queryset = language_choices()


class CaseCreateForm(CaseFieldsForm):
    """A new case, for a known person (reference or preselected) or anonymous."""

    client = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=20,
        help_text=_("Reference of the person (P-000123). Empty: an anonymous case."),
    )
    counsellor = UserChoiceField(label=_("Counsellor"), queryset=None)

    field_order = ["client", "counsellor", "topics", "opened_on", "municipality", "language", "summary"]

    def __init__(self, *args, office, user, is_admin: bool, **kwargs):
        super().__init__(*args, office=office, **kwargs)
        self.office, self.user = office, user
        self.fields["opened_on"].initial = timezone.localdate
        if is_admin:
            self.fields["counsellor"].queryset = staff_choices(office=office)
            self.fields["counsellor"].initial = user.pk
        else:
            # A counsellor opens cases for themselves (reassigning is the admins' job).
            del self.fields["counsellor"]

    def clean_client(self) -> Client | None:
        value = (self.cleaned_data.get("client") or "").strip()
        if not value:
            return None
        match = REFERENCE.match(value)
        if value.isdigit():
            pk = int(value)
        elif match and match.group(1).upper() == "P":
            pk = int(match.group(2))
        else:
            raise ValidationError(_("Enter a person's reference such as P-000123."))
        client = clients_visible_to(user=self.user, office=self.office).filter(pk=pk).first()
        if client is None:
            raise ValidationError(_("No person with this reference among your clients."))
        return client


class CaseEditForm(CaseFieldsForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Case.Status.OPEN, Case.Status.OPEN.label),
            (Case.Status.WAITING, Case.Status.WAITING.label),
        ],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, office, case: Case, **kwargs):
        super().__init__(*args, office=office, **kwargs)
        if case.status == Case.Status.CLOSED:
            del self.fields["status"]

    @staticmethod
    def initial_for(case: Case) -> dict:
        return {
            "topics": list(case.topics.all()),
            "opened_on": case.opened_on,
            "municipality": case.municipality_id,
            "language": case.language_id,
            "summary": case.summary,
            "status": case.status,
            "version": case.version,
        }


class CaseCloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=Case.CloseReason.choices)
    closed_on = forms.DateField(label=_("Closed on"), initial=timezone.localdate, **DATE_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseReassignForm(forms.Form):
    counsellor = UserChoiceField(label=_("Assign to"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = staff_choices(office=office)


class CaseShareForm(forms.Form):
    with_user = UserChoiceField(label=_("Share with"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["with_user"].queryset = candidates


# --- Sessions, referrals, follow-ups -------------------------------------------------------------------


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), initial=timezone.localdate, **DATE_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), initial=45, min_value=1, max_value=600
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON)
    interpreter_used = forms.BooleanField(label=_("With interpreter"), required=False)
    language = TermChoiceField(label=_("Language"), queryset=None, required=False)
    notes = forms.CharField(
        label=_("Short notes"),
        required=False,
        max_length=CounsellingSession._meta.get_field("notes").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = language_choices()


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} – {obj.provider.name}"


class ConsentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(partner)s, given on %(date)s") % {
            "partner": obj.partner.name if obj.partner else "",
            "date": obj.given_on,
        }


class ReferralForm(forms.Form):
    offer = OfferChoiceField(
        label=_("Offer of the directory"), queryset=None, required=False, empty_label=_("– no offer –")
    )
    organisation = forms.ModelChoiceField(
        label=_("or organisation"), queryset=None, required=False, empty_label=_("– no organisation –")
    )
    shares_data = forms.BooleanField(
        label=_("Shares personal data with the organisation"),
        required=False,
        help_text=_("Needs the person's active consent to share data with this organisation."),
    )
    consent = ConsentChoiceField(
        label=_("Consent"),
        queryset=None,
        required=False,
        empty_label=_("– find the matching consent –"),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=Referral._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offer_choices(office=case.office)
        self.fields["organisation"].queryset = organisation_choices(office=case.office)
        if case.client_id is None:
            # Anonymous cases share nothing.
            del self.fields["shares_data"]
            del self.fields["consent"]
        else:
            self.fields["consent"].queryset = sharing_consent_choices(case=case)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("offer")) == bool(cleaned.get("organisation")) and not self.errors:
            raise ValidationError(_("Choose either an offer or an organisation."))
        return cleaned


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "–"), *Referral.Outcome.choices], required=False
    )
    failure_reason = forms.ChoiceField(
        label=_("Why not"), choices=[("", "–"), *Referral.FailureReason.choices], required=False
    )


class FollowUpForm(forms.Form):
    due_on = forms.DateField(
        label=_("Due"), initial=lambda: timezone.localdate() + datetime.timedelta(days=7), **DATE_WIDGET
    )
    note = forms.CharField(label=_("What"), max_length=FollowUp._meta.get_field("note").max_length)
