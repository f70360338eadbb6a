from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.crypto import EncryptedTextField
from fachstelle.core.models import Language, Office


class Interpreter(models.Model):
    """An intercultural interpreter of the office's pool."""

    class Qualification(models.TextChoices):
        INTERPRET_CERTIFICATE = "interpret_certificate", _("INTERPRET certificate")
        FEDERAL_DIPLOMA = "federal_diploma", _("Federal diploma (intercultural interpreting)")
        IN_TRAINING = "in_training", _("In training")
        COURT_CERTIFIED = "court_certified", _("Certified court interpreter")
        NONE = "none", _("No formal qualification")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="interpreters", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    qualification = models.CharField(
        _("qualification"), max_length=30, choices=Qualification.choices, default=Qualification.NONE
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    availability = models.TextField(_("availability"), blank=True, help_text=_("e.g. Mon–Wed mornings"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["name"]

    def __str__(self):
        return self.name


class InterpreterLanguage(models.Model):
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.CASCADE, related_name="languages", verbose_name=_("interpreter")
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    dialect = models.CharField(_("dialect"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("interpreting language")
        verbose_name_plural = _("interpreting languages")
        constraints = [
            models.UniqueConstraint(
                fields=["interpreter", "language", "dialect"], name="interpreter_language_unique"
            )
        ]

    def __str__(self):
        return f"{self.language} {self.dialect}".strip()


class InterpreterBooking(models.Model):
    """A request for an interpreter for a counselling session (or another appointment of a case)."""

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="interpreter_bookings", verbose_name=_("office")
    )
    case = models.ForeignKey(
        "counselling.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreter_bookings",
        verbose_name=_("case"),
    )
    session = models.ForeignKey(
        "counselling.CounsellingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreter_bookings",
        verbose_name=_("session"),
    )
    interpreter = models.ForeignKey(
        Interpreter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("interpreter"),
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    dialect = models.CharField(_("dialect"), max_length=80, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    cost = models.DecimalField(
        _("cost"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty: hourly rate × duration."),
    )
    note = EncryptedTextField(_("note"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("interpreter booking")
        verbose_name_plural = _("interpreter bookings")
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["office", "date"], name="booking_office_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15) & models.Q(duration_minutes__lte=480),
                name="booking_duration_range",
            )
        ]

    def __str__(self):
        return f"{self.date} {self.language}"
