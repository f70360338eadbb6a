"""Spreadsheets in and out: read an uploaded CSV or XLSX into a header and rows of strings, describe a
column format with aliases, collect per-row validation errors, keep an upload between preview and
confirmation, and answer with CSV or XLSX downloads.

Shared by every import of the platform (organisations and contacts, population statistics, …): the
importing app describes its columns and validates rows; reading, limits and the temporary store live here.

Reading rules
- Type by extension AND content: an .xlsx must be a zip container, a .csv must be text (no NUL bytes);
  a legacy .xls (OLE container) is refused with a hint to save as .xlsx.
- CSV: UTF-8 (with or without byte-order mark), falling back to Windows-1252, which is what Excel on
  Swiss/German Windows writes; the delimiter (; , or tab) is the one found most often in the header line.
- XLSX: the first worksheet, values only (formulas give their cached value); numbers that are whole
  become "4800", not "4800.0"; dates become ISO dates.
- Every value is stripped; a leading apostrophe that protected a formula character (written by our own
  exports, see `_neutralise`) is removed again, so an export re-imports unchanged.
- Row numbers are the ones the spreadsheet shows (the header is row 1); empty rows are skipped but keep
  the numbering.
"""

import csv
import datetime
import io
import re
import secrets
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 10 * 1024 * 1024  # 10 MB: a 50,000-row address list is about 6 MB as CSV
MAX_ROWS = 50_000  # data rows (without the header)
MAX_COLUMNS = 100
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024  # a full 10 MB workbook unpacks to well under this
CSV_DELIMITERS = (";", ",", "\t")
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the OLE container of Excel 97-2003
# Semicolon and a byte-order mark: what Excel in German and Swiss locales opens without an import dialog.
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Phone numbers and negative numbers start with + or - and are harmless.
_HARMLESS_SIGNED = re.compile(r"^[+-][\d\s()/.-]*$")


class TabularError(ValidationError):
    """The file as a whole cannot be read (wrong type, too big, too many rows, no header)."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # as shown by the spreadsheet program; the header is row 1
    values: tuple[str, ...]


@dataclass
class Table:
    headers: list[str]
    rows: list[SourceRow]
    file_type: str  # "csv" or "xlsx"


@dataclass(frozen=True)
class Column:
    """One column of an import format: a key for the code, the header the office sees, accepted aliases."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


@dataclass
class ColumnMap:
    positions: dict[str, int]  # column key → index in the row
    unknown: list[str]  # headers of the file nobody reads (shown, not an error)

    def row_values(self, row: SourceRow) -> dict[str, str]:
        values = row.values
        return {key: values[index] if index < len(values) else "" for key, index in self.positions.items()}


@dataclass
class RowResult:
    """The outcome of validating one row: cleaned data and the errors per column (empty: the row is valid)."""

    number: int
    data: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def add_error(self, column: str, message) -> None:
        self.errors.setdefault(column, []).append(str(message))

    def error_items(self) -> list[tuple[str, str]]:
        return [(column, message) for column, messages in self.errors.items() for message in messages]


# --- Reading ---------------------------------------------------------------------------------------------


def file_type_of(*, name: str, head: bytes) -> str:
    """'csv' or 'xlsx' from the file name and its first bytes; both must agree."""
    extension = Path(name or "").suffix.lower()
    if head.startswith(XLS_MAGIC) or extension == ".xls":
        raise TabularError(
            _("Old Excel files (.xls) cannot be read. Please save the file as .xlsx or CSV and upload it.")
        )
    if extension == ".xlsx":
        if not head.startswith(XLSX_MAGIC):
            raise TabularError(_("The file is called .xlsx but is not an Excel workbook."))
        return "xlsx"
    if extension in (".csv", ".txt"):
        if head.startswith(XLSX_MAGIC) or b"\x00" in head:
            raise TabularError(_("The file is called .csv but does not contain text."))
        return "csv"
    raise TabularError(_("Please upload a CSV file (.csv) or an Excel workbook (.xlsx)."))


def read_upload(uploaded, *, max_bytes: int | None = None) -> tuple[bytes, str]:
    """The bytes and the type of an uploaded file (Django UploadedFile), size- and type-checked."""
    max_bytes = max_bytes or MAX_FILE_BYTES
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise TabularError(file_too_big_message(uploaded.size, max_bytes))
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TabularError(file_too_big_message(len(data), max_bytes))
    if not data:
        raise TabularError(_("The file is empty."))
    return data, file_type_of(name=uploaded.name, head=data[:8])


