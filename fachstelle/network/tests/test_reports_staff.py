"""The reporting point in the staff area: who may enter (role × view matrix), the inbox with its filters,
paging and query pin, the report page (audited view, contact details for admins and the assigned
counsellor only), the triage form, and the statistics with small-cell suppression and their CSV."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Report
from fachstelle.network.selectors.reports import PER_PAGE
from fachstelle.network.services.reports import report_submit, report_version
from fachstelle.network.tests.factories_reports import ReportFactory, report_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Report.Status
Category = Report.Category
TODAY = timezone.localdate()
YEAR = TODAY.year


@pytest.fixture
def world():
    return report_world()


@pytest.fixture
def report(world):
    return ReportFactory(
        office=world.office,
        municipality=world.municipality,
        is_anonymous=False,
        contact_name="Amina Yusuf",
        contact_email="amina@example.org",
        contact_phone="062 123 45 67",
        description="Beschimpft im Bus.",
    )


def url(name, office, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": office.slug, **kwargs})


def as_user(client, user):
    login_verified(client, user)
    return client


def received_in(report, year):
    """Move a report's received date (auto_now_add) into `year`."""
    when = datetime.datetime(year, 6, 15, 12, tzinfo=timezone.get_current_timezone())
    Report.objects.filter(pk=report.pk).update(created_at=when)


# --- Role × view matrix -----------------------------------------------------------------------------------

PAGES = ["report_list", "report_detail", "report_statistics", "report_statistics_csv"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("counsellor", 200), ("colleague", 200)])
def test_admins_and_counsellors_enter_every_page(client, world, report, page, who, status):
    kwargs = {"report_id": report.pk} if page == "report_detail" else {}
    assert as_user(client, getattr(world, who)).get(url(page, world.office, **kwargs)).status_code == status


