"""Issue 8, "done when": staff of the Region Zofingen office import the population statistics, open the
portrait of Oftringen with its charts and offer inventory, plan the three workshops, record the needs for
action, take measures from the canton's catalogue, and download the programme as PDF and DOCX; the effort
estimate says about 22 person-days for a working group of 10. All through the staff pages, in German."""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from fachstelle.core.models import Membership, Office
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt import demo_data as D
from fachstelle.kompakt.demo import demo_statistics_csv
from fachstelle.kompakt.models import (
    CatalogueEntry,
    Measure,
    NeedForAction,
    PopulationFigure,
    Process,
    WorkingGroupMember,
    Workshop,
)
from fachstelle.kompakt.portrait_charts import CHART_KEYS

pytestmark = pytest.mark.django_db

NAMES = {
    4271: "Aarburg",
    4273: "Bottenwil",
    4274: "Brittnau",
    4279: "Murgenthal",
    4280: "Oftringen",
    4282: "Rothrist",
    4283: "Safenwil",
    4285: "Strengelbach",
    4286: "Uerkheim",
    4287: "Vordemwald",
    4288: "Wiliberg",
    4289: "Zofingen",
}


@pytest.fixture
def world(vocab):
    municipalities = {
        bfs: MunicipalityFactory(bfs_number=bfs, name=name, canton="AG", district="Zofingen")
        for bfs, name in NAMES.items()
    }
    assert set(municipalities) == set(D.MUNICIPALITIES)
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug=D.OFFICE_SLUG,
        canton="AG",
        municipalities=list(municipalities.values()),
    )
    canton = OfficeFactory(short_name="Kanton Zürich", kind=Office.Kind.CANTONAL, canton="ZH")
    kip = vocab["kip"]
    # Two running offers in Oftringen: a German course (2.1) and an early-childhood offer (2.2).
    make_offer(
        office=office,
        title="Deutschkurs für Erwachsene A1–A2",
        m2m={"municipalities": [municipalities[4280]], "promotion_areas": [kip["2.1"]]},
    )
    make_offer(
        office=office,
        title="Spielgruppe Regenbogen",
        m2m={"municipalities": [municipalities[4280]], "promotion_areas": [kip["2.2"]]},
    )
    # The canton's catalogue: one entry Oftringen already has (a German course), two it has not.
    entries = {
        "course": CatalogueEntry.objects.create(
            office=canton,
            title="Deutschkurs mit Kinderhüte",
            summary="Kurs A1–A2 mit Betreuung der Kinder.",
            promotion_area=kip["2.1"],
            keywords=["Deutschkurs"],
            cost_min=Decimal("8000"),
            cost_max=Decimal("15000"),
        ),
        "welcome": CatalogueEntry.objects.create(
            office=canton,
            title="Begrüssungsgespräche für Neuzugezogene",
            summary="Persönliches Gespräch in den ersten Wochen nach dem Zuzug.",
            promotion_area=kip["1.1"],
            cost_min=Decimal("3000"),
            cost_max=Decimal("6000"),
        ),
        "keypersons": CatalogueEntry.objects.create(
            office=canton,
            title="Netzwerk von Schlüsselpersonen",
            summary="Schlüsselpersonen vermitteln zwischen Gemeinde und Gemeinschaften.",
            promotion_area=kip["1.1"],
            cost_min=Decimal("5000"),
            cost_max=Decimal("12000"),
        ),
        "reading": CatalogueEntry.objects.create(
            office=canton,
            title="Sprachcafé in der Bibliothek",
            summary="Deutsch sprechen im Alltag.",
            promotion_area=kip["2.1"],
            cost_min=Decimal("1500"),
            cost_max=Decimal("4000"),
        ),
    }
    editor = MembershipFactory(office=office, role=Membership.Role.EDITOR).user
    return office, municipalities, entries, editor


