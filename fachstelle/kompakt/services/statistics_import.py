"""Import of population statistics (STATPOP-like CSV/XLSX): check every row, then replace whole
municipality-years atomically.

Population figures are aggregates of the whole resident population as published by the federal (or state)
statistical office, not data about the office's clients: no small-cell suppression is applied to them,
neither here nor in the charts built from them.

Flow: `statistics_check` reads the file in one pass (core.tabular), validates every row with dictionary
look-ups only (no query per row) and records a StatisticsImport ("checked" or "rejected"). After the office
confirmed, `statistics_import` checks again (the database may have changed in between) and, when no row has
an error, deletes every (municipality, year) present in the file and inserts the new figures in one
transaction (COPY on PostgreSQL, bulk_create batches on SQLite): a re-import of a year replaces it, and
nothing is ever half-imported.

The format is documented in docs/statistics-format.md; an office's ColumnMapping renames columns and
translates values (e.g. German district statistics with AGS, Geschlecht 1/2).
"""

import datetime
import re
import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core import tabular
from fachstelle.core.models import Municipality, Office
from fachstelle.core.tabular import Column, TabularError

from ..models import AGE_GROUPS, ColumnMapping, Permit, PopulationFigure, Sex, StatisticsImport

# Statistics files are long and narrow: one canton's year is ~200 municipalities × ~15,000 cells.
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_ROWS = 3_500_000
MAX_ERRORS_LISTED = 1_000  # stored and shown; the total is counted beyond that
BATCH_SIZE = 5_000
FIRST_YEAR = 1990

