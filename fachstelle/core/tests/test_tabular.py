"""Reading and writing spreadsheets (core.tabular): types, encodings, delimiters, limits, the upload store."""

import io
import os
import time

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from openpyxl import Workbook, load_workbook

from fachstelle.core import tabular
from fachstelle.core.tabular import (
    Column,
    RowResult,
    TabularError,
    csv_bytes,
    file_type_of,
    map_columns,
    read_table,
    read_upload,
    sniff_delimiter,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below are the English msgids; the German catalogue would translate them."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading CSV -----------------------------------------------------------------------------------------


def test_csv_with_semicolons_and_bom_is_read_with_spreadsheet_row_numbers():
    data = "\ufeffName;PLZ\r\nVerein A;4800\r\n;\r\nVerein B ; 4665 \r\n".encode()
    table = read_table(data, file_type="csv")
    assert table.headers == ["Name", "PLZ"]
    # The empty row 3 is skipped but row 4 keeps its number; values are stripped.
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ("Verein A", "4800")),
        (4, ("Verein B", "4665")),
    ]


def test_csv_delimiter_is_sniffed_from_the_header():
    assert sniff_delimiter("Name,PLZ,Gemeinde") == ","
    assert sniff_delimiter("Name;PLZ;Ort, Kanton") == ";"
    assert sniff_delimiter("Name\tPLZ") == "\t"
    table = read_table(b'Name,Strasse\n"Verein, A","Weg 1"\n', file_type="csv")
    assert table.rows[0].values == ("Verein, A", "Weg 1")


def test_csv_falls_back_to_windows_1252():
    data = "Name;Gemeinde\nZürcher Verein;Zürich\n".encode("cp1252")
    table = read_table(data, file_type="csv")
    assert table.rows[0].values == ("Zürcher Verein", "Zürich")


def test_csv_row_numbers_count_lines_of_multiline_cells():
    table = read_table(b'Name;Notiz\n"A";"eins\nzwei"\n"B";x\n', file_type="csv")
    assert [row.number for row in table.rows] == [3, 4]


def test_empty_file_and_header_only():
    with pytest.raises(TabularError):
        read_table(b"\n\n", file_type="csv")
    assert read_table(b"Name\n", file_type="csv").rows == []


def test_row_limit_gives_a_clear_message():
    data = b"Name\n" + b"x\n" * 4
    assert len(read_table(data, file_type="csv", max_rows=4).rows) == 4
    with pytest.raises(TabularError, match="more than 3 rows"):
        read_table(data, file_type="csv", max_rows=3)


# --- Reading XLSX ----------------------------------------------------------------------------------------


def test_xlsx_values_become_strings_and_row_numbers_match_the_sheet():
    import datetime

    data = _xlsx(
        [
            ["Name", "PLZ", "Seit", "Anteil"],
            ["Verein A", 4800, datetime.date(2020, 5, 1), 0.5],
            [None, None, None, None],
            ["Verein B", 4665.0, None, None],
        ]
    )
    table = read_table(data, file_type="xlsx")
    assert table.headers == ["Name", "PLZ", "Seit", "Anteil"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ("Verein A", "4800", "2020-05-01", "0.5")),
        (4, ("Verein B", "4665")),
    ]


def test_damaged_xlsx_is_refused_not_a_crash():
    with pytest.raises(TabularError, match="could not be read"):
        read_table(b"PK\x03\x04 this is not a workbook", file_type="xlsx")


def test_xlsx_that_unpacks_into_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(TabularError, match="too big when unpacked"):
        read_table(_xlsx([["Name"], ["x" * 5000]]), file_type="xlsx")


# --- Type and size checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("liste.csv", b"Name;PLZ", "csv"),
        ("LISTE.XLSX", b"PK\x03\x04abcd", "xlsx"),
        ("liste.txt", b"Name", "csv"),
    ],
)
def test_file_type_by_extension_and_content(name, head, expected):
    assert file_type_of(name=name, head=head) == expected


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("liste.xlsx", b"Name;PLZ", "not an Excel workbook"),
        ("liste.csv", b"PK\x03\x04abcd", "does not contain text"),
        ("liste.xls", b"\xd0\xcf\x11\xe0abcd", "Old Excel files"),
        ("liste.pdf", b"%PDF-1.7", "Please upload a CSV file"),
        ("liste", b"Name", "Please upload a CSV file"),
    ],
)
def test_wrong_file_types_are_refused(name, head, message):
    with pytest.raises(TabularError, match=message):
        file_type_of(name=name, head=head)


