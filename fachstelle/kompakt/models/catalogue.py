"""The catalogue of proven, transferable integration offers (seed 002), maintained by a canton-level office
and visible to every office. Each entry names examples in municipalities, linked to real directory offers
where they exist; the working group picks from it for each need for action."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Municipality, Office, PromotionArea, TargetGroup


class CatalogueEntry(models.Model):
    class Effort(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
        verbose_name=_("maintained by"),
        limit_choices_to={"kind": "cantonal"},
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    promotion_area = models.ForeignKey(
        PromotionArea,
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
        verbose_name=_("KIP promotion area"),
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="catalogue_entries", verbose_name=_("fields of action")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="catalogue_entries", verbose_name=_("target groups")
    )
    effort = models.CharField(_("effort"), max_length=10, choices=Effort.choices, default=Effort.MEDIUM)
    effort_note = models.CharField(
        _("effort in detail"), max_length=300, blank=True, help_text=_("e.g. 2 hours a week for coordination")
    )
    cost_min = models.DecimalField(
        _("cost from (per year)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost_max = models.DecimalField(
        _("cost up to (per year)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost_note = models.CharField(_("note on cost"), max_length=300, blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    # Words that identify such an offer in the directory (e.g. "Deutschkurs", "Elterncafé"): a municipality
    # "already has" an entry when one of its running offers is an example of it or matches these.
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue of proven offers")
        ordering = ["promotion_area__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True)
                | Q(cost_max__isnull=True)
                | Q(cost_max__gte=models.F("cost_min")),
                name="catalogue_cost_range_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class CatalogueExample(models.Model):
    """Where an entry already runs: a municipality, optionally the directory offer that shows it."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="examples")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    offer = models.ForeignKey(
        "offers.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_examples",
        verbose_name=_("offer in the directory"),
    )
    description = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["entry", "municipality__name"]

    def __str__(self):
        return f"{self.entry} – {self.municipality}"
