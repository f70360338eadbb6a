"""Staff pages of the programme: role × view matrix, office scoping, the page with its query pin, forms
with bad input, the catalogue hand-over (duplicates, unsafe next), versions and status."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import Goal, Measure, Programme, ProgrammeVersion
from fachstelle.kompakt.services import programme as services
from fachstelle.kompakt.services.programme import IndicatorEntry
from fachstelle.kompakt.tests.programme_world import TODAY, measure_fields, programme_world

pytestmark = pytest.mark.django_db

ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")
WRITERS = ("admin", "editor", "counsellor")


@pytest.fixture
def world(english, vocab):
    world = programme_world(vocab)
    world.programme = services.programme_create(process=world.process, by=world.editor, today=TODAY)
    result = services.measure_save(
        programme=world.programme,
        by=world.editor,
        fields=measure_fields(world, funding_canton=Decimal("2500"), goal=world.programme.goals.last()),
        indicators=[IndicatorEntry(name="Teilnehmende pro Jahr", unit="Personen", target=Decimal("40"))],
    )
    world.measure = result.measure
    world.goal = world.programme.goals.first()
    services.programme_version_save(programme=world.programme, by=world.editor, comment="Erster Entwurf")
    return world


def url(world, name, process=None, **kwargs):
    pk = (process or world.process).pk
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, "pk": pk, **kwargs})


def measure_post(world, **overrides):
    data = {
        "title": "Sprachtreff",
        "description": "Wöchentlicher Treff",
        "promotion_area": str(world.kip["2.1"].pk),
        "goal": "",
        "need": str(world.needs[0].pk),
        "responsible": "Bibliothek Oftringen",
        "partners": "",
        "starts_on": "2027-01-01",
        "ends_on": "2028-12-31",
        "cost_once": "1000",
        "cost_yearly": "2000",
        "funding_municipality": "1000",
        "funding_canton": "2000",
        "funding_third_party": "",
        "funding_note": "",
        "priority": "high",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-name": "Teilnehmende",
        "indicators-0-unit": "Personen",
        "indicators-0-baseline": "0",
        "indicators-0-target": "25",
        "indicators-0-target_year": "2030",
    }
    data.update(overrides)
    return data


# --- Role × view matrix ---------------------------------------------------------------------------------

READ_PAGES = (
    ("programme_detail", {}),
    ("programme_versions", {}),
    ("programme_version_detail", {"number": 1}),
    ("programme_version_compare", {}),
)
WRITE_PAGES = (
    ("programme_edit", {}),
    ("programme_goal_add", {}),
    ("programme_measure_add", {}),
)


@pytest.mark.parametrize(("page", "kwargs"), READ_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(client, world, page, kwargs, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, page, **kwargs))
    assert response.status_code == (403 if role == "foreign_editor" else 200)


@pytest.mark.parametrize(("page", "kwargs"), WRITE_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(client, world, page, kwargs, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, page, **kwargs))
    assert response.status_code == (200 if role in WRITERS else 403)


def test_edit_pages_of_goal_and_measure_open_for_writers(client, world):
    login_verified(client, world.counsellor)
    assert client.get(url(world, "programme_goal_edit", goal_pk=world.goal.pk)).status_code == 200
    assert client.get(url(world, "programme_measure_edit", measure_pk=world.measure.pk)).status_code == 200
    assert client.get(url(world, "programme_measure_delete", measure_pk=world.measure.pk)).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs", "data"),
    (
        ("programme_edit", "", {"title": "X", "period_start": "2027", "period_end": "2030"}),
        ("programme_goal_add", "", {"title": "Neues Ziel"}),
        ("programme_measure_delete", "measure", {}),
        ("programme_goal_delete", "goal", {}),
        ("programme_versions", "", {"comment": "Versuch"}),
        ("programme_status", "", {"status": "submitted"}),
        ("measure_add_from_catalogue", "entry", {}),
    ),
)
def test_statistics_role_cannot_write(client, world, name, kwargs, data):
    kwargs = {
        "measure": {"measure_pk": world.measure.pk},
        "goal": {"goal_pk": world.goal.pk},
        "entry": {"entry_pk": world.entry.pk},
    }.get(kwargs, {})
    login_verified(client, world.statistics)
    before = (Measure.objects.count(), Goal.objects.count(), ProgrammeVersion.objects.count())
    response = client.post(url(world, name, **kwargs), data)
    assert response.status_code == 403
    assert (Measure.objects.count(), Goal.objects.count(), ProgrammeVersion.objects.count()) == before
    world.programme.refresh_from_db()
    assert world.programme.status == "draft" and world.programme.title.startswith("Kommunales")


def test_statistics_role_sees_no_edit_controls(client, world):
    login_verified(client, world.statistics)
    html = client.get(url(world, "programme_detail")).content.decode()
    assert url(world, "programme_edit") not in html
    assert url(world, "programme_measure_add") not in html
    assert "Teilnehmende pro Jahr" in html


# --- Office scoping -------------------------------------------------------------------------------------


def test_other_offices_process_is_404(client, world):
    services.programme_create(process=world.foreign_process, by=world.foreign_editor)
    login_verified(client, world.editor)
    for name in (
        "programme_detail",
        "programme_edit",
        "programme_pdf",
        "programme_docx",
        "programme_versions",
    ):
        assert client.get(url(world, name, process=world.foreign_process)).status_code == 404


def test_measure_and_goal_of_another_programme_are_404(client, world):
    foreign = services.programme_create(process=world.foreign_process, by=world.foreign_editor)
    foreign_measure = services.measure_save(
        programme=foreign, by=world.foreign_editor, fields=measure_fields(world)
    ).measure
    foreign_goal = services.goal_save(programme=foreign, by=world.foreign_editor, fields={"title": "Fremd"})
    login_verified(client, world.editor)
    assert client.get(url(world, "programme_measure_edit", measure_pk=foreign_measure.pk)).status_code == 404
    assert (
        client.post(url(world, "programme_measure_delete", measure_pk=foreign_measure.pk)).status_code == 404
    )
    assert client.post(url(world, "programme_goal_delete", goal_pk=foreign_goal.pk)).status_code == 404
    assert Measure.objects.filter(pk=foreign_measure.pk).exists()


def test_pages_without_programme_are_404_except_the_overview(client, world, vocab):
    Programme.objects.all().delete()
    login_verified(client, world.editor)
    response = client.get(url(world, "programme_detail"))
    assert response.status_code == 200 and 'data-state="no-programme"' in response.content.decode()
    assert client.get(url(world, "programme_edit")).status_code == 404
    assert client.get(url(world, "programme_pdf")).status_code == 404


# --- The page -------------------------------------------------------------------------------------------


def test_detail_shows_everything_with_pinned_queries(client, world, django_assert_num_queries):
    login_verified(client, world.editor)
    client.get(url(world, "programme_detail"))
    # session, user, OTP device, office, membership, process, programme;
    # snapshot (statistics years, needs, goals, their needs, measures, target groups, indicators);
    # portrait figures (years series, nationalities, permits, pyramid, comparison), offer inventory
    # (areas, offers; their areas only when there are offers); versions; savepoint, session renewal, release.
    with django_assert_num_queries(25):
        response = client.get(url(world, "programme_detail"))
    html = response.content.decode()
    assert "Kommunales Integrationsprogramm Oftringen 2027–2030" in html
    for section in (
        "summary",
        "starting_point",
        "challenges",
        "goals",
        "measures",
        "plan",
        "budget",
        "indicators",
    ):
        assert f'data-section="{section}"' in html
    assert "Ende 2024 lebten in Oftringen 510 Personen" in html
    assert "Deutschkurse mit Kinderbetreuung" in html
    assert "CHF 5’000.00" in html  # total cost of the measure
    assert 'data-year="2027"' in html and 'data-year="total"' in html
    # The grid: 16 quarters, the measure runs in the 8 quarters of 2027–2028.
    assert html.count('class="gantt-on"') == 8 and html.count('class="gantt-off"') == 8
    assert "last saved version: 1" in html


def test_the_pin_does_not_grow_with_measures(client, world, django_assert_num_queries):
    for index in range(4):
        services.measure_save(
            programme=world.programme,
            by=world.editor,
            fields=measure_fields(world, title=f"M{index}"),
            indicators=[IndicatorEntry(name=f"I{index}")],
        )
    login_verified(client, world.editor)
    client.get(url(world, "programme_detail"))
    with django_assert_num_queries(25):
        client.get(url(world, "programme_detail"))


def test_create_draft_button(client, world):
    Programme.objects.all().delete()
    login_verified(client, world.editor)
    response = client.post(url(world, "programme_create"))
    assert response.status_code == 302
    assert Programme.objects.get().process == world.process
    response = client.post(url(world, "programme_create"), follow=True)
    assert "already has a programme" in response.content.decode()
    assert Programme.objects.count() == 1


# --- Forms ----------------------------------------------------------------------------------------------


def test_edit_texts(client, world):
    login_verified(client, world.editor)
    data = {
        "title": "Integrationsprogramm Oftringen",
        "period_start": "2027",
        "period_end": "2030",
        "summary": "Kurzfassung",
        "starting_point": "{municipality}: {population}",
        "challenges": "",
    }
    assert client.post(url(world, "programme_edit"), data).status_code == 302
    html = client.get(url(world, "programme_detail")).content.decode()
    assert "Oftringen: 510" in html and "Kurzfassung" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    (
        ({"period_end": "2026"}, "The programme cannot end before it starts."),
        ({"period_end": "abc"}, "Enter a whole number."),
        ({"starting_point": "{einwohner}"}, "Unknown placeholder: {einwohner}"),
        ({"title": ""}, "This field is required."),
    ),
)
def test_edit_texts_bad_input_keeps_input(client, world, overrides, message):
    login_verified(client, world.editor)
    data = {
        "title": "Neu",
        "period_start": "2027",
        "period_end": "2030",
        "summary": "Behalten",
        "challenges": "",
    }
    data.update(overrides)
    response = client.post(url(world, "programme_edit"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Behalten" in html
    world.programme.refresh_from_db()
    assert world.programme.summary == ""


def test_measure_add_with_indicator(client, world):
    login_verified(client, world.editor)
    response = client.post(url(world, "programme_measure_add"), measure_post(world))
    assert response.status_code == 302
    measure = Measure.objects.get(title="Sprachtreff")
    assert measure.need == world.needs[0] and measure.funding_canton == Decimal("2000")
    assert list(measure.indicators.values_list("name", "target_year")) == [("Teilnehmende", 2030)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    (
        ({"ends_on": "2026-12-31"}, "The end must not be before the start."),
        ({"funding_canton": "4500"}, "exceeds the measure"),
        ({"cost_yearly": "-5"}, "Ensure this value is greater than or equal to 0."),
        ({"starts_on": "31.02.2027"}, "Enter a valid date."),
        ({"responsible": ""}, "This field is required."),
        ({"priority": "urgent"}, "Select a valid choice."),
        ({"indicators-0-name": "", "indicators-0-unit": "Personen"}, "Indicator 1: enter a name"),
        ({"indicators-0-target_year": "1900"}, "Ensure this value is greater than or equal to 2000."),
        ({"need": "999999"}, "Select a valid choice."),
    ),
)
def test_measure_bad_input_keeps_input_and_saves_nothing(client, world, overrides, message):
    login_verified(client, world.editor)
    response = client.post(url(world, "programme_measure_add"), measure_post(world, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Sprachtreff"' in html and "Wöchentlicher Treff" in html
    assert not Measure.objects.filter(title="Sprachtreff").exists()


def test_measure_outside_the_period_is_saved_with_a_warning(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "programme_measure_add"), measure_post(world, ends_on="2032-06-30"), follow=True
    )
    assert "outside the programme period 2027–2030" in response.content.decode()
    assert Measure.objects.filter(title="Sprachtreff").exists()


def test_measure_edit_keeps_indicator_and_delete(client, world):
    indicator = world.measure.indicators.get()
    login_verified(client, world.editor)
    data = measure_post(
        world,
        **{
            "title": "Elterncafé neu",
            "funding_canton": "",
            "funding_municipality": "",
            "indicators-INITIAL_FORMS": "1",
            "indicators-0-id": str(indicator.pk),
            "indicators-0-name": "Teilnehmende (neu)",
        },
    )
    assert (
        client.post(url(world, "programme_measure_edit", measure_pk=world.measure.pk), data).status_code
        == 302
    )
    world.measure.refresh_from_db()
    assert world.measure.title == "Elterncafé neu"
    assert list(world.measure.indicators.values_list("pk", "name")) == [(indicator.pk, "Teilnehmende (neu)")]
    assert client.post(url(world, "programme_measure_delete", measure_pk=world.measure.pk)).status_code == 302
    assert not Measure.objects.filter(pk=world.measure.pk).exists()


def test_goal_add_edit_move_delete(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "programme_goal_add"),
        {"title": "Zusammenleben", "promotion_area": "", "needs": [str(world.needs[2].pk)]},
    )
    assert response.status_code == 302
    goal = Goal.objects.get(title="Zusammenleben")
    assert list(goal.needs.all()) == [world.needs[2]]
    response = client.post(url(world, "programme_goal_edit", goal_pk=goal.pk), {"title": ""})
    assert "This field is required." in response.content.decode()
    client.post(url(world, "programme_goal_move", goal_pk=goal.pk), {"direction": "up"})
    positions = list(world.programme.goals.order_by("position").values_list("title", flat=True))
    assert positions.index("Zusammenleben") == 1
    client.post(url(world, "programme_goal_delete", goal_pk=goal.pk))
    assert not Goal.objects.filter(pk=goal.pk).exists()


# --- Catalogue hand-over --------------------------------------------------------------------------------


def test_from_catalogue_redirects_to_safe_next(client, world):
    login_verified(client, world.editor)
    target = reverse("kompakt:need_list", kwargs={"office_slug": world.office.slug, "pk": world.process.pk})
    response = client.post(
        url(world, "measure_add_from_catalogue", entry_pk=world.entry.pk),
        {"need": str(world.needs[0].pk), "next": target},
    )
    assert response.status_code == 302 and response["Location"] == target
    measure = Measure.objects.get(catalogue_entry=world.entry)
    assert measure.need == world.needs[0]


def test_from_catalogue_ignores_unsafe_next_and_refuses_a_duplicate(client, world):
    login_verified(client, world.editor)
    post_url = url(world, "measure_add_from_catalogue", entry_pk=world.entry.pk)
    response = client.post(post_url, {"next": "https://evil.example.org/"})
    assert response["Location"] == url(world, "programme_detail")
    response = client.post(post_url, {"next": "//evil.example.org/"}, follow=True)
    assert "already a measure of the programme" in response.content.decode()
    assert Measure.objects.filter(catalogue_entry=world.entry).count() == 1


def test_from_catalogue_creates_the_draft_when_missing(client, world):
    Programme.objects.all().delete()
    login_verified(client, world.editor)
    client.post(url(world, "measure_add_from_catalogue", entry_pk=world.entry.pk))
    assert Programme.objects.get().measures.get().catalogue_entry == world.entry


def test_from_catalogue_scoping(client, world):
    login_verified(client, world.editor)
    assert (
        client.post(url(world, "measure_add_from_catalogue", entry_pk=world.hidden_entry.pk)).status_code
        == 404
    )
    foreign_url = url(
        world, "measure_add_from_catalogue", process=world.foreign_process, entry_pk=world.entry.pk
    )
    assert client.post(foreign_url).status_code == 404
    need_of_other = {"need": "999999"}
    assert (
        client.post(
            url(world, "measure_add_from_catalogue", entry_pk=world.entry.pk), need_of_other
        ).status_code
        == 404
    )
    assert client.get(url(world, "measure_add_from_catalogue", entry_pk=world.entry.pk)).status_code == 405


# --- Versions and status --------------------------------------------------------------------------------


def test_versions_list_save_view_and_compare(client, world, django_assert_num_queries):
    login_verified(client, world.editor)
    response = client.post(url(world, "programme_versions"), {"comment": ""})
    assert "This field is required." in response.content.decode()
    Measure.objects.filter(pk=world.measure.pk).update(responsible="Schule Oftringen")
    response = client.post(url(world, "programme_versions"), {"comment": "Schule übernimmt"})
    assert response.status_code == 302
    client.get(url(world, "programme_versions"))
    # session, user, OTP device, office, membership, process, programme, versions; savepoint, renewal, release
    with django_assert_num_queries(11):
        html = client.get(url(world, "programme_versions")).content.decode()
    assert "Schule übernimmt" in html and "Erster Entwurf" in html
    html = client.get(url(world, "programme_version_detail", number=1)).content.decode()
    assert "Gemeinde Oftringen" in html and "Schule Oftringen" not in html
    html = client.get(url(world, "programme_version_compare") + "?a=1&b=2").content.decode()
    assert 'data-change="measures-changed"' in html
    assert "Gemeinde Oftringen" in html and "Schule Oftringen" in html
    assert client.get(url(world, "programme_version_detail", number=9)).status_code == 404
    assert client.get(url(world, "programme_version_compare") + "?a=1&b=9").status_code == 200  # form error


def test_status_change_via_page(client, world):
    login_verified(client, world.editor)
    client.post(url(world, "programme_status"), {"status": "submitted"})
    response = client.post(
        url(world, "programme_status"), {"status": "adopted", "adopted_by": "Gemeinderat"}, follow=True
    )
    assert "Enter the date of the adoption." in response.content.decode()
    client.post(
        url(world, "programme_status"),
        {"status": "adopted", "adopted_on": "2026-03-02", "adopted_by": "Gemeinderat"},
    )
    world.programme.refresh_from_db()
    assert world.programme.status == "adopted" and world.programme.adopted_on == datetime.date(2026, 3, 2)
    assert list(world.programme.versions.values_list("number", flat=True)) == [3, 2, 1]


def test_page_and_documents_render_in_german(client, vocab):
    """Without the english fixture: the German interface (numbers and dates localised) renders too."""
    world = programme_world(vocab)
    programme = services.programme_create(process=world.process, by=world.editor, today=TODAY)
    services.measure_save(programme=programme, by=world.editor, fields=measure_fields(world))
    login_verified(client, world.editor)
    response = client.get(url(world, "programme_detail"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2027–2030" in html and "5’000.00" in html
    assert client.get(url(world, "programme_docx")).status_code == 200
