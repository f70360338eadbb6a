from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "fachstelle.offers"
    label = "offers"
    verbose_name = _("Offer directory")

    def ready(self):
        from . import signals  # noqa: F401
