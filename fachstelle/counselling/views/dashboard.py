"""The counsellor's desk: my open cases, due reminders, upcoming interpreter bookings, quick search."""

from django.shortcuts import render
from django.urls import path

from ..access import staff_office_view
from ..selectors.cases import dashboard_for_user


@staff_office_view()
def dashboard(request):
    desk = dashboard_for_user(user=request.user, office=request.office)
    return render(request, "counselling/dashboard/dashboard.html", {"nav": "dashboard", "desk": desk})


urlpatterns = [
    path("", dashboard, name="dashboard"),
]
