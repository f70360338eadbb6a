"""KOMPAKT (seed 002): the municipality portrait from population statistics and the directory's offers; later
the working group, workshops, catalogue of proven offers and the municipal integration programme.

Population statistics are stored pre-aggregated in the shape of the federal STATPOP tables: one row per
municipality, year, nationality, permit category, five-year age group and sex with its count. That is what
the portrait needs (nationalities, permits, age pyramid by nationality group) and what the federal office
publishes per municipality; finer cuts (single years of age, marital status) would multiply the rows without
serving any chart."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office


class Permit(models.TextChoices):
    """Residence status as in STATPOP: Swiss citizens, then the foreign nationals' permit categories."""

    SWISS = "CH", _("Swiss citizens")
    C = "C", _("Settlement permit (C)")
    B = "B", _("Residence permit (B)")
    L = "L", _("Short-term residence permit (L)")
    F = "F", _("Provisionally admitted (F)")
    N = "N", _("Asylum seekers (N)")
    OTHER = "other", _("Other / not stated")


class Sex(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


# Five-year age groups as published: "0-4", "5-9", …, "85-89", "90+" (the code is the lower bound).
AGE_GROUPS = [(lower, f"{lower}–{lower + 4}" if lower < 90 else "90+") for lower in range(0, 95, 5)]


class PopulationFigure(models.Model):
    """Residents of one municipality in one year with one nationality, permit, age group and sex."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="population_figures",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    nationality = models.CharField(
        _("nationality"),
        max_length=3,
        help_text=_("ISO 3166 alpha-2 code; CH for Swiss citizens; XX unknown."),
    )
    permit = models.CharField(_("residence status"), max_length=5, choices=Permit.choices)
    age_group = models.PositiveSmallIntegerField(_("age group (lower bound)"), choices=AGE_GROUPS)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    count = models.PositiveIntegerField(_("persons"))
    source_import = models.ForeignKey(
        "StatisticsImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "nationality", "permit", "age_group", "sex"],
                name="population_figure_unique_cell",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "year"], name="population_municipality_year")]

    def __str__(self):
        return f"{self.municipality} {self.year} {self.nationality}/{self.permit}/{self.age_group}/{self.sex}"


class StatisticsImport(models.Model):
    """One uploaded statistics file: what it contained, what was imported, and every row's problems."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not imported")
        IMPORTED = "imported", _("Imported")
        REJECTED = "rejected", _("Rejected (errors)")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="statistics_imports", verbose_name=_("office")
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=20, default="statpop")
    years = models.JSONField(_("years"), default=list)
    municipalities = models.PositiveIntegerField(_("municipalities"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CHECKED)
    is_demo = models.BooleanField(_("demo figures"), default=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("statistics import")
        verbose_name_plural = _("statistics imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name


class ColumnMapping(models.Model):
    """How an office's statistics files name their columns (German district statistics differ from STATPOP):
    {"municipality": "Gemeindeschlüssel", "year": "Jahr", …}; empty: the documented STATPOP headers."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="statistics_mapping", verbose_name=_("office")
    )
    columns = models.JSONField(_("column names"), default=dict, blank=True)
    values = models.JSONField(
        _("value translations"),
        default=dict,
        blank=True,
        help_text=_(
            'Codes of the file mapped to ours, e.g. {"sex": {"1": "m", "2": "f"}, "permit": {"D": "CH"}}.'
        ),
    )

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self):
        return str(self.office)


class Portrait(models.Model):
    """The written municipality portrait: the office's narrative sections around the computed figures.
    Placeholders like {population} or {foreign_share} in a section are filled from the statistics."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="portraits", verbose_name=_("office")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="portraits", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("statistics year"))
    sections = models.JSONField(_("narrative sections"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("municipality portrait")
        verbose_name_plural = _("municipality portraits")
        constraints = [
            models.UniqueConstraint(fields=["office", "municipality"], name="portrait_one_per_municipality"),
            models.CheckConstraint(condition=Q(year__gte=1900), name="portrait_year_plausible"),
        ]

    def __str__(self):
        return f"{self.municipality} ({self.year})"
