"""Welcome guide: staff page tree (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path

from fachstelle.core.staff import CONTENT_ROLES, staff_office_view


@staff_office_view(roles=CONTENT_ROLES)
def page_list(request):
    return HttpResponse("page_list")


urlpatterns = [
    path("", page_list, name="page_list"),
]
