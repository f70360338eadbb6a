"""The annual report as PDF (WeasyPrint): cover with the office's letterhead, contents, foreword and
highlights, one chapter per area (the office's text, headline figures, protected tables with their charts),
the outlook, the annex per municipality and the note on suppressed values; page numbers on every page.

Charts are embedded as PNG data: URIs and the renderer may fetch nothing else (no network, no disk).
Everything printed comes from `services.annual.annual_report_data`: aggregates only, suppressed below 5.
"""

import base64

from django.conf import settings
from django.template.loader import render_to_string

from .services.annual import AnnualReportData, annual_report_data


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def _data_uri(png: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


def annual_report_pdf_html(data: AnnualReportData) -> str:
    charts = {
        (printed.section.key, table.table.key): _data_uri(table.chart_png)
        for printed in data.sections
        for table in printed.tables
    }
    return render_to_string(
        "reporting/annual/pdf.html",
        {
            "data": data,
            "office": data.office,
            "sections": [
                {
                    "printed": printed,
                    "tables": [
                        {
                            "table": table.table,
                            "printed": table,
                            "chart_uri": charts[(printed.section.key, table.table.key)],
                        }
                        for table in printed.tables
                    ],
                }
                for printed in data.sections
            ],
        },
    )


def render_annual_pdf(data: AnnualReportData) -> bytes:
    from weasyprint import HTML  # heavy import, needed only here

    html = annual_report_pdf_html(data)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()).write_pdf()


def annual_report_pdf(*, office, year: int) -> bytes:
    """The annual report of `office` for calendar year `year` as PDF (computed now, in the active
    language)."""
    return render_annual_pdf(annual_report_data(office=office, year=year))
