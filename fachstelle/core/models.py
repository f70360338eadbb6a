from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .languages import SOURCE_LANGUAGE

# Office slugs share the URL space with these top-level paths.
RESERVED_OFFICE_SLUGS = {"admin", "api", "search", "static", "media", "offers", "staff", "i18n", "health"}


class Country(models.TextChoices):
    CH = "CH", _("Switzerland")
    DE = "DE", _("Germany")


class Municipality(models.Model):
    """A political municipality: BFS number in Switzerland, the official municipality key (AGS) in Germany."""

    bfs_number = models.PositiveIntegerField(
        _("official number"), help_text=_("BFS number (Switzerland) or municipality key AGS (Germany).")
    )
    name = models.CharField(_("name"), max_length=120)
    canton = models.CharField(
        _("canton / state"), max_length=4, help_text=_("e.g. AG, BL, ZH; BW in Germany.")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.CH)
    district = models.CharField(_("district"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "bfs_number"], name="municipality_unique_number"),
        ]

    def __str__(self):
        return self.name


class Office(models.Model):
    """The tenant: an integration office serving one or more municipalities."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal office")
        REGIONAL = "regional", _("Regional office")
        CANTONAL = "cantonal", _("Cantonal office")
        DISTRICT = "district", _("District office (Germany)")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, help_text=_("Shown in lists and headers."))
    slug = models.SlugField(
        _("web address"),
        unique=True,
        help_text=_("Path of the office's public site, e.g. region-zofingen → /de/region-zofingen/."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPAL)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.CH)
    canton = models.CharField(_("canton / state"), max_length=4, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="offices", verbose_name=_("municipalities served"), blank=True
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Short welcome text on the public home.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    primary_color = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#0b5cad",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour like #0b5cad."))],
        help_text=_("Must keep a contrast of 4.5:1 against white."),
    )
    content_languages = models.JSONField(
        _("content languages"),
        default=list,
        blank=True,
        help_text=_('Languages the office translates its content into (codes, e.g. ["ar", "ti"]).'),
    )
    # Bumped on every change of the public directory; part of every directory cache key.
    directory_version = models.PositiveIntegerField(default=1, editable=False)
    confirmation_interval_days = models.PositiveIntegerField(
        _("confirmation interval (days)"),
        default=365,
        help_text=_("How often providers are asked to confirm their offers."),
    )
    confirmation_grace_weeks = models.PositiveIntegerField(
        _("weeks to confirm"),
        default=6,
        help_text=_("Offers not confirmed within this time are flagged to staff."),
    )
    auto_hide_unconfirmed = models.BooleanField(
        _("hide unconfirmed offers"),
        default=False,
        help_text=_("Hide offers from the public directory when their provider did not confirm in time."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offers:office_home", kwargs={"office_slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_OFFICE_SLUGS:
            errors["slug"] = _("This address is reserved. Please choose another one.")
        languages = self.content_languages if isinstance(self.content_languages, list) else []
        unknown = [code for code in languages if code not in dict(settings.LANGUAGES)]
        if unknown or not isinstance(self.content_languages, list):
            errors["content_languages"] = _("Unknown language codes: %(codes)s") % {
                "codes": ", ".join(map(str, unknown)) or "?"
            }
        if errors:
            raise ValidationError(errors)

    def bump_directory_version(self):
        Office.objects.filter(pk=self.pk).update(directory_version=F("directory_version") + 1)


class User(AbstractUser):
    """Staff user; belongs to offices through memberships."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Office administrator")
        EDITOR = "editor", _("Editor")
        COUNSELLOR = "counsellor", _("Counsellor")
        STATISTICS = "statistics", _("Statistics only")
        # Aggregates only, never a person or a single case (issue 9): the municipalities' steering group
        # sees the office's reports per municipality; the canton sees every office of its canton.
        STEERING = "steering", _("Steering group (reports only)")
        CANTON = "canton", _("Canton (aggregates of all offices)")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("office")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="membership_unique_user_office")
        ]

    def __str__(self):
        return f"{self.user} – {self.office} ({self.get_role_display()})"


class Taxonomy(models.Model):
    """A term of a shared vocabulary, named in German with optional names in other languages."""

    slug = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name (German)"), max_length=120)
    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_('e.g. {"fr": "Langue", "ar": "…"}'),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def label(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return self.name
        return (self.names or {}).get(language) or (self.names or {}).get(language.split("-")[0]) or self.name


class FieldOfAction(Taxonomy):
    """Topic area of the directory (German, work, early childhood…); contact persons per field come later."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class PromotionArea(Taxonomy):
    """Promotion area of the cantonal integration programme (KIP), e.g. 2.1 Sprache und Bildung."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta(Taxonomy.Meta):
        verbose_name = _("KIP promotion area")
        verbose_name_plural = _("KIP promotion areas")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(models.Model):
    """A language an offer is held in (any language, not only the platform's content languages)."""

    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("ISO 639 code, e.g. ti, prs."))
    name = models.CharField(_("name (German)"), max_length=80)
    native_name = models.CharField(_("native name"), max_length=80, blank=True)
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def label(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return self.name
        return (self.names or {}).get(language) or self.native_name or self.name


class Revision(models.Model):
    """One saved version of a record: a snapshot of its fields, who made it, when and what changed."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("snapshot"))
    changed_fields = models.JSONField(_("changed fields"), default=list)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="revision_unique_number"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"#{self.number}"


class AuditQuerySet(models.QuerySet):
    """The audit log is append-only: no bulk update or delete through the ORM either."""

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who read or wrote which confidential record, when and from where. Append-only; holds no personal
    data of the record itself (only its type, id and reference), so it survives anonymisation and deletion.
    On PostgreSQL a trigger refuses UPDATE and DELETE (migration core/0004)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")
        ANONYMISE = "anonymise", _("anonymised")
        DENIED = "denied", _("access denied")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("login failed")

    # An office with an audit history cannot be deleted (deactivate it instead).
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("office")
    )
    # No database constraint: deleting an account must not touch the log, which keeps its id and name.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept when the account is deleted later.
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target_type = models.CharField(_("record type"), max_length=60, blank=True)
    target_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    target_ref = models.CharField(_("reference"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["office", "-at"], name="audit_office_at"),
            models.Index(fields=["target_type", "target_id", "-at"], name="audit_target_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_type}#{self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
