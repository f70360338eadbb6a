"""News (Aktuelles) of an office: teaser, text, image with alt text, scheduled publication."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office
from fachstelle.core.translation import TranslatableModel, TranslationBase


class NewsItemQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Visible to the public at `now`: ready, its publish time reached, not yet unpublished. Visibility
        is decided by the clock itself, so an item appears on time even if the scheduler runs late; the
        scheduler (`publish_scheduled_news`) only records `published_at` once and refreshes caches."""
        now = now or timezone.now()
        return self.filter(status=NewsItem.Status.READY, publish_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )


class NewsItem(TranslatableModel):
    TRANSLATED_FIELDS = ("title", "teaser", "body", "image_alt")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready to publish")
        ARCHIVED = "archived", _("Archived")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="news_items", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    teaser = models.CharField(
        _("teaser"), max_length=400, help_text=_("One or two sentences for lists and feeds.")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to="news/%Y/", blank=True)
    image_thumbnail = models.ImageField(upload_to="news/%Y/thumbs/", blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    # Recorded once, by the first scheduler run (or save) after publish_at; never set twice.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    unpublished_at = models.DateTimeField(_("unpublished"), null=True, blank=True, editable=False)
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

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["office", "status", "-publish_at"], name="news_office_status_publish")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=models.F("publish_at")),
                name="news_unpublish_after_publish",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "aktuell"

    def get_absolute_url(self):
        return reverse(
            "news_public:news_detail",
            kwargs={"office_slug": self.office.slug, "pk": self.pk, "slug": self.slug},
        )


class NewsItemTranslation(TranslationBase):
    item = models.ForeignKey(
        NewsItem, on_delete=models.CASCADE, related_name="translations", verbose_name=_("news item")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    teaser = models.CharField(_("teaser"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="newstranslation_unique_language"),
        ]

    def __str__(self):
        return f"{self.item} [{self.language}]"
