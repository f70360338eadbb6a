"""Forms of network meetings: the meeting, who to invite, answers and attendance, minutes, action items.

They check the input's shape; `services/meetings.py` applies the rules and writes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectMultipleChoiceField
from fachstelle.core.models import Office

from ..models import MeetingInvitation
from ..selectors.meetings import invitable_contacts, invitable_key_persons, invitable_organisations
from .mailings import SegmentFieldsMixin

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=_datetime_widget())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned

    @staticmethod
    def initial_for(meeting) -> dict:
        return {name: getattr(meeting, name) for name in ("title", "starts_at", "ends_at", "place", "agenda")}


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("What"), max_length=300)
    owner = forms.CharField(label=_("Who"), max_length=200)
    due_on = forms.DateField(
        label=_("By when"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _with_email(name: str, email: str) -> str:
    return f"{name} <{email}>" if email else _("%(name)s (no e-mail address)") % {"name": name}


class InviteForm(SegmentFieldsMixin):
    """Pick people one by one, or a group (e.g. every association of Oftringen), or both."""

    organisations = ObjectMultipleChoiceField(
        label=_("Organisations"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Invites the organisation's general e-mail address."),
    )
    contacts = ObjectMultipleChoiceField(
        label=_("Contact persons"), required=False, widget=forms.SelectMultiple(attrs={"size": 10})
    )
    key_persons = ObjectMultipleChoiceField(
        label=_("Key persons"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Only key persons who agreed to be contacted are listed."),
    )

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_segment_choices(office)
        self.fields["organisations"].set_objects(
            invitable_organisations(office=office), label_of=lambda o: _with_email(o.name, o.email)
        )
        self.fields["contacts"].set_objects(
            invitable_contacts(office=office),
            label_of=lambda c: f"{c.organisation.name}: {_with_email(c.name, c.email)}",
        )
        self.fields["key_persons"].set_objects(
            invitable_key_persons(office=office), label_of=lambda p: _with_email(p.name, p.email)
        )

    def clean(self):
        cleaned = super().clean()
        picked = any(cleaned.get(name) for name in ("organisations", "contacts", "key_persons"))
        if self.errors:
            return cleaned
        if self.segment_is_filtered() and not cleaned.get("include"):
            self.add_error(
                "include",
                _(
                    "Choose whom to invite from the matching organisations: the organisations, "
                    "their contact persons or key persons."
                ),
            )
        elif not picked and not cleaned.get("include"):
            raise forms.ValidationError(_("Pick the people to invite, or a group of them."))
        return cleaned

    def group_segment(self) -> dict | None:
        return self.segment() if self.cleaned_data.get("include") else None


ATTENDED_CHOICES = [("", _("not recorded")), ("yes", _("attended")), ("no", _("absent"))]


class ResponsesForm(forms.Form):
    """One answer and one attendance field per invitation (`response_<id>`, `attended_<id>`)."""

    def __init__(self, *args, invitations: list[MeetingInvitation], **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"response_{invitation.pk}"] = forms.ChoiceField(
                label=_("Answer"), choices=MeetingInvitation.Response.choices, initial=invitation.response
            )
            attended = {True: "yes", False: "no"}.get(invitation.attended, "")
            self.fields[f"attended_{invitation.pk}"] = forms.ChoiceField(
                label=_("Attendance"), choices=ATTENDED_CHOICES, required=False, initial=attended
            )

    def rows(self):
        for invitation in self.invitations:
            yield invitation, self[f"response_{invitation.pk}"], self[f"attended_{invitation.pk}"]

    def answers(self) -> dict[int, tuple[str, bool | None]]:
        attended = {"yes": True, "no": False}
        return {
            i.pk: (self.cleaned_data[f"response_{i.pk}"], attended.get(self.cleaned_data[f"attended_{i.pk}"]))
            for i in self.invitations
        }
