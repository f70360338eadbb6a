"""The programme as PDF (WeasyPrint), after the canton's "Mustervorlage": cover, table of contents, then
summary, starting point (key figures and the population chart), challenges, goals, measures,
implementation plan, budget and indicators; office letterhead and page numbers on every page.

The chart is embedded as a PNG data: URI; the renderer fetches nothing from the network or disk.
"""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Programme, ProgrammeVersion
from .portrait_charts import portrait_chart
from .selectors.programme import programme_view


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def population_chart_png(view) -> bytes | None:
    return portrait_chart(view.figures, "population", fmt="png") if view.figures is not None else None


def programme_pdf_html(programme: Programme, *, version: ProgrammeVersion | int | None = None) -> str:
    view = programme_view(programme, version=version)
    png = population_chart_png(view)
    process = programme.process
    return render_to_string(
        "kompakt/programme/pdf.html",
        {
            "view": view,
            "doc": view.document,
            "country": view.country,
            "office": process.office,
            "process": process,
            "municipality": process.municipality,
            "version": view.version,
            "chart_uri": "data:image/png;base64," + base64.b64encode(png).decode() if png else None,
            "printed_on": timezone.localdate(),
            "print": True,
        },
    )


def programme_pdf(programme: Programme, *, version: ProgrammeVersion | int | None = None) -> bytes:
    """The PDF of the current programme, or of a saved version (object or number)."""
    from weasyprint import HTML  # heavy import, needed only here

    html = programme_pdf_html(programme, version=version)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()).write_pdf()
