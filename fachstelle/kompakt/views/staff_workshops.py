"""KOMPAKT workshops: the plan generator, sessions, invitations with ICS, and the effort estimate."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_plan(request, pk):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def effort_estimate(request, pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("processes/<int:pk>/workshops/", workshop_plan, name="workshop_plan"),
    path("processes/<int:pk>/effort/", effort_estimate, name="effort_estimate"),
]
