"""The programme's PDF and DOCX (current and saved versions), the money format, the portrait's DOCX."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from fachstelle.core.numbers import format_money
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import Programme
from fachstelle.kompakt.programme_docx import programme_docx
from fachstelle.kompakt.programme_pdf import programme_pdf, programme_pdf_html
from fachstelle.kompakt.services import programme as services
from fachstelle.kompakt.services.programme import IndicatorEntry
from fachstelle.kompakt.tests.programme_world import TODAY, measure_fields, programme_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    world = programme_world(vocab)
    world.programme = services.programme_create(process=world.process, by=world.editor, today=TODAY)
    services.measure_save(
        programme=world.programme,
        by=world.editor,
        fields=measure_fields(world, cost_yearly=Decimal("12000"), funding_canton=Decimal("6000")),
        indicators=[IndicatorEntry(name="Teilnehmende pro Jahr", unit="Personen", target=Decimal("40"))],
    )
    return world


def url(world, name, **kwargs):
    return reverse(
        f"kompakt:{name}", kwargs={"office_slug": world.office.slug, "pk": world.process.pk, **kwargs}
    )


@pytest.mark.parametrize(
    ("amount", "country", "expected"),
    (
        (Decimal("1200"), "CH", "1’200.00"),
        (Decimal("1234567.891"), "CH", "1’234’567.89"),
        (Decimal("1200"), "DE", "1.200,00"),
        (Decimal("0"), "CH", "0.00"),
        (Decimal("999.5"), "DE", "999,50"),
        (None, "CH", "0.00"),
    ),
)
def test_money_format(amount, country, expected):
    assert format_money(amount, country=country) == expected


def test_money_with_currency():
    assert format_money(Decimal("1200"), country="CH", with_currency=True) == "CHF 1’200.00"
    assert format_money(Decimal("1200"), country="DE", with_currency=True) == "1.200,00 EUR"


def test_pdf_html_has_the_structure_of_the_template(world):
    html = programme_pdf_html(world.programme)
    for section in (
        "cover",
        "toc",
        "summary",
        "starting_point",
        "challenges",
        "goals",
        "measures",
        "plan",
        "budget",
    ):
        assert f'data-section="{section}"' in html
    assert 'data-section="indicators"' in html
    assert "Kommunales Integrationsprogramm Oftringen 2027–2030" in html
    assert "data:image/png;base64," in html  # the population chart
    assert "CHF 25’000.00" in html  # 1000 + 2 × 12000
    assert "Teilnehmende pro Jahr" in html
    assert "current working state" in html
    assert "/staff/" not in html  # no links into the staff area in print


def test_pdf_renders(world):
    pdf = programme_pdf(world.programme)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_pdf_of_a_saved_version_shows_that_version(world):
    version = services.programme_version_save(programme=world.programme, by=world.editor, comment="v1")
    world.programme.measures.update(title="Später umbenannt")
    html = programme_pdf_html(world.programme, version=version.number)
    assert "Elterncafé" in html and "Später umbenannt" not in html
    assert "current working state" not in html


def test_docx_headings_tables_and_money(world):
    document = Document(io.BytesIO(programme_docx(world.programme)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == [
        "1 Summary",
        "2 Starting point",
        "3 Challenges",
        "4 Goals",
        "5 Measures",
        "6 Implementation plan",
        "7 Budget",
        "8 Indicators",
    ]
    assert any(style == "Heading 2" and text.startswith("Goal 1: ") for style, text in headings)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Elterncafé" in cells and "25’000.00" in cells and "Teilnehmende pro Jahr" in cells
    budget = next(t for t in document.tables if t.rows[0].cells[0].text == "Year")
    assert [row.cells[0].text for row in budget.rows] == ["Year", "2027", "2028", "2029", "2030", "Total"]
    assert budget.rows[1].cells[1].text == "13’000.00"  # 1000 one-off + 12000
    assert budget.rows[-1].cells[3].text == "6’000.00"  # the canton's contribution
    # Header rows repeat on every page; the footer carries a page number field.
    assert "w:tblHeader" in budget.rows[0]._tr.xml
    assert "PAGE" in document.sections[0].footer._element.xml
    assert document.inline_shapes  # the population chart


def test_docx_for_a_german_office_uses_euro_format(world):
    world.office.country = "DE"
    world.office.save()
    programme = Programme.objects.get(pk=world.programme.pk)
    document = Document(io.BytesIO(programme_docx(programme)))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "25.000,00" in cells and "Cost (EUR)" in cells


def test_document_downloads(client, world):
    login_verified(client, world.statistics)
    response = client.get(url(world, "programme_pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "integrationsprogramm-oftringen-2027-2030.pdf" in response["Content-Disposition"]
    response = client.get(url(world, "programme_docx"))
    assert response.content.startswith(b"PK")
    assert "integrationsprogramm-oftringen-2027-2030.docx" in response["Content-Disposition"]
    assert client.get(url(world, "programme_docx") + "?version=3").status_code == 404
    assert client.get(url(world, "programme_pdf") + "?version=x").status_code == 404
    services.programme_version_save(programme=world.programme, by=world.editor, comment="")
    response = client.get(url(world, "programme_docx") + "?version=1")
    assert "-v1.docx" in response["Content-Disposition"]


# --- The portrait's DOCX --------------------------------------------------------------------------------


def test_portrait_docx(client, world):
    from fachstelle.kompakt.services.portraits import portrait_save

    portrait_save(
        office=world.office,
        municipality=world.oftringen,
        year=2024,
        sections={"introduction": "{municipality} hat **{population}** Einwohnende."},
        by=world.editor,
    )
    login_verified(client, world.statistics)
    portrait_url = reverse(
        "kompakt:portrait_docx", kwargs={"office_slug": world.office.slug, "bfs_number": 4280}
    )
    response = client.get(portrait_url)
    assert response.status_code == 200
    assert "portrait-oftringen-2024.docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Oftringen hat 510 Einwohnende." in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Introduction" in headings and "Age pyramid" in headings
    assert "Offer inventory by KIP promotion area" in headings
    assert len(document.inline_shapes) == 6  # every chart as PNG
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "No offer" in cells and "21.6 %" in cells
    detail = reverse("kompakt:portrait_detail", kwargs={"office_slug": world.office.slug, "bfs_number": 4280})
    assert portrait_url in client.get(detail).content.decode()


def test_portrait_docx_scoping(client, world):
    login_verified(client, world.editor)
    other = reverse("kompakt:portrait_docx", kwargs={"office_slug": world.office.slug, "bfs_number": 4001})
    assert client.get(other).status_code == 404
    login_verified(client, world.foreign_editor)
    own = reverse("kompakt:portrait_docx", kwargs={"office_slug": world.office.slug, "bfs_number": 4280})
    assert client.get(own).status_code == 403
