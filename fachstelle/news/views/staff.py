"""News: staff list (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import CONTENT_ROLES, staff_office_view


@staff_office_view(roles=CONTENT_ROLES)
def item_list(request):
    return HttpResponse("item_list")


urlpatterns = [
    path("", item_list, name="item_list"),
]
