from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.crypto import EncryptedCharField, EncryptedTextField
from fachstelle.core.models import FieldOfAction, Language, Municipality, Office


class FieldContact(models.Model):
    """The staff member responsible for a field of action in an office (and the deputy): inquiries of that
    field are routed to them, and the public contact page shows them."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="field_contacts", verbose_name=_("office")
    )
    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.PROTECT, related_name="+", verbose_name=_("field of action")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible")
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy"),
    )
    public_title = models.CharField(_("title shown"), max_length=120, blank=True)
    public_phone = models.CharField(_("phone shown"), max_length=40, blank=True)
    public_email = models.EmailField(_("e-mail shown"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    photo = models.ImageField(_("photo"), upload_to="contacts/", blank=True)

    class Meta:
        verbose_name = _("contact person of a field of action")
        verbose_name_plural = _("contact persons of the fields of action")
        ordering = ["field_of_action__order"]
        constraints = [
            models.UniqueConstraint(fields=["office", "field_of_action"], name="field_contact_unique")
        ]

    def __str__(self):
        return f"{self.field_of_action}: {self.person}"


class Inquiry(models.Model):
    """A question from the public (resident, employer, association), routed by field of action."""

    class SenderType(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        EMPLOYER = "employer", _("Employer")
        ASSOCIATION = "association", _("Association or institution")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("office")
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
        help_text=_("Empty: the triage inbox."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    sender_type = models.CharField(
        _("I am"), max_length=20, choices=SenderType.choices, default=SenderType.RESIDENT
    )
    name = EncryptedCharField(_("name"), max_length=200)
    email = EncryptedCharField(_("e-mail"), max_length=254)
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="de")
    subject = models.CharField(_("subject"), max_length=200)
    message = EncryptedTextField(_("message"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Public-form duplicate protection (fachstelle.core.public_forms).
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]
        # A double-submitted public form stores one record (the database decides under concurrency).
        constraints = [
            models.UniqueConstraint(
                fields=["office", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="inquiry_unique_submission",
            )
        ]
        indexes = [
            models.Index(fields=["office", "status", "-created_at"], name="inquiry_inbox"),
            models.Index(fields=["office", "assigned_to", "status"], name="inquiry_assigned"),
            models.Index(fields=["office", "due_on"], name="inquiry_due"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"A-{self.pk:06d}" if self.pk else ""


class InquiryMessage(models.Model):
    """One message of an inquiry's thread: the question, staff replies (sent by e-mail), internal notes."""

    class Kind(models.TextChoices):
        INCOMING = "incoming", _("Incoming")
        REPLY = "reply", _("Reply sent")
        NOTE = "note", _("Internal note")

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="messages", verbose_name=_("inquiry")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body = EncryptedTextField(_("text"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
