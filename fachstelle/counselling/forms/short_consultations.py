"""The short consultation form: one screen, made for two clicks (topic, save) once the defaults are set."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField, language_label
from fachstelle.core.models import Language, Municipality

from ..models import Channel, Topic

DURATION_PRESETS = (5, 10, 15, 20, 30)
DEFAULT_DURATION = 10
OTHER = "other"


class ShortConsultationForm(forms.Form):
    topic = ObjectChoiceField(label=_("Topic"), empty_label=None, widget=forms.RadioSelect)
    duration = forms.ChoiceField(
        label=_("Duration"),
        widget=forms.RadioSelect,
        choices=[
            *[(str(minutes), _("%(minutes)s min") % {"minutes": minutes}) for minutes in DURATION_PRESETS],
            (OTHER, _("Other")),
        ],
    )
    duration_other = forms.IntegerField(
        label=_("Other duration (minutes)"), required=False, min_value=1, max_value=240
    )
    language = ObjectChoiceField(label=_("Language"), required=False, empty_label=_("Not recorded"))
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("Other or unknown")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON, widget=forms.RadioSelect
    )
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(
        self,
        *args,
        topics: list[Topic],
        frequent_languages: list[Language],
        other_languages: list[Language],
        municipalities: list[Municipality],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        language = get_language() or "de"
        self.fields["topic"].set_objects(topics, label_of=lambda topic: topic.label(language))
        self.fields["topic"].widget.attrs["class"] = "big-radio"
        self.fields["language"].set_objects(
            [],
            label_of=language_label,
            groups=[
                (_("Frequent in this office"), frequent_languages),
                (_("All languages") if frequent_languages else None, other_languages),
            ],
        )
        self.fields["municipality"].set_objects(municipalities)
        today = timezone.localdate()
        self.fields["held_on"].widget.attrs.update(
            {"max": today.isoformat(), "min": (today - datetime.timedelta(days=365)).isoformat()}
        )

    def clean(self):
        cleaned = super().clean()
        duration = cleaned.get("duration")
        if duration == OTHER:
            if cleaned.get("duration_other") is None and "duration_other" not in self.errors:
                self.add_error("duration_other", _("Enter the duration in minutes."))
            cleaned["duration_minutes"] = cleaned.get("duration_other")
        elif duration:
            cleaned["duration_minutes"] = int(duration)
        return cleaned

    @staticmethod
    def initial_from(defaults: dict) -> dict:
        """The form's initial values: today, and what the user chose last time (kept in the session)."""
        duration = defaults.get("duration_minutes") or DEFAULT_DURATION
        preset = str(duration) if duration in DURATION_PRESETS else OTHER
        return {
            "held_on": timezone.localdate(),
            "duration": preset,
            "duration_other": None if preset != OTHER else duration,
            "language": defaults.get("language"),
            "municipality": defaults.get("municipality"),
            "channel": defaults.get("channel") or Channel.IN_PERSON,
        }


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to:
            if date_from > date_to:
                self.add_error("date_to", _("The end date must not be before the start date."))
            elif (date_to - date_from).days > 366 * 5:
                self.add_error("date_to", _("Choose a period of at most five years."))
        return cleaned