def file_too_big_message(size: int, max_bytes: int) -> str:
    return _("The file is too big (%(size)s MB); at most %(max)s MB are accepted.") % {
        "size": f"{size / 1024 / 1024:.1f}",
        "max": f"{max_bytes / 1024 / 1024:.0f}",
    }


def iter_rows(data: bytes, *, file_type: str) -> Iterable[tuple[int, list[str]]]:
    """(line number, cleaned cell texts) of every non-empty row of a CSV or XLSX file, header first,
    streamed: for files too big to hold as SourceRow objects (statistics). Raises TabularError."""
    raw_rows = _csv_rows(data) if file_type == "csv" else _xlsx_rows(data)
    for number, raw in raw_rows:
        values = [_clean(value) for value in raw]
        if any(values):
            yield number, values


def read_table(data: bytes, *, file_type: str, max_rows: int = MAX_ROWS) -> Table:
    """Header and data rows of a CSV or XLSX file. Raises TabularError for a file that cannot be read."""
    headers: list[str] | None = None
    rows: list[SourceRow] = []
    for number, cells in iter_rows(data, file_type=file_type):
        values = tuple(cells)
        if headers is None:
            headers = list(values)
            if len(headers) > MAX_COLUMNS:
                raise TabularError(
                    _("The file has %(n)s columns; at most %(max)s are accepted.")
                    % {"n": len(headers), "max": MAX_COLUMNS}
                )
            continue
        if len(rows) >= max_rows:
            raise TabularError(
                _("The file has more than %(max)s rows. Please split it into several files.")
                % {"max": f"{max_rows:,}".replace(",", "'")}
            )
        rows.append(SourceRow(number=number, values=values[:MAX_COLUMNS]))
    if headers is None:
        raise TabularError(_("The file is empty: no header row was found."))
    return Table(headers=headers, rows=rows, file_type=file_type)


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TabularError(_("The text encoding of the file was not recognised; please save it as UTF-8 CSV."))


def sniff_delimiter(first_line: str) -> str:
    """The delimiter found most often in the header line (semicolon wins a tie: Swiss Excel writes it)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _csv_rows(data: bytes) -> Iterable[tuple[int, Sequence]]:
    text = _decode(data)
    if "\x00" in text:
        raise TabularError(_("The file is called .csv but does not contain text."))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    try:
        for values in reader:
            # line_num counts physical lines; a quoted cell with line breaks spans several of them.
            yield reader.line_num, values
    except csv.Error as exc:
        raise TabularError(
            _("The CSV file is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _xlsx_rows(data: bytes) -> Iterable[tuple[int, Sequence]]:
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TabularError(_("The Excel workbook could not be read. Is it damaged?")) from exc
    except Exception as exc:  # openpyxl raises many types for broken files; none may become a 500
        raise TabularError(_("The Excel workbook could not be read. Is it damaged?")) from exc
    try:
        if not workbook.worksheets:
            raise TabularError(_("The Excel workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        # Some programs write a wrong <dimension>; without a reset, read-only mode would cut rows short.
        sheet.reset_dimensions()
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except TabularError:
            raise
        except Exception as exc:
            raise TabularError(_("The Excel workbook could not be read. Is it damaged?")) from exc
    finally:
        workbook.close()


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a "zip bomb": a small workbook that unpacks into gigabytes (openpyxl keeps shared strings in
    memory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TabularError(_("The Excel workbook could not be read. Is it damaged?")) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise TabularError(_("The Excel workbook is too big when unpacked. Please save it as CSV."))


def _clean(value) -> str:
    if value is None:
        return ""
    if type(value) is str:  # the common case first: this runs for every cell
        text = value.strip()
        if "\x00" in text:
            text = text.replace("\x00", "")
        if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
            text = text[1:]
        return text
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).replace("\x00", "").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text


# --- Column formats --------------------------------------------------------------------------------------


def normalise_key(text: str) -> str:
    """'Kontakt E-Mail', 'kontakt_email' and 'KONTAKT-E-MAIL' are the same header (or label); ß is ss."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ß", "ss")
    return re.sub(r"[^0-9a-zäöüéèàç]+", "", text)


