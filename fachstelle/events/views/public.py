"""Events: public calendar (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path


def event_list(request, office_slug):
    return HttpResponse("event_list")


urlpatterns = [
    path("<slug:office_slug>/events/", event_list, name="event_list"),
]
