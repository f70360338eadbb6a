import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, PromotionArea, TargetGroup
from fachstelle.core.translation import TranslatableModel, TranslationBase
from fachstelle.network.models import Organisation


def new_token() -> str:
    return secrets.token_urlsafe(32)


class OfferQuerySet(models.QuerySet):
    def public(self):
        """What the public directory shows: published and not hidden for lack of confirmation."""
        return self.filter(status=Offer.Status.PUBLISHED, hidden_unconfirmed_at__isnull=True)


class Offer(TranslatableModel):
    """An integration offer of the directory: a course, counselling service, meeting place…"""

    TRANSLATED_FIELDS = (
        "title",
        "summary",
        "description",
        "schedule_text",
        "cost_note",
        "childcare_note",
        "accessibility_note",
        "registration_note",
    )

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class CostType(models.TextChoices):
        FREE = "free", _("Free of charge")
        FEE = "fee", _("Fee")
        REDUCED = "reduced", _("Fee, reduced rate available")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="offers", verbose_name=_("office")
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offers", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=500, help_text=_("One or two sentences for the list.")
    )
    description = models.TextField(_("description"), blank=True)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, related_name="offers", blank=True, verbose_name=_("fields of action")
    )
    promotion_areas = models.ManyToManyField(
        PromotionArea, related_name="offers", blank=True, verbose_name=_("KIP promotion areas")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="offers", blank=True, verbose_name=_("target groups")
    )
    languages = models.ManyToManyField(
        Language, related_name="offers", blank=True, verbose_name=_("languages held in")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="offers",
        blank=True,
        verbose_name=_("municipalities"),
        help_text=_("Where the offer takes place or whose residents it serves."),
    )
    cost_type = models.CharField(_("cost"), max_length=10, choices=CostType.choices, default=CostType.FREE)
    cost_amount = models.DecimalField(
        _("amount (CHF/EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(_("note on cost"), max_length=300, blank=True)
    childcare = models.BooleanField(_("childcare available"), default=False)
    childcare_note = models.CharField(_("note on childcare"), max_length=300, blank=True)
    barrier_free = models.BooleanField(_("barrier-free"), default=False)
    accessibility_note = models.CharField(_("accessibility notes"), max_length=300, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    schedule_text = models.CharField(
        _("schedule"),
        max_length=300,
        blank=True,
        help_text=_("e.g. every Tuesday 9–11, except school holidays"),
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail"), blank=True)
    registration_phone = models.CharField(_("registration phone"), max_length=40, blank=True)
    registration_note = models.CharField(_("note on registration"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    hidden_unconfirmed_at = models.DateTimeField(
        _("hidden as unconfirmed since"),
        null=True,
        blank=True,
        help_text=_("Set when the provider did not confirm in time and the office hides such offers."),
    )
    confirmation_overdue_since = models.DateTimeField(_("confirmation overdue since"), null=True, blank=True)
    # Maintained by offers.search.offer_refresh_search_index(); folded lower-case text for LIKE/trigram,
    # and (PostgreSQL only) a weighted German tsvector.
    search_document = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["office", "status", "title"], name="offer_office_status_title"),
            models.Index(fields=["status", "title"], name="offer_status_title"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="offer_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost_amount__isnull=True) | Q(cost_amount__gte=0), name="offer_cost_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "offers:offer_detail",
            kwargs={
                "office_slug": self.office.slug,
                "pk": self.pk,
                "slug": self.slug,
            },
        )

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "angebot"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.hidden_unconfirmed_at is None


class Location(models.Model):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="locations", verbose_name=_("offer")
    )
    name = models.CharField(_("place"), max_length=200, help_text=_("e.g. Schulhaus Paradies, Raum 12"))
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    opening_hours = models.CharField(_("opening or consultation hours"), max_length=300, blank=True)
    by_appointment = models.BooleanField(_("by appointment only"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name}, {self.municipality}"


class OfferTranslation(TranslationBase):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="translations", verbose_name=_("offer")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    schedule_text = models.CharField(_("schedule"), max_length=300, blank=True)
    cost_note = models.CharField(_("note on cost"), max_length=300, blank=True)
    childcare_note = models.CharField(_("note on childcare"), max_length=300, blank=True)
    accessibility_note = models.CharField(_("accessibility notes"), max_length=300, blank=True)
    registration_note = models.CharField(_("note on registration"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="offertranslation_unique_language"),
        ]

    def __str__(self):
        return f"{self.offer} [{self.language}]"


class OfferProposal(models.Model):
    """A provider's proposal of a new offer or of a change, sent through the public form (no account)."""

    class Kind(models.TextChoices):
        NEW = "new", _("New offer")
        CHANGE = "change", _("Change to an offer")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-mail not yet confirmed")
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="offer_proposals", verbose_name=_("office")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("offer"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("provider"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_website = models.URLField(_("website"), blank=True)
    submitter_name = models.CharField(_("your name"), max_length=120)
    submitter_email = models.EmailField(_("your e-mail"))
    submitter_phone = models.CharField(_("your phone"), max_length=40, blank=True)
    data = models.JSONField(_("proposed content"), default=dict)
    message = models.TextField(_("message to the office"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # One key per rendered form: a double click submits the same key and is recognised.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_message = models.TextField(_("message to the submitter"), blank=True)
    resulting_offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resulting offer"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer proposal")
        verbose_name_plural = _("offer proposals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self):
        return self.data.get("title") or self.organisation_name


class OfferIssueReport(models.Model):
    """'Report outdated or wrong information' on an offer page, for staff to check."""

    class Kind(models.TextChoices):
        OUTDATED = "outdated", _("Information is outdated")
        WRONG = "wrong", _("Information is wrong")
        ENDED = "ended", _("The offer no longer exists")
        OTHER = "other", _("Other")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="offer_issue_reports", verbose_name=_("office")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="issue_reports", verbose_name=_("offer")
    )
    kind = models.CharField(_("what is wrong"), max_length=10, choices=Kind.choices, default=Kind.OUTDATED)
    message = models.TextField(_("details"), max_length=3000)
    reporter_email = models.EmailField(_("e-mail for questions (optional)"), blank=True)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("report on an offer")
        verbose_name_plural = _("reports on offers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.offer} – {self.get_kind_display()}"


class ProviderConfirmation(models.Model):
    """The periodic request to a provider to confirm or update its offers through a personal link."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="provider_confirmations", verbose_name=_("office")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="confirmations", verbose_name=_("provider")
    )
    email = models.EmailField(_("sent to"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent"))
    due_at = models.DateTimeField(_("due"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged as overdue"), null=True, blank=True)

    class Meta:
        verbose_name = _("confirmation request")
        verbose_name_plural = _("confirmation requests")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["office", "confirmed_at", "due_at"])]

    def __str__(self):
        return f"{self.organisation} ({self.sent_at:%d.%m.%Y})"
