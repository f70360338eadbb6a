"""Implementation tracking: measure status, yearly indicators, QA meetings, canton contributions."""

from django.http import Http404
from django.urls import path

from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view


@staff_office_view(roles=KOMPAKT_ROLES)
def implementation(request, pk):
    raise Http404  # placeholder: built in this next step


urlpatterns = [
    path("processes/<int:pk>/implementation/", implementation, name="implementation"),
]
