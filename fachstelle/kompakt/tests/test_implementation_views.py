"""Staff pages of the implementation: role × view matrix, office scoping, forms with bad input (message,
input kept, nothing written), exports, query pins."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import CantonContribution, IndicatorValue, Measure, QualityMeeting
from fachstelle.kompakt.tests.implementation_world import implementation_world

pytestmark = pytest.mark.django_db

D = Decimal
ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")
WRITERS = ("admin", "editor", "counsellor")


@pytest.fixture
def world(english, vocab):
    return implementation_world(vocab)


def url(world, name, process=None, **kwargs):
    process = process or world.process
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, "pk": process.pk, **kwargs})


def add_values(world):
    IndicatorValue.objects.create(indicator=world.participants, year=2024, value=D("25"), note="erstes Jahr")
    IndicatorValue.objects.create(indicator=world.participants, year=2025, value=D("42"))
    IndicatorValue.objects.create(indicator=world.completion, year=2024, value=D("60"))


# --- Role × view matrix --------------------------------------------------------------------------------

READ_PAGES = (
    ("implementation", {}),
    ("indicator_values", {}),
    ("indicator_values_export", {}),
    ("quality_meeting_list", {}),
    ("canton_contributions", {}),
)


@pytest.mark.parametrize(("page", "kwargs"), READ_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(client, world, page, kwargs, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, page, **kwargs))
    assert response.status_code == (403 if role == "foreign_editor" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_write_pages_matrix(client, world, role):
    meeting = QualityMeeting.objects.create(process=world.process, held_on=datetime.date(2024, 9, 1))
    contribution = CantonContribution.objects.create(measure=world.german, year=2024, amount=D("100"))
    login_verified(client, getattr(world, role))
    expected = 200 if role in WRITERS else 403
    for name, kwargs in (
        ("quality_meeting_create", {}),
        ("quality_meeting_edit", {"meeting_pk": meeting.pk}),
        ("quality_meeting_delete", {"meeting_pk": meeting.pk}),
        ("canton_contribution_edit", {"contribution_pk": contribution.pk}),
    ):
        assert client.get(url(world, name, **kwargs)).status_code == expected, name


def test_statistics_role_cannot_write(client, world):
    meeting = QualityMeeting.objects.create(process=world.process, held_on=datetime.date(2024, 9, 1))
    contribution = CantonContribution.objects.create(measure=world.german, year=2024, amount=D("100"))
    login_verified(client, world.statistics)
    posts = (
        (url(world, "measure_status", measure_pk=world.german.pk), {f"m{world.german.pk}-status": "done"}),
        (url(world, "indicator_values"), {"indicator": world.participants.pk, "year": 2024, "value": "1"}),
        (url(world, "quality_meeting_create"), {"held_on": "2024-10-01"}),
        (url(world, "quality_meeting_delete", meeting_pk=meeting.pk), {}),
        (
            url(world, "canton_contributions"),
            {"measure": world.german.pk, "year": 2025, "amount": "1", "status": "requested"},
        ),
        (url(world, "canton_contribution_delete", contribution_pk=contribution.pk), {}),
    )
    for target, data in posts:
        assert client.post(target, data).status_code == 403, target
    world.german.refresh_from_db()
    assert world.german.status == "planned"
    assert not IndicatorValue.objects.exists()
    assert QualityMeeting.objects.count() == 1 and CantonContribution.objects.count() == 1


def test_statistics_role_sees_no_forms(client, world):
    login_verified(client, world.statistics)
    html = client.get(url(world, "implementation")).content.decode()
    assert "Update status" not in html
    html = client.get(url(world, "canton_contributions")).content.decode()
    assert "Record a contribution" not in html


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(url(world, "implementation")).status_code == 302


# --- Office scoping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "kwargs"), READ_PAGES)
def test_process_of_another_office_is_404(client, world, page, kwargs):
    login_verified(client, world.editor)
    assert client.get(url(world, page, process=world.other_process, **kwargs)).status_code == 404


def test_objects_of_another_process_are_404(client, world):
    other_meeting = QualityMeeting.objects.create(
        process=world.other_process, held_on=datetime.date(2024, 9, 1)
    )
    other_contribution = CantonContribution.objects.create(
        measure=world.other_measure, year=2024, amount=D("1")
    )
    login_verified(client, world.admin)
    assert (
        client.post(
            url(world, "measure_status", measure_pk=world.other_measure.pk),
            {f"m{world.other_measure.pk}-status": "done"},
        ).status_code
        == 404
    )
    assert client.get(url(world, "quality_meeting_edit", meeting_pk=other_meeting.pk)).status_code == 404
    assert client.post(url(world, "quality_meeting_delete", meeting_pk=other_meeting.pk)).status_code == 404
    assert (
        client.get(url(world, "canton_contribution_edit", contribution_pk=other_contribution.pk)).status_code
        == 404
    )
    assert (
        client.post(
            url(world, "canton_contribution_delete", contribution_pk=other_contribution.pk)
        ).status_code
        == 404
    )
    assert QualityMeeting.objects.filter(pk=other_meeting.pk).exists()
    assert CantonContribution.objects.filter(pk=other_contribution.pk).exists()


def test_process_without_programme_links_to_the_programme(client, world):
    login_verified(client, world.editor)
    for page in ("implementation", "indicator_values", "canton_contributions"):
        response = client.get(url(world, page, process=world.bare_process))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-state="no-programme"' in html
        assert url(world, "programme_detail", process=world.bare_process) in html


# --- Overview and status ---------------------------------------------------------------------------------


def test_overview(client, world, django_assert_num_queries):
    add_values(world)
    CantonContribution.objects.create(measure=world.german, year=2024, amount=D("4000"), status="approved")
    QualityMeeting.objects.create(
        process=world.process, held_on=timezone.localdate() - datetime.timedelta(days=30)
    )
    Measure.objects.filter(pk=world.cafe.pk).update(status="postponed", status_note="Lokal fehlt")
    login_verified(client, world.editor)
    client.get(url(world, "implementation"))
    # session, user, OTP device, office, membership, process with programme, measures, indicators, values,
    # contributions, QA meetings; savepoint, session renewal, release.
    with django_assert_num_queries(14):
        response = client.get(url(world, "implementation"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<li data-status="planned"><a href="?status=planned">'
        '<span class="badge impl-status-planned">Planned</span> <strong>2</strong>' in html
    )
    assert "Lokal fehlt" in html
    assert 'data-judgement="reached"' in html  # participants 42 ≥ 40
    assert 'data-judgement="below"' in html  # completion 60 < 75
    assert 'data-judgement="none"' in html  # waiting list without value
    assert "Target reached" in html and "Below target" in html and "No value" in html
    assert "4,000.00" in html
    assert 'data-qa="ok"' in html


def test_overview_query_count_does_not_grow(client, world, vocab, django_assert_num_queries):
    from fachstelle.kompakt.models import Indicator

    from .implementation_world import make_measure

    for number in range(5):
        measure = make_measure(
            programme=world.programme, area=vocab["kip"]["2.2"], title=f"Massnahme {number}"
        )
        indicator = Indicator.objects.create(measure=measure, name="Anzahl", target=D("3"))
        IndicatorValue.objects.create(indicator=indicator, year=2024, value=D("1"))
        CantonContribution.objects.create(measure=measure, year=2024, amount=D("1"))
    login_verified(client, world.editor)
    client.get(url(world, "implementation"))
    with django_assert_num_queries(14):
        client.get(url(world, "implementation"))


def test_overview_qa_due_without_meeting_since_adoption(client, world):
    login_verified(client, world.editor)
    html = client.get(url(world, "implementation")).content.decode()
    assert 'data-qa="due"' in html and "No quality-assurance meeting since the adoption on 01.03.2024" in html


def test_overview_filters(client, world):
    login_verified(client, world.editor)
    html = client.get(url(world, "implementation") + "?area=1.1").content.decode()
    assert "Begrüssungsanlass" in html and "Deutschkurs mit Kinderbetreuung" not in html
    html = client.get(url(world, "implementation") + "?status=done").content.decode()
    assert "No measure matches the filter." in html
    html = client.get(url(world, "implementation") + "?status=nonsense").content.decode()
    assert "Interkulturelles Café" in html  # an unknown status is ignored


def test_status_update(client, world):
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "measure_status", measure_pk=world.german.pk),
        {f"m{world.german.pk}-status": "in_progress", f"m{world.german.pk}-note": "Erster Kurs läuft"},
    )
    assert response.status_code == 302
    world.german.refresh_from_db()
    assert (world.german.status, world.german.status_note) == ("in_progress", "Erster Kurs läuft")
    assert AuditEvent.objects.filter(target_type="kompakt.measure", action="update").count() == 1


def test_status_dropped_without_note_shows_message_and_keeps_input(client, world):
    login_verified(client, world.editor)
    prefix = f"m{world.german.pk}"
    response = client.post(
        url(world, "measure_status", measure_pk=world.german.pk),
        {f"{prefix}-status": "dropped", f"{prefix}-note": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say why the measure is dropped" in html
    assert '<option value="dropped" selected>' in html
    world.german.refresh_from_db()
    assert world.german.status == "planned"


def test_status_invalid_choice(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "measure_status", measure_pk=world.german.pk), {f"m{world.german.pk}-status": "bogus"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


# --- Indicator values ------------------------------------------------------------------------------------


def test_indicator_page(client, world, django_assert_num_queries):
    add_values(world)
    login_verified(client, world.editor)
    client.get(url(world, "indicator_values"))
    # session, user, OTP device, office, membership, process with programme, indicators, values (with
    # reporter); savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "indicator_values"))
    html = response.content.decode()
    assert '<th scope="col" class="num">2027</th>' in html
    assert 'title="erstes Jahr">25</span>' in html


def test_indicator_value_entry(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "indicator_values"),
        {"indicator": world.participants.pk, "year": "2024", "value": "1'250,5", "note": "Zählung Schule"},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.value, value.note, value.reported_by) == (D("1250.50"), "Zählung Schule", world.editor)


def test_indicator_cell_link_prefills_the_form(client, world):
    add_values(world)
    login_verified(client, world.editor)
    html = client.get(
        url(world, "indicator_values") + f"?indicator={world.participants.pk}&year=2025"
    ).content.decode()
    assert 'value="42.00"' in html and 'value="2025"' in html


@pytest.mark.parametrize(
    ("data", "field_message"),
    (
        ({"year": "2031", "value": "5"}, "between 2023 and 2028"),
        ({"year": "2024", "value": "-3"}, "cannot be negative"),
        ({"year": "2024", "value": "abc"}, "Enter a number"),
        ({"year": "2024", "value": ""}, "This field is required"),
        ({"year": "zwei", "value": "5"}, "Enter a whole number"),
    ),
)
def test_indicator_bad_input(client, world, data, field_message):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "indicator_values"), {"indicator": world.participants.pk, "note": "Notiz", **data}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_message in html
    assert 'value="Notiz"' in html
    assert not IndicatorValue.objects.exists()


def test_percentage_above_100_is_refused(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "indicator_values"), {"indicator": world.completion.pk, "year": "2024", "value": "120"}
    )
    assert response.status_code == 400
    assert "A percentage lies between 0 and 100." in response.content.decode()


def test_indicator_of_another_office_cannot_be_chosen(client, world):
    from fachstelle.kompakt.models import Indicator

    foreign = Indicator.objects.create(measure=world.other_measure, name="Fremd")
    login_verified(client, world.editor)
    response = client.post(
        url(world, "indicator_values"), {"indicator": foreign.pk, "year": "2024", "value": "1"}
    )
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


def test_csv_export(client, world):
    add_values(world)
    login_verified(client, world.statistics)
    response = client.get(url(world, "indicator_values_export") + "?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="indicators-oftringen.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:8] == [
        "Measure",
        "Indicator",
        "Unit",
        "Baseline",
        "Target",
        "Target year",
        "Year",
        "Value",
    ]
    assert rows[1][:9] == [
        "Deutschkurs mit Kinderbetreuung",
        "Teilnehmende pro Jahr",
        "Personen",
        "10.00",
        "40.00",
        "",
        "2024",
        "25.00",
        "erstes Jahr",
    ]
    assert len(rows) == 4
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_xlsx_export(client, world):
    add_values(world)
    login_verified(client, world.editor)
    response = client.get(url(world, "indicator_values_export") + "?format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][1] == "Indicator"
    assert [row[1] for row in rows[1:]] == [
        "Teilnehmende pro Jahr",
        "Teilnehmende pro Jahr",
        "Abschlussquote",
    ]
    assert rows[2][6:8] == ["2025", "42.00"]


# --- QA meetings ----------------------------------------------------------------------------------------


def test_meeting_list(client, world, django_assert_num_queries):
    meeting = QualityMeeting.objects.create(
        process=world.process, held_on=datetime.date(2025, 3, 5), minutes="**Rückblick** auf das erste Jahr"
    )
    meeting.attendees.set([world.chair])
    meeting.measures_reviewed.set([world.german])
    QualityMeeting.objects.create(process=world.process, held_on=datetime.date(2024, 4, 5))
    login_verified(client, world.editor)
    client.get(url(world, "quality_meeting_list"))
    # session, user, OTP device, office, membership, process with programme, meetings, attendees,
    # measures reviewed; savepoint, session renewal, release.
    with django_assert_num_queries(12):
        response = client.get(url(world, "quality_meeting_list"))
    html = response.content.decode()
    assert "<strong>Rückblick</strong>" in html
    assert "Anna Keller" in html and "Deutschkurs mit Kinderbetreuung" in html
    assert html.index("05.03.2025") < html.index("05.04.2024")


def test_meeting_create_and_edit(client, world):
    login_verified(client, world.editor)
    form_html = client.get(url(world, "quality_meeting_create")).content.decode()
    assert "Anna Keller" in form_html and "Fremdes Mitglied" not in form_html
    assert "Fremde Massnahme" not in form_html
    response = client.post(
        url(world, "quality_meeting_create"),
        {
            "held_on": "2025-03-05",
            "attendees": [world.chair.pk, world.member.pk],
            "measures_reviewed": [world.german.pk],
            "minutes": "Kurs gut besucht",
            "decisions": "- Zweiter Kurs ab Herbst",
        },
    )
    assert response.status_code == 302
    meeting = QualityMeeting.objects.get()
    assert set(meeting.attendees.all()) == {world.chair, world.member}
    response = client.post(
        url(world, "quality_meeting_edit", meeting_pk=meeting.pk),
        {"held_on": "2025-03-06", "attendees": [world.chair.pk], "minutes": "geändert"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on == datetime.date(2025, 3, 6) and list(meeting.attendees.all()) == [world.chair]
    assert list(meeting.measures_reviewed.all()) == []


def test_meeting_bad_input(client, world):
    login_verified(client, world.editor)
    far = timezone.localdate() + datetime.timedelta(days=400)
    response = client.post(
        url(world, "quality_meeting_create"),
        {"held_on": far.isoformat(), "attendees": [world.chair.pk], "minutes": "Entwurf"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "more than a year in the future" in html and "Entwurf" in html
    response = client.post(
        url(world, "quality_meeting_create"), {"held_on": "2025-03-05", "attendees": [world.other_member.pk]}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url(world, "quality_meeting_create"), {"held_on": "kein Datum"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    assert not QualityMeeting.objects.exists()


def test_meeting_delete(client, world):
    meeting = QualityMeeting.objects.create(process=world.process, held_on=datetime.date(2025, 3, 5))
    login_verified(client, world.counsellor)
    assert (
        "Delete the meeting of 05.03.2025"
        in client.get(url(world, "quality_meeting_delete", meeting_pk=meeting.pk)).content.decode()
    )
    response = client.post(url(world, "quality_meeting_delete", meeting_pk=meeting.pk))
    assert response.status_code == 302
    assert not QualityMeeting.objects.exists()


# --- Canton contributions -------------------------------------------------------------------------------


def contribution_post(world, **overrides):
    data = {"measure": world.german.pk, "year": "2025", "amount": "4000", "status": "requested", "note": ""}
    data.update(overrides)
    return data


def test_contributions_page(client, world, django_assert_num_queries):
    CantonContribution.objects.create(
        measure=world.german, year=2024, amount=D("4000"), status="paid", paid_on=datetime.date(2024, 12, 1)
    )
    CantonContribution.objects.create(measure=world.german, year=2025, amount=D("3000"), status="approved")
    CantonContribution.objects.create(measure=world.welcome, year=2025, amount=D("3500"), note="Zusatz")
    login_verified(client, world.admin)
    client.get(url(world, "canton_contributions"))
    # session, user, OTP device, office, membership, process with programme, measures, contributions;
    # savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "canton_contributions"))
    html = response.content.decode()
    assert "total for the whole programme period" in html
    assert f'data-measure="{world.welcome.pk}" class="impl-over-plan" data-over-plan="true"' in html
    assert (
        '<tr data-year="2025"><th scope="row">2025</th><td class="num">3,500.00</td>'
        '<td class="num">3,000.00</td><td class="num">0.00</td></tr>' in html
    )
    assert (
        '<tr data-year="total"><th scope="row">Total</th><td class="num">3,500.00</td>'
        '<td class="num">7,000.00</td><td class="num">4,000.00</td></tr>' in html
    )


def test_editor_records_a_request(client, world):
    login_verified(client, world.editor)
    response = client.post(url(world, "canton_contributions"), contribution_post(world))
    assert response.status_code == 302
    contribution = CantonContribution.objects.get()
    assert (contribution.status, contribution.amount, contribution.year) == ("requested", D("4000"), 2025)


@pytest.mark.parametrize("role", ("editor", "counsellor"))
def test_editor_cannot_approve(client, world, role):
    login_verified(client, getattr(world, role))
    response = client.post(url(world, "canton_contributions"), contribution_post(world, status="approved"))
    assert response.status_code == 400
    assert "Only the office administrator may approve" in response.content.decode()
    assert not CantonContribution.objects.exists()


def test_editor_cannot_edit_a_decided_contribution(client, world):
    contribution = CantonContribution.objects.create(
        measure=world.german, year=2024, amount=D("1"), status="approved"
    )
    login_verified(client, world.editor)
    assert (
        client.get(url(world, "canton_contribution_edit", contribution_pk=contribution.pk)).status_code == 403
    )
    assert (
        client.post(url(world, "canton_contribution_delete", contribution_pk=contribution.pk)).status_code
        == 403
    )
    assert CantonContribution.objects.filter(pk=contribution.pk).exists()


def test_admin_approves_and_pays(client, world):
    contribution = CantonContribution.objects.create(measure=world.german, year=2025, amount=D("4000"))
    login_verified(client, world.admin)
    edit = url(world, "canton_contribution_edit", contribution_pk=contribution.pk)
    response = client.post(edit, contribution_post(world, status="approved", decided_on="2025-02-01"))
    assert response.status_code == 302
    response = client.post(edit, contribution_post(world, status="paid", decided_on="2025-02-01"))
    assert response.status_code == 400
    assert "Enter the date of the payment." in response.content.decode()
    response = client.post(
        edit, contribution_post(world, status="paid", decided_on="2025-02-01", paid_on="2025-03-15")
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.decided_on, contribution.paid_on) == (
        "paid",
        datetime.date(2025, 2, 1),
        datetime.date(2025, 3, 15),
    )


def test_edit_cannot_move_the_contribution_to_another_measure(client, world):
    contribution = CantonContribution.objects.create(measure=world.german, year=2025, amount=D("4000"))
    login_verified(client, world.admin)
    response = client.post(
        url(world, "canton_contribution_edit", contribution_pk=contribution.pk),
        contribution_post(world, measure=world.welcome.pk, amount="100"),
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.measure, contribution.amount) == (world.german, D("100"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    (
        ({"amount": "-1"}, "The amount cannot be negative."),
        ({"amount": "zehn"}, "Enter a number"),
        ({"year": "2035"}, "between 2023 and 2028"),
        ({"amount": "12000"}, "more than the CHF 10&#x27;000.00 the programme plans"),
        ({"amount": "12000", "exceeds_plan": "on"}, "Give the reason why the contribution exceeds the plan."),
        ({"measure": "999999"}, "Select a valid choice"),
    ),
)
def test_contribution_bad_input(client, world, overrides, message):
    login_verified(client, world.editor)
    response = client.post(url(world, "canton_contributions"), contribution_post(world, note="", **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert not CantonContribution.objects.exists()


def test_contribution_over_plan_justified(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "canton_contributions"),
        contribution_post(world, amount="12000", exceeds_plan="on", note="Zweiter Kurs wegen Nachfrage"),
    )
    assert response.status_code == 302
    assert CantonContribution.objects.get().note == "Zweiter Kurs wegen Nachfrage"


def test_duplicate_year_keeps_input(client, world):
    CantonContribution.objects.create(measure=world.german, year=2025, amount=D("1000"))
    login_verified(client, world.editor)
    response = client.post(
        url(world, "canton_contributions"), contribution_post(world, amount="2000", note="Zweitantrag")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already a contribution for this measure in 2025" in html
    assert 'value="Zweitantrag"' in html and 'value="2000"' in html


def test_request_can_be_withdrawn(client, world):
    contribution = CantonContribution.objects.create(measure=world.german, year=2025, amount=D("1000"))
    login_verified(client, world.counsellor)
    response = client.post(url(world, "canton_contribution_delete", contribution_pk=contribution.pk))
    assert response.status_code == 302
    assert not CantonContribution.objects.exists()
    assert AuditEvent.objects.filter(action="delete", target_type="kompakt.cantoncontribution").count() == 1
