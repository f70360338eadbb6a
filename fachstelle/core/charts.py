"""Server-side charts (matplotlib, Agg, no pyplot): horizontal bar and stacked bar charts as SVG or PNG.

Charts only ever receive what a table may show (`core.statistics`): a hidden count is a
`SuppressedCount` without a value, so it is drawn as no bar with its mark ("< 5", "–") and a footnote —
the chart cannot leak what the table hides. Output is deterministic (fixed SVG hash salt, no date, no
software stamp) so equal data gives byte-equal files, which makes them cacheable by content. The SVG is
accessible: `role="img"`, a `<title>` and a `<desc>` that lists the values in words, text kept as text.
"""

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .statistics import SECONDARY, SUPPRESSION_THRESHOLD, Count, SuppressedCount, Table, is_suppressed

matplotlib.use("Agg")
# Process-wide, set once: figures are built with the object API (thread-safe per figure), but these
# rcParams are read when saving. Fixed salt → stable ids; text stays text; "$" in a label is no maths.
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "fachstelle",
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 9,
        "text.parse_math": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MUTED = "#555555"
WIDTH_INCHES = 7.5
MAX_LABEL = 38
FORMATS = ("svg", "png")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Count]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _default_note() -> str:
    return _("Values of fewer than %(n)s persons are not shown (“< %(n)s”, “–”).") % {
        "n": SUPPRESSION_THRESHOLD
    }


def _describe(labels: Sequence[str], series: Sequence[Series]) -> str:
    """The chart's values in words, for screen readers (hidden values by their mark only)."""
    parts = []
    for serie in series:
        values = "; ".join(f"{label}: {value}" for label, value in zip(labels, serie.values, strict=True))
        parts.append(f"{serie.name} – {values}" if len(series) > 1 or serie.name else values)
    return ". ".join(parts)


def _figure(rows: int, series_count: int, *, stacked: bool) -> tuple[Figure, object]:
    per_row = 0.32 if stacked else 0.22 + 0.16 * series_count
    # No layout engine: constrained layout measures every text twice and took a third of the drawing time;
    # `fixed_margins` places the axes from the labels' lengths instead.
    figure = Figure(figsize=(WIDTH_INCHES, max(2.0, 1.3 + rows * per_row)), dpi=100)
    axes = figure.add_subplot()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def fixed_margins(figure: Figure, *, labels: Sequence[str], legend: bool, note: bool) -> None:
    """Room for the y labels (from their length: DejaVu Sans at 9 pt averages ~0.07 in a character), the
    legend on top and the x ticks plus an optional note below; in inches, whatever the figure's height."""
    width, height = figure.get_size_inches()
    left = 0.2 + 0.07 * max([len(label) for label in labels] or [0])
    top = 0.45 if legend else 0.15
    bottom = 0.4 + (0.25 if note else 0)
    figure.subplots_adjust(
        left=min(0.6, left / width),
        right=1 - 0.3 / width,
        top=1 - top / height,
        bottom=min(0.45, bottom / height),
    )


