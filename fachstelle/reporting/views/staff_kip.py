"""KIP reporting: activity and money by KIP promotion area, CSV/XLSX."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import REPORTING_ROLES, staff_office_view


@staff_office_view(roles=REPORTING_ROLES)
def kip_report(request):
    raise Http404  # placeholder: built in issue 9's next step


urlpatterns = [
    path("kip/", kip_report, name="kip_report"),
]
