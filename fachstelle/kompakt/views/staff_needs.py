"""KOMPAKT workshop minutes and the needs for action per KIP area, with catalogue suggestions."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def need_list(request, pk):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_minutes(request, workshop_pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("processes/<int:pk>/needs/", need_list, name="need_list"),
    path("workshops/<int:workshop_pk>/minutes/", workshop_minutes, name="workshop_minutes"),
]
