"""The annual report (Jahresbericht): the texts an office writes for a year, requesting a build, and the
build itself (figures → PDF + DOCX, in the background with progress).

What is printed: only the report sections' aggregates (`fachstelle.reporting.sections`), the office's own
texts and the per-municipality figures (`municipality_rows`). The sections suppress every count of people
below 5 ("< 5", complementary cells "–") and leave out amounts of money or hours that cover fewer than 5
people (None → "–"); this module adds no figure of its own, so nothing here can point to a person, and no
name of a client, reporter or applicant is ever read.

A build is one `AnnualReport` row: QUEUED when requested (at most one queued or running per office and
year, guarded by a database constraint), RUNNING while the task computes and renders, then DONE with both
files or FAILED with the error and no file. Both files are rendered in memory and written only at the end,
so a failure never leaves half a report behind.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from fachstelle.core.charts import table_chart
from fachstelle.core.models import Municipality, Office
from fachstelle.core.numbers import format_count, format_decimal
from fachstelle.core.richtext import render_markdown
from fachstelle.core.statistics import (
    SECONDARY_MARK,
    SUPPRESSION_THRESHOLD,
    Table,
    is_suppressed,
)
from fachstelle.reporting.filters import FIRST_YEAR, ReportFilters
from fachstelle.reporting.models import AnnualReport, ReportText
from fachstelle.reporting.sections import (
    SECTION_MODULES,
    MunicipalityRow,
    Section,
    protect_single_hidden,
    section_module,
)

logger = logging.getLogger(__name__)

Status = AnnualReport.Status
IN_PROGRESS = (Status.QUEUED, Status.RUNNING)
LAST_YEAR = 2100
# A build queued or running longer than this is assumed lost (worker restarted): a new request fails it
# and starts again instead of being refused for ever.
STALE_AFTER = timedelta(minutes=30)
ERROR_MAX_LENGTH = 300
# One narrative text may be this long (a few pages); the whole report stays printable.
TEXT_MAX_LENGTH = 20_000

BUSY_MESSAGE = _(
    "The annual report of this year is already being built. Please wait until it is ready; "
    "the page shows its progress."
)

# Steps shown while building: stored as English msgids, translated when the page shows them.
STEP_QUEUED = gettext_noop("Waiting for its turn")
STEP_TEXTS = gettext_noop("Reading the texts")
STEP_FIGURES = gettext_noop("Computing the figures")
STEP_ANNEX = gettext_noop("Computing the figures per municipality")
STEP_CHARTS = gettext_noop("Drawing the charts")
STEP_PDF = gettext_noop("Writing the PDF")
STEP_DOCX = gettext_noop("Writing the Word document")
STEP_SAVE = gettext_noop("Saving the files")
STEP_DONE = gettext_noop("Ready")
STEP_FAILED = gettext_noop("Failed")

# The report's areas by section key (titles for the texts form and the steering view, where computing a
# whole section just for its title would be wasteful). Unknown keys fall back to the key itself.
AREA_TITLES = {
    "counselling": _("Counselling"),
    "directory": _("Directory of offers"),
    "network": _("Network"),
    "events": _("Events"),
    "grants": _("Grants"),
    "kompakt": _("KOMPAKT"),
}


def area_title(key: str) -> str:
    return str(AREA_TITLES.get(key, key.replace("_", " ").capitalize()))


# --- Texts -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSlot:
    key: str
    label: str
    help: str = ""


def text_slots() -> list[TextSlot]:
    """The narrative sections of the report, in print order: foreword, highlights, one text per area
    (printed before its figures: review and outlook of the area), and the outlook."""
    slots = [
        TextSlot("foreword", _("Foreword"), _("Printed after the table of contents.")),
        TextSlot("highlights", _("Highlights of the year")),
    ]
    for key in SECTION_MODULES:
        slots.append(
            TextSlot(
                f"area_{key}",
                _("%(area)s: review and outlook") % {"area": area_title(key)},
                _("Printed before the figures of this area."),
            )
        )
    slots.append(TextSlot("outlook", _("Outlook")))
    return slots


def validate_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year",
        )


def report_texts(*, office: Office, year: int) -> dict[str, str]:
    """The office's texts of `year` by slot key (empty strings for slots not written). One query."""
    stored = (
        ReportText.objects.filter(office=office, year=year).values_list("sections", flat=True).first() or {}
    )
    return {slot.key: str(stored.get(slot.key) or "") for slot in text_slots()}


