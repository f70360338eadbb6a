"""Staff pages of the portrait: role × view matrix, office scoping, narrative with placeholders, PDF,
chart downloads, the page without statistics, query pins."""

import pytest
from django.urls import reverse

from fachstelle.core.tests.factories import MunicipalityFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import Portrait
from fachstelle.kompakt.services.portraits import portrait_save
from fachstelle.kompakt.tests.portrait_world import statistics_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return statistics_world()


def url(world, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def sections_post(**overrides):
    data = {
        "year": "2024",
        "introduction": "{municipality} hat {population} Einwohnende.",
        "population": "Ausländeranteil {foreign_share}, Wachstum {growth_5y}.",
        "migration": "Häufigste Nationalitäten: {top_nationalities}.",
        "offers": "{offers_count} Angebote. Lücken: {areas_without_offers}",
        "need_for_action": "",
    }
    data.update(overrides)
    return data


# --- Role × view matrix --------------------------------------------------------------------------------

READ_PAGES = (
    ("portrait_list", {}),
    ("portrait_detail", {"bfs_number": 4280}),
    ("portrait_chart", {"bfs_number": 4280, "chart": "pyramid"}),
)


@pytest.mark.parametrize(("page", "kwargs"), READ_PAGES)
@pytest.mark.parametrize("role", ("admin", "editor", "counsellor", "statistics", "foreign_editor"))
def test_read_matrix(client, world, page, kwargs, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, page, **kwargs))
    assert response.status_code == (403 if role == "foreign_editor" else 200)


@pytest.mark.parametrize("role", ("admin", "editor", "counsellor", "statistics", "foreign_editor"))
def test_edit_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, "portrait_edit", bfs_number=4280))
    assert response.status_code == (200 if role in ("admin", "editor", "counsellor") else 403)


def test_statistics_role_cannot_save(client, world):
    login_verified(client, world.statistics)
    response = client.post(url(world, "portrait_edit", bfs_number=4280), sections_post())
    assert response.status_code == 403
    assert not Portrait.objects.exists()


def test_statistics_role_sees_no_edit_button(client, world):
    login_verified(client, world.statistics)
    response = client.get(url(world, "portrait_detail", bfs_number=4280))
    assert url(world, "portrait_edit", bfs_number=4280) not in response.content.decode()


@pytest.mark.parametrize("page", ("portrait_detail", "portrait_edit", "portrait_pdf"))
def test_municipality_not_served_by_the_office_is_404(client, world, page):
    login_verified(client, world.editor)
    assert client.get(url(world, page, bfs_number=world.aarau.bfs_number)).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url(world, "portrait_detail", bfs_number=4280))
    assert response.status_code == 302


# --- List and detail -----------------------------------------------------------------------------------


def test_list_shows_years_and_portrait_status(client, world, django_assert_num_queries):
    portrait_save(office=world.office, municipality=world.zofingen, year=2024, sections={}, by=world.editor)
    MunicipalityFactory(name="Ohne Zahlen")  # not served: not listed
    login_verified(client, world.editor)
    client.get(url(world, "portrait_list"))
    # session, user, OTP device, office, membership, municipalities, statistics years, portraits;
    # savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "portrait_list"))
    html = response.content.decode()
    assert "2019–2024" in html and "(3 years)" in html
    assert "Written (2024)" in html
    assert "Winterthur" in html and "Aarau" not in html


def test_detail_shows_figures_charts_and_inventory(client, world, vocab, django_assert_num_queries):
    make_offer(
        office=world.office,
        title="Deutschkurs Oftringen",
        m2m={"municipalities": [world.oftringen], "promotion_areas": [vocab["kip"]["2.1"]]},
    )
    login_verified(client, world.editor)
    client.get(url(world, "portrait_detail", bfs_number=4280))
    # session, user, OTP device, office, membership, municipality, portrait, statistics years,
    # figures (years series, nationalities, permits, pyramid, comparison), inventory (areas, offers, their
    # areas); savepoint, session renewal, release.
    with django_assert_num_queries(19):
        response = client.get(url(world, "portrait_detail", bfs_number=4280))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 6
    assert "Deutschkurs Oftringen" in html
    assert 'data-row="2.1"' in html
    assert html.count('data-empty="true"') == len(vocab["kip"]) - 1
    assert "21.6 %" in html
    assert "?year=2024&amp;format=png" in html


