"""The canton's catalogue of proven offers: browse (every office), maintain (canton-level office)."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_list(request):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_detail(request, entry_pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("catalogue/", catalogue_list, name="catalogue_list"),
    path("catalogue/<int:entry_pk>/", catalogue_detail, name="catalogue_detail"),
]
