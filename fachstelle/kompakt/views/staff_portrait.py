"""KOMPAKT: municipality portraits (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_list(request):
    return HttpResponse("portrait_list")


urlpatterns = [
    path("", portrait_list, name="portrait_list"),
]