def test_detail_year_choice(client, world):
    login_verified(client, world.editor)
    response = client.get(url(world, "portrait_detail", bfs_number=4280) + "?year=2023")
    assert "Portrait of Oftringen (2023)" in response.content.decode()
    response = client.get(url(world, "portrait_detail", bfs_number=4280) + "?year=abc")
    assert "Portrait of Oftringen (2024)" in response.content.decode()  # newest year


def test_detail_without_statistics_explains_the_import(client, world):
    empty = MunicipalityFactory(name="Brittnau", bfs_number=4274)
    world.office.municipalities.add(empty)
    login_verified(client, world.editor)
    response = client.get(url(world, "portrait_detail", bfs_number=4274))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="no-statistics"' in html and "4274" in html


def test_chart_png_download(client, world):
    login_verified(client, world.statistics)
    response = client.get(
        url(world, "portrait_chart", bfs_number=4280, chart="nationalities") + "?format=png"
    )
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert client.get(url(world, "portrait_chart", bfs_number=4280, chart="pie")).status_code == 404
    bad_format = url(world, "portrait_chart", bfs_number=4280, chart="pyramid") + "?format=gif"
    assert client.get(bad_format).status_code == 404


# --- Narrative ------------------------------------------------------------------------------------------


def test_edit_lists_placeholders_with_values(client, world):
    login_verified(client, world.editor)
    html = client.get(url(world, "portrait_edit", bfs_number=4280)).content.decode()
    assert "{foreign_share}" in html and "21.6 %" in html
    assert "Germany, Italy, Syria" in html


def test_saved_sections_are_rendered_with_figures(client, world, vocab):
    make_offer(office=world.office, m2m={"municipalities": [world.oftringen]})
    login_verified(client, world.editor)
    response = client.post(url(world, "portrait_edit", bfs_number=4280), sections_post())
    assert response.status_code == 302
    portrait = Portrait.objects.get(office=world.office, municipality=world.oftringen)
    assert portrait.year == 2024 and portrait.updated_by == world.editor
    assert portrait.sections["introduction"] == "{municipality} hat {population} Einwohnende."
    html = client.get(response["Location"]).content.decode()
    assert "Oftringen hat 510 Einwohnende." in html
    assert "Ausländeranteil 21.6 %, Wachstum +50.0 %." in html
    assert "Häufigste Nationalitäten: Germany, Italy, Syria." in html
    assert "1 Angebote." in html


def test_unknown_placeholder_is_refused_and_input_kept(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "portrait_edit", bfs_number=4280),
        sections_post(population="Es sind {einwohner} Personen."),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown placeholder: {einwohner}" in html
    assert "Es sind {einwohner} Personen." in html
    assert not Portrait.objects.exists()


def test_year_without_statistics_is_refused(client, world):
    login_verified(client, world.editor)
    response = client.post(url(world, "portrait_edit", bfs_number=4280), sections_post(year="2020"))
    assert response.status_code == 200
    assert not Portrait.objects.exists()


def test_markdown_is_sanitised(client, world):
    login_verified(client, world.editor)
    client.post(
        url(world, "portrait_edit", bfs_number=4280),
        sections_post(introduction="**{municipality}** <script>alert(1)</script>"),
    )
    html = client.get(url(world, "portrait_detail", bfs_number=4280)).content.decode()
    assert "<strong>Oftringen</strong>" in html
    assert "<script>alert(1)" not in html


# --- PDF ------------------------------------------------------------------------------------------------


def test_pdf(client, world):
    portrait_save(
        office=world.office,
        municipality=world.oftringen,
        year=2024,
        sections={"introduction": "{municipality}: {population}"},
        by=world.editor,
    )
    login_verified(client, world.statistics)
    response = client.get(url(world, "portrait_pdf", bfs_number=4280))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "portrait-oftringen-2024.pdf" in response["Content-Disposition"]
