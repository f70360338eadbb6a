"""The annual report's build: request → task (immediate backend) → DONE with PDF and DOCX whose numbers
match the data; a second request refused; a failing section ends FAILED without files; texts."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from docx import Document

from fachstelle.reporting.annual_docx import annual_report_docx
from fachstelle.reporting.annual_pdf import annual_report_pdf, annual_report_pdf_html
from fachstelle.reporting.models import AnnualReport, ReportText
from fachstelle.reporting.services import annual as service
from fachstelle.reporting.services.annual import (
    annual_report_data,
    annual_report_request,
    report_texts,
    report_texts_save,
)

from . import annual_world
from .annual_world import YEAR, Role, only_test_section  # noqa: F401

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


@pytest.fixture
def world():
    return annual_world.annual_world()


def _docx_text(content: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    document = Document(io.BytesIO(content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return headings, tables


def _build(world, django_capture_on_commit_callbacks, year=YEAR) -> AnnualReport:
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(office=world.office, year=year, by=world.users[Role.ADMIN])
    report.refresh_from_db()
    return report


@pytest.mark.usefixtures("only_test_section")
def test_build_ends_done_with_both_files(world, django_capture_on_commit_callbacks):
    report_texts_save(
        office=world.office,
        year=YEAR,
        texts={"foreword": "Ein **gutes** Jahr.", "area_testcases": "Mehr Fälle in Oftringen."},
        by=world.users[Role.ADMIN],
    )
    report = _build(world, django_capture_on_commit_callbacks)
    assert report.status == Status.DONE, report.error
    assert report.progress == 100 and report.finished_at is not None
    pdf = report.pdf.read()
    assert pdf.startswith(b"%PDF")
    assert report.pdf.name.endswith(".pdf") and report.docx.name.endswith(".docx")
    headings, tables = _docx_text(report.docx.read())
    with translation.override("de"):
        foreword, annex = gettext("Foreword"), gettext("Annex: figures per municipality")
    texts = [text for _style, text in headings]
    assert foreword in texts and annex in texts
    assert "1 Counselling cases" in texts
    assert ("Heading 2", "Oftringen") in headings and ("Heading 2", "Rothrist") in headings
    # The section's table: Oftringen 7, Rothrist 3 → "< 5", and Oftringen hidden as complement ("–").
    cases_table = next(table for table in tables if table[0][0] == "Municipality")
    assert ["Rothrist", "< 5"] in cases_table
    assert ["Oftringen", "–"] in cases_table
    assert ["Total", "10"] in cases_table
    # The annex: Oftringen's cases hidden as the complement of Rothrist's (as in the section's table: the
    # total 10 would give "< 5" away), Oftringen's 7.0 hours, Rothrist's "< 5" and withheld hours.
    annex_rows = [row for table in tables for row in table if len(row) == 3]
    assert ["Testcases", "Cases opened", "–"] in annex_rows
    assert ["Testcases", "Cases opened", "7"] not in annex_rows
    assert ["Testcases", "Session hours", "7.0 h"] in annex_rows
    assert ["Testcases", "Cases opened", "< 5"] in annex_rows
    assert ["Testcases", "Session hours", "–"] in annex_rows


@pytest.mark.usefixtures("only_test_section")
def test_build_reports_progress_steps(world, django_capture_on_commit_callbacks):
    seen = []
    original = service._progress

    def recording(report_id):
        update = original(report_id)

        def wrapped(percent, step):
            seen.append((percent, step))
            update(percent, step)

        return wrapped

    service._progress = recording
    try:
        report = _build(world, django_capture_on_commit_callbacks)
    finally:
        service._progress = original
    assert report.status == Status.DONE
    percents = [percent for percent, _step in seen]
    assert percents == sorted(percents) and percents[-1] == 95
    assert service.STEP_PDF in [step for _p, step in seen]


@pytest.mark.usefixtures("only_test_section")
def test_pdf_and_docx_contain_no_names(world):
    data = annual_report_data(office=world.office, year=YEAR)
    html = annual_report_pdf_html(data)
    assert annual_world.CLIENT_NAME_MARK not in html
    assert "Fachstelle Integration Region Zofingen" in html
    assert "&lt; 5" in html
    # The other office's six Rothrist cases are not counted: the total is 10 (7 + 3).
    assert data.sections[0].section.figures[0].value == 10
    docx = annual_report_docx(office=world.office, year=YEAR)
    headings, tables = _docx_text(docx)
    flat = " ".join(text for _s, text in headings) + " ".join(
        cell for table in tables for row in table for cell in row
    )
    assert annual_world.CLIENT_NAME_MARK not in flat


@pytest.mark.usefixtures("only_test_section")
def test_benchmark_signatures(world):
    assert annual_report_pdf(office=world.office, year=YEAR).startswith(b"%PDF")
    assert annual_report_docx(office=world.office, year=YEAR)[:2] == b"PK"


@pytest.mark.usefixtures("only_test_section")
def test_second_request_is_refused(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    assert len(callbacks) == 1 and first.status == Status.QUEUED
    with pytest.raises(ValidationError) as raised:
        annual_report_request(office=world.office, year=YEAR, by=world.users[Role.STATISTICS])
    assert raised.value.code == "busy"
    assert AnnualReport.objects.filter(office=world.office, year=YEAR).count() == 1
    # Another year, or another office's same year, is not blocked.
    annual_report_request(office=world.office, year=YEAR - 1, by=world.users[Role.ADMIN])
    annual_report_request(office=world.other_office, year=YEAR, by=world.foreign_admin)


@pytest.mark.usefixtures("only_test_section")
def test_race_is_caught_by_the_constraint(world, monkeypatch):
    """Two requests that both saw no build in progress: the database refuses the second row."""
    annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    monkeypatch.setattr(service, "annual_report_in_progress", lambda **kwargs: False)
    with pytest.raises(ValidationError) as raised:
        annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    assert raised.value.code == "busy"
    assert AnnualReport.objects.filter(office=world.office, year=YEAR).count() == 1


@pytest.mark.usefixtures("only_test_section")
def test_a_lost_build_does_not_block_for_ever(world):
    from django.utils import timezone

    stale = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    AnnualReport.objects.filter(pk=stale.pk).update(requested_at=timezone.now() - service.STALE_AFTER * 2)
    fresh = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    stale.refresh_from_db()
    assert stale.status == Status.FAILED and fresh.status == Status.QUEUED


@pytest.mark.usefixtures("only_test_section")
def test_failure_ends_failed_without_files(world, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*, office, filters):
        raise RuntimeError("section exploded")

    monkeypatch.setattr(annual_world, "section", broken)
    report = _build(world, django_capture_on_commit_callbacks)
    assert report.status == Status.FAILED
    assert "section exploded" in report.error
    assert not report.pdf and not report.docx
    # A new build may be requested right away.
    monkeypatch.undo()
    annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])


@pytest.mark.usefixtures("only_test_section")
def test_failure_while_saving_removes_the_first_file(world, monkeypatch, django_capture_on_commit_callbacks):
    """The PDF is stored, then storing the DOCX fails: the PDF is deleted again, no half report."""
    field = AnnualReport._meta.get_field("docx")
    storage = field.storage
    saved_names = []
    original_save = storage.save

    def save(name, content, **kwargs):
        if name.endswith(".docx"):
            raise OSError("disk full")
        stored = original_save(name, content, **kwargs)
        saved_names.append(stored)
        return stored

    monkeypatch.setattr(storage, "save", save)
    report = _build(world, django_capture_on_commit_callbacks)
    assert report.status == Status.FAILED and "disk full" in report.error
    assert saved_names and not any(storage.exists(name) for name in saved_names)


@pytest.mark.usefixtures("only_test_section")
def test_a_build_that_is_not_queued_is_left_alone(world):
    report = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    AnnualReport.objects.filter(pk=report.pk).update(status=Status.FAILED)
    service.annual_report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Status.FAILED and not report.pdf


def test_texts_are_saved_per_year(world):
    admin = world.users[Role.ADMIN]
    report_texts_save(
        office=world.office, year=YEAR, texts={"foreword": "  Vorwort  ", "bogus": "x"}, by=admin
    )
    report_texts_save(office=world.office, year=YEAR - 1, texts={"foreword": "Alt"}, by=admin)
    assert report_texts(office=world.office, year=YEAR)["foreword"] == "Vorwort"
    assert report_texts(office=world.office, year=YEAR - 1)["foreword"] == "Alt"
    assert "bogus" not in ReportText.objects.get(office=world.office, year=YEAR).sections
    assert report_texts(office=world.other_office, year=YEAR)["foreword"] == ""


def test_texts_too_long_or_bad_year_are_refused(world):
    admin = world.users[Role.ADMIN]
    with pytest.raises(ValidationError) as raised:
        report_texts_save(
            office=world.office, year=YEAR, texts={"foreword": "x" * (service.TEXT_MAX_LENGTH + 1)}, by=admin
        )
    assert "foreword" in raised.value.message_dict
    with pytest.raises(ValidationError):
        report_texts_save(office=world.office, year=1999, texts={}, by=admin)
    assert not ReportText.objects.exists()


@pytest.mark.usefixtures("only_test_section")
def test_data_queries_are_constant(world, django_assert_num_queries):
    # texts, municipalities; the test section (cases, municipalities); its rows (cases, minutes)
    with django_assert_num_queries(6):
        annual_report_data(office=world.office, year=YEAR)


def test_build_with_the_registered_sections(world, django_capture_on_commit_callbacks):
    """The real sections (whatever state they are in) build a complete report."""
    report = _build(world, django_capture_on_commit_callbacks)
    assert report.status == Status.DONE, report.error
    assert report.pdf.read().startswith(b"%PDF")


def test_charts_are_drawn_once_per_content_and_redrawn_when_figures_change(monkeypatch):
    from django.core.cache import cache

    from fachstelle.core.statistics import Table, TableRow
    from fachstelle.reporting.services import annual

    drawn = []
    draw = annual.table_chart
    monkeypatch.setattr(
        annual, "table_chart", lambda table, fmt: drawn.append(table.key) or draw(table, fmt=fmt)
    )

    def table(count):
        rows = [TableRow("Work", [count], "w")]
        return Table(key="t", title="Cases", row_header="Topic", columns=["Cases"], rows=rows)

    cache.clear()
    first = annual._chart_png(table(7))
    assert first.startswith(b"\x89PNG")
    assert annual._chart_png(table(7)) == first
    assert drawn == ["t"]  # the second one came from the cache
    assert annual._chart_png(table(8)) != first  # other figures: drawn anew
    assert drawn == ["t", "t"]