# The target columns in file order of the documented format; header = STATPOP name, aliases = other
# usual spellings (German district statistics, English). normalise_key ignores case and punctuation.
COLUMNS = (
    Column(
        "municipality",
        "GDENR",
        ("BFS_NR", "BFS", "GEMEINDENUMMER", "AGS", "GEMEINDESCHLUESSEL", "Gemeindeschlüssel"),
        True,
        gettext_lazy("BFS number of the municipality (Germany: municipality key AGS)."),
    ),
    Column("year", "JAHR", ("YEAR", "STICHJAHR"), True, gettext_lazy("Year of the figures, 1990 or later.")),
    Column(
        "nationality",
        "NATIONALITY",
        ("NATIONALITAET", "STAATSANGEHOERIGKEIT", "Staatsangehörigkeit"),
        True,
        gettext_lazy("ISO 3166 alpha-2 code of the nationality: CH for Swiss citizens, XX unknown."),
    ),
    Column(
        "permit",
        "PERMIT",
        ("AUFENTHALTSSTATUS", "AUFENTHALTSART", "BEWILLIGUNG"),
        True,
        gettext_lazy("Residence status: CH (Swiss), C, B, L, F, N or other."),
    ),
    Column(
        "age_group",
        "AGE_GROUP",
        ("ALTERSGRUPPE", "ALTERSKLASSE", "ALTER"),
        True,
        gettext_lazy("Five-year age group: its lower bound (0, 5, …, 90) or the range (0-4, …, 90+)."),
    ),
    Column("sex", "SEX", ("GESCHLECHT",), True, gettext_lazy("m or f (also 1 = male, 2 = female).")),
    Column(
        "count",
        "COUNT",
        ("ANZAHL", "PERSONEN", "VALUE"),
        True,
        gettext_lazy("Number of persons (0 or more)."),
    ),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
# Keys of ColumnMapping.values that may translate codes.
VALUE_KEYS = ("municipality", "nationality", "permit", "age_group", "sex")

_PERMITS = {code.casefold(): code for code in Permit.values}
_SEXES = {"m": Sex.MALE, "f": Sex.FEMALE, "1": Sex.MALE, "2": Sex.FEMALE, "w": Sex.FEMALE}
_AGE_LOWER = {lower for lower, _label in AGE_GROUPS}
_AGE_RE = re.compile(r"^(\d{1,3})(?:\s*[-–]\s*(\d{1,3})|\s*\+)?$")
_NATIONALITY_RE = re.compile(r"^[A-Z]{2}$")
# Thousands separators a spreadsheet may leave in a count: 1'234, 1’234, 1 234.
_THOUSANDS = str.maketrans("", "", "'’\u202f\u00a0 ")


class StatisticsRejected(ValidationError):
    """The file has errors; nothing was written. `report` lists them."""

    def __init__(self, message, *, report):
        super().__init__(message)
        self.report = report


@dataclass
class ImportReport:
    """What a statistics file contains and every problem found (row number as the spreadsheet shows it)."""

    office: Office
    file_name: str
    file_format: str = "statpop"
    rows_total: int = 0
    errors: list[dict] = field(
        default_factory=list
    )  # at most MAX_ERRORS_LISTED: {"row", "column", "message"}
    error_count: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    # Valid cells: (municipality_id, year, nationality, permit, age_group, sex, count).
    cells: list[tuple] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    municipality_ids: set[int] = field(default_factory=set)
    record: StatisticsImport | None = None

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def add_error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_LISTED:
            self.errors.append({"row": row, "column": column, "message": str(message)})

    def stored_errors(self) -> list[dict]:
        """The errors as kept on the StatisticsImport: the listed ones, then {"more": n} for the rest."""
        more = self.error_count - len(self.errors)
        return [*self.errors, {"more": more}] if more > 0 else list(self.errors)


def errors_split(stored: list[dict]) -> tuple[list[dict], int]:
    """The listed errors of a StatisticsImport and the total count (see ImportReport.stored_errors)."""
    listed = [entry for entry in stored if "more" not in entry]
    more = sum(entry["more"] for entry in stored if "more" in entry)
    return listed, len(listed) + more


# --- Mapping -----------------------------------------------------------------------------------------


def mapping_for(office: Office) -> ColumnMapping | None:
    return ColumnMapping.objects.filter(office=office).first()


def columns_for(mapping: ColumnMapping | None) -> tuple[Column, ...]:
    """The import columns with the office's header names first; the documented names stay accepted."""
    renamed = (mapping.columns if mapping else None) or {}
    columns = []
    for column in COLUMNS:
        header = (renamed.get(column.key) or "").strip()
        if header:
            column = Column(
                column.key, header, (column.header, *column.aliases), column.required, column.help
            )
        columns.append(column)
    return tuple(columns)


def value_translations(mapping: ColumnMapping | None) -> dict[str, dict[str, str]]:
    """{column key: {file code (case-folded): our code}}."""
    values = (mapping.values if mapping else None) or {}
    return {
        key: {str(source).strip().casefold(): str(target).strip() for source, target in values[key].items()}
        for key in VALUE_KEYS
        if isinstance(values.get(key), dict)
    }


@transaction.atomic
def column_mapping_save(*, office: Office, columns: dict, values: dict, by=None) -> ColumnMapping:
    """Store the office's column names and value translations (empty: the documented format)."""
    errors = {}
    columns = {key: str(name).strip() for key, name in (columns or {}).items() if str(name or "").strip()}
    if unknown := sorted(set(columns) - set(COLUMN_KEYS)):
        errors["columns"] = _("Unknown target column(s): %(keys)s.") % {"keys": ", ".join(unknown)}
    names = [tabular.normalise_key(name) for name in columns.values()]
    if len(names) != len(set(names)):
        errors["columns"] = _("Two target columns cannot read the same column of the file.")
    if not isinstance(values, dict):
        errors["values"] = _("The value translations must be a JSON object.")
    else:
        for key, table in values.items():
            if key not in VALUE_KEYS:
                errors["values"] = _("Values of “%(key)s” cannot be translated; allowed: %(keys)s.") % {
                    "key": key,
                    "keys": ", ".join(VALUE_KEYS),
                }
                break
            if not isinstance(table, dict) or not all(
                isinstance(target, str | int) and not isinstance(target, bool) for target in table.values()
            ):
                errors["values"] = _(
                    '“%(key)s” must map codes of the file to our codes, e.g. {"1": "m"}.'
                ) % {"key": key}
                break
    if errors:
        raise ValidationError(errors)
    mapping, _created = ColumnMapping.objects.get_or_create(office=office)
    mapping.columns = columns
    mapping.values = {key: {str(k): str(v) for k, v in table.items()} for key, table in values.items()}
    mapping.full_clean()
    mapping.save()
    return mapping


# --- Checking ----------------------------------------------------------------------------------------


def _report(
    *, office: Office, data: bytes, file_name: str, today: datetime.date | None = None
) -> ImportReport:
    """Validate the whole file (no writes). Queries: the mapping, the municipalities, the served ones."""
    mapping = mapping_for(office)
    report = ImportReport(office=office, file_name=file_name, file_format="mapped" if mapping else "statpop")
    try:
        file_type = tabular.file_type_of(name=file_name, head=data[:8])
        rows = tabular.iter_rows(data, file_type=file_type)
        header = next(rows, None)
        if header is None:
            raise TabularError(_("The file is empty: no header row was found."))
        column_map = tabular.map_columns(header[1], columns_for(mapping))
        report.unknown_columns = column_map.unknown
        _validate_rows(report, rows, column_map.positions, mapping, today or timezone.localdate())
    except TabularError as exc:
        report.add_error(None, "", exc.messages[0])
        report.cells = []
    return report


def _validate_rows(report, rows, positions, mapping, today):
    office = report.office
    translate = value_translations(mapping)
    numbers = dict(Municipality.objects.filter(country=office.country).values_list("bfs_number", "pk"))
    served = set(office.municipalities.values_list("pk", flat=True))
    # Canonical codes by raw text: one dictionary look-up per cell after the first occurrence.
    known: dict[str, dict[str, object]] = {key: {} for key in COLUMN_KEYS}
    seen: dict[tuple, int] = {}
    cells = report.cells
    years, municipality_ids = set(), set()
    index = [positions[key] for key in COLUMN_KEYS]
    width = max(index) + 1
    add_error = report.add_error
    for number, values in rows:
        if report.rows_total >= MAX_ROWS:
            raise TabularError(
                _("The file has more than %(max)s rows. Please split it into several files.")
                % {"max": f"{MAX_ROWS:,}".replace(",", "'")}
            )
        report.rows_total += 1
        if len(values) < width:
            values = values + [""] * (width - len(values))
        cell = []
        ok = True
        for key, position in zip(COLUMN_KEYS, index, strict=True):
            raw = values[position]
            cache = known[key]
            value = cache.get(raw)
            if value is None:
                value = _parse(key, raw, translate.get(key), numbers, served, today)
                cache[raw] = value
            if isinstance(value, Problem):
                add_error(number, key, value.message)
                ok = False
            else:
                cell.append(value)
        if not ok:
            continue
        key = tuple(cell[:6])
        first = seen.get(key)
        if first is not None:
            add_error(
                number,
                "",
                _("The same municipality, year, nationality, permit, age group and sex as row %(first)s.")
                % {"first": first},
            )
            continue
        seen[key] = number
        cells.append((*key, cell[6]))
        years.add(cell[1])
        municipality_ids.add(cell[0])
    if report.rows_total == 0:
        add_error(None, "", _("The file has a header row but no figures."))
    report.years = sorted(years)
    report.municipality_ids = municipality_ids
    if report.has_errors:
        report.cells = []


@dataclass(frozen=True)
class Problem:
    message: str


def _parse(key, raw, translation, numbers, served, today):
    """The canonical value of one cell or a Problem. Results are cached per raw text by the caller."""
    if translation:
        raw = translation.get(raw.casefold(), raw)
    if raw == "":
        return Problem(_("This value is missing."))
    if key == "municipality":
        digits = raw.removesuffix(".0")
        if not digits.isdigit():
            return Problem(_("“%(value)s” is not a municipality number.") % {"value": raw})
        pk = numbers.get(int(digits))
        if pk is None:
            return Problem(_("No municipality has the number %(value)s.") % {"value": raw})
        if pk not in served:
            return Problem(_("Municipality %(value)s is not served by this office.") % {"value": raw})
        return pk
    if key == "year":
        if not raw.isdigit():
            return Problem(_("“%(value)s” is not a year.") % {"value": raw})
        year = int(raw)
        if year < FIRST_YEAR or year > today.year:
            return Problem(
                _("The year %(value)s is outside %(first)s–%(last)s.")
                % {"value": raw, "first": FIRST_YEAR, "last": today.year}
            )
        return year
    if key == "nationality":
        code = raw.upper()
        if not _NATIONALITY_RE.match(code):
            return Problem(_("“%(value)s” is not a two-letter country code (ISO 3166).") % {"value": raw})
        return code
    if key == "permit":
        code = _PERMITS.get(raw.casefold())
        if code is None:
            return Problem(
                _("“%(value)s” is not a residence status (%(codes)s).")
                % {"value": raw, "codes": ", ".join(Permit.values)}
            )
        return code
    if key == "age_group":
        match = _AGE_RE.match(raw.removesuffix(".0"))
        lower = int(match.group(1)) if match else None
        upper = match.group(2) if match else None
        valid = lower in _AGE_LOWER and (
            upper is None or (int(upper) == lower + 4 if lower < 90 else int(upper) >= 94)
        )
        if not valid:
            return Problem(
                _("“%(value)s” is not a five-year age group (0, 5, …, 90 or 0-4, …, 90+).") % {"value": raw}
            )
        return lower
    if key == "sex":
        code = _SEXES.get(raw.casefold())
        if code is None:
            return Problem(_("“%(value)s” is not a sex code (m, f, 1, 2).") % {"value": raw})
        return str(code)
    # count
    text = raw.translate(_THOUSANDS).removesuffix(".0")
    if text.startswith("-") and text[1:].isdigit():
        return Problem(_("The count must not be negative."))
    if not text.isdigit():
        return Problem(_("“%(value)s” is not a whole number.") % {"value": raw})
    count = int(text)
    if count > 2_147_483_647:
        return Problem(_("“%(value)s” is too large.") % {"value": raw})
    return count


def statistics_check(*, office: Office, data: bytes, file_name: str, by=None) -> ImportReport:
    """Validate a statistics file and record the check (status "checked" or "rejected"); writes no figures."""
    report = _report(office=office, data=data, file_name=file_name)
    report.record = StatisticsImport.objects.create(
        office=office,
        file_name=file_name[:255],
        file_format=report.file_format,
        years=report.years,
        municipalities=len(report.municipality_ids),
        rows_total=report.rows_total,
        errors=report.stored_errors(),
        status=StatisticsImport.Status.REJECTED if report.has_errors else StatisticsImport.Status.CHECKED,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    return report


def statistics_import(
    *,
    office: Office,
    by=None,
    data: bytes | None = None,
    file_name: str = "",
    record: StatisticsImport | None = None,
    report: ImportReport | None = None,
    is_demo: bool = False,
) -> ImportReport:
    """Import a checked file: validate again (or take `report` of the same request), then replace every
    (municipality, year) of the file in one transaction. Raises StatisticsRejected when any row has an error
    (the record is marked rejected, no figure is touched)."""
    if record is not None and record.office_id != office.pk:
        raise ValidationError(_("This import belongs to another office."))
    if report is None:
        report = _report(
            office=office, data=data or b"", file_name=file_name or (record.file_name if record else "")
        )
    record = record or report.record
    if record is None:
        record = StatisticsImport(office=office, file_name=report.file_name[:255])
        record.created_by = by if getattr(by, "is_authenticated", False) else None
    record.file_format = report.file_format
    record.years = report.years
    record.municipalities = len(report.municipality_ids)
    record.rows_total = report.rows_total
    record.errors = report.stored_errors()
    record.is_demo = is_demo or record.is_demo
    if report.has_errors:
        record.status = StatisticsImport.Status.REJECTED
        record.rows_imported = 0
        record.save()
        raise StatisticsRejected(_("The file has errors; nothing was imported."), report=report)
    with transaction.atomic():
        record.status = StatisticsImport.Status.IMPORTED
        record.rows_imported = len(report.cells)
        record.full_clean()
        record.save()
        _replace(report, record)
    report.record = record
    return report


def _replace(report: ImportReport, record: StatisticsImport) -> None:
    """Delete the file's municipality-years (one query per year) and insert its cells: COPY on PostgreSQL
    (one statement streaming every row, ~10× faster than batched INSERTs), bulk_create batches elsewhere.
    Runs inside the caller's transaction: an error in either step leaves the old figures in place."""
    by_year: dict[int, set[int]] = {}
    for cell in report.cells:
        by_year.setdefault(cell[1], set()).add(cell[0])
    for year, municipality_ids in sorted(by_year.items()):
        # One DELETE statement (nothing cascades from a figure: Django's fast delete, no rows fetched).
        PopulationFigure.objects.filter(year=year, municipality_id__in=sorted(municipality_ids)).delete()
    if connection.vendor == "postgresql":
        _copy_cells(report.cells, record.pk)
    else:
        _bulk_create_cells(report.cells, record)


# The figure columns in the order of ImportReport.cells, then the import.
_COPY_FIELDS = ("municipality", "year", "nationality", "permit", "age_group", "sex", "count", "source_import")


def _copy_cells(cells: list[tuple], record_id: int) -> None:
    """PostgreSQL: COPY … FROM STDIN (psycopg 3) in the current transaction."""
    meta = PopulationFigure._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in _COPY_FIELDS)
    sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    started = time.monotonic()
    # wrap_database_errors: a failing row raises django.db.IntegrityError etc., as bulk_create would.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        write_row = copy.write_row
        for cell in cells:
            write_row((*cell, record_id))
    if connection.queries_logged:  # Django's debug cursor does not see COPY: count it like a query
        connection.queries_log.append(
            {"sql": f"{sql} -- {len(cells)} rows", "time": f"{time.monotonic() - started:.3f}"}
        )


def _bulk_create_cells(cells: list[tuple], record: StatisticsImport) -> None:
    for start in range(0, len(cells), BATCH_SIZE):
        PopulationFigure.objects.bulk_create(
            [
                PopulationFigure(
                    municipality_id=municipality_id,
                    year=year,
                    nationality=nationality,
                    permit=permit,
                    age_group=age_group,
                    sex=sex,
                    count=count,
                    source_import=record,
                )
                for municipality_id, year, nationality, permit, age_group, sex, count in cells[
                    start : start + BATCH_SIZE
                ]
            ],
            batch_size=BATCH_SIZE,
        )
