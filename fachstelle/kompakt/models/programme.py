"""The municipal integration programme (seed 002, structure of the canton's "Mustervorlage"): goals,
challenges, measures with responsible body, timeline, cost, funding and indicators; versioned. After
adoption the same measures are tracked: status, indicator values per year, the working group's
quality-assurance meetings and the canton's contribution to selected measures."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import PromotionArea, TargetGroup

from .catalogue import CatalogueEntry
from .process import NeedForAction, Process, WorkingGroupMember

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the municipal council")
        ADOPTED = "adopted", _("Adopted")

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="programme")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    starting_point = models.TextField(
        _("starting point"), blank=True, help_text=_("Markdown; placeholders of the portrait are filled in.")
    )
    challenges = models.TextField(_("challenges"), blank=True, help_text=_("Markdown."))
    period_start = models.PositiveSmallIntegerField(
        _("programme from (year)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period_end = models.PositiveSmallIntegerField(
        _("programme until (year)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("e.g. Gemeinderat")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("integration programme")
        verbose_name_plural = _("integration programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="programme_period_ordered"
            ),
        ]

    def __str__(self):
        return self.title


class Goal(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    promotion_area = models.ForeignKey(
        PromotionArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("KIP promotion area"),
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField(
        NeedForAction, blank=True, related_name="goals", verbose_name=_("needs for action addressed")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.title


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Implemented")
        POSTPONED = "postponed", _("Postponed")
        DROPPED = "dropped", _("Dropped")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal"),
    )
    need = models.ForeignKey(
        NeedForAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("need for action"),
    )
    catalogue_entry = models.ForeignKey(
        CatalogueEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("from the catalogue"),
    )
    promotion_area = models.ForeignKey(
        PromotionArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("KIP promotion area")
    )
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    responsible = models.CharField(
        _("responsible body"), max_length=200, help_text=_("e.g. Gemeinderat, Schule, Sozialdienst")
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    cost_once = models.DecimalField(_("one-off cost"), default=Decimal("0"), **MONEY)
    cost_yearly = models.DecimalField(_("yearly cost"), default=Decimal("0"), **MONEY)
    funding_municipality = models.DecimalField(_("funded by the municipality"), default=Decimal("0"), **MONEY)
    funding_canton = models.DecimalField(_("canton's KIP contribution"), default=Decimal("0"), **MONEY)
    funding_third_party = models.DecimalField(_("third-party funding"), default=Decimal("0"), **MONEY)
    funding_note = models.CharField(_("note on funding"), max_length=300, blank=True)
    priority = models.CharField(
        _("priority"),
        max_length=10,
        choices=NeedForAction.Priority.choices,
        default=NeedForAction.Priority.MEDIUM,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """How the working group sees whether a measure works; reported once a year."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200, help_text=_("e.g. participants per year"))
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. persons, %, courses"))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure", "pk"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reported_at = models.DateTimeField(_("reported"), auto_now=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_value_once_per_year"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class ProgrammeVersion(models.Model):
    """A saved state of the programme (all texts, goals and measures as JSON) with who saved it and why;
    the history compares consecutive versions."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    comment = models.CharField(_("what changed"), max_length=300, blank=True)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.programme} v{self.number}"


class QualityMeeting(models.Model):
    """A quality-assurance meeting of the working group during implementation."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="quality_meetings")
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        WorkingGroupMember, blank=True, related_name="+", verbose_name=_("present")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions and next steps"), blank=True)
    measures_reviewed = models.ManyToManyField(
        Measure, blank=True, related_name="quality_meetings", verbose_name=_("measures reviewed")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("quality-assurance meeting")
        verbose_name_plural = _("quality-assurance meetings")
        ordering = ["process", "-held_on"]

    def __str__(self):
        return f"{self.process} {self.held_on}"


class CantonContribution(models.Model):
    """The canton's financial contribution to a selected measure, per year (seed 002)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="canton_contributions")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("canton contribution")
        verbose_name_plural = _("canton contributions")
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="canton_contribution_once_per_year"),
        ]

    def __str__(self):
        return f"{self.measure} {self.year}: {self.amount}"
