"""The annual report pages: year picker, texts form, build (POST), status polling, downloads of the
office's own builds only, roles, bad input and query pins."""

import pytest
from django.urls import reverse

from fachstelle.core.tests.otp import login_verified
from fachstelle.reporting.models import AnnualReport, ReportText
from fachstelle.reporting.services.annual import TEXT_MAX_LENGTH, annual_report_request

from .annual_world import YEAR, Role, annual_world, only_test_section  # noqa: F401

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


@pytest.fixture
def world():
    return annual_world()


def url(office, name="reporting:annual_report", **kwargs):
    return reverse(name, kwargs={"office_slug": office.slug, **kwargs})


def login(client, world, role=Role.ADMIN):
    login_verified(client, world.users[role])


@pytest.mark.usefixtures("only_test_section")
def test_build_from_the_page_and_download(client, world, english, django_capture_on_commit_callbacks):
    login(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world.office, "reporting:annual_build", year=YEAR))
    assert response.status_code == 302
    report = AnnualReport.objects.get(office=world.office, year=YEAR)
    assert report.status == Status.DONE, report.error
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "The annual report is being built." in html
    assert url(world.office, "reporting:annual_pdf", pk=report.pk) in html
    pdf = client.get(url(world.office, "reporting:annual_pdf", pk=report.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert f"jahresbericht-{world.office.slug}-{YEAR}.pdf" in pdf["Content-Disposition"]
    docx = client.get(url(world.office, "reporting:annual_docx", pk=report.pk))
    assert docx.status_code == 200 and b"".join(docx.streaming_content)[:2] == b"PK"


def test_second_request_gets_a_message_and_no_second_row(client, world, english):
    login(client, world)
    annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])  # queued, not run
    response = client.post(url(world.office, "reporting:annual_build", year=YEAR))
    assert response.status_code == 409
    assert "already being built" in response.content.decode()
    assert AnnualReport.objects.filter(office=world.office, year=YEAR).count() == 1


def test_page_polls_while_a_build_is_queued(client, world, english):
    login(client, world, Role.STATISTICS)
    report = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    status_url = url(world.office, "reporting:annual_status", pk=report.pk)
    html = client.get(url(world.office), {"year": YEAR}).content.decode()
    assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 2s"' in html
    assert "Build the report</button>" not in html  # no second build offered while one runs
    fragment = client.get(status_url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "hx-trigger" in fragment.content.decode()
    # Done: the fragment stops polling and offers the files.
    AnnualReport.objects.filter(pk=report.pk).update(
        status=Status.DONE, progress=100, pdf="x.pdf", docx="x.docx"
    )
    fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert (
        "hx-trigger" not in fragment and url(world.office, "reporting:annual_docx", pk=report.pk) in fragment
    )
    # Without htmx the status URL leads to the page of the year.
    plain = client.get(status_url)
    assert plain.status_code == 302 and plain["Location"].endswith(f"?year={YEAR}")


def test_failed_build_shows_its_error(client, world, english):
    login(client, world)
    AnnualReport.objects.create(
        office=world.office, year=YEAR, status=Status.FAILED, error="RuntimeError: boom"
    )
    html = client.get(url(world.office), {"year": YEAR}).content.decode()
    assert "RuntimeError: boom" in html and "could not be built" in html


def test_downloads_only_of_the_own_office(client, world):
    foreign = AnnualReport.objects.create(
        office=world.other_office, year=YEAR, status=Status.DONE, pdf="reports/a.pdf", docx="reports/a.docx"
    )
    login(client, world)
    for name in ("reporting:annual_pdf", "reporting:annual_docx", "reporting:annual_status"):
        assert client.get(url(world.office, name, pk=foreign.pk)).status_code == 404
    # Through the other office's URL the admin of this office has no membership.
    assert client.get(url(world.other_office, "reporting:annual_pdf", pk=foreign.pk)).status_code == 403


def test_no_download_before_the_build_is_done(client, world):
    report = annual_report_request(office=world.office, year=YEAR, by=world.users[Role.ADMIN])
    login(client, world)
    assert client.get(url(world.office, "reporting:annual_pdf", pk=report.pk)).status_code == 404


def test_texts_form_saves_per_year(client, world, english):
    login(client, world, Role.STATISTICS)
    texts_url = url(world.office, "reporting:annual_texts", year=YEAR)
    page = client.get(texts_url)
    assert page.status_code == 200 and 'name="foreword"' in page.content.decode()
    response = client.post(texts_url, {"foreword": "Ein gutes Jahr.", "outlook": "Weiter so."})
    assert response.status_code == 302
    stored = ReportText.objects.get(office=world.office, year=YEAR)
    assert (
        stored.sections["foreword"] == "Ein gutes Jahr." and stored.updated_by == world.users[Role.STATISTICS]
    )
    assert client.get(texts_url).content.decode().count("Ein gutes Jahr.") == 1
    html = client.get(url(world.office), {"year": YEAR}).content.decode()
    assert html.count(">written<") == 2


def test_texts_form_bad_input(client, world, english):
    login(client, world)
    texts_url = url(world.office, "reporting:annual_texts", year=YEAR)
    response = client.post(texts_url, {"foreword": "x" * (TEXT_MAX_LENGTH + 1)})
    assert response.status_code == 400
    assert "Ensure this value has at most" in response.content.decode()
    assert not ReportText.objects.exists()
    assert client.get(url(world.office, "reporting:annual_texts", year=1999)).status_code == 404


@pytest.mark.parametrize("year", ["zwanzig", "1999", "3000"])
def test_bad_year_shows_the_form(client, world, english, year):
    login(client, world)
    response = client.get(url(world.office), {"year": year})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_build_of_a_year_out_of_range_is_not_found(client, world):
    login(client, world)
    assert client.post(url(world.office, "reporting:annual_build", year=1999)).status_code == 404
    assert not AnnualReport.objects.exists()


def test_build_needs_post(client, world):
    login(client, world)
    assert client.get(url(world.office, "reporting:annual_build", year=YEAR)).status_code == 405


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.ADMIN, 200),
        (Role.STATISTICS, 200),
        (Role.STEERING, 403),
        (Role.CANTON, 403),
        (Role.EDITOR, 403),
        (Role.COUNSELLOR, 403),
    ],
)
def test_roles(client, world, role, status):
    login(client, world, role)
    assert client.get(url(world.office), {"year": YEAR}).status_code == status
    assert client.get(url(world.office, "reporting:annual_texts", year=YEAR)).status_code == status
    post = client.post(url(world.office, "reporting:annual_build", year=YEAR))
    assert post.status_code == (302 if status == 200 else 403)


def test_page_query_count(client, world, django_assert_num_queries):
    for year in (YEAR - 2, YEAR - 1):
        AnnualReport.objects.create(office=world.office, year=year, status=Status.DONE)
    AnnualReport.objects.create(office=world.other_office, year=YEAR, status=Status.DONE)
    login(client, world)
    # session, user, 2FA device (login); office, membership (decorator); builds; texts;
    # session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(url(world.office), {"year": YEAR})
    assert response.status_code == 200
    assert len(response.context["builds"]) == 2  # the other office's build is not listed
    for year in range(YEAR - 10, YEAR - 2):
        AnnualReport.objects.create(office=world.office, year=year, status=Status.FAILED)
    with django_assert_num_queries(10):
        client.get(url(world.office), {"year": YEAR})
