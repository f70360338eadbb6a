"""Organisations, contacts, relations, network map (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import ALL_STAFF_ROLES, staff_office_view


@staff_office_view(ALL_STAFF_ROLES)
def placeholder(request, **kwargs):
    return HttpResponse("…")


urlpatterns = [
    path("", placeholder, name="home"),
    path("organisations/", placeholder, name="organisation_list"),
]
