"""The annual report as Word document (python-docx), with the PDF's chapters: real Heading styles (Word's
navigation pane and table of contents use them), tables with a repeated header row, the charts as PNG and
page numbers in the footer. Reads only `services.annual.annual_report_data` (aggregates, suppressed below 5).
"""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from fachstelle.core.word import add_markdown, add_page_number_footer, add_table, new_document

from .services.annual import AnnualReportData, annual_report_data


def _title(year: int) -> str:
    return _("Annual report %(year)s") % {"year": year}


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _cover(document, data: AnnualReportData) -> None:
    office = data.office
    document.add_paragraph().add_run(office.name).bold = True
    address = ", ".join(part for part in (office.street, f"{office.postcode} {office.city}".strip()) if part)
    if address:
        document.add_paragraph(address)
    for _index in range(6):
        document.add_paragraph()
    document.add_heading(_title(data.year), level=0)
    rows = [
        (_("Office"), office.name),
        (
            _("Period"),
            " – ".join(date_format(day, "DATE_FORMAT") for day in (data.filters.start, data.filters.end)),
        ),
        (_("Municipalities"), str(len(data.annex))),
        (_("Date"), date_format(data.printed_on, "DATE_FORMAT")),
    ]
    for label, value in rows:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    _page_break(document)


def _contents(document, data: AnnualReportData) -> None:
    document.add_heading(_("Contents"), level=1)
    entries = []
    if data.texts_html.get("foreword"):
        entries.append(_("Foreword"))
    if data.texts_html.get("highlights"):
        entries.append(_("Highlights of the year"))
    entries += [f"{index} {printed.section.title}" for index, printed in enumerate(data.sections, start=1)]
    if data.texts_html.get("outlook"):
        entries.append(_("Outlook"))
    entries += [_("Annex: figures per municipality"), _("Notes on the figures")]
    for entry in entries:
        document.add_paragraph(entry)
    _page_break(document)


def _text_chapter(document, title: str, text: str) -> None:
    document.add_heading(title, level=1)
    add_markdown(document, text)


def _table(document, printed) -> None:
    table = printed.table
    document.add_heading(table.title, level=2)
    if table.note:
        document.add_paragraph(table.note)
    headers = [table.row_header, *table.columns]
    lines = [*printed.rows, *([printed.total] if printed.total else [])]
    rows = [[label, *(cell.text for cell in cells)] for label, cells in lines]
    add_table(document, headers, rows, numeric=set(range(1, len(headers))))


def _sections(document, data: AnnualReportData) -> None:
    for index, printed in enumerate(data.sections, start=1):
        document.add_heading(f"{index} {printed.section.title}", level=1)
        if printed.text:
            add_markdown(document, printed.text)
        if printed.figures:
            document.add_heading(_("Key figures"), level=2)
            add_table(
                document, [_("Figure"), _("Value")], [list(pair) for pair in printed.figures], numeric={1}
            )
        for entry in printed.tables:
            _table(document, entry)
            if entry.chart_png:
                document.add_picture(io.BytesIO(entry.chart_png), width=Cm(16))
        if not printed.figures and not printed.tables:
            document.add_paragraph(_("No figures for this area in this year."))
        if printed.section.note:
            document.add_paragraph(printed.section.note)
        _page_break(document)


def _annex(document, data: AnnualReportData) -> None:
    document.add_heading(_("Annex: figures per municipality"), level=1)
    if not data.annex:
        document.add_paragraph(_("The office serves no municipality."))
    for entry in data.annex:
        document.add_heading(entry.municipality.name, level=2)
        if not entry.rows:
            document.add_paragraph(_("No figures per municipality for this year."))
            continue
        add_table(
            document,
            [pgettext("report section", "Area"), _("Figure"), str(data.year)],
            [[row.area, row.label, row.value] for row in entry.rows],
            numeric={2},
        )


def _notes(document, data: AnnualReportData) -> None:
    document.add_heading(_("Notes on the figures"), level=1)
    n = data.threshold
    document.add_paragraph(
        _(
            "Values below %(n)s are not shown: counts of fewer than %(n)s persons appear as “< %(n)s”. "
            "Values marked “–” are hidden as well, so that a hidden value cannot be worked out from a "
            "total, or are amounts of money or hours that concern fewer than %(n)s persons."
        )
        % {"n": n}
    )
    document.add_paragraph(
        _("The report contains aggregated figures only; it names no client, reporter or applicant.")
    )


def render_annual_docx(data: AnnualReportData) -> bytes:
    document = new_document()
    document.core_properties.title = f"{_title(data.year)} – {data.office.name}"
    document.core_properties.author = data.office.name
    _cover(document, data)
    _contents(document, data)
    if data.texts.get("foreword"):
        _text_chapter(document, _("Foreword"), data.texts["foreword"])
    if data.texts.get("highlights"):
        _text_chapter(document, _("Highlights of the year"), data.texts["highlights"])
    _sections(document, data)
    if data.texts.get("outlook"):
        _text_chapter(document, _("Outlook"), data.texts["outlook"])
        _page_break(document)
    _annex(document, data)
    _notes(document, data)
    add_page_number_footer(document, left_text=f"{data.office.name} · {_title(data.year)}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def annual_report_docx(*, office, year: int) -> bytes:
    """The annual report of `office` for calendar year `year` as DOCX (computed now, in the active
    language)."""
    return render_annual_docx(annual_report_data(office=office, year=year))
