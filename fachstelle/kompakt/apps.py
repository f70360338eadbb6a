from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KompaktConfig(AppConfig):
    name = "fachstelle.kompakt"
    label = "kompakt"
    verbose_name = _("KOMPAKT: municipal integration programmes")
