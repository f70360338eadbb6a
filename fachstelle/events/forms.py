"""Staff forms of events: the event (date and time inputs in local time, recurrence on create), its
translations, cancellation, calendar feeds, check-in. They check the input's shape; the services in
`services/events.py` and `services/feeds.py` apply the rules."""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, ObjectMultipleChoiceField

from .models import Event, EventTranslation
from .services.events import MAX_DATES, local, make_local

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
TIME_WIDGET = {"attrs": {"type": "time"}, "format": "%H:%M"}
# Service keys → the form field that shows their message.
SERVICE_FIELDS = {
    "starts_at": "start_date",
    "ends_at": "end_date",
    "registration_deadline": "deadline_date",
    "recurrence": "repeat",
}
EVENT_FIELDS = (
    "title",
    "summary",
    "description",
    "all_day",
    "location_name",
    "street",
    "postcode",
    "municipality",
    "is_online",
    "online_url",
    "organiser",
    "interpreter_provided",
    "childcare",
    "cost_type",
    "cost_amount",
    "cost_note",
    "registration_enabled",
    "requires_approval",
    "capacity",
    "waitlist_enabled",
    "max_people_per_registration",
    "contact_email",
    "contact_phone",
    "status",
)
M2M_FIELDS = ("languages", "fields_of_action", "target_groups")


def normalise_text(value) -> str:
    """Browsers send line breaks as CRLF; stored text uses LF, so saving an unchanged text is no change
    (no new revision, an imported event not marked as edited)."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(**DATE_WIDGET))


def _time(label, required=False):
    return forms.TimeField(label=label, required=required, widget=forms.TimeInput(**TIME_WIDGET))


class EventForm(forms.Form):
    """All fields of an event. `choices` gives the objects of the selects (loaded once per page):
    organisations (the office's network), municipalities, languages, fields_of_action, target_groups."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=400, required=False, help_text=_("One or two sentences for the list.")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Markdown: **bold**, *italic*, lists with -, links [text](https://…). HTML is not shown."
        ),
    )
    start_date = _date(_("Date"))
    start_time = _time(_("From"))
    end_date = _date(_("Last day"), required=False)
    end_time = _time(_("Until"))
    all_day = forms.BooleanField(label=_("All day"), required=False)
    location_name = forms.CharField(label=_("Place"), max_length=200, required=False)
    street = forms.CharField(label=_("Street"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    municipality = ObjectChoiceField(label=_("Municipality"), required=False)
    is_online = forms.BooleanField(label=_("Online"), required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    organiser = ObjectChoiceField(
        label=_("Organiser"),
        required=False,
        empty_label=_("The office itself"),
        help_text=_("Empty: the office."),
    )
    languages = ObjectMultipleChoiceField(label=_("Languages held in"))
    fields_of_action = ObjectMultipleChoiceField(label=_("Fields of action"))
    target_groups = ObjectMultipleChoiceField(label=_("Target groups"))
    interpreter_provided = forms.BooleanField(label=_("Interpreters present"), required=False)
    childcare = forms.BooleanField(label=_("Childcare"), required=False)
    cost_type = forms.ChoiceField(
        label=_("Cost"), choices=Event.CostType.choices, initial=Event.CostType.FREE
    )
    cost_amount = forms.DecimalField(
        label=_("Amount (CHF)"), required=False, min_value=0, max_digits=8, decimal_places=2
    )
    cost_note = forms.CharField(label=_("Note on cost"), max_length=300, required=False)
    registration_enabled = forms.BooleanField(label=_("Registration through this site"), required=False)
    requires_approval = forms.BooleanField(label=_("Registrations need approval"), required=False)
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=0, help_text=_("Empty: no limit. Counted in people.")
    )
    waitlist_enabled = forms.BooleanField(label=_("Waitlist when full"), required=False, initial=True)
    deadline_date = _date(_("Registration deadline (date)"), required=False)
    deadline_time = _time(_("Registration deadline (time)"))
    max_people_per_registration = forms.IntegerField(
        label=_("Max. people per registration"), min_value=1, max_value=50, initial=6
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s.value, s.label) for s in (Event.Status.DRAFT, Event.Status.PUBLISHED, Event.Status.ARCHIVED)
        ],
        initial=Event.Status.DRAFT,
    )

    def __init__(self, *args, choices: dict, event: Event | None = None, series_size: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organiser"].set_objects(choices["organisations"])
        self.fields["municipality"].set_objects(choices["municipalities"])
        label_of = choices.get("label_of", str)
        for name in M2M_FIELDS:
            self.fields[name].set_objects(choices[name], label_of=label_of)
        if event is None:
            self.fields["repeat"] = forms.ChoiceField(
                label=_("Repeat"),
                required=False,
                choices=[
                    ("", _("Does not repeat")),
                    ("weekly", _("Every week")),
                    ("biweekly", _("Every two weeks")),
                    ("monthly", _("Every month")),
                ],
            )
            self.fields["repeat_until"] = _date(_("Last date of the series"), required=False)
            self.fields["repeat_count"] = forms.IntegerField(
                label=_("or number of dates"), required=False, min_value=1, max_value=MAX_DATES
            )
        else:
            self.fields["minor_change"] = forms.BooleanField(
                label=_("Minor change (spelling): translations stay up to date"), required=False
            )
            if event.status == Event.Status.CANCELLED:
                # Cancelled stays cancelled; the status is not offered.
                del self.fields["status"]
            if series_size > 1:
                self.fields["apply_to_series"] = forms.BooleanField(
                    label=_("Apply these changes to the other upcoming dates of the series (%(count)s dates)")
                    % {"count": series_size},
                    required=False,
                )

    def clean(self):
        cleaned = super().clean()
        all_day = cleaned.get("all_day")
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date") or cleaned.get("start_date")
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if not all_day:
            if start_date and start_time is None and "start_time" not in self.errors:
                self.add_error("start_time", _("Please give the start time (or tick “All day”)."))
            if end_time is None and "end_time" not in self.errors:
                self.add_error("end_time", _("Please give the end time (or tick “All day”)."))
        if start_date and (all_day or start_time is not None):
            cleaned["starts_at"] = make_local(start_date, start_time if not all_day else datetime.time(0, 0))
        if end_date and (all_day or end_time is not None):
            cleaned["ends_at"] = make_local(end_date, end_time if not all_day else datetime.time(23, 59))
        deadline_date = cleaned.get("deadline_date")
        if deadline_date:
            cleaned["registration_deadline"] = make_local(
                deadline_date, cleaned.get("deadline_time") or datetime.time(23, 59)
            )
        elif cleaned.get("deadline_time"):
            self.add_error("deadline_date", _("Please give the date of the deadline too."))
        repeat = cleaned.get("repeat")
        if repeat and not cleaned.get("repeat_until") and not cleaned.get("repeat_count"):
            self.add_error("repeat", _("Please give the last date or the number of dates."))
        return cleaned

    def event_fields(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in EVENT_FIELDS if name in data}
        values["starts_at"] = data["starts_at"]
        values["ends_at"] = data["ends_at"]
        values["registration_deadline"] = data.get("registration_deadline")
        for name in ("location_name", "street", "postcode", "cost_note", "summary", "description", "title"):
            values[name] = normalise_text(values.get(name))
        return values

    def m2m(self) -> dict:
        return {name: self.cleaned_data[name] for name in M2M_FIELDS}

    def recurrence(self) -> dict | None:
        repeat = self.cleaned_data.get("repeat")
        if not repeat:
            return None
        return {
            "frequency": repeat,
            "until": self.cleaned_data.get("repeat_until"),
            "count": self.cleaned_data.get("repeat_count"),
        }

    @staticmethod
    def initial_for(event: Event) -> dict:
        initial = {name: getattr(event, name) for name in EVENT_FIELDS}
        starts, ends = local(event.starts_at), local(event.ends_at)
        initial.update(
            start_date=starts.date(),
            start_time=starts.time(),
            end_date=ends.date(),
            end_time=ends.time(),
            languages=list(event.languages.all()),
            fields_of_action=list(event.fields_of_action.all()),
            target_groups=list(event.target_groups.all()),
        )
        if event.registration_deadline:
            deadline = local(event.registration_deadline)
            initial.update(deadline_date=deadline.date(), deadline_time=deadline.time())
        return initial


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=400, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    cost_note = forms.CharField(label=_("Note on cost"), max_length=300, required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=EventTranslation.State.choices, initial=EventTranslation.State.DONE
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language in settings.RTL_LANGUAGES else "ltr"
        for name in Event.TRANSLATED_FIELDS:
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction})

    def values(self) -> dict:
        return {name: normalise_text(self.cleaned_data[name]) for name in Event.TRANSLATED_FIELDS}


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=300,
        help_text=_("Shown on the event page and sent to everyone registered."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the person)"), max_length=300, required=False)