def report_texts_save(*, office: Office, year: int, texts: dict[str, str], by) -> ReportText:
    """Store the texts of `year` (unknown keys are dropped, surrounding blanks stripped). Raises
    ValidationError keyed by slot for a text that is too long, or for a year out of range."""
    validate_year(year)
    known = {slot.key for slot in text_slots()}
    cleaned = {key: (texts.get(key) or "").strip() for key in known}
    errors = {
        key: _("At most %(n)s characters.") % {"n": TEXT_MAX_LENGTH}
        for key, text in cleaned.items()
        if len(text) > TEXT_MAX_LENGTH
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record, _created = ReportText.objects.select_for_update().get_or_create(office=office, year=year)
        # Keep what other keys an earlier version stored (a slot renamed later is not lost silently).
        record.sections = {**(record.sections or {}), **cleaned}
        record.updated_by = by
        record.save()
    return record


# --- Requesting a build ----------------------------------------------------------------------------------


def _fail_stale(*, office: Office, year: int) -> None:
    AnnualReport.objects.filter(
        office=office, year=year, status__in=IN_PROGRESS, requested_at__lt=timezone.now() - STALE_AFTER
    ).update(status=Status.FAILED, error="The build did not finish in time.", finished_at=timezone.now())


def annual_report_in_progress(*, office: Office, year: int) -> bool:
    return AnnualReport.objects.filter(office=office, year=year, status__in=IN_PROGRESS).exists()


def annual_report_request(*, office: Office, year: int, by) -> AnnualReport:
    """Record a build of `year` and queue it after commit. Raises ValidationError (code "busy") while
    another build of the same office and year is queued or running — also when a concurrent request wins
    the race (the database constraint refuses the second row)."""
    validate_year(year)
    with transaction.atomic():
        _fail_stale(office=office, year=year)
        if annual_report_in_progress(office=office, year=year):
            raise ValidationError(BUSY_MESSAGE, code="busy")
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives the IntegrityError
                report = AnnualReport.objects.create(
                    office=office, year=year, requested_by=by, status=Status.QUEUED, step=STEP_QUEUED
                )
        except IntegrityError:
            raise ValidationError(BUSY_MESSAGE, code="busy") from None
        report_id = report.pk

        def enqueue():
            from fachstelle.reporting.tasks import annual_report_build_task  # tasks imports this module

            annual_report_build_task.enqueue(report_id=report_id)

        transaction.on_commit(enqueue)
    return report


# --- What is printed -------------------------------------------------------------------------------------


def display_value(value, unit: str = "") -> str:
    """A figure as printed: hidden counts by their mark ("< 5", "–"), a withheld amount (None) as "–",
    money with two decimals, hours with one, other decimals as stored (at most two), counts with
    thousands separators (Swiss style 1’234)."""
    if value is None:
        return SECONDARY_MARK
    if is_suppressed(value):
        return str(value)
    if isinstance(value, str):
        return value
    if unit in ("CHF", "EUR"):
        return f"{unit} {format_decimal(value, 'CH', places=2)}"
    if isinstance(value, Decimal | float):
        amount = Decimal(str(value))
        places = 1 if unit == "h" or isinstance(value, float) else min(2, max(0, -amount.as_tuple().exponent))
        text = format_decimal(amount, "CH", places=places)
    else:
        text = format_count(int(value), "CH")
    return f"{text} {unit}" if unit else text


@dataclass
class AnnexRow:
    area: str
    label: str
    value: str


@dataclass
class MunicipalityAnnex:
    municipality: Municipality
    rows: list[AnnexRow]


@dataclass(frozen=True)
class PrintedCell:
    text: str
    hidden: bool


@dataclass
class PrintedTable:
    table: Table
    chart_png: bytes | None  # None when the table has no rows (or its chart could not be drawn)

    @staticmethod
    def _cells(cells) -> list[PrintedCell]:
        return [PrintedCell(display_value(cell), cell is None or is_suppressed(cell)) for cell in cells]

    @property
    def rows(self) -> list[tuple[str, list[PrintedCell]]]:
        return [(row.label, self._cells(row.cells)) for row in self.table.rows]

    @property
    def total(self) -> tuple[str, list[PrintedCell]] | None:
        total = self.table.total
        return (total.label, self._cells(total.cells)) if total else None


# Charts of the report kept for rebuilds (a day: the figures of a year change little once it is over).
CHART_CACHE_SECONDS = 24 * 3600


def _chart_png(table: Table) -> bytes | None:
    """The table's chart as PNG (core.charts draws amounts and withheld values too). A chart that still
    cannot be drawn is left out (the table carries the figures) rather than failing the whole report."""
    if not table.rows:
        return None
    # Drawn once per content: a report rebuilt after its texts were edited reuses the unchanged charts
    # (the fingerprint holds what the table shows, in its language, never a hidden value).
    digest = hashlib.sha256(f"{table.chart}\x1f{table.fingerprint()}".encode()).hexdigest()[:32]
    key = f"reporting:annual-chart:{digest}"
    png = cache.get(key)
    if png is not None:
        return png
    try:
        png = table_chart(table, fmt="png")
    except (TypeError, ValueError):
        logger.warning("The chart of table %s could not be drawn", table.key, exc_info=True)
        return None
    cache.set(key, png, CHART_CACHE_SECONDS)
    return png


@dataclass
class PrintedSection:
    section: Section
    text_html: SafeString
    text: str
    tables: list[PrintedTable] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"area-{self.section.key}"

    @property
    def figures(self) -> list[tuple[str, str]]:
        return [(figure.label, display_value(figure.value, figure.unit)) for figure in self.section.figures]


@dataclass
class AnnualReportData:
    """Everything a document of the report prints (both renderers read this, it is computed once)."""

    office: Office
    year: int
    filters: ReportFilters
    texts: dict[str, str]
    texts_html: dict[str, SafeString]
    sections: list[PrintedSection]
    annex: list[MunicipalityAnnex]
    printed_on: object
    threshold: int = SUPPRESSION_THRESHOLD

    @property
    def has_suppressed(self) -> bool:
        return any(printed.table.has_suppressed for s in self.sections for printed in s.tables)


Progress = Callable[[int, str], None]


def _no_progress(_percent: int, _step: str) -> None:
    pass


def annual_report_data(*, office: Office, year: int, progress: Progress = _no_progress) -> AnnualReportData:
    """Compute what the report prints for `office` and calendar year `year`. `progress(percent, step)` is
    called along the way (10–60 %). Queries: the texts, the municipalities, then each section's own
    (constant per section) and each section's municipality rows."""
    filters = ReportFilters.year(year)
    progress(5, STEP_TEXTS)
    texts = report_texts(office=office, year=year)
    municipalities = list(office.municipalities.order_by("name", "pk"))
    keys = list(SECTION_MODULES)
    computed: list[Section] = []
    for index, key in enumerate(keys):
        progress(10 + 35 * index // max(len(keys), 1), STEP_FIGURES)
        computed.append(section_module(key).section(office=office, filters=filters))
    progress(45, STEP_ANNEX)
    annex = _annex(office=office, filters=filters, municipalities=municipalities, keys=keys)
    progress(50, STEP_CHARTS)
    printed = []
    for section in computed:
        text = texts.get(f"area_{section.key}", "")
        printed.append(
            PrintedSection(
                section=section,
                text=text,
                text_html=render_markdown(text) if text else SafeString(""),
                tables=[PrintedTable(table=table, chart_png=_chart_png(table)) for table in section.tables],
            )
        )
    return AnnualReportData(
        office=office,
        year=year,
        filters=filters,
        texts=texts,
        texts_html={key: render_markdown(text) for key, text in texts.items() if text},
        sections=printed,
        annex=annex,
        printed_on=timezone.localdate(),
    )


def _annex(*, office, filters, municipalities, keys) -> list[MunicipalityAnnex]:
    """Per municipality, every section's comparable figures (one `municipality_rows` call per section for
    all municipalities at once)."""
    by_area: list[tuple[str, list[MunicipalityRow]]] = [
        (
            area_title(key),
            section_module(key).municipality_rows(
                office=office, filters=filters, municipalities=municipalities
            ),
        )
        for key in keys
    ]
    # Every municipality is listed next to the sections' office-wide totals: protect each row across them.
    protected = {
        id(row): dict(
            zip(
                [m.pk for m in municipalities],
                protect_single_hidden([row.values.get(m.pk) for m in municipalities]),
                strict=True,
            )
        )
        for _area, rows in by_area
        for row in rows
    }
    return [
        MunicipalityAnnex(
            municipality=municipality,
            rows=[
                AnnexRow(
                    area=area,
                    label=row.label,
                    value=display_value(protected[id(row)][municipality.pk], row.unit),
                )
                for area, rows in by_area
                for row in rows
            ],
        )
        for municipality in municipalities
    ]


def annual_report_filename(*, office: Office, year: int, extension: str) -> str:
    return f"jahresbericht-{office.slug}-{year}.{extension}"


# --- Building --------------------------------------------------------------------------------------------


def _progress(report_id: int) -> Progress:
    def update(percent: int, step: str) -> None:
        AnnualReport.objects.filter(pk=report_id, status=Status.RUNNING).update(progress=percent, step=step)

    return update


def _short_error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX_LENGTH]


def annual_report_build(*, report_id: int) -> None:
    """Build a queued report: both documents in memory, then both files, then DONE — or FAILED with the
    error and no file. A report that is not QUEUED (gone, or claimed by another worker) is left alone."""
    from fachstelle.reporting.annual_docx import render_annual_docx
    from fachstelle.reporting.annual_pdf import render_annual_pdf

    claimed = AnnualReport.objects.filter(pk=report_id, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=1, step=STEP_TEXTS
    )
    if not claimed:
        return
    report = AnnualReport.objects.select_related("office").get(pk=report_id)
    progress = _progress(report_id)
    saved: list[tuple] = []
    try:
        # Workers have no request: the documents are written in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            data = annual_report_data(office=report.office, year=report.year, progress=progress)
            progress(60, STEP_PDF)
            pdf = render_annual_pdf(data)
            progress(85, STEP_DOCX)
            docx = render_annual_docx(data)
        progress(95, STEP_SAVE)
        names = {}
        for field_name, content, extension in (("pdf", pdf, "pdf"), ("docx", docx, "docx")):
            model_field = AnnualReport._meta.get_field(field_name)
            filename = annual_report_filename(office=report.office, year=report.year, extension=extension)
            name = model_field.storage.save(
                model_field.generate_filename(report, filename), ContentFile(content)
            )
            saved.append((model_field.storage, name))
            names[field_name] = name
        updated = AnnualReport.objects.filter(pk=report_id, status=Status.RUNNING).update(
            status=Status.DONE,
            progress=100,
            step=STEP_DONE,
            error="",
            finished_at=timezone.now(),
            **names,
        )
        if not updated:
            raise RuntimeError("The report was changed while it was being built.")
    except Exception as exc:  # any error ends as FAILED without files, never as a crashed worker
        logger.exception("Annual report %s could not be built", report_id)
        for storage, name in saved:
            storage.delete(name)
        AnnualReport.objects.filter(pk=report_id, status=Status.RUNNING).update(
            status=Status.FAILED, step=STEP_FAILED, error=_short_error(exc), finished_at=timezone.now()
        )