@pytest.mark.parametrize("page", [*PAGES, "report_triage"])
@pytest.mark.parametrize("who", ["editor", "statistics", "other_admin"])
def test_editors_statistics_users_and_other_offices_are_refused(client, world, report, page, who):
    kwargs = {"report_id": report.pk} if page in ("report_detail", "report_triage") else {}
    as_user(client, getattr(world, who))
    target = url(page, world.office, **kwargs)
    response = client.post(target, {"status": "closed"}) if page == "report_triage" else client.get(target)
    assert response.status_code == 403
    assert b"Amina" not in response.content and b"Bus" not in response.content
    assert not AuditEvent.objects.filter(target_type="network.report", action="view").exists()
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_anonymous_visitors_are_sent_to_the_login(client, world, report):
    response = client.get(url("report_detail", world.office, report_id=report.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_report_of_another_office_is_not_found_through_ones_own_office(client, world):
    foreign = ReportFactory(office=world.other_office, description="Fremde Meldung")
    as_user(client, world.admin)
    assert client.get(url("report_detail", world.office, report_id=foreign.pk)).status_code == 404
    assert (
        client.post(
            url("report_triage", world.office, report_id=foreign.pk), {"status": "closed"}
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.status == Status.NEW
    assert not AuditEvent.objects.filter(target_id=foreign.pk).exists()


# --- Inbox -----------------------------------------------------------------------------------------------


def test_the_inbox_filters_by_status_category_municipality_and_year(client, world):
    housing = ReportFactory(office=world.office, category=Category.HOUSING, municipality=world.municipality)
    closed = ReportFactory(office=world.office, status=Status.CLOSED, municipality=world.other_municipality)
    old = ReportFactory(office=world.office, category=Category.WORK)
    received_in(old, YEAR - 2)
    ReportFactory(office=world.other_office)  # never listed
    as_user(client, world.counsellor)

    def listed(query=""):
        response = client.get(url("report_list", world.office) + query)
        assert response.status_code == 200
        return {report.pk for report in response.context["result"].reports}

    assert listed() == {housing.pk, closed.pk, old.pk}
    assert listed("?status=open") == {housing.pk, old.pk}
    assert listed("?status=closed") == {closed.pk}
    assert listed("?category=housing") == {housing.pk}
    assert listed(f"?municipality={world.other_municipality.pk}") == {closed.pk}
    assert listed(f"?year={YEAR - 2}") == {old.pk}
    assert listed(f"?year={YEAR}&category=work") == set()


def test_bad_filter_values_are_left_out_with_a_message(client, world, report):
    as_user(client, world.admin)
    response = client.get(
        url("report_list", world.office) + "?status=lost&category=x&municipality=abc&year=1066&page=-3"
    )
    assert response.status_code == 200
    assert {r.pk for r in response.context["result"].reports} == {report.pk}
    assert "could not be used and were left out" in response.content.decode()


def test_the_inbox_shows_no_contact_details_or_text(client, world, report):
    response = as_user(client, world.admin).get(url("report_list", world.office))
    content = response.content.decode()
    assert report.reference in content and "with contact" in content
    assert "Amina" not in content and "Beschimpft" not in content


def test_the_inbox_pages_and_pins_its_queries(client, world, django_assert_num_queries):
    for _number in range(PER_PAGE + 5):
        ReportFactory(office=world.office, municipality=world.municipality, assigned_to=world.counsellor)
    as_user(client, world.counsellor)
    # session, user, OTP device, office, membership role; municipalities and years (filter form
    # choices); count; one page of reports (assignee and municipality joined); the session saved
    # (idle timeout: savepoint, update, release).
    with django_assert_num_queries(12):
        response = client.get(url("report_list", world.office) + "?status=new")
    assert response.status_code == 200
    assert len(response.context["result"].reports) == PER_PAGE
    assert response.context["result"].num_pages == 2
    second = client.get(url("report_list", world.office) + "?status=new&page=2")
    assert len(second.context["result"].reports) == 5
    assert "status=new&amp;page=1" in second.content.decode()
    # A page past the end shows the last one.
    assert client.get(url("report_list", world.office) + "?page=99").context["result"].page == 2


# --- The report page ---------------------------------------------------------------------------------------


def test_opening_a_report_is_logged(client, world, report):
    response = as_user(client, world.colleague).get(url("report_detail", world.office, report_id=report.pk))
    assert response.status_code == 200
    assert "Beschimpft im Bus." in response.content.decode()
    event = AuditEvent.objects.get(target_type="network.report", target_id=report.pk, action="view")
    assert event.actor == world.colleague and event.target_ref == report.reference


@pytest.mark.parametrize(("who", "sees"), [("admin", True), ("counsellor", True), ("colleague", False)])
def test_contact_details_only_for_admins_and_the_assigned_counsellor(client, world, report, who, sees):
    report.assigned_to = world.counsellor
    report.save()
    content = as_user(client, getattr(world, who)).get(
        url("report_detail", world.office, report_id=report.pk)
    )
    content = content.content.decode()
    assert ("amina@example.org" in content) is sees
    assert ("062 123 45 67" in content) is sees
    assert ("Amina Yusuf" in content) is sees


def test_only_admins_and_the_assigned_counsellor_get_the_triage_form(client, world, report):
    report.assigned_to = world.counsellor
    report.save()
    detail = url("report_detail", world.office, report_id=report.pk)
    assert as_user(client, world.admin).get(detail).context["form"].fields.keys() >= {"assigned_to", "status"}
    counsellor_form = as_user(client, world.counsellor).get(detail).context["form"]
    assert "assigned_to" not in counsellor_form.fields and "status" in counsellor_form.fields
    assert as_user(client, world.colleague).get(detail).context["form"] is None


def test_the_access_log_is_shown_to_admins(client, world, report):
    as_user(client, world.colleague).get(url("report_detail", world.office, report_id=report.pk))
    response = as_user(client, world.admin).get(url("report_detail", world.office, report_id=report.pk))
    assert [event.actor for event in response.context["access_log"]] == [world.admin, world.colleague]
    colleague_view = as_user(client, world.colleague).get(
        url("report_detail", world.office, report_id=report.pk)
    )
    assert colleague_view.context["access_log"] is None


def test_an_unknown_report_id_is_404(client, world):
    as_user(client, world.admin)
    assert client.get(url("report_detail", world.office, report_id=987654)).status_code == 404


# --- Triage ----------------------------------------------------------------------------------------------


def triage(client, world, report, **data):
    fields = {"status": report.status, "triage_note": "", "version": report_version(report)}
    fields.update(data)
    return client.post(url("report_triage", world.office, report_id=report.pk), fields)


def test_an_admin_assigns_and_reviews_a_report(client, world, report):
    as_user(client, world.admin)
    response = triage(
        client, world, report, status="in_review", assigned_to=world.counsellor.pk, triage_note="Prüfen"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW and report.assigned_to == world.counsellor
    assert report.triage_note == "Prüfen"
    event = AuditEvent.objects.get(target_id=report.pk, action="update")
    assert event.actor == world.admin and "Prüfen" not in event.detail
    page = client.get(response["Location"])
    assert f"Report {report.reference} saved." in page.content.decode()


def test_a_status_outside_the_workflow_is_explained_and_nothing_saved(client, world, report):
    as_user(client, world.admin)
    response = triage(client, world, report, status="referred", triage_note="Notiz bleibt im Formular")
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert "Notiz bleibt im Formular" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.NEW and report.triage_note == ""


def test_assigning_to_an_editor_is_refused(client, world, report):
    as_user(client, world.admin)
    response = triage(client, world, report, assigned_to=world.editor.pk)
    assert response.status_code == 200
    assert "assigned_to" in response.context["form"].errors
    report.refresh_from_db()
    assert report.assigned_to is None


def test_the_assigned_counsellor_triages_and_cannot_smuggle_an_assignment(client, world, report):
    report.assigned_to = world.counsellor
    report.save()
    as_user(client, world.counsellor)
    response = triage(client, world, report, status="in_review", assigned_to=world.colleague.pk)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW and report.assigned_to == world.counsellor


def test_a_counsellor_not_assigned_cannot_triage(client, world, report):
    as_user(client, world.colleague)
    assert triage(client, world, report, status="closed").status_code == 403
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_a_change_made_meanwhile_gives_409_and_keeps_the_input(client, world, report):
    stale = report_version(report)
    as_user(client, world.admin)
    assert triage(client, world, report, status="in_review").status_code == 302
    response = triage(client, world, report, status="closed", triage_note="Mein Text", version=stale)
    assert response.status_code == 409
    content = response.content.decode()
    assert "changed this report in the meantime" in content and "Mein Text" in content
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
    # Sending the form again (now with the current version) applies it.
    assert triage(client, world, report, status="closed", triage_note="Mein Text").status_code == 302


def test_triage_is_post_only(client, world, report):
    as_user(client, world.admin)
    assert client.get(url("report_triage", world.office, report_id=report.pk)).status_code == 405


# --- Statistics ------------------------------------------------------------------------------------------


def submit_anonymous(world):
    return report_submit(
        office=world.office,
        category=Category.DISCRIMINATION_RACISM,
        description="Diskriminierung erlebt.",
        municipality=world.municipality,
        submission_key=uuid.uuid4(),
        language="de",
    )[0]


def racism_cell(response):
    table = response.context["statistics"].tables[0]
    column = table.columns.index(str(YEAR))
    return table.row(Category.DISCRIMINATION_RACISM).cells[column]


def test_an_anonymous_discrimination_report_appears_in_the_statistics_only_once_5_exist(client, world):
    as_user(client, world.counsellor)
    statistics = url("report_statistics", world.office)
    for _number in range(4):
        submit_anonymous(world)
    response = client.get(statistics)
    cell = racism_cell(response)
    assert getattr(cell, "suppressed", False)
    content = response.content.decode()
    assert "&lt; 5" in content
    # Neither the year's total nor the municipality table gives the 4 away.
    for table in response.context["statistics"].tables:
        assert all(
            getattr(value, "suppressed", False) or value == 0 for row in table.all_rows for value in row.cells
        )
    assert ">4<" not in content

    submit_anonymous(world)
    response = client.get(statistics)
    assert racism_cell(response) == 5
    municipality_table = response.context["statistics"].tables[1]
    assert municipality_table.row(str(world.municipality.pk)).cells[-1] == 5
    assert municipality_table.total.cells[-1] == 5


def test_a_small_cell_next_to_a_large_one_is_protected_from_the_total(client, world):
    for _number in range(7):
        ReportFactory(office=world.office, category=Category.HOUSING, municipality=world.municipality)
    for _number in range(2):
        ReportFactory(office=world.office, category=Category.WORK, municipality=world.municipality)
    response = as_user(client, world.admin).get(url("report_statistics", world.office))
    table = response.context["statistics"].tables[0]
    work = table.row(Category.WORK).cells[-1]
    assert work.suppressed and not work.secondary
    # Total 9 − housing 7 would give work = 2 away: housing (the smallest visible cell) is hidden too.
    assert table.row(Category.HOUSING).cells[-1].secondary
    assert table.total.cells[-1] == 9
    assert ">7<" not in response.content.decode() and ">2<" not in response.content.decode()


def test_a_year_total_hidden_in_one_table_is_hidden_in_the_other(client, world):
    # By category 4 + 4: a visible total 8 would pin both hidden cells to 4, so it is hidden. By
    # municipality 5 + 3: the 5 is hidden to protect the 3 and the total 8 would be harmless there, but
    # it is the same 8: hidden in both tables.
    places = [world.municipality] * 5 + [world.other_municipality] * 3
    for number, municipality in enumerate(places):
        category = Category.HOUSING if number % 2 else Category.WORK
        ReportFactory(office=world.office, category=category, municipality=municipality)
    response = as_user(client, world.admin).get(url("report_statistics", world.office))
    by_category, by_municipality = response.context["statistics"].tables
    assert by_category.total.cells[-1].suppressed
    assert by_municipality.row(str(world.municipality.pk)).cells[-1].secondary
    assert by_municipality.total.cells[-1].secondary
    assert ">8<" not in response.content.decode()


def test_the_statistics_span_the_years_and_count_anonymised_reports(client, world):
    for _number in range(5):
        received_in(ReportFactory(office=world.office, category=Category.SCHOOL), YEAR - 2)
    from fachstelle.network.services.reports import report_anonymise

    for report in Report.objects.all():
        report_anonymise(report=report)
    response = as_user(client, world.admin).get(url("report_statistics", world.office))
    statistics = response.context["statistics"]
    assert statistics.years == [YEAR - 2, YEAR - 1, YEAR]
    school = statistics.tables[0].row(Category.SCHOOL)
    assert school.cells == [5, 0, 0]
    # Reports without municipality are counted as "not stated".
    assert statistics.tables[1].row("none").cells == [5, 0, 0]


def test_no_reports_no_tables(client, world):
    response = as_user(client, world.admin).get(url("report_statistics", world.office))
    assert "No reports have been received yet." in response.content.decode()
    assert client.get(url("report_statistics_csv", world.office)).status_code == 200


def test_the_statistics_count_only_the_office_and_pin_their_queries(client, world, django_assert_num_queries):
    for _number in range(6):
        ReportFactory(office=world.other_office, category=Category.HOUSING)
    for _number in range(5):
        ReportFactory(office=world.office, category=Category.WORK, municipality=world.other_municipality)
    as_user(client, world.admin)
    # session, user, OTP device, office, membership role; reports by category and year, by municipality
    # and year; the municipalities; the session saved (savepoint, update, release).
    with django_assert_num_queries(11):
        response = client.get(url("report_statistics", world.office))
    table = response.context["statistics"].tables[0]
    assert table.row(Category.HOUSING).cells == [0]
    assert table.row(Category.WORK).cells == [5]


def test_the_csv_is_suppressed_and_its_download_audited(client, world):
    for _number in range(3):
        ReportFactory(office=world.office, category=Category.HOUSING, municipality=world.municipality)
    for _number in range(6):
        ReportFactory(office=world.office, category=Category.WORK, municipality=world.other_municipality)
    response = as_user(client, world.admin).get(url("report_statistics_csv", world.office))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert f"Category;{YEAR}" in lines
    assert "Housing;<5" in lines
    assert "Zofingen;<5" in lines
    # Total 9 − 6 would give the hidden 3 away: the 6 is hidden as well (in both tables).
    assert "Oftringen;–" in lines and "Work and training;–" in lines
    assert "Total reports;9" in lines
    assert ";3" not in text and ";6" not in text
    assert AuditEvent.objects.filter(action="export", target_type="network.report_statistics").count() == 1


def test_the_report_page_pins_its_queries(client, world, report, django_assert_num_queries):
    report.assigned_to = world.counsellor
    report.save()
    as_user(client, world.admin)
    # session, user, OTP device, office, membership role; the report (assignee and municipality joined);
    # the audit entry (insert); the assignee choices of the triage form; the access log; the session
    # saved (savepoint, update, release).
    with django_assert_num_queries(12):
        response = client.get(url("report_detail", world.office, report_id=report.pk))
    assert response.status_code == 200
