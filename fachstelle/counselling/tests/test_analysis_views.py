"""Needs analysis pages: who may see them, the filters meeting bad input, the CSV, the charts and their
cache, no personal data anywhere, and the page's query count pinned."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fachstelle.core.models import AuditEvent, Language
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.views import analysis as analysis_views

from .test_analysis_selectors import YEAR, build_analysis_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PERIOD = {"date_from": f"{YEAR}-01-01", "date_to": f"{YEAR}-12-31"}


@pytest.fixture
def data(vocab):
    return build_analysis_world(vocab["languages"])


def url(name, office, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": office.slug, **kwargs})


def get(client, user, name, office, params=None, **kwargs):
    login_verified(client, user)
    return client.get(url(name, office, **kwargs), params or {})


# --- Who may see it --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("counsellor", 200), ("colleague", 200), ("statistics", 200), ("editor", 403)],
)
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("needs_analysis", {}),
        ("needs_analysis_csv", {}),
        ("needs_analysis_chart", {"section": "german", "fmt": "svg"}),
    ],
)
def test_role_matrix(client, data, who, status, name, kwargs):
    response = get(client, getattr(data.world, who), name, data.world.office, PERIOD, **kwargs)
    assert response.status_code == status


def test_staff_of_another_office_and_unknown_offices_get_nothing(client, data):
    world = data.world
    assert get(client, world.foreign_counsellor, "needs_analysis", world.office).status_code == 403
    login_verified(client, world.admin)
    missing = reverse("counselling:needs_analysis", kwargs={"office_slug": "no-such-office"})
    assert client.get(missing).status_code == 404
    # In their own office, our municipality is refused and none of our persons is counted.
    response = get(
        client,
        world.foreign_counsellor,
        "needs_analysis",
        world.other_office,
        {"municipality": data.rothrist.pk},
    )
    assert b"The office does not serve this municipality." in response.content
    response = get(client, world.foreign_counsellor, "needs_analysis", world.other_office, PERIOD)
    assert response.context["analysis"].persons != 12


def test_anonymous_users_are_sent_to_the_login(client, data):
    response = client.get(url("needs_analysis", data.world.office))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- The page ------------------------------------------------------------------------------------------


def test_page_shows_tables_charts_and_the_rule_without_personal_data(client, data):
    response = get(client, data.world.statistics, "needs_analysis", data.world.office, PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cells with fewer than 5 persons are not shown" in html
    assert "&lt; 5" in html
    for key in ["german", "education", "qualifications", "goals", "topics", "interpreting", "permits"]:
        assert f'id="section-{key}"' in html
        assert f"/chart/{key}.svg?" in html
    assert html.count("<table") == 9
    assert "/analysis/export.csv?" in html
    # No names, references or anything else personal.
    for client_record in data.clients:
        assert client_record.reference not in html
        assert client_record.name not in html
    assert "Testperson" not in html
    analysis = response.context["analysis"]
    assert analysis.persons == 12


def test_year_shortcut_and_default_period(client, data):
    response = get(client, data.world.admin, "needs_analysis", data.world.office, {"year": str(YEAR)})
    filters = response.context["analysis"].filters
    assert (filters.date_from.isoformat(), filters.date_to.isoformat()) == (
        PERIOD["date_from"],
        PERIOD["date_to"],
    )
    assert response.context["analysis"].persons == 12
    default = get(client, data.world.admin, "needs_analysis", data.world.office)
    assert default.status_code == 200
    assert default.context["analysis"].filters.date_from.month == 1


def test_municipality_filter_on_the_page(client, data):
    params = {**PERIOD, "municipality": str(data.rothrist.pk)}
    response = get(client, data.world.counsellor, "needs_analysis", data.world.office, params)
    analysis = response.context["analysis"]
    assert analysis.filters.municipality == data.rothrist
    assert analysis.table("german").total.cells == [9]
    assert "Rothrist" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"date_from": f"{YEAR}-06-01", "date_to": f"{YEAR}-01-01"},
            "The end date is before the start date.",
        ),
        ({"date_from": "garbage"}, "Enter a valid date."),
        ({"date_to": "2024-02-30"}, "Enter a valid date."),
        ({"date_from": "0202-01-01"}, "Enter a date between 1990 and 2100."),
        ({"year": "abc"}, "Enter a whole number."),
        ({"year": "1800"}, "Ensure this value is greater than or equal to 1990."),
        ({"year": str(YEAR), "date_from": f"{YEAR}-03-01"}, "Choose either a year or a period"),
        ({"municipality": "999999"}, "The office does not serve this municipality."),
        ({"municipality": "abc"}, "The office does not serve this municipality."),
    ],
)
def test_bad_filters_get_a_clear_message_and_no_figures(client, data, params, message):
    response = get(client, data.world.admin, "needs_analysis", data.world.office, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert response.context["analysis"] is None
    assert "<table" not in html
    # The dates typed are kept in the form (a select cannot keep a value it does not offer).
    for name, value in params.items():
        if name.startswith("date"):
            assert f'value="{value}"' in html


def test_a_municipality_of_another_office_is_refused(client, data):
    elsewhere = MunicipalityFactory(name="Allschwil")
    data.world.other_office.municipalities.add(elsewhere)
    response = get(
        client, data.world.admin, "needs_analysis", data.world.office, {"municipality": elsewhere.pk}
    )
    assert b"The office does not serve this municipality." in response.content
    assert response.context["analysis"] is None


def test_page_query_count_is_constant(client, data, django_assert_num_queries):
    login_verified(client, data.world.statistics)
    page = url("needs_analysis", data.world.office)
    client.get(page, PERIOD)  # warm the session
    # 1 session, 1 user, 1 OTP device (two-factor middleware), 1 office, 1 membership;
    # analysis: languages 1, the office's permit settings 1, served municipalities 1, the persons'
    # profile (German, education, permit, country, municipality, interpreting at intake) 1,
    # qualifications 1, goals 1, topics 4 (case totals, per topic, short consultations, topic names),
    # interpreted sessions 1; the form's municipality choices 1;
    # saving the session (sliding timeout: savepoint, update, release) 3.
    with CaptureQueriesContext(connection) as baseline:
        client.get(page, PERIOD)
    with django_assert_num_queries(len(baseline.captured_queries)):
        client.get(page, {"date_from": f"{YEAR}-03-01", "date_to": f"{YEAR}-03-31"})
    assert len(baseline.captured_queries) == QUERIES_PER_PAGE
    # A municipality adds one query (the form checks it belongs to the office), whatever the data.
    with django_assert_num_queries(QUERIES_PER_PAGE + 1):
        client.get(page, {**PERIOD, "municipality": data.rothrist.pk})


QUERIES_PER_PAGE = 20


# --- CSV ---------------------------------------------------------------------------------------------------


def test_csv_has_every_table_with_hidden_cells_marked_and_is_audited(client, data):
    response = get(client, data.world.statistics, "needs_analysis_csv", data.world.office, PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ["Period", f"{YEAR}-01-01", f"{YEAR}-12-31"]
    assert ["Knowledge of German"] in rows
    assert ["A1", "6"] in rows
    assert ["B1", "<5"] in rows
    assert ["Total persons", "12"] in rows
    # Education: tertiary hidden, its complements marked "–".
    assert ["Tertiary", "<5"] in rows or ["University or college", "<5"] in rows
    assert ["Vocational training", "–"] in rows
    assert ["Topics"] in rows
    assert ["German", "12", "–"] in rows or any(row[1:] == ["12", "–"] for row in rows)
    assert "Testperson" not in text
    assert all(client_record.reference not in text for client_record in data.clients)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, target_type="counselling.needs_analysis", actor=data.world.statistics
    ).exists()


def test_csv_with_bad_filters_goes_back_to_the_page(client, data):
    response = get(
        client, data.world.admin, "needs_analysis_csv", data.world.office, {"date_from": "garbage"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url("needs_analysis", data.world.office))
    assert "date_from=garbage" in response["Location"]


# --- Charts ------------------------------------------------------------------------------------------------


def test_chart_svg_and_png(client, data):
    response = get(
        client,
        data.world.statistics,
        "needs_analysis_chart",
        data.world.office,
        PERIOD,
        section="german",
        fmt="svg",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<title" in svg and "Knowledge of German" in svg
    assert "A1: 6" in svg and "B1: &lt; 5" in svg
    png = get(
        client,
        data.world.statistics,
        "needs_analysis_chart",
        data.world.office,
        PERIOD,
        section="qualifications",
        fmt="png",
    )
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(("section", "fmt"), [("nope", "svg"), ("german", "gif"), ("german", "svg.png")])
def test_unknown_chart_is_404(client, data, section, fmt):
    login_verified(client, data.world.admin)
    path = url("needs_analysis_chart", data.world.office, section="german", fmt="svg")
    path = path.replace("german.svg", f"{section}.{fmt}")
    assert client.get(path, PERIOD).status_code == 404


def test_chart_with_bad_filters_is_400(client, data):
    response = get(
        client,
        data.world.admin,
        "needs_analysis_chart",
        data.world.office,
        {"date_from": "2024-13-45"},
        section="german",
        fmt="svg",
    )
    assert response.status_code == 400


def test_charts_are_cached_until_their_figures_change(client, data, monkeypatch, vocab):
    rendered = []
    original = analysis_views.table_chart

    def counting(table, *, fmt):
        rendered.append(table.key)
        return original(table, fmt=fmt)

    monkeypatch.setattr(analysis_views, "table_chart", counting)
    chart = {"section": "german", "fmt": "svg"}
    first = get(client, data.world.admin, "needs_analysis_chart", data.world.office, PERIOD, **chart)
    second = get(client, data.world.admin, "needs_analysis_chart", data.world.office, PERIOD, **chart)
    assert first.content == second.content
    assert rendered == ["german"]
    # New data that changes what the table shows: rendered again.
    from fachstelle.counselling.models import ClientLanguage

    german = Language.objects.get(code="de")
    ClientLanguage.objects.filter(client__in=data.clients[6:9], language=german).update(level="A1")
    third = get(client, data.world.admin, "needs_analysis_chart", data.world.office, PERIOD, **chart)
    assert rendered == ["german", "german"]
    assert "A1: 9" in third.content.decode()


def test_a_chart_named_by_the_page_is_served_from_the_cache_without_counselling_queries(client, data):
    page = get(client, data.world.statistics, "needs_analysis", data.world.office, PERIOD)
    chart_url = next(s["chart_url"] for s in page.context["sections"] if s["table"].key == "german")
    first = client.get(chart_url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(chart_url)
    assert second.content == first.content
    assert not [q for q in queries.captured_queries if "counselling_" in q["sql"]]
    # A made-up digest only misses: the chart is computed and still right.
    forged = client.get(chart_url.replace("&v=", "&v=0000"))
    assert forged.status_code == 200 and forged.content == first.content
