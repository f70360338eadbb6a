"""Events (Anlässe) of the office and its partners, with registration, capacity and waitlist, and the
partners' iCal feeds they can be imported from."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, TargetGroup
from fachstelle.core.translation import TranslatableModel, TranslationBase
from fachstelle.network.models import Organisation


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A partner's iCal feed whose events are imported nightly (command `import_calendar_feeds`)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address (iCal)"), max_length=500)
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("organiser"),
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction,
        blank=True,
        related_name="+",
        verbose_name=_("categories"),
        help_text=_("Fields of action given to every event of this feed."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default municipality"),
    )
    publish_automatically = models.BooleanField(
        _("publish imported events"),
        default=False,
        help_text=_("Otherwise imported events wait as drafts for a member of staff to publish them."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_status = models.CharField(_("last result"), max_length=300, blank=True)
    last_error_at = models.DateTimeField(_("last error"), null=True, blank=True)
    etag = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))


class Event(TranslatableModel):
    """One event on one date (or one multi-day span). A recurring event is a series of such rows sharing
    `series`, so each date has its own capacity, registrations and attendance."""

    TRANSLATED_FIELDS = ("title", "summary", "description", "cost_note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        ARCHIVED = "archived", _("Archived")

    class Source(models.TextChoices):
        OWN = "own", _("Own event")
        IMPORTED = "imported", _("Imported from a feed")

    class CostType(models.TextChoices):
        FREE = "free", _("Free of charge")
        FEE = "fee", _("Fee")
        COLLECTION = "collection", _("Collection / voluntary contribution")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="events", verbose_name=_("office")
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
        help_text=_("Empty: the office itself."),
    )
    series = models.UUIDField(
        _("series"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Shared by the dates of a recurring event."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    all_day = models.BooleanField(_("all day"), default=False)
    location_name = models.CharField(_("place"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("municipality"),
    )
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online link"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="events", verbose_name=_("languages held in")
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="events", verbose_name=_("fields of action")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="events", verbose_name=_("target groups")
    )
    interpreter_provided = models.BooleanField(_("interpreters present"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    cost_type = models.CharField(_("cost"), max_length=12, choices=CostType.choices, default=CostType.FREE)
    cost_amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2, null=True, blank=True)
    cost_note = models.CharField(_("note on cost"), max_length=300, blank=True)
    registration_enabled = models.BooleanField(_("registration through this site"), default=False)
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("Staff confirm each registration before the place is guaranteed."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Counted in people, not registrations."),
    )
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    max_people_per_registration = models.PositiveSmallIntegerField(
        _("max. people per registration"), default=6
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    cancellation_note = models.CharField(_("reason for cancellation"), max_length=300, blank=True)
    # Import bookkeeping: an imported event that staff edited is no longer overwritten by the feed.
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.OWN)
    feed = models.ForeignKey(
        CalendarFeed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("feed"),
    )
    external_uid = models.CharField(_("UID in the feed"), max_length=500, blank=True)
    external_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    edited_locally = models.BooleanField(
        _("edited by staff"),
        default=False,
        help_text=_("Changes made here are kept; the feed no longer overwrites this event."),
    )
    # Set once by the reminder command; a second run never reminds twice.
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["office", "status", "starts_at"], name="event_office_status_start"),
            models.Index(fields=["status", "starts_at"], name="event_status_start"),
            models.Index(fields=["feed", "external_uid"], name="event_feed_uid"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(cost_amount__isnull=True) | Q(cost_amount__gte=0), name="event_cost_not_negative"
            ),
            models.UniqueConstraint(
                fields=["feed", "external_uid", "starts_at"],
                condition=Q(feed__isnull=False),
                name="event_unique_feed_occurrence",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "anlass"

    def get_absolute_url(self):
        return reverse(
            "events_public:event_detail",
            kwargs={"office_slug": self.office.slug, "pk": self.pk, "slug": self.slug},
        )


class EventTranslation(TranslationBase):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="translations", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)
    cost_note = models.CharField(_("note on cost"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="eventtranslation_unique_language"),
        ]

    def __str__(self):
        return f"{self.event} [{self.language}]"


class Registration(models.Model):
    """A registration for an event: one contact for `people` participants. Places are counted in people;
    the event row is locked while places are given out, so an event is never overbooked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Declined")

    # Registrations that hold a place (pending ones hold it until staff decide).
    HOLDS_PLACE = (Status.CONFIRMED, Status.PENDING)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    language = models.CharField(_("preferred language"), max_length=8, blank=True)
    needs = models.TextField(
        _("needs"), max_length=1000, blank=True, help_text=_("e.g. interpreter, childcare, wheelchair access")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # One key per rendered form: a double click submits the same key and is recognised.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    attended_people = models.PositiveSmallIntegerField(_("people present"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    staff_note = models.CharField(_("internal note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]
        constraints = [
            models.CheckConstraint(condition=Q(people__gte=1), name="registration_people_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.people})"
