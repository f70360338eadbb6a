"""The municipal integration programme: goals, challenges, measures, versions, PDF and DOCX."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_detail(request, pk):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def measure_add_from_catalogue(request, pk, entry_pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("processes/<int:pk>/programme/", programme_detail, name="programme_detail"),
    path(
        "processes/<int:pk>/programme/from-catalogue/<int:entry_pk>/",
        measure_add_from_catalogue,
        name="measure_add_from_catalogue",
    ),
]
