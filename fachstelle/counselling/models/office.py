from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office

# Swiss residence permit categories (DOMAIN.md); German offices configure their own list.
SWISS_PERMITS = [
    ("CH", _("Swiss citizen")),
    ("L", _("L – short-term residence")),
    ("B", _("B – residence")),
    ("C", _("C – settlement")),
    ("Ci", _("Ci – family of international officials")),
    ("G", _("G – cross-border commuter")),
    ("F", _("F – provisionally admitted")),
    ("N", _("N – asylum seeker")),
    ("S", _("S – protection status")),
]
GERMAN_PERMITS = [
    ("DE", _("German citizen")),
    ("EU", _("EU citizen (freedom of movement)")),
    ("AE", _("Residence permit (Aufenthaltserlaubnis)")),
    ("NE", _("Settlement permit (Niederlassungserlaubnis)")),
    ("AG", _("Permission to reside (Aufenthaltsgestattung)")),
    ("DU", _("Toleration (Duldung)")),
    ("P24", _("Temporary protection (§ 24 AufenthG)")),
]


class CounsellingSettings(models.Model):
    """Per-office settings of counselling: the legal texts differ (cantonal acts in Switzerland, the GDPR
    in Germany), and so do permit categories and how long closed cases are kept."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="counselling_settings", verbose_name=_("office")
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep closed cases (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Closed cases are anonymised automatically after this period; statistics survive."),
    )
    intake_notice = models.TextField(
        _("data protection notice at intake"),
        blank=True,
        help_text=_(
            "Legal basis and rights of the person, shown on the intake form (e.g. cantonal IDAG, GDPR)."
        ),
    )
    permit_categories = models.JSONField(
        _("residence permit categories"),
        default=list,
        blank=True,
        help_text=_('Own list as [["code", "name"], …]; empty: the list of the office\'s country.'),
    )

    class Meta:
        verbose_name = _("counselling settings")
        verbose_name_plural = _("counselling settings")

    def __str__(self):
        return str(self.office)


def permit_choices(office: Office) -> list[tuple[str, str]]:
    """The permit categories an intake of `office` may use."""
    own = getattr(getattr(office, "counselling_settings", None), "permit_categories", None)
    if own:
        return [(str(code), str(name)) for code, name in own]
    return GERMAN_PERMITS if office.country == "DE" else SWISS_PERMITS


class PersonalDataExport(models.Model):
    """An export of personal data (case list, subject access): a password-protected archive produced in the
    background, downloadable by the person who asked for it, deleted after PERSONAL_EXPORT_DAYS."""

    class Kind(models.TextChoices):
        CASE_LIST = "case_list", _("Case list")
        SUBJECT_ACCESS = "subject_access", _("Subject access (everything about one person)")
        AUDIT_LOG = "audit_log", _("Audit log")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Deleted (expired)")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    client = models.ForeignKey(
        "counselling.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    expires_at = models.DateTimeField(_("deleted on"))

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
