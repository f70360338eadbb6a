from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office


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
