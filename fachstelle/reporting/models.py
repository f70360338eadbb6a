"""Reporting (issue 9): the office's annual report — the texts the office writes for a year, and each
generated PDF/DOCX with its progress. Figures are never stored: they are computed from the data when the
report is built, through the sections of `fachstelle.reporting.sections` (all suppressed below 5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office


class ReportText(models.Model):
    """The narrative sections of an office's annual report for one year (Markdown, by section key)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="report_texts")
    year = models.PositiveSmallIntegerField(_("year"))
    sections = models.JSONField(_("texts"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("annual report texts")
        verbose_name_plural = _("annual report texts")
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="report_text_once_per_year")]

    def __str__(self):
        return f"{self.office} {self.year}"


class AnnualReport(models.Model):
    """One generation of the annual report (built in the background; the page shows its progress)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    docx = models.FileField(_("Word document"), upload_to="reports/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One report of a year in the making at a time: a second request gets a message, not a twin.
            models.UniqueConstraint(
                fields=["office", "year"],
                condition=Q(status__in=["queued", "running"]),
                name="annual_report_one_in_progress",
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.year}"
