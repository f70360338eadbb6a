"""Projects of the office (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import PROJECT_ROLES, staff_office_view


@staff_office_view(roles=PROJECT_ROLES)
def project_list(request):
    return HttpResponse("project_list")


urlpatterns = [
    path("", project_list, name="project_list"),
]
