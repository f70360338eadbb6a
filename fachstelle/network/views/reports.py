"""Reporting point: triage and statistics (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import PERSONAL_DATA_ROLES, staff_office_view


@staff_office_view(PERSONAL_DATA_ROLES)
def placeholder(request, **kwargs):
    return HttpResponse("…")


urlpatterns = [
    path("reports/", placeholder, name="report_list"),
]
