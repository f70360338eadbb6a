from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office


class KeyPerson(models.Model):
    """A key person (Schlüsselperson): a multiplier and mediator with a migration background."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="key_persons", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="key_persons", verbose_name=_("municipalities")
    )
    topics = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="key_persons", verbose_name=_("topics")
    )
    countries = models.JSONField(
        _("countries reached"), default=list, blank=True, help_text=_("ISO codes, e.g. ER, SY.")
    )
    communities = models.CharField(_("communities reached"), max_length=300, blank=True)
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    trainings = models.TextField(_("trainings attended"), blank=True)
    consent_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_listed = models.BooleanField(_("agrees to be listed"), default=False)
    public_profile = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Shown on the public contact page (needs consent to be listed)."),
    )
    public_bio = models.TextField(_("public text"), blank=True)
    mailing_opt_out = models.BooleanField(_("no mailings"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("key person")
        verbose_name_plural = _("key persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(public_profile=True) | models.Q(consent_listed=True),
                name="key_person_public_needs_consent",
            )
        ]

    def __str__(self):
        return self.name


class KeyPersonLanguage(models.Model):
    class Level(models.TextChoices):
        NATIVE = "native", _("mother tongue")
        FLUENT = "fluent", _("fluent")
        GOOD = "good", _("good")
        BASIC = "basic", _("basic")

    key_person = models.ForeignKey(
        KeyPerson, on_delete=models.CASCADE, related_name="languages", verbose_name=_("key person")
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.FLUENT)

    class Meta:
        verbose_name = _("language of the key person")
        verbose_name_plural = _("languages of the key person")
        constraints = [
            models.UniqueConstraint(fields=["key_person", "language"], name="key_person_language_unique")
        ]
        indexes = [models.Index(fields=["language", "key_person"], name="key_person_language_idx")]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class Assignment(models.Model):
    """A job of a key person (Vermittlungseinsatz)."""

    key_person = models.ForeignKey(
        KeyPerson, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("key person")
    )
    date = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=300)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(24)],
    )
    compensation = models.DecimalField(
        _("compensation"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="assignment_hours_positive"),
        ]

    def __str__(self):
        return f"{self.date} {self.purpose}"
