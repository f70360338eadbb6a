"""The portrait's charts (SVG inline on the page and in the PDF, PNG for download). Bars come from
core.charts; the age pyramid (bars to both sides) is drawn here with the same object API, palette and
accessible SVG wrapping. Population figures need no suppression (see selectors.portrait).

Drawing is what makes a portrait slow (0.1–0.5 s a chart; the figures' queries take far less), and the
charts are deterministic (core.charts): equal inputs give byte-equal output. So a rendered chart is cached
under a digest of everything it is drawn from (kind, format, language, titles, labels, values) — no
invalidation needed: new statistics give new values and thus a new key."""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from fachstelle.core import charts
from fachstelle.core.charts import PALETTE, WIDTH_INCHES, Series, bar_chart, stacked_bar_chart

from .selectors.portrait import PortraitFigures

CHART_KEYS = ("population", "nationalities", "groups", "permits", "pyramid", "comparison")
CHART_CACHE_SECONDS = 7 * 24 * 3600


def pyramid_chart(*, title: str, labels, left: list[Series], right: list[Series], fmt: str = "svg"):
    """A population pyramid: `left` series (men) drawn to the left, `right` (women) to the right, each
    side stacked (e.g. Swiss, then foreign). Labels top to bottom (oldest first)."""
    figure = Figure(figsize=(WIDTH_INCHES, max(3.0, 1.3 + len(labels) * 0.26)), dpi=100)
    axes = figure.add_subplot()
    charts.fixed_margins(figure, labels=list(labels), legend=True, note=True)
    rows = range(len(labels))
    for side, sign in ((left, -1), (right, 1)):
        offset = [0] * len(labels)
        for s, serie in enumerate(side):
            values = [sign * value for value in serie.values]
            axes.barh(rows, values, left=offset, height=0.8, color=PALETTE[s % len(PALETTE)])
            offset = [o + v for o, v in zip(offset, values, strict=True)]
    top = max([1, *(sum(serie.values[i] for serie in side) for side in (left, right) for i in rows)])
    axes.set_xlim(-top * 1.1, top * 1.1)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{abs(int(value))}"))
    axes.axvline(0, color="#333333", linewidth=0.6)
    axes.set_yticks(list(rows), list(labels))
    axes.invert_yaxis()
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel(_("← Men · Women →"), fontsize=8)
    figure.legend(
        handles=[Patch(color=PALETTE[i % len(PALETTE)], label=serie.name) for i, serie in enumerate(right)],
        loc="upper center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(right),
        frameon=False,
        fontsize=8,
    )
    parts = []
    for side_name, side in ((_("Men"), left), (_("Women"), right)):
        for serie in side:
            values = "; ".join(f"{label}: {value}" for label, value in zip(labels, serie.values, strict=True))
            parts.append(f"{side_name}, {serie.name} – {values}")
    return charts._render(figure, fmt=fmt, title=title, description=". ".join(parts))


def _chart_spec(figures: PortraitFigures, key: str):
    """The drawing function and its arguments of the chart `key`; ValueError for an unknown key."""
    name, year = figures.municipality.name, figures.year
    if key == "population":
        return stacked_bar_chart, {
            "title": _("Population of %(name)s by year") % {"name": name},
            "labels": [str(row.year) for row in figures.years],
            "series": [
                Series(_("Swiss citizens"), [row.swiss for row in figures.years]),
                Series(_("Foreign nationals"), [row.foreign for row in figures.years]),
            ],
        }
    if key == "nationalities":
        rows = figures.nationalities
        return bar_chart, {
            "title": _("Most frequent nationalities of the foreign population, %(year)s") % {"year": year},
            "labels": [row.label for row in rows],
            "series": [Series("", [row.count for row in rows])],
        }
    if key == "groups":
        rows = figures.groups
        return bar_chart, {
            "title": _("Population by nationality group, %(year)s") % {"year": year},
            "labels": [row.label for row in rows],
            "series": [Series("", [row.count for row in rows])],
        }
    if key == "permits":
        rows = figures.permits
        return bar_chart, {
            "title": _("Foreign population by residence status, %(year)s") % {"year": year},
            "labels": [row.label for row in rows],
            "series": [Series("", [row.count for row in rows])],
        }
    if key == "pyramid":
        rows = figures.pyramid
        return pyramid_chart, {
            "title": _("Age pyramid of %(name)s, %(year)s") % {"name": name, "year": year},
            "labels": [row.label for row in rows],
            "left": [
                Series(_("Swiss citizens"), [row.swiss_male for row in rows]),
                Series(_("Foreign nationals"), [row.foreign_male for row in rows]),
            ],
            "right": [
                Series(_("Swiss citizens"), [row.swiss_female for row in rows]),
                Series(_("Foreign nationals"), [row.foreign_female for row in rows]),
            ],
        }
    if key == "comparison":
        rows = [row for row in figures.comparisons if row.foreign_share is not None]
        return bar_chart, {
            "title": _("Share of foreign nationals in comparison, %(year)s (%%)") % {"year": year},
            "labels": [row.label for row in rows],
            "series": [Series("", [row.foreign_share for row in rows])],
        }
    raise ValueError(f"Unknown portrait chart {key!r}")


def portrait_chart(figures: PortraitFigures, key: str, *, fmt: str = "svg") -> str | bytes:
    """One of the portrait's charts by key (CHART_KEYS), from the cache when drawn before; ValueError for an
    unknown key or format."""
    if fmt not in charts.FORMATS:
        raise ValueError(f"Unknown chart format {fmt!r}")
    draw, arguments = _chart_spec(figures, key)
    digest = hashlib.sha256(repr((key, fmt, get_language(), sorted(arguments.items()))).encode()).hexdigest()
    cache_key = f"kompakt:chart:{digest}"
    chart = cache.get(cache_key)
    if chart is None:
        chart = draw(fmt=fmt, **arguments)
        cache.set(cache_key, chart, CHART_CACHE_SECONDS)
    return chart


def portrait_charts(figures: PortraitFigures) -> dict[str, str]:
    """Every chart as SVG, by key."""
    return {key: portrait_chart(figures, key) for key in CHART_KEYS}
