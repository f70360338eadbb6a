from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background work and scheduled jobs: the list of periodic commands and their systemd timers."""

    name = "fachstelle.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
