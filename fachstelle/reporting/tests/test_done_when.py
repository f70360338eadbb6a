"""Issue 9, "done when": the office admin of Region Zofingen downloads a 2026 annual report whose numbers
match the data (counted here from what the test creates, not by the report's queries), the steering group sees
Oftringen and Rothrist side by side, and the canton sees the KIP table of all its offices — every small cell
suppressed, no name of a client anywhere."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document

from fachstelle.core.statistics import SUPPRESSION_THRESHOLD, is_suppressed
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import Client
from fachstelle.reporting.models import AnnualReport
from fachstelle.reporting.selectors.kip import WITHHELD
from fachstelle.reporting.services.annual import area_title
from fachstelle.reporting.tests.kip_world import YEAR, Role, cases, day, kip_world

pytestmark = pytest.mark.django_db

# Counselling cases opened in 2026 that the test adds to kip_world's 3 in Oftringen (its 2025 case and the
# 8 cases of the office in canton BL must not count).
ADDED = {"Rothrist": 9, "Zofingen": 5}
EXPECTED_CASES_2026 = 3 + 9 + 5


@pytest.fixture
def world(vocab):
    w = kip_world()
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen", canton="AG")
    w.office.municipalities.add(zofingen)
    w.zofingen = zofingen
    counsellor = w.users[f"office_{Role.COUNSELLOR}"]
    cases(w.office, counsellor, n=ADDED["Rothrist"], opened_on=day(5), municipality=w.rothrist)
    cases(w.office, counsellor, n=ADDED["Zofingen"], opened_on=day(11), municipality=zofingen)
    return w


def url(office, name, **kwargs):
    return reverse(f"reporting:{name}", kwargs={"office_slug": office.slug, **kwargs})


def cells_of(html: str, row_key: str) -> list[str]:
    row = re.search(rf'<tr data-row="{row_key}">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_annual_report_steering_group_and_canton(client, world, django_capture_on_commit_callbacks):
    office = world.office
    client_names = [c.name for c in Client.objects.filter(office=office) if getattr(c, "name", "")]

    # 1. The office admin builds and downloads the 2026 annual report.
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(office, "annual_build", year=YEAR))
    assert response.status_code == 302
    report = AnnualReport.objects.get(office=office, year=YEAR)
    assert report.status == AnnualReport.Status.DONE, report.error
    docx = client.get(url(office, "annual_docx", pk=report.pk))
    assert docx.status_code == 200
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    with translation.override("de"):
        opened, area = gettext("Cases opened"), str(area_title("counselling"))
    assert [opened, str(EXPECTED_CASES_2026)] in rows
    # Per municipality (annex): Oftringen's 3 as "< 5", Rothrist's 9 shown, Zofingen's 5 hidden as the
    # complement (17 − 9 would give Oftringen's 3 away otherwise).
    annex = [row for row in rows if len(row) == 3 and row[:2] == [area, opened]]
    assert [row[2] for row in annex] == ["< 5", "9", "–"]
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join("\t".join(r) for r in rows)
    assert not any(name in text for name in client_names)
    pdf = client.get(url(office, "annual_pdf", pk=report.pk))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.logout()

    # 2. The steering group sees Oftringen and Rothrist side by side (and nothing else of the office).
    login_verified(client, world.users[f"office_{Role.STEERING}"])
    response = client.get(
        url(office, "steering"), {"year": YEAR, "compare": [world.oftringen.pk, world.rothrist.pk]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert cells_of(html, "cases_opened")[:2] == ["&lt; 5", "9"]
    assert client.get(url(office, "dashboard")).status_code == 403
    assert client.get(url(office, "annual_report")).status_code == 403
    client.logout()

    # 3. The canton sees the KIP table of all its offices, every count below 5 suppressed.
    canton = world.canton
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    response = client.get(url(canton, "canton_overview"), {"year": YEAR})
    assert response.status_code == 200
    kip = response.context["report"]
    assert {o.pk for o in kip.offices} >= {office.pk, world.neighbour.pk}
    assert world.foreign.pk not in {o.pk for o in kip.offices}
    counselling = kip.row("1.2")
    shown_counts = []
    for column in kip.columns:
        for row in [*kip.rows, kip.total]:
            value = row.values.get(column.key)
            if column.kind == "people" and isinstance(value, int) and not is_suppressed(value):
                shown_counts.append(value)
    assert all(value == 0 or value >= SUPPRESSION_THRESHOLD for value in shown_counts)
    # Region Zofingen's 17 cases of 2026 (the neighbour office has none) in area 1.2.
    assert counselling.values["cases"] == EXPECTED_CASES_2026
    # Interpreting: 4 bookings → "< 5", hours and cost withheld.
    interpreting = kip.row("3.1").values
    assert is_suppressed(interpreting["bookings"])
    assert interpreting["hours"] is WITHHELD and interpreting["interpreting_cost"] is WITHHELD
    assert not any(name in response.content.decode() for name in client_names)
