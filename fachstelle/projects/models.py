"""Projects the office initiates or accompanies (seed 001): goal, partners, milestones with owners and dates,
status, budget, documents, linked grants and events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office, PromotionArea
from fachstelle.events.models import Event
from fachstelle.grants.models import Application, Currency, money_validators
from fachstelle.network.models import Organisation


class Project(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        INITIATED = "initiated", _("Initiated by the office")
        ACCOMPANIED = "accompanied", _("Accompanied by the office")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="projects", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    role = models.CharField(
        _("role of the office"), max_length=12, choices=Role.choices, default=Role.INITIATED
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project lead"),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CHF)
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True, validators=money_validators
    )
    promotion_areas = models.ManyToManyField(
        PromotionArea, blank=True, related_name="projects", verbose_name=_("KIP promotion areas")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="projects", verbose_name=_("municipalities")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="projects", verbose_name=_("partner organisations")
    )
    grant_applications = models.ManyToManyField(
        Application, blank=True, related_name="projects", verbose_name=_("linked grant applications")
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="projects", verbose_name=_("linked events")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["office", "status"], name="project_office_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    done_on = models.DateField(_("done"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ProjectDocument(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="projects/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "pk"]

    def __str__(self):
        return self.title