def _finish(axes, *, labels, series, hidden: bool, note: str | None, legend: bool) -> None:
    fixed_margins(axes.figure, labels=[_short(label) for label in labels], legend=legend, note=hidden)
    axes.set_yticks(range(len(labels)), [_short(label) for label in labels])
    axes.set_ylim(-0.6, len(labels) - 0.4)
    axes.invert_yaxis()  # first row on top, as in the table
    if legend:
        axes.figure.legend(
            handles=[
                Patch(color=PALETTE[i % len(PALETTE)], label=_short(serie.name))
                for i, serie in enumerate(series)
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=min(3, len(series)),
            frameon=False,
            fontsize=8,
        )
    if hidden:
        # As the axis label, so the layout keeps it clear of the ticks.
        axes.set_xlabel(note or _default_note(), fontsize=7.5, color=MUTED, loc="left")


def _render(figure: Figure, *, fmt: str, title: str, description: str) -> str | bytes:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown chart format {fmt!r}")
    buffer = io.BytesIO()
    if fmt == "png":
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible_svg(buffer.getvalue().decode(), title=title, description=description)


def _accessible_svg(raw: str, *, title: str, description: str) -> str:
    """Without the XML prolog and the RDF metadata; with role, title and desc (ids unique per content)."""
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    prefix = "chart-" + hashlib.sha256(f"{title}\x1f{description}".encode()).hexdigest()[:10]
    end_of_tag = svg.index(">") + 1
    opening = svg[:end_of_tag].replace(
        "<svg ", f'<svg role="img" aria-labelledby={quoteattr(f"{prefix}-title {prefix}-desc")} ', 1
    )
    head = (
        f'\n <title id="{prefix}-title">{escape(title)}</title>'
        f'\n <desc id="{prefix}-desc">{escape(description)}</desc>'
    )
    return opening + head + svg[end_of_tag:]


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    description: str = "",
    note: str | None = None,
    fmt: str = "svg",
) -> str | bytes:
    """Horizontal bars, one group per label, one bar per series. Hidden values get no bar, only their mark."""
    figure, axes = _figure(len(labels), len(series), stacked=False)
    visible = [value for serie in series for value in serie.values if not is_suppressed(value)]
    top = max([*visible, 1])
    height = 0.8 / len(series)
    hidden = False
    for s, serie in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        for i, value in enumerate(serie.values):
            y = i - 0.4 + height * (s + 0.5)
            if isinstance(value, SuppressedCount):
                hidden = True
                axes.text(top * 0.005, y, str(value), va="center", ha="left", fontsize=8, color=MUTED)
                continue
            axes.barh(y, value, height=height * 0.9, color=colour)
            axes.text(value + top * 0.01, y, str(value), va="center", ha="left", fontsize=8)
    axes.set_xlim(0, top * 1.12)
    _finish(axes, labels=labels, series=series, hidden=hidden, note=note, legend=len(series) > 1)
    text = ". ".join(filter(None, [description, _describe(labels, series)]))
    return _render(figure, fmt=fmt, title=title, description=text)


def stacked_bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    description: str = "",
    note: str | None = None,
    fmt: str = "svg",
) -> str | bytes:
    """One horizontal bar per label, the series stacked. Hidden parts are left out and marked after the bar
    ("+ < 5"), so the bar's length is the sum of what may be shown."""
    figure, axes = _figure(len(labels), len(series), stacked=True)
    lengths = [
        sum(serie.values[i] for serie in series if not is_suppressed(serie.values[i]))
        for i in range(len(labels))
    ]
    top = max([*lengths, 1])
    hidden = False
    for i in range(len(labels)):
        left = 0
        marks = []
        for s, serie in enumerate(series):
            value = serie.values[i]
            if isinstance(value, SuppressedCount):
                marks.append(str(value))
                continue
            if value:
                axes.barh(i, value, left=left, height=0.7, color=PALETTE[s % len(PALETTE)])
                left += value
        if marks:
            hidden = True
            axes.text(left + top * 0.01, i, "+ " + " ".join(sorted(set(marks))), va="center", fontsize=8)
    axes.set_xlim(0, top * 1.15)
    _finish(axes, labels=labels, series=series, hidden=hidden, note=note, legend=True)
    text = ". ".join(filter(None, [description, _describe(labels, series)]))
    return _render(figure, fmt=fmt, title=title, description=text)


def _plottable(value):
    """Amounts of money come as Decimal, which does not mix with matplotlib's floats; a withheld amount
    (None, shown "–" in its table) is drawn as a hidden value."""
    if value is None:
        return SECONDARY
    return float(value) if isinstance(value, Decimal) else value


def table_chart(table: Table, *, fmt: str = "svg") -> str | bytes:
    """The chart of a protected table: its rows (without the total row and total column) as bars."""
    columns = table.columns[:-1] if table.has_row_totals else table.columns
    labels = [row.label for row in table.rows]
    series = [
        Series(name=column, values=[_plottable(row.cells[j]) for row in table.rows])
        for j, column in enumerate(columns)
    ]
    chart = stacked_bar_chart if table.chart == "stacked" else bar_chart
    if len(series) == 1 and chart is bar_chart:
        series = [Series(name="", values=series[0].values)]
    return chart(title=table.title, labels=labels, series=series, description=table.note, fmt=fmt)
