"""The office dashboard: every area's figures for a period and municipality, each chart with its table."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import REPORTING_ROLES, staff_office_view


@staff_office_view(roles=REPORTING_ROLES)
def dashboard(request):
    raise Http404  # placeholder: built in issue 9's next step


urlpatterns = [
    path("", dashboard, name="dashboard"),
]