def test_upload_size_limit():
    uploaded = SimpleUploadedFile("liste.csv", b"Name\n" + b"x" * 2000)
    with pytest.raises(TabularError, match="too big"):
        read_upload(uploaded, max_bytes=1000)
    uploaded.seek(0)
    data, file_type = read_upload(uploaded, max_bytes=5000)
    assert file_type == "csv"
    assert data.startswith(b"Name")
    with pytest.raises(TabularError, match="empty"):
        read_upload(SimpleUploadedFile("leer.csv", b""))


# --- Column formats and row results ----------------------------------------------------------------------

COLUMNS = (
    Column("name", "Name", ("Organisation",), required=True),
    Column("email", "E-Mail", ("Email",)),
    Column("contact_email", "Kontakt E-Mail", ("Contact email",)),
)


def test_map_columns_accepts_aliases_case_and_punctuation_and_reports_unknown_headers():
    mapping = map_columns(["organisation", "KONTAKT_EMAIL", "Bemerkung", "e-mail"], COLUMNS)
    assert mapping.positions == {"name": 0, "contact_email": 1, "email": 3}
    assert mapping.unknown == ["Bemerkung"]
    row = tabular.SourceRow(number=2, values=("Verein", "a@b.ch"))
    assert mapping.row_values(row) == {"name": "Verein", "contact_email": "a@b.ch", "email": ""}


def test_map_columns_refuses_missing_required_and_twice_named_columns():
    with pytest.raises(TabularError, match="Name"):
        map_columns(["E-Mail"], COLUMNS)
    with pytest.raises(TabularError, match="twice"):
        map_columns(["Name", "Organisation"], COLUMNS)


def test_row_result_collects_errors_per_column():
    result = RowResult(number=7)
    assert result.is_valid
    result.add_error("E-Mail", "bad")
    result.add_error("E-Mail", "worse")
    assert not result.is_valid
    assert result.error_items() == [("E-Mail", "bad"), ("E-Mail", "worse")]


# --- Writing ---------------------------------------------------------------------------------------------


def test_csv_export_is_excel_friendly_and_formulas_are_neutralised_but_read_back_unchanged():
    rows = [['=HYPERLINK("http://x")', "+41 62 745 00 00", "-", "@SUM(A1)", "Zürich"]]
    data = csv_bytes(headers=["A", "B", "C", "D", "E"], rows=rows)
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";+41 62 745 00 00;" in text  # phone numbers stay readable
    assert "'@SUM" in text
    assert read_table(data, file_type="csv").rows[0].values == tuple(rows[0])


def test_xlsx_export_stores_every_value_as_text():
    data = xlsx_bytes(headers=["A", "B"], rows=[["=1+1", "4800"]], sheet_title="Organisationen")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Organisationen"
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "=1+1"
    assert read_table(data, file_type="xlsx").rows[0].values == ("=1+1", "4800")


# --- Upload store ----------------------------------------------------------------------------------------


@pytest.fixture
def upload_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    return tmp_path


def _request():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_upload_store_keeps_the_file_by_session_token_and_discards_it(upload_root):
    request = _request()
    stored = tabular.upload_stash(
        request,
        scope="orgs-1",
        data=b"Name\nA\n",
        name="../../liste.csv",
        file_type="csv",
        options={"mode": "x"},
    )
    assert stored.path.parent == upload_root
    assert stored.name == "liste.csv"  # no path parts from the browser
    again = tabular.upload_get(request, scope="orgs-1")
    assert again.read() == b"Name\nA\n"
    assert again.options == {"mode": "x"}
    assert tabular.upload_get(request, scope="orgs-2") is None
    assert tabular.upload_get(_request(), scope="orgs-1") is None  # another session sees nothing

    replacement = tabular.upload_stash(
        request, scope="orgs-1", data=b"Name\nB\n", name="b.csv", file_type="csv"
    )
    assert not stored.path.exists()  # the earlier upload of the scope is gone
    tabular.upload_discard(request, scope="orgs-1")
    assert not replacement.path.exists()
    assert tabular.upload_get(request, scope="orgs-1") is None


def test_upload_store_ignores_a_tampered_token(upload_root):
    request = _request()
    (upload_root / "secret.upload").write_bytes(b"x")
    request.session["tabular_uploads"] = {"s": {"token": "../secret", "name": "a", "file_type": "csv"}}
    assert tabular.upload_get(request, scope="s") is None


def test_old_uploads_are_purged_on_the_next_upload(upload_root):
    old = upload_root / "old.upload"
    old.write_bytes(b"x")
    day_and_more = time.time() - tabular.UPLOAD_MAX_AGE_SECONDS - 60
    os.utime(old, (day_and_more, day_and_more))
    fresh = upload_root / "fresh.upload"
    fresh.write_bytes(b"y")
    tabular.upload_stash(_request(), scope="s", data=b"Name\n", name="a.csv", file_type="csv")
    assert not old.exists()
    assert fresh.exists()
