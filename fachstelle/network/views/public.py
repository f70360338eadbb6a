"""Public pages of the network (placeholder until built): contact persons, inquiry form, reporting point,
unsubscribe."""

from django.http import HttpResponse
from django.urls import path


def placeholder(request, **kwargs):
    return HttpResponse("…")


urlpatterns = [
    path("<slug:office_slug>/contact/", placeholder, name="contact_page"),
    path("<slug:office_slug>/inquiry/", placeholder, name="inquiry_create"),
    path("<slug:office_slug>/report/", placeholder, name="report_create"),
    path("<slug:office_slug>/unsubscribe/<str:token>/", placeholder, name="unsubscribe"),
]
