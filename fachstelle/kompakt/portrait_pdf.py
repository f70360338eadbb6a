"""The portrait as PDF (WeasyPrint): cover, narrative sections, every chart with its table, the offer
inventory. Charts are embedded as SVG data: URIs; the renderer fetches nothing from the network or disk."""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from fachstelle.core.models import Office

from .portrait_charts import portrait_charts
from .selectors.portrait import Inventory, PortraitFigures


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def portrait_pdf_html(*, office: Office, figures: PortraitFigures, inventory: Inventory, sections) -> str:
    charts = {
        key: "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        for key, svg in portrait_charts(figures).items()
    }
    return render_to_string(
        "kompakt/portrait/pdf.html",
        {
            "office": office,
            "figures": figures,
            "inventory": inventory,
            "sections": sections,
            "chart_uris": charts,
            "printed_on": timezone.localdate(),
        },
    )


def portrait_pdf(*, office: Office, figures: PortraitFigures, inventory: Inventory, sections) -> bytes:
    from weasyprint import HTML  # heavy import, needed only here

    html = portrait_pdf_html(office=office, figures=figures, inventory=inventory, sections=sections)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()).write_pdf()
