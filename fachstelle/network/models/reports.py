from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.crypto import EncryptedCharField, EncryptedTextField
from fachstelle.core.models import Municipality, Office


class Report(models.Model):
    """A report to the reporting point (Meldestelle): a migration-specific challenge or an experience of
    discrimination. Personal data: encrypted, audited, seen by office admins and counsellors only."""

    class Category(models.TextChoices):
        DISCRIMINATION_RACISM = "racism", _("Racism or discrimination because of origin")
        DISCRIMINATION_RELIGION = "religion", _("Discrimination because of religion")
        HOUSING = "housing", _("Housing")
        WORK = "work", _("Work and training")
        SCHOOL = "school", _("School and education")
        AUTHORITIES = "authorities", _("Authorities and public services")
        PUBLIC_SPACE = "public_space", _("Public space")
        COEXISTENCE = "coexistence", _("Living together in the neighbourhood")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("Being reviewed")
        ACTION = "action", _("Measures taken")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="reports", verbose_name=_("office")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    place = EncryptedCharField(_("place"), max_length=200, blank=True)
    occurred_on = models.DateField(_("when did it happen"), null=True, blank=True)
    description = EncryptedTextField(_("what happened"), max_length=8000)
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    contact_name = EncryptedCharField(_("name"), max_length=200, blank=True)
    contact_email = EncryptedCharField(_("e-mail"), max_length=254, blank=True)
    contact_phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    triage_note = EncryptedTextField(_("internal note"), max_length=4000, blank=True)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        # A double-submitted public form stores one record (the database decides under concurrency).
        constraints = [
            models.UniqueConstraint(
                fields=["office", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="report_unique_submission",
            )
        ]
        indexes = [models.Index(fields=["office", "status", "-created_at"], name="report_inbox")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"M-{self.pk:06d}" if self.pk else ""
