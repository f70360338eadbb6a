"""The written portrait: narrative sections (Markdown) with placeholders for the computed figures.

`{population}` in a section is replaced by the figure of the portrait's year when the portrait is shown or
printed, so the text stays right when newer statistics are imported. Unknown placeholders are refused on
saving (a typo would otherwise be printed as is).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core.models import Municipality, Office
from fachstelle.core.richtext import render_markdown

from ..models import Portrait
from ..selectors.portrait import Inventory, PortraitFigures

SECTIONS = [
    ("introduction", gettext_lazy("Introduction")),
    ("population", gettext_lazy("Population")),
    ("migration", gettext_lazy("Migration and residence")),
    ("offers", gettext_lazy("Offers")),
    ("need_for_action", gettext_lazy("Need for action")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
SECTION_MAX_LENGTH = 20_000
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")

PLACEHOLDER_HELP = {
    "municipality": gettext_lazy("Name of the municipality"),
    "year": gettext_lazy("Statistics year"),
    "population": gettext_lazy("Population"),
    "swiss": gettext_lazy("Swiss citizens"),
    "foreign": gettext_lazy("Foreign nationals"),
    "foreign_share": gettext_lazy("Share of foreign nationals (%)"),
    "growth_1y": gettext_lazy("Population growth over 1 year (%)"),
    "growth_5y": gettext_lazy("Population growth over 5 years (%)"),
    "top_nationalities": gettext_lazy("The three most frequent foreign nationalities"),
    "district_foreign_share": gettext_lazy("Share of foreign nationals in the district (%)"),
    "canton_foreign_share": gettext_lazy("Share of foreign nationals in the canton (%)"),
    "similar_foreign_share": gettext_lazy("Share of foreign nationals in similar municipalities (%)"),
    "offers_count": gettext_lazy("Running offers in the municipality"),
    "areas_without_offers": gettext_lazy("KIP promotion areas without offers"),
}
PLACEHOLDER_NAMES = tuple(PLACEHOLDER_HELP)


def _number(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else "–"


def _percent(value) -> str:
    return f"{number_format(value, decimal_pos=1)} %" if value is not None else "–"


def _signed_percent(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _percent(value)


def portrait_placeholder_values(*, figures: PortraitFigures, inventory: Inventory) -> dict[str, str]:
    """Every placeholder with its text for the figures of the portrait's year."""
    comparisons = {row.key: row for row in figures.comparisons}
    growth_1y, growth_5y = figures.growth_over(1), figures.growth_over(5)
    named = [row for row in figures.nationalities if row.key != "others"]

    def compared(key):
        row = comparisons.get(key)
        return _percent(row.foreign_share) if row else "–"

    return {
        "municipality": figures.municipality.name,
        "year": str(figures.year),
        "population": _number(figures.current.population),
        "swiss": _number(figures.current.swiss),
        "foreign": _number(figures.current.foreign),
        "foreign_share": _percent(figures.current.foreign_share),
        "growth_1y": _signed_percent(growth_1y.percent if growth_1y else None),
        "growth_5y": _signed_percent(growth_5y.percent if growth_5y else None),
        "top_nationalities": ", ".join(row.label for row in named[:3]) or "–",
        "district_foreign_share": compared("district"),
        "canton_foreign_share": compared("canton"),
        "similar_foreign_share": compared("similar"),
        "offers_count": str(inventory.offers_count),
        "areas_without_offers": ", ".join(area.label for area in inventory.empty_areas) or "–",
    }


def _fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def portrait_sections_render(*, portrait: Portrait | None, values: dict[str, str]) -> list[dict]:
    """The sections in order with their titles and HTML (placeholders filled); empty sections included
    with html=None so the page can invite to write them."""
    texts = (portrait.sections if portrait else None) or {}
    result = []
    for key, label in SECTIONS:
        text = (texts.get(key) or "").strip()
        html: SafeString | None = render_markdown(_fill(text, values)) if text else None
        result.append({"key": key, "title": str(label), "text": text, "html": html})
    return result


def portrait_sections_validate(sections: dict[str, str]) -> dict[str, str]:
    """Cleaned sections (known keys, stripped); ValidationError per section for unknown placeholders."""
    errors = {}
    cleaned = {}
    for key in SECTION_KEYS:
        text = (sections.get(key) or "").strip()
        if len(text) > SECTION_MAX_LENGTH:
            errors[key] = _("The section is too long (at most %(max)s characters).") % {
                "max": SECTION_MAX_LENGTH
            }
            continue
        unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDER_HELP})
        if unknown:
            errors[key] = _("Unknown placeholder: %(names)s. Use one of the placeholders listed.") % {
                "names": ", ".join("{%s}" % name for name in unknown)
            }
            continue
        cleaned[key] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def portrait_save(
    *, office: Office, municipality: Municipality, year: int, sections: dict[str, str], by
) -> Portrait:
    """Create or update the office's portrait of the municipality (one per office and municipality)."""
    if not office.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("The office does not serve this municipality.")})
    cleaned = portrait_sections_validate(sections)
    portrait = Portrait.objects.select_for_update().filter(
        office=office, municipality=municipality
    ).first() or Portrait(office=office, municipality=municipality)
    portrait.year = year
    portrait.sections = cleaned
    portrait.updated_by = by
    portrait.full_clean()
    portrait.save()
    return portrait
