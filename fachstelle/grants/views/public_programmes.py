"""Grants: open programmes and funded projects (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path


def programme_list(request, office_slug):
    return HttpResponse("programme_list")


urlpatterns = [
    path("<slug:office_slug>/grants/", programme_list, name="programme_list"),
]
