"""KOMPAKT: municipality portraits (computed figures, charts, offer inventory, narrative, PDF)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import KOMPAKT_ROLES, Role, staff_office_view

from ..models import Portrait
from ..portrait_charts import CHART_KEYS, portrait_chart, portrait_charts
from ..portrait_pdf import portrait_pdf as render_portrait_pdf
from ..selectors.portrait import (
    offer_inventory,
    portrait_figures,
    statistics_years,
    statistics_years_by_municipality,
)
from ..services.portraits import (
    PLACEHOLDER_HELP,
    SECTIONS,
    portrait_placeholder_values,
    portrait_save,
    portrait_sections_render,
)

# Who writes portraits; the statistics role reads them.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)


class PortraitForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Statistics year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        for key, label in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=gettext_lazy("Markdown; placeholders such as {population} are filled in."),
            )


def _municipality(request, bfs_number):
    municipality = request.office.municipalities.filter(bfs_number=bfs_number).order_by("country").first()
    if municipality is None:
        raise Http404
    return municipality


def _statistics_url(request) -> str | None:
    try:
        return reverse("kompakt:statistics_list", kwargs={"office_slug": request.office.slug})
    except NoReverseMatch:
        return None


def _year(request, years, portrait) -> int | None:
    """?year= if figures exist for it, else the portrait's year, else the newest."""
    try:
        wanted = int(request.GET.get("year", ""))
    except ValueError:
        wanted = None
    for candidate in (wanted, portrait.year if portrait else None):
        if candidate in years:
            return candidate
    return years[0] if years else None


def _portrait(request, municipality) -> Portrait | None:
    return Portrait.objects.filter(office=request.office, municipality=municipality).first()


def _no_statistics(request, municipality):
    return render(
        request,
        "kompakt/portrait/no_statistics.html",
        {"nav": "kompakt", "municipality": municipality, "statistics_url": _statistics_url(request)},
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_list(request):
    """The office's municipalities with their statistics years and portrait status.
    Queries: municipalities, years, portraits (3)."""
    municipalities = list(request.office.municipalities.order_by("name", "pk"))
    years = statistics_years_by_municipality(municipality_ids=[m.pk for m in municipalities])
    portraits = {
        p.municipality_id: p
        for p in Portrait.objects.filter(office=request.office).select_related("updated_by")
    }
    rows = [
        {"municipality": m, "years": years.get(m.pk, []), "portrait": portraits.get(m.pk)}
        for m in municipalities
    ]
    return render(
        request,
        "kompakt/portrait/list.html",
        {"nav": "kompakt", "rows": rows, "statistics_url": _statistics_url(request)},
    )


def _context(request, bfs_number):
    municipality = _municipality(request, bfs_number)
    portrait = _portrait(request, municipality)
    years = statistics_years(municipality=municipality)
    year = _year(request, years, portrait)
    figures = portrait_figures(municipality=municipality, year=year) if year else None
    return municipality, portrait, years, year, figures


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_detail(request, bfs_number):
    municipality, portrait, years, year, figures = _context(request, bfs_number)
    if figures is None:
        return _no_statistics(request, municipality)
    inventory = offer_inventory(office=request.office, municipality=municipality)
    values = portrait_placeholder_values(figures=figures, inventory=inventory)
    return render(
        request,
        "kompakt/portrait/detail.html",
        {
            "nav": "kompakt",
            "municipality": municipality,
            "portrait": portrait,
            "years": years,
            "year": year,
            "figures": figures,
            "charts": portrait_charts(figures),
            "inventory": inventory,
            "sections": portrait_sections_render(portrait=portrait, values=values),
            "can_write": request.role in WRITER_ROLES,
        },
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_edit(request, bfs_number):
    if request.role not in WRITER_ROLES:
        raise PermissionDenied
    municipality, portrait, years, year, figures = _context(request, bfs_number)
    if figures is None:
        return _no_statistics(request, municipality)
    inventory = offer_inventory(office=request.office, municipality=municipality)
    values = portrait_placeholder_values(figures=figures, inventory=inventory)
    initial = {"year": year, **((portrait.sections if portrait else None) or {})}
    form = PortraitForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            portrait_save(
                office=request.office,
                municipality=municipality,
                year=data["year"],
                sections={key: data[key] for key, _label in SECTIONS},
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The portrait has been saved."))
            url = reverse(
                "kompakt:portrait_detail",
                kwargs={"office_slug": request.office.slug, "bfs_number": bfs_number},
            )
            return redirect(f"{url}?year={data['year']}")
    placeholders = [
        {"name": name, "help": str(help_text), "value": values[name]}
        for name, help_text in PLACEHOLDER_HELP.items()
    ]
    return render(
        request,
        "kompakt/portrait/edit.html",
        {
            "nav": "kompakt",
            "municipality": municipality,
            "year": year,
            "form": form,
            "section_fields": [form[key] for key, _label in SECTIONS],
            "placeholders": placeholders,
        },
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_chart_view(request, bfs_number, chart):
    if chart not in CHART_KEYS:
        raise Http404
    fmt = request.GET.get("format", "svg")
    if fmt not in ("svg", "png"):
        raise Http404
    municipality, _portrait_obj, _years, year, figures = _context(request, bfs_number)
    if figures is None:
        raise Http404
    content = portrait_chart(figures, chart, fmt=fmt)
    content_type = "image/png" if fmt == "png" else "image/svg+xml"
    response = HttpResponse(content, content_type=content_type)
    name = f"portrait-{slugify(municipality.name)}-{year}-{chart}.{fmt}"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}"' if fmt == "png" else f'inline; filename="{name}"'
    )
    return response


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_pdf(request, bfs_number):
    municipality, portrait, _years, year, figures = _context(request, bfs_number)
    if figures is None:
        return _no_statistics(request, municipality)
    inventory = offer_inventory(office=request.office, municipality=municipality)
    values = portrait_placeholder_values(figures=figures, inventory=inventory)
    pdf = render_portrait_pdf(
        office=request.office,
        figures=figures,
        inventory=inventory,
        sections=portrait_sections_render(portrait=portrait, values=values),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="portrait-{slugify(municipality.name)}-{year}.pdf"'
    )
    return response


@staff_office_view(roles=KOMPAKT_ROLES)
def portrait_docx(request, bfs_number):
    """The portrait as Word document: the same content as the PDF."""
    from ..portrait_docx import portrait_docx as render_portrait_docx

    municipality, portrait, _years, year, figures = _context(request, bfs_number)
    if figures is None:
        return _no_statistics(request, municipality)
    inventory = offer_inventory(office=request.office, municipality=municipality)
    values = portrait_placeholder_values(figures=figures, inventory=inventory)
    content = render_portrait_docx(
        office=request.office,
        figures=figures,
        inventory=inventory,
        sections=portrait_sections_render(portrait=portrait, values=values),
        values=values,
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="portrait-{slugify(municipality.name)}-{year}.docx"'
    )
    return response


urlpatterns = [
    path("", portrait_list, name="portrait_list"),
    path("portraits/<int:bfs_number>/", portrait_detail, name="portrait_detail"),
    path("portraits/<int:bfs_number>/edit/", portrait_edit, name="portrait_edit"),
    path("portraits/<int:bfs_number>/pdf/", portrait_pdf, name="portrait_pdf"),
    path("portraits/<int:bfs_number>/docx/", portrait_docx, name="portrait_docx"),
    path("portraits/<int:bfs_number>/charts/<slug:chart>/", portrait_chart_view, name="portrait_chart"),
]
