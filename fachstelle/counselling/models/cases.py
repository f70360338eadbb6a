from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.crypto import EncryptedCharField, EncryptedTextField
from fachstelle.core.models import Language, Municipality, Office, Taxonomy
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer

from .clients import Client, Consent


class Topic(Taxonomy):
    """Counselling topic (German, education, work, health, residence, discrimination…), seeded in 0002."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("counselling topic")
        verbose_name_plural = _("counselling topics")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    EMAIL = "email", _("E-mail")


class Case(models.Model):
    """A counselling case (Beratungsfall). Seen only by its counsellor, the colleagues it is shared with and
    the office admins (`fachstelle.counselling.access`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WAITING = "waiting", _("Waiting")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        REFERRED = "referred", _("Referred elsewhere")
        NO_CONTACT = "no_contact", _("No more contact")
        MOVED_AWAY = "moved_away", _("Moved away")
        CLIENT_ENDED = "client_ended", _("Ended by the person")
        OTHER = "other", _("Other")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="cases", verbose_name=_("office")
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("client"),
        help_text=_("Empty: anonymous case."),
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases", verbose_name=_("counsellor")
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="shared_cases", verbose_name=_("shared with")
    )
    topics = models.ManyToManyField(Topic, related_name="cases", verbose_name=_("topics"))
    # Copied from the client (or entered for anonymous cases) so statistics survive anonymisation.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counselling language"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    close_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    summary = EncryptedTextField(_("summary"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(
                fields=["office", "counsellor", "status", "-opened_on"], name="case_counsellor_list"
            ),
            models.Index(fields=["office", "opened_on"], name="case_office_opened"),
            models.Index(fields=["status", "closed_on"], name="case_status_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & Q(closed_on__isnull=False))
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="case_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"F-{self.pk:06d}" if self.pk else ""


class CounsellingSession(models.Model):
    """One counselling conversation of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("case"))
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    interpreter_used = models.BooleanField(_("with interpreter"), default=False)
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language"),
    )
    notes = EncryptedTextField(_("notes"), max_length=8000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["case", "held_on"], name="session_case_date"),
            # The needs analysis counts interpreted sessions of a period.
            models.Index(
                fields=["held_on"], condition=Q(interpreter_used=True), name="session_interpreted_date"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
                name="session_duration_range",
            )
        ]

    def __str__(self):
        return f"{self.held_on}"


class Referral(models.Model):
    """A case referred to an offer of the directory or to an organisation of the network."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")
        DONE = "done", _("Done")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Successful")
        FAILED = "failed", _("Not successful")

    class FailureReason(models.TextChoices):
        NO_PLACE = "no_place", _("No place available")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        DECLINED = "declined", _("Declined by the person")
        DROPPED_OUT = "dropped_out", _("Dropped out")
        NO_SHOW = "no_show", _("Did not show up")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("offer")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    failure_reason = models.CharField(_("why not"), max_length=20, choices=FailureReason.choices, blank=True)
    shares_data = models.BooleanField(
        _("shares personal data"),
        default=False,
        help_text=_("The organisation receives personal data of the person: needs a matching consent."),
    )
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    note = EncryptedTextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(shares_data=True) | Q(consent__isnull=False),
                name="referral_sharing_needs_consent",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="failed") | ~Q(failure_reason=""), name="referral_failure_has_reason"
            ),
        ]

    def __str__(self):
        return str(self.offer or self.organisation or "")


class FollowUp(models.Model):
    """A reminder on the counsellor's dashboard: call back, check a document, review the plan…"""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    due_on = models.DateField(_("due"))
    note = EncryptedCharField(_("what"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="follow_up_due", condition=Q(done_on__isnull=True))]

    def __str__(self):
        return f"{self.due_on}"


class ShortConsultation(models.Model):
    """Kurzberatung: counted for the statistics only; no personal data at all."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="short_consultations", verbose_name=_("office")
    )
    held_on = models.DateField(_("date"))
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("short consultation")
        verbose_name_plural = _("short consultations")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["office", "held_on"], name="short_consultation_date")]

    def __str__(self):
        return f"{self.held_on} {self.topic}"
