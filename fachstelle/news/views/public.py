"""News: public list (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path


def news_list(request, office_slug):
    return HttpResponse("news_list")


urlpatterns = [
    path("<slug:office_slug>/news/", news_list, name="news_list"),
]
