"""The steering group's view: the member municipalities side by side."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import STEERING_ROLES, staff_office_view


@staff_office_view(roles=STEERING_ROLES)
def steering(request):
    raise Http404  # placeholder: built in issue 9's next step


urlpatterns = [
    path("steering/", steering, name="steering"),
]