def url(office, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": office.slug, **kwargs})


def test_kompakt_for_oftringen_from_statistics_to_programme(
    client, world, vocab, django_capture_on_commit_callbacks
):
    office, municipalities, entries, editor = world
    oftringen = municipalities[4280]
    kip = vocab["kip"]
    login_verified(client, editor)

    # 1. Import the statistics: upload → row report → confirm.
    response = client.post(
        url(office, "statistics_upload"),
        {"file": SimpleUploadedFile("statpop-zofingen.csv", demo_statistics_csv())},
    )
    assert response.status_code == 302
    record = office.statistics_imports.get()
    assert record.errors == [] and record.rows_total > 0
    assert client.post(url(office, "statistics_confirm", import_id=record.pk)).status_code == 302
    record.refresh_from_db()
    assert record.status == "imported" and record.rows_imported == record.rows_total
    assert PopulationFigure.objects.filter(municipality=oftringen, year=D.LAST_YEAR).exists()

    # 2. The portrait of Oftringen: six charts inline, the offer inventory with its empty areas, PNGs.
    response = client.get(url(office, "portrait_detail", bfs_number=4280))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= len(CHART_KEYS)
    figures = response.context["figures"]
    expected = sum(
        PopulationFigure.objects.filter(municipality=oftringen, year=D.LAST_YEAR).values_list(
            "count", flat=True
        )
    )
    assert figures.current.population == expected
    inventory = response.context["inventory"]
    counts = {area.code: len(area.offers) for area in inventory.areas}
    assert counts["2.1"] == 1 and counts["2.2"] == 1 and counts["1.1"] == 0
    assert "1.1" in {area.code for area in inventory.empty_areas}
    assert "Spielgruppe Regenbogen" in html
    for key in CHART_KEYS:
        png = client.get(url(office, "portrait_chart", bfs_number=4280, chart=key) + "?format=png")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")

    # 3. Start KOMPAKT for Oftringen and form the working group of ten.
    response = client.post(
        url(office, "process_create"),
        {"municipality": str(oftringen.pk), "lead": str(editor.pk), "contact_name": "Gemeindeschreiberin"},
    )
    assert response.status_code == 302
    process = Process.objects.get(office=office, municipality=oftringen)
    assert process.phases.count() == 6
    departments = [
        "Gemeinderat", "Gemeindekanzlei", "Einwohnerkontrolle", "Schule", "Sozialdienst",
        "Mütter- und Väterberatung", "Bibliothek", "Kirchgemeinde", "Kulturverein", "Arbeitgeber",
    ]  # fmt: skip
    for i, department in enumerate(departments):
        response = client.post(
            url(office, "member_add", pk=process.pk),
            {
                "source": "manual",
                "manual-name": f"Mitglied {i + 1}",
                "manual-organisation_name": "Gemeinde Oftringen" if i < 5 else "Partner",
                "manual-department": department,
                "manual-role": "chair" if i == 0 else "member",
                "manual-email": f"mitglied{i + 1}@oftringen.example",
                "manual-phone": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert WorkingGroupMember.objects.filter(process=process).count() == 10

    # 4. The effort estimate: about 22 person-days for ten members with the default sessions.
    response = client.get(url(office, "effort_estimate", pk=process.pk))
    estimate = response.context["estimate"]
    assert estimate.members == 10 and estimate.members_source == "group"
    assert Decimal("21.5") <= estimate.total_days <= Decimal("22.5")

    # 5. Plan the three workshops: a proposal, then accept it; invitations with ICS to all ten.
    earliest = timezone.localdate() + datetime.timedelta(weeks=10)
    plan = {
        "earliest": earliest.isoformat(),
        "weekdays": ["1", "2", "3"],
        "start_time": "18:00",
        "start_time_long": "13:30",
        "location": "Gemeindehaus Oftringen, Sitzungszimmer 1",
    }
    response = client.get(url(office, "workshop_plan", pk=process.pk), plan)
    assert response.status_code == 200
    accept = {}
    for name, value in response.context["accept_fields"]:
        accept.setdefault(name, []).append(value)
    response = client.post(url(office, "workshop_plan", pk=process.pk), accept)
    assert response.status_code == 302
    workshops = list(process.workshops.order_by("starts_at"))
    assert [w.kind for w in workshops] == ["start", "first", "second"]
    assert [w.duration_minutes for w in workshops] == [90, 240, 240]
    days = [timezone.localtime(w.starts_at).date() for w in workshops]
    assert days[0] >= earliest
    for before, after in itertools.pairwise(days):
        assert 11 <= (after - before).days <= 17  # about two weeks apart
    process.refresh_from_db()
    assert process.programme_due_on == days[-1] + datetime.timedelta(weeks=6)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(office, "workshop_invite_all", pk=process.pk))
    assert response.status_code == 302
    assert len(mail.outbox) == 30  # ten members × three sessions
    parts = [part.get_content_type() for part in mail.outbox[0].message().walk()]
    assert "text/calendar" in parts

    # 6. The first workshop's needs for action per KIP area.
    first = workshops[1]
    for area, title, priority in [
        ("1.1", "Neuzugezogene früher erreichen", "high"),
        ("2.1", "Mehr Gelegenheiten, Deutsch zu sprechen", "medium"),
    ]:
        response = client.post(
            url(office, "need_create", pk=process.pk),
            {
                "promotion_area": str(kip[area].pk),
                "title": title,
                "priority": priority,
                "rationale": "Im Workshop von mehreren Mitgliedern genannt.",
                "workshop": str(first.pk),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    needs = {n.promotion_area.code: n for n in NeedForAction.objects.filter(process=process)}
    assert set(needs) == {"1.1", "2.1"}

    # 7. Suggestions from the catalogue: what Oftringen lacks, not the German course it already has.
    response = client.get(url(office, "need_list", pk=process.pk))
    html = response.content.decode()
    assert "Begrüssungsgespräche für Neuzugezogene" in html and "Sprachcafé in der Bibliothek" in html
    assert len(response.context["areas"]) >= 8  # every KIP area is listed
    for key, need in [("welcome", needs["1.1"]), ("keypersons", needs["1.1"]), ("reading", needs["2.1"])]:
        response = client.post(
            url(office, "measure_add_from_catalogue", pk=process.pk, entry_pk=entries[key].pk),
            {"need": str(need.pk), "next": url(office, "need_list", pk=process.pk)},
        )
        assert response.status_code == 302
    measures = Measure.objects.filter(programme__process=process)
    assert {m.catalogue_entry_id for m in measures} == {
        entries[k].pk for k in ("welcome", "keypersons", "reading")
    }

    # 8. The programme as PDF and DOCX that a council can read.
    response = client.get(url(office, "programme_detail", pk=process.pk))
    assert response.status_code == 200
    pdf = client.get(url(office, "programme_pdf", pk=process.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 10_000
    docx = client.get(url(office, "programme_docx", pk=process.pk))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("1 ") for h in headings) and any(h.startswith("5 ") for h in headings)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    for key in ("welcome", "keypersons", "reading"):
        assert entries[key].title in cells
    assert any("Oftringen" in p.text for p in document.paragraphs)
    assert Workshop.objects.filter(process=process).count() == 3
