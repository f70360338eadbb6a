from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Municipality, Office


class Organisation(models.Model):
    """An institution, association or authority of the network; providers of offers are organisations."""

    class Kind(models.TextChoices):
        AUTHORITY = "authority", _("Authority")
        MAINSTREAM_SERVICE = (
            "mainstream_service",
            _("Mainstream service (school, social services, job centre…)"),
        )
        ASSOCIATION = "association", _("Association")
        CHURCH = "church", _("Church / religious community")
        NGO = "ngo", _("Non-profit organisation")
        EMPLOYER = "employer", _("Employer")
        MIGRANT_ASSOCIATION = "migrant_association", _("Cultural or migrant association")
        VOLUNTEER_GROUP = "volunteer_group", _("Volunteer group")
        OTHER = "other", _("Other")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public page"),
        default=True,
        help_text=_("Show a public page of this organisation in the directory."),
    )
    confirmation_email = models.EmailField(
        _("e-mail for offer confirmation"),
        blank=True,
        help_text=_("Receives the yearly request to confirm the offers. Empty: the general e-mail is used."),
    )
    last_confirmed_at = models.DateTimeField(_("offers last confirmed"), null=True, blank=True)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="organisations", verbose_name=_("fields of action")
    )
    municipalities_served = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="organisations_serving",
        verbose_name=_("municipalities served"),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    tags = models.JSONField(
        _("tags"), default=list, blank=True, help_text=_("Free keywords, e.g. Arbeitskreis.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Mailings to the organisation's general address stop after an unsubscribe.
    mailing_opt_out = models.BooleanField(_("no mailings"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["office", "slug"], name="organisation_unique_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offers:provider_detail", kwargs={"office_slug": self.office.slug, "slug": self.slug})

    @property
    def confirmation_recipient(self) -> str:
        return self.confirmation_email or self.email


class Contact(models.Model):
    """A person at an organisation (role, e-mail, phone)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("main contact"), default=False)
    mailing_opt_out = models.BooleanField(_("no mailings"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["-is_primary", "name"]

    def __str__(self):
        return self.name


class Relation(models.Model):
    """Who works with whom on what: an edge of the network map."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office"))
    source = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("organisation")
    )
    target = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("works with")
    )
    topic = models.CharField(_("on what"), max_length=200)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of action"),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="relation_not_self"),
            models.UniqueConstraint(fields=["source", "target", "topic"], name="relation_unique"),
        ]

    def __str__(self):
        return f"{self.source} – {self.target}"
