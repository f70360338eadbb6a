"""Grants: the public list of funded projects and the applicant's decision letter download."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path

from fachstelle.core.models import Municipality
from fachstelle.core.tenancy import office_get_public

from ..letters import letter_filename, letter_pdf
from ..models import Application, FundingProgramme, Grant

# Grants that count as funded on the public list.
LISTED_STATUSES = (
    Grant.Status.APPROVED,
    Grant.Status.REPORT_DUE,
    Grant.Status.REPORT_SUBMITTED,
    Grant.Status.SETTLED,
    Grant.Status.CLOSED,
)


def funded_grants(*, office, year: int | None):
    """Grants the public may see: programme publishes, sponsor consented, staff listed it (3 queries)."""
    grants = (
        Grant.objects.filter(
            programme__office=office,
            programme__publish_funded_projects=True,
            application__publish_consent=True,
            publish=True,
            status__in=LISTED_STATUSES,
        )
        .select_related("application__promotion_area", "programme")
        .prefetch_related(
            Prefetch(
                "application__municipalities",
                queryset=Municipality.objects.only("pk", "name").order_by("name"),
            )
        )
        .order_by("-programme__year", "programme__name", "application__project_title", "pk")
    )
    if year:
        grants = grants.filter(programme__year=year)
    return grants


def funded_list(request, office_slug):
    office = office_get_public(slug=office_slug)
    years = list(
        FundingProgramme.objects.filter(office=office, publish_funded_projects=True, grants__publish=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    try:
        year = int(request.GET.get("year", "")) or None
    except ValueError:
        year = None
    grants = list(funded_grants(office=office, year=year))
    return render(
        request,
        "grants/public/funded_list.html",
        {"office": office, "public_nav": "grants", "grants": grants, "years": years, "year": year},
    )


def letter_download_public(request, office_slug, token):
    """The decision letter through the applicant's personal link."""
    office = office_get_public(slug=office_slug)
    application = (
        Application.objects.select_related("office", "programme", "decided_by")
        .filter(office=office, token=token)
        .first()
    )
    if application is None or application.status not in (
        Application.Status.APPROVED,
        Application.Status.REJECTED,
    ):
        raise Http404("No decision")
    grant = Grant.objects.filter(application=application).first()
    content = grant.letter.read() if grant is not None and grant.letter else letter_pdf(application)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter_filename(application)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


urlpatterns = [
    path("<slug:office_slug>/grants/funded/", funded_list, name="funded_list"),
    path(
        "<slug:office_slug>/grants/application/<str:token>/letter.pdf",
        letter_download_public,
        name="letter_download",
    ),
]
