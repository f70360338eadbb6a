"""The portrait as Word document (python-docx), with the same content as the portrait PDF: cover, the
narrative sections, every chart (PNG) with the table behind it, and the offer inventory by KIP area with
the areas without offers marked."""

import io

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from fachstelle.core.models import Office
from fachstelle.core.word import add_markdown, add_page_number_footer, add_table, new_document

from .portrait_charts import portrait_chart
from .selectors.portrait import Inventory, PortraitFigures
from .selectors.programme import fill_placeholders


def _n(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else "–"


def _pct(value) -> str:
    return number_format(value, decimal_pos=1) if value is not None else "–"


def _chart(document, figures, key) -> None:
    document.add_picture(io.BytesIO(portrait_chart(figures, key, fmt="png")), width=Cm(16))


def portrait_docx(
    *, office: Office, figures: PortraitFigures, inventory: Inventory, sections, values: dict[str, str]
) -> bytes:
    """`sections`: the narrative (`portrait_sections_render`); its Markdown is filled with `values`
    (`portrait_placeholder_values`), as on the page."""
    name, year = figures.municipality.name, figures.year
    document = new_document()
    document.core_properties.title = _("Portrait of %(name)s") % {"name": name}
    document.core_properties.author = office.name
    document.add_paragraph().add_run(office.name).bold = True
    for _index in range(6):
        document.add_paragraph()
    document.add_heading(_("Portrait of %(name)s") % {"name": name}, level=0)
    document.add_paragraph(_("Population statistics %(year)s and integration offers") % {"year": year})
    document.add_paragraph(f"{_('As of')} {date_format(timezone.localdate(), 'DATE_FORMAT')}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for section in sections:
        if section.get("text"):
            document.add_heading(section["title"], level=1)
            add_markdown(document, fill_placeholders(section["text"], values))

    document.add_heading(_("Population and foreign nationals over the years"), level=1)
    _chart(document, figures, "population")
    add_table(
        document,
        [
            _("Year"),
            _("Population"),
            _("Swiss citizens"),
            _("Foreign nationals"),
            _("Share of foreign nationals"),
        ],
        [
            [str(r.year), _n(r.population), _n(r.swiss), _n(r.foreign), f"{_pct(r.foreign_share)} %"]
            for r in figures.years
        ],
        numeric={1, 2, 3, 4},
    )
    if figures.growth:
        document.add_heading(_("Growth"), level=2)
        add_table(
            document,
            [_("Period"), _("Persons"), "%"],
            [[f"{g.from_year}–{year}", _n(g.absolute), _pct(g.percent)] for g in figures.growth],
            numeric={1, 2},
        )

    document.add_heading(_("Most frequent nationalities, %(year)s") % {"year": year}, level=1)
    if figures.nationalities:
        _chart(document, figures, "nationalities")
        add_table(
            document,
            [_("Nationality"), _("Persons"), _("% of foreign nationals")],
            [[r.label, _n(r.count), _pct(r.share)] for r in figures.nationalities],
            numeric={1, 2},
        )
    else:
        document.add_paragraph(_("No foreign nationals in this year."))
    document.add_heading(_("Population by nationality group"), level=2)
    _chart(document, figures, "groups")
    add_table(
        document,
        [_("Nationality group"), _("Persons"), _("% of population")],
        [[r.label, _n(r.count), _pct(r.share)] for r in figures.groups],
        numeric={1, 2},
    )

    document.add_heading(_("Residence status of the foreign population"), level=1)
    _chart(document, figures, "permits")
    add_table(
        document,
        [_("Residence status"), _("Persons"), _("% of foreign nationals")],
        [[r.label, _n(r.count), _pct(r.share)] for r in figures.permits],
        numeric={1, 2},
    )

    document.add_heading(_("Age pyramid"), level=1)
    _chart(document, figures, "pyramid")
    add_table(
        document,
        [
            _("Age"),
            f"{_('Men')} – {_('Swiss')}",
            f"{_('Men')} – {_('Foreign')}",
            f"{_('Women')} – {_('Swiss')}",
            f"{_('Women')} – {_('Foreign')}",
        ],
        [
            [r.label, _n(r.swiss_male), _n(r.foreign_male), _n(r.swiss_female), _n(r.foreign_female)]
            for r in figures.pyramid
        ],
        numeric={1, 2, 3, 4},
    )

    document.add_heading(_("Comparison"), level=1)
    _chart(document, figures, "comparison")
    add_table(
        document,
        [
            _("Area"),
            _("Municipalities"),
            _("Population"),
            _("Foreign nationals"),
            _("Share of foreign nationals"),
            _("Growth over 5 years (%)"),
        ],
        [
            [
                r.label,
                _n(r.municipalities),
                _n(r.population),
                _n(r.foreign),
                f"{_pct(r.foreign_share)} %",
                _pct(r.growth_5y),
            ]
            for r in figures.comparisons
        ],
        numeric={1, 2, 3, 4, 5},
    )

    document.add_heading(_("Offer inventory by KIP promotion area"), level=1)
    document.add_paragraph(
        _("%(n)s running offers of the directory serve the municipality.") % {"n": inventory.offers_count}
    )
    add_table(
        document,
        [_("KIP promotion area"), _("Offers"), _("Running offers")],
        [
            [
                area.label,
                str(len(area.offers)),
                _("No offer")
                if area.is_empty
                else "; ".join(f"{o.title} ({o.provider})" for o in area.offers),
            ]
            for area in inventory.areas
        ],
        numeric={1},
    )

    add_page_number_footer(
        document, left_text=f"{office.name} – {_('Portrait of %(name)s') % {'name': name}}"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
