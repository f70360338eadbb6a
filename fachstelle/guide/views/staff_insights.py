"""Welcome guide, staff side: what readers say ("was this page helpful?") and how often each page is read,
per language and year (counted on our own server), with a CSV download."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fachstelle.core.languages import NATIVE_NAMES
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view
from fachstelle.core.tabular import download_response

from .. import selectors, services
from ..forms import YearForm


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def feedback_list(request):
    office = request.office
    page = None
    raw_page = request.GET.get("page_id", "")
    if raw_page.isdigit():
        page = selectors.guide_page_for_staff(office=office, pk=int(raw_page))
    include_done = request.GET.get("done") == "1"
    return render(
        request,
        "guide/staff/feedback_list.html",
        {
            "nav": "guide",
            "rows": selectors.feedback_summary(office=office),
            "comments": selectors.feedback_comments(office=office, page=page, include_done=include_done),
            "selected_page": page,
            "include_done": include_done,
            "language_names": NATIVE_NAMES,
        },
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def feedback_done(request, pk: int):
    feedback = selectors.feedback_for_staff(office=request.office, pk=pk)
    services.page_feedback_mark_done(feedback=feedback, done=request.POST.get("done", "1") == "1")
    messages.success(request, _("The feedback was marked as dealt with."))
    back = request.POST.get("next", "")
    base = reverse("guide:feedback_list", kwargs={"office_slug": request.office.slug})
    # Only back to the feedback list itself (no open redirect).
    return redirect(back if back.startswith(base) else base)


def _year(request) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return timezone.localdate().year


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def statistics(request):
    stats = selectors.guide_statistics(office=request.office, year=_year(request))
    return render(
        request,
        "guide/staff/statistics.html",
        {
            "nav": "guide",
            "stats": stats,
            "language_names": [(code, NATIVE_NAMES.get(code, code)) for code in stats.languages],
        },
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def statistics_csv(request):
    stats = selectors.guide_statistics(office=request.office, year=_year(request))
    rows = [*stats.csv_rows(), ["", _("Total"), *stats.totals, stats.total]]
    return download_response(
        file_type="csv",
        filename=f"guide-views-{request.office.slug}-{stats.year}",
        headers=[_("Page id"), _("Page"), *stats.languages, _("Total")],
        rows=rows,
    )


urlpatterns = [
    path("feedback/", feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/done/", feedback_done, name="feedback_done"),
    path("statistics/", statistics, name="statistics"),
    path("statistics.csv", statistics_csv, name="statistics_csv"),
]
