"""The welcome guide (Willkommensinformation): a tree of pages per office, written in German, translated
into the office's newcomer languages, with an easy-German variant, reader feedback and page views."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office
from fachstelle.core.translation import TranslatableModel, TranslationBase


class GuidePageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=GuidePage.Status.PUBLISHED)

    def for_municipality(self, municipality_id: int | None):
        """Pages of the whole office plus, when a municipality is chosen, that municipality's own pages."""
        if municipality_id is None:
            return self.filter(municipality__isnull=True)
        return self.filter(Q(municipality__isnull=True) | Q(municipality_id=municipality_id))


class GuidePage(TranslatableModel):
    """One page of the welcome guide (Arriving, School, Work, …). Pages form a tree via `parent`."""

    TRANSLATED_FIELDS = ("title", "summary", "body")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Icon(models.TextChoices):
        ARRIVAL = "arrival", _("Arriving")
        AUTHORITIES = "authorities", _("Authorities")
        LANGUAGE = "language", _("Language")
        SCHOOL = "school", _("School")
        TRAINING = "training", _("Training")
        WORK = "work", _("Work")
        FAMILY = "family", _("Family")
        HEALTH = "health", _("Health")
        HOUSING = "housing", _("Housing")
        LEISURE = "leisure", _("Leisure")
        EMERGENCY = "emergency", _("Emergency")
        INFO = "info", _("Information")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="guide_pages", verbose_name=_("office")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guide_pages",
        verbose_name=_("municipality"),
        help_text=_("Empty: the page is part of the guide for all municipalities of the office."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent page"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.INFO)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for the overview.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: ## heading, **bold**, - list, [link](https://…). "
            "Live lists on a line of their own: [[offers field=deutsch municipality=4280 limit=5]] "
            "or [[events field=deutsch limit=3]]."
        ),
    )
    easy_title = models.CharField(_("title in easy German"), max_length=200, blank=True)
    easy_body = models.TextField(
        _("text in easy German"),
        blank=True,
        help_text=_("Leichte Sprache: short sentences, one statement per sentence, no foreign words."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    in_brochure = models.BooleanField(
        _("in the printed brochure"), default=True, help_text=_("Include this page in the welcome brochure.")
    )
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

    objects = GuidePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide page")
        verbose_name_plural = _("guide pages")
        ordering = ["order", "title", "pk"]
        indexes = [
            models.Index(fields=["office", "status", "parent", "order"], name="guidepage_office_tree"),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "seite"

    def get_absolute_url(self):
        return reverse(
            "guide_public:page_detail",
            kwargs={"office_slug": self.office.slug, "pk": self.pk, "slug": self.slug},
        )

    @property
    def has_easy_version(self) -> bool:
        return bool(self.easy_body.strip())


class GuidePageTranslation(TranslationBase):
    page = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="translations", verbose_name=_("page")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="guidetranslation_unique_language"),
        ]

    def __str__(self):
        return f"{self.page} [{self.language}]"


class GuidePageSourceVersion(models.Model):
    """The German text of a page at one source revision: lets staff see what changed since a translation
    was made (diff between the translation's revision and the current one)."""

    page = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="source_versions", verbose_name=_("page")
    )
    revision = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("version of the German text")
        verbose_name_plural = _("versions of the German text")
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="guidesourceversion_unique_revision"),
        ]

    def __str__(self):
        return f"{self.page} r{self.revision}"


class PageFeedback(models.Model):
    """'Was this page helpful?' – anonymous; the optional comment must not ask for personal data."""

    page = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    done_at = models.DateTimeField(_("dealt with"), null=True, blank=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "-created_at"], name="guidefeedback_page_created")]

    def __str__(self):
        return f"{self.page} ({'+' if self.helpful else '-'})"


class PageViewCount(models.Model):
    """Views of a page per language and day, counted on our own server (no third-party tracker, no IP or
    cookie stored): one row per (page, language, day), incremented in place."""

    page = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="view_counts")
    language = models.CharField(max_length=8)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["page", "language", "day"], name="guideviews_unique_day"),
        ]
        indexes = [models.Index(fields=["day"], name="guideviews_day")]

    def __str__(self):
        return f"{self.page_id} [{self.language}] {self.day}: {self.count}"


class Brochure(models.Model):
    """A generated welcome brochure (PDF) for one municipality (or the whole office) and language. Cached
    until the content changes: `content_key` is a hash of everything printed in it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="brochures", verbose_name=_("office")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=8)
    content_key = models.CharField(_("content fingerprint"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to="brochures/", blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("welcome brochure")
        verbose_name_plural = _("welcome brochures")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "municipality", "language", "content_key"], name="brochure_unique_content"
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.municipality or ''} [{self.language}]"
