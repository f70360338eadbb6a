from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office


class Mailing(models.Model):
    """An e-mail to a segment of the network, sent in the background with a status per recipient."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="mailings", verbose_name=_("office")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    # The segment: {"kinds": [...], "fields": [slugs], "municipalities": [bfs numbers],
    # "key_person_languages": [codes], "include": ["organisations", "contacts", "key_persons"]}.
    segment = models.JSONField(_("recipients"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class MailingRecipient(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed)")

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("mailing")
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    # What the address belongs to ("organisation:12", "contact:7", "key_person:3"): an unsubscribe sets the
    # opt-out on that record.
    source = models.CharField(max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["mailing", "email"], name="mailing_recipient_unique")]

    def __str__(self):
        return self.email


class MailingOptOut(models.Model):
    """An address that unsubscribed from an office's mailings (kept even if the record is deleted)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office"))
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(_("unsubscribed"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribe")
        verbose_name_plural = _("unsubscribes")
        constraints = [models.UniqueConstraint(fields=["office", "email"], name="mailing_opt_out_unique")]

    def __str__(self):
        return self.email
