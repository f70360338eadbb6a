"""The annual report: the office's texts, generation in the background with progress, PDF and DOCX."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import REPORTING_ROLES, staff_office_view


@staff_office_view(roles=REPORTING_ROLES)
def annual_report(request):
    raise Http404  # placeholder: built in issue 9's next step


urlpatterns = [
    path("annual/", annual_report, name="annual_report"),
]