def map_columns(headers: Sequence[str], columns: Sequence[Column]) -> ColumnMap:
    """Which position of the file holds which column. Raises TabularError when a required column is missing
    or a column appears twice; unknown headers are reported, not refused."""
    lookup: dict[str, str] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            lookup.setdefault(normalise_key(name), column.key)
    positions: dict[str, int] = {}
    unknown: list[str] = []
    headers_of = {column.key: column.header for column in columns}
    for index, header in enumerate(headers):
        key = lookup.get(normalise_key(header))
        if key is None:
            if header:
                unknown.append(header)
            continue
        if key in positions:
            raise TabularError(
                _("The column “%(column)s” appears twice in the header row.") % {"column": headers_of[key]}
            )
        positions[key] = index
    missing = [column.header for column in columns if column.required and column.key not in positions]
    if missing:
        raise TabularError(
            _("The header row lacks the required column(s): %(columns)s. The first row names the columns.")
            % {"columns": ", ".join(missing)}
        )
    return ColumnMap(positions=positions, unknown=unknown)


# --- Writing ---------------------------------------------------------------------------------------------


def _neutralise(value) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula (CSV injection); phone numbers like
    +41 62 … stay as they are. The reader removes the apostrophe again."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _HARMLESS_SIGNED.match(text):
        return "'" + text
    return text


def csv_bytes(*, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, **CSV_DIALECT)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_neutralise(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(*, headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            cell = WriteOnlyCell(sheet, value=text)
            # openpyxl would store "=…" as a formula; every exported value is text.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_response(
    *,
    file_type: str,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    sheet_title: str = "Export",
) -> HttpResponse:
    """An attachment response with the rows as CSV (semicolon, UTF-8 with BOM) or XLSX."""
    if file_type == "xlsx":
        content = xlsx_bytes(headers=headers, rows=rows, sheet_title=sheet_title)
    else:
        file_type = "csv"
        content = csv_bytes(headers=headers, rows=rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Keeping an upload between preview and confirmation --------------------------------------------------
# The file waits on the server, named by a random token; the session remembers the token per purpose
# ("scope"), so a form field can never point the confirmation at another file. Files older than a day
# are removed whenever a new upload arrives (sessions end after 30 idle minutes).

UPLOAD_MAX_AGE_SECONDS = 24 * 3600
_SESSION_KEY = "tabular_uploads"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,80}$")


def upload_root() -> Path:
    root = getattr(settings, "PRIVATE_UPLOAD_ROOT", None)
    return Path(root) if root else Path(settings.PRIVATE_EXPORT_ROOT).parent / "uploads"


@dataclass(frozen=True)
class StoredUpload:
    token: str
    name: str
    file_type: str
    options: dict

    @property
    def path(self) -> Path:
        return upload_root() / f"{self.token}.upload"

    def read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None


def upload_stash(request, *, scope: str, data: bytes, name: str, file_type: str, options: dict | None = None):
    """Keep `data` for the next step of `scope`; replaces (and deletes) an earlier upload of that scope."""
    upload_discard(request, scope=scope)
    root = upload_root()
    root.mkdir(parents=True, exist_ok=True)
    _purge_old(root)
    token = secrets.token_urlsafe(32)
    stored = StoredUpload(token=token, name=Path(name).name[:120], file_type=file_type, options=options or {})
    partial = stored.path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(stored.path)
    uploads = dict(request.session.get(_SESSION_KEY, {}))
    uploads[scope] = {"token": token, "name": stored.name, "file_type": file_type, "options": stored.options}
    request.session[_SESSION_KEY] = uploads
    return stored


def upload_get(request, *, scope: str) -> StoredUpload | None:
    entry = request.session.get(_SESSION_KEY, {}).get(scope)
    if not entry or not _TOKEN_RE.match(entry.get("token", "")):
        return None
    stored = StoredUpload(
        token=entry["token"],
        name=entry["name"],
        file_type=entry["file_type"],
        options=entry.get("options", {}),
    )
    return stored if stored.path.is_file() else None


def upload_discard(request, *, scope: str) -> None:
    uploads = dict(request.session.get(_SESSION_KEY, {}))
    entry = uploads.pop(scope, None)
    if entry and _TOKEN_RE.match(entry.get("token", "")):
        (upload_root() / f"{entry['token']}.upload").unlink(missing_ok=True)
    if _SESSION_KEY in request.session:
        request.session[_SESSION_KEY] = uploads


def _purge_old(root: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for leftover in (*root.glob("*.upload"), *root.glob("*.part")):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink(missing_ok=True)
        except OSError:
            continue
