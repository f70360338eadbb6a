"""The canton's view: anonymised aggregates of every office of the canton, compared; the canton's
municipalities; the combined KIP report with CSV/XLSX. Only for members of a cantonal office (the canton
role, and the office's admins and statistics role); never personal data, never a single case."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Office
from fachstelle.core.staff import CANTON_ROLES, staff_office_view
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD

from ..filters import ReportFilterForm
from ..selectors.canton import canton_municipalities, canton_offices, office_comparison_computed
from ..selectors.kip import HOURS, MONEY_KIND, kip_table
from .staff_kip import export_format, kip_download


class CantonFilterForm(ReportFilterForm):
    """The period only: the canton compares whole offices (a municipality belongs to one of them)."""

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, office=office, **kwargs)
        del self.fields["municipality"]


def canton_filters(request, *, office: Office):
    form = CantonFilterForm(request.GET or None, office=office)
    if not request.GET:
        form = CantonFilterForm({}, office=office)
    return form, (form.filters() if form.is_valid() else None)


def _refusal(request):
    """A clear message instead of figures: the view needs a cantonal office with a canton."""
    return render(request, "reporting/canton_refused.html", {"nav": "reporting"}, status=403)


def _is_cantonal(office: Office) -> bool:
    return office.kind == Office.Kind.CANTONAL and bool(office.canton)


@staff_office_view(roles=CANTON_ROLES)
def canton_overview(request):
    if not _is_cantonal(request.office):
        return _refusal(request)
    form, filters = canton_filters(request, office=request.office)
    context = {
        "nav": "reporting",
        "form": form,
        "threshold": SUPPRESSION_THRESHOLD,
        "money": MONEY_KIND,
        "hours": HOURS,
        "report": None,
    }
    if filters is None:
        return render(request, "reporting/canton.html", context, status=400)
    offices = canton_offices(office=request.office)
    context["offices"] = offices
    # ?refresh=1 computes the comparison now instead of taking the scheduled job's.
    computed = office_comparison_computed(
        offices=offices, filters=filters, refresh=request.GET.get("refresh") == "1"
    )
    context["comparison"] = computed.comparison
    context["computed_at"] = computed.computed_at
    context["refresh_query"] = f"{filters.query()}&refresh=1"
    context["municipalities"] = canton_municipalities(
        canton=request.office.canton, country=request.office.country, offices=offices, filters=filters
    )
    context["report"] = kip_table(offices=offices, filters=filters)
    export = reverse("reporting:canton_kip_export", kwargs={"office_slug": request.office.slug})
    context["csv_url"] = f"{export}?{filters.query()}&format=csv"
    context["xlsx_url"] = f"{export}?{filters.query()}&format=xlsx"
    return render(request, "reporting/canton.html", context)


@staff_office_view(roles=CANTON_ROLES)
def canton_kip_export(request):
    if not _is_cantonal(request.office):
        return _refusal(request)
    form, filters = canton_filters(request, office=request.office)
    if filters is None:
        # The page shows what is wrong with the filters.
        context = {"nav": "reporting", "form": form, "threshold": SUPPRESSION_THRESHOLD, "report": None}
        return render(request, "reporting/canton.html", context, status=400)
    file_type = export_format(request)
    if file_type is None:
        return HttpResponse(_("Unknown format."), status=400, content_type="text/plain; charset=utf-8")
    report = kip_table(offices=canton_offices(office=request.office), filters=filters)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="reporting.canton_kip_report",
        detail=file_type,
        request=request,
    )
    filename = f"kip-{request.office.canton.lower()}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    return kip_download(
        report,
        file_type=file_type,
        filename=filename,
        title=_("KIP report of the canton %(canton)s") % {"canton": request.office.canton},
    )


urlpatterns = [
    path("canton/", canton_overview, name="canton_overview"),
    path("canton/kip-export/", canton_kip_export, name="canton_kip_export"),
]
