"""Events: staff list (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import CONTENT_ROLES, staff_office_view


@staff_office_view(roles=CONTENT_ROLES)
def event_list(request):
    return HttpResponse("event_list")


urlpatterns = [
    path("", event_list, name="event_list"),
]
