"""Welcome guide: public pages (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path


def guide_index(request, office_slug):
    return HttpResponse("guide_index")


urlpatterns = [
    path("<slug:office_slug>/guide/", guide_index, name="guide_index"),
]
