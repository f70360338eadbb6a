"""Grants: the budget view of an office's programmes (all staff roles, statistics included)."""

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from fachstelle.core.staff import ALL_STAFF_ROLES, staff_office_view

from ..models import FundingProgramme
from ..selectors.budget import (
    PENDING_SHOWN,
    budget_years,
    office_budget_overview,
    programme_budget,
    programme_grant_rows,
    programme_pending_applications,
)


@staff_office_view(roles=ALL_STAFF_ROLES)
def budget_overview(request):
    years = budget_years(request.office)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None:
        today_year = timezone.localdate().year
        year = today_year if (today_year in years or not years) else years[0]
    overview = office_budget_overview(request.office, year)
    return render(
        request,
        "grants/staff/budget_overview.html",
        {"nav": "grants", "overview": overview, "years": years, "year": year},
    )


@staff_office_view(roles=ALL_STAFF_ROLES)
def programme_budget_detail(request, pk: int):
    programme = get_object_or_404(FundingProgramme, office=request.office, pk=pk)
    return render(
        request,
        "grants/staff/budget_programme.html",
        {
            "nav": "grants",
            "programme": programme,
            "figures": programme_budget(programme),
            "grant_page": programme_grant_rows(programme, page=request.GET.get("page")),
            "pending": list(programme_pending_applications(programme)[: PENDING_SHOWN + 1]),
            "pending_shown": PENDING_SHOWN,
        },
    )


urlpatterns = [
    path("budget/", budget_overview, name="budget_overview"),
    path("programmes/<int:pk>/budget/", programme_budget_detail, name="programme_budget_detail"),
]