class CheckInForm(forms.Form):
    people = forms.IntegerField(label=_("People present"), min_value=1, max_value=50, required=False)


class FeedForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    url = forms.URLField(
        label=_("Feed address (iCal)"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The address ending in .ics that the partner's calendar publishes (webcal:// works too)."
        ),
    )
    organiser = ObjectChoiceField(label=_("Organiser"), required=False, empty_label=_("None"))
    municipality = ObjectChoiceField(label=_("Default municipality"), required=False)
    fields_of_action = ObjectMultipleChoiceField(
        label=_("Categories"), help_text=_("Fields of action given to every event of this feed.")
    )
    publish_automatically = forms.BooleanField(
        label=_("Publish imported events"),
        required=False,
        help_text=_("Otherwise imported events wait as drafts for a member of staff to publish them."),
    )
    is_active = forms.BooleanField(label=_("Active (imported every night)"), required=False, initial=True)

    def __init__(self, *args, choices: dict, **kwargs):
        if args and args[0] is not None:
            data = args[0].copy()
            # webcal:// is how calendar programmes name http(s) subscriptions.
            url = (data.get("url") or "").strip()
            if url.lower().startswith("webcal://"):
                data["url"] = "https://" + url[len("webcal://") :]
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.fields["organiser"].set_objects(choices["organisations"])
        self.fields["municipality"].set_objects(choices["municipalities"])
        self.fields["fields_of_action"].set_objects(
            choices["fields_of_action"], label_of=choices.get("label_of", str)
        )

    def feed_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "url", "organiser", "municipality", "publish_automatically", "is_active")
        }

    @staticmethod
    def initial_for(feed) -> dict:
        initial = {
            name: getattr(feed, name)
            for name in ("name", "url", "organiser", "municipality", "publish_automatically", "is_active")
        }
        initial["fields_of_action"] = list(feed.fields_of_action.all())
        return initial
