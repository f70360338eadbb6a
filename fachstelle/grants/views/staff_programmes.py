"""Grants: funding programmes (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import GRANT_ROLES, staff_office_view


@staff_office_view(roles=GRANT_ROLES)
def programme_list(request):
    return HttpResponse("programme_list")


urlpatterns = [
    path("", programme_list, name="programme_list"),
]
