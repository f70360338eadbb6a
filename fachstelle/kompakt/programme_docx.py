"""The programme as Word document (python-docx), with the same chapters as the PDF: real Heading 1/2
styles (Word's navigation pane and table of contents use them), tables with a repeated header row, the
population chart as PNG and page numbers in the footer."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from fachstelle.core.numbers import currency, format_money
from fachstelle.core.word import add_markdown, add_page_number_footer, add_table, new_document

from .models import Programme, ProgrammeVersion
from .programme_pdf import population_chart_png
from .selectors.programme import programme_view


def _timeline(measure) -> str:
    if not (measure.starts_on or measure.ends_on):
        return _("Whole period")
    start = date_format(measure.starts_on, "SHORT_DATE_FORMAT") if measure.starts_on else "…"
    end = date_format(measure.ends_on, "SHORT_DATE_FORMAT") if measure.ends_on else "…"
    return f"{start} – {end}"


def _number(value) -> str:
    return "–" if value is None else str(value)


def _cover(document, *, view, office, municipality) -> None:
    doc = view.document
    document.add_paragraph().add_run(office.name).bold = True
    address = ", ".join(part for part in (office.street, f"{office.postcode} {office.city}".strip()) if part)
    if address:
        document.add_paragraph(address)
    for _index in range(6):
        document.add_paragraph()
    document.add_heading(doc.title, level=0)
    version = view.version
    rows = [
        (_("Municipality"), municipality.name),
        (_("Programme period"), f"{doc.period_start}–{doc.period_end}"),
        (_("Prepared by"), office.name),
        (_("Status"), doc.status_label),
        (
            _("Version"),
            f"{version.number} ({date_format(version.created_at, 'DATE_FORMAT')})"
            if version
            else _("current working state"),
        ),
        (_("Date"), date_format(timezone.localdate(), "DATE_FORMAT")),
    ]
    if doc.adopted_on:
        rows.insert(4, (_("Adopted on"), f"{date_format(doc.adopted_on, 'DATE_FORMAT')} ({doc.adopted_by})"))
    for label, value in rows:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _small(table, size=8) -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)


def programme_docx(programme: Programme, *, version: ProgrammeVersion | int | None = None) -> bytes:
    """The DOCX of the current programme, or of a saved version (object or number)."""
    view = programme_view(programme, version=version)
    doc = view.document
    process = programme.process
    office, municipality, country = process.office, process.municipality, view.country
    money = currency(country)
    document = new_document()
    document.core_properties.title = doc.title
    document.core_properties.author = office.name
    _cover(document, view=view, office=office, municipality=municipality)

    document.add_heading(f"1 {_('Summary')}", level=1)
    add_markdown(document, doc.summary) if doc.summary.strip() else document.add_paragraph("–")

    document.add_heading(f"2 {_('Starting point')}", level=1)
    add_markdown(document, view.starting_point)
    if view.key_figures:
        document.add_heading(
            _("Key figures of the portrait (%(year)s)") % {"year": doc.statistics_year}, level=2
        )
        add_table(document, [_("Figure"), _("Value")], [list(row) for row in view.key_figures], numeric={1})
        png = population_chart_png(view)
        if png:
            document.add_picture(io.BytesIO(png), width=Cm(16))

    document.add_heading(f"3 {_('Challenges')}", level=1)
    add_markdown(document, doc.challenges)
    if doc.needs:
        document.add_heading(_("Needs for action identified by the working group"), level=2)
        add_table(
            document,
            [_("KIP promotion area"), _("Need for action"), _("Priority")],
            [[need.area, need.title, need.priority_label] for need in doc.needs],
        )

    document.add_heading(f"4 {_('Goals')}", level=1)
    for number, goal in enumerate(doc.goals, start=1):
        document.add_heading(f"{_('Goal %(n)s') % {'n': number}}: {goal.title}", level=2)
        if goal.area:
            document.add_paragraph(goal.area).runs[0].italic = True
        add_markdown(document, goal.description)
        if goal.measures:
            document.add_paragraph(
                f"{_('Measures')}: " + "; ".join(f"{m.number} {m.title}" for m in goal.measures)
            )
    if not doc.goals:
        document.add_paragraph(_("No goals yet."))

    document.add_heading(f"5 {_('Measures')}", level=1)
    if doc.measures:
        table = add_table(
            document,
            [_("No."), _("Measure"), _("KIP"), _("Responsible"), _("Timeline"), f"{_('Cost')} ({money})"],
            [
                [
                    m.number,
                    m.title,
                    m.area_code,
                    m.responsible,
                    _timeline(m),
                    format_money(m.total_cost, country=country),
                ]
                for m in doc.measures
            ],
            numeric={5},
        )
        _small(table, 9)
        for m in doc.measures:
            document.add_heading(f"{m.number} {m.title}", level=2)
            if m.description:
                add_markdown(document, m.description)
            facts = [
                (_("KIP promotion area"), m.area),
                (_("Goal"), m.goal or "–"),
                (_("Target groups"), ", ".join(m.target_groups) or "–"),
                (_("Partners"), m.partners or "–"),
                (_("One-off cost"), format_money(m.cost_once, country=country, with_currency=True)),
                (_("Yearly cost"), format_money(m.cost_yearly, country=country, with_currency=True)),
                (_("Funded by the municipality"), format_money(m.funding_municipality, country=country)),
                (_("Canton's KIP contribution"), format_money(m.funding_canton, country=country)),
                (_("Third-party funding"), format_money(m.funding_third_party, country=country)),
                (_("Priority"), m.priority_label),
            ]
            if m.catalogue_entry:
                facts.append((_("From the catalogue"), m.catalogue_entry))
            for label, value in facts:
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(str(value))
    else:
        document.add_paragraph(_("No measures yet."))

    document.add_heading(f"6 {_('Implementation plan')}", level=1)
    if doc.measures:
        headers = [_("Measure")] + [q.label for q in doc.quarters]
        rows = [[f"{m.number} {m.title}"] + ["■" if on else "" for on in m.quarters] for m in doc.measures]
        _small(add_table(document, headers, rows), 6)
    else:
        document.add_paragraph(_("No measures yet."))

    document.add_heading(f"7 {_('Budget')}", level=1)
    budget = doc.budget
    headers = [
        _("Year"),
        f"{_('Cost')} ({money})",
        _("Municipality"),
        _("Canton (KIP)"),
        _("Third parties"),
        _("Not yet funded"),
    ]

    def cells(label, row):
        values = (row.cost, row.municipality, row.canton, row.third_party, row.open)
        return [label] + [format_money(value, country=country) for value in values]

    rows = [cells(str(row.year), row) for row in budget.rows] + [cells(_("Total"), budget.total)]
    table = add_table(document, headers, rows, numeric={1, 2, 3, 4, 5})
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True

    document.add_heading(f"8 {_('Indicators')}", level=1)
    if doc.indicators:
        add_table(
            document,
            [_("Measure"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Target year")],
            [
                [
                    f"{m.number} {m.title}",
                    i.name,
                    i.unit,
                    _number(i.baseline),
                    _number(i.target),
                    _number(i.target_year),
                ]
                for m, i in doc.indicators
            ],
            numeric={3, 4},
        )
    else:
        document.add_paragraph(_("No indicators yet."))

    add_page_number_footer(document, left_text=f"{office.name} – {doc.title}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
