"""KOMPAKT processes: list, create, overview with phases, working group, blocked dates, school holidays."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def process_list(request):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def process_detail(request, pk):
    raise Http404  # placeholder: built in this next step


@staff_office_view(roles=KOMPAKT_ROLES)
def member_list(request, pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("processes/", process_list, name="process_list"),
    path("processes/<int:pk>/", process_detail, name="process_detail"),
    path("processes/<int:pk>/members/", member_list, name="member_list"),
]
