"""The canton's view: anonymised aggregates of every office of the canton, compared; combined KIP report."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import CANTON_ROLES, staff_office_view


@staff_office_view(roles=CANTON_ROLES)
def canton_overview(request):
    raise Http404  # placeholder: built in issue 9's next step


urlpatterns = [
    path("canton/", canton_overview, name="canton_overview"),
]
