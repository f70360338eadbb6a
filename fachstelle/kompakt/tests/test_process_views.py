"""Staff pages of the KOMPAKT process: role × view matrix, office scoping, bad input on every form, query
pins on the list, overview and working group, CSV export, school holidays for the office's canton."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import BlockedDate, Process, SchoolHoliday, WorkingGroupMember, Workshop
from fachstelle.kompakt.services.processes import blocked_date_add, member_add, member_add_from_network
from fachstelle.kompakt.tests.process_world import process_world

pytestmark = pytest.mark.django_db
ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")
WRITERS = ("admin", "editor", "counsellor")


@pytest.fixture
def world(english):
    return process_world()


def url(world, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def process_post(world, **overrides):
    data = {
        "status": "active",
        "lead": str(world.editor.pk),
        "municipal_contact_name": "Sandra Wyss",
        "municipal_contact_email": "sandra@example.ch",
        "municipal_contact_phone": "",
        "start_session_hours": "1.5",
        "session_hours": "4",
        "weeks_between_sessions": "2",
        "programme_weeks_after_workshops": "6",
        "programme_due_on": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def phases_post(**overrides):
    data = {}
    for kind in ("planning", "preparation", "workshops", "programme", "implementation", "quality"):
        data.update(
            {f"{kind}-starts_on": "", f"{kind}-ends_on": "", f"{kind}-status": "open", f"{kind}-notes": ""}
        )
    data.update(overrides)
    return data


# --- Role × view matrix --------------------------------------------------------------------------------


def read_pages(world):
    pk = world.process.pk
    return [
        url(world, "process_list"),
        url(world, "process_detail", pk=pk),
        url(world, "member_list", pk=pk),
        url(world, "member_export", pk=pk),
        url(world, "blocked_dates", pk=pk),
        url(world, "school_holiday_list"),
    ]


def write_pages(world):
    pk = world.process.pk
    return [
        url(world, "process_create"),
        url(world, "process_edit", pk=pk),
        url(world, "phase_edit", pk=pk),
        url(world, "member_add", pk=pk),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    for page in read_pages(world):
        assert client.get(page).status_code == (403 if role == "foreign_editor" else 200), page


@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    for page in write_pages(world):
        assert client.get(page).status_code == (200 if role in WRITERS else 403), page


def test_statistics_role_cannot_write_and_sees_no_buttons(client, world):
    member = member_add(process=world.process, by=None, name="Eine Person")
    blocked = blocked_date_add(process=world.process, starts_on=datetime.date(2027, 3, 1), by=None)
    login_verified(client, world.statistics)
    pk = world.process.pk
    posts = [
        (url(world, "process_create"), {"municipality": str(world.zofingen.pk)}),
        (url(world, "process_edit", pk=pk), process_post(world, status="cancelled")),
        (url(world, "phase_edit", pk=pk), phases_post()),
        (url(world, "member_add", pk=pk), {"source": "manual", "manual-name": "X", "manual-role": "member"}),
        (url(world, "member_edit", pk=pk, member_pk=member.pk), {"name": "Y", "role": "member"}),
        (url(world, "member_remove", pk=pk, member_pk=member.pk), {}),
        (url(world, "blocked_dates", pk=pk), {"starts_on": "2027-05-01"}),
        (url(world, "blocked_date_remove", pk=pk, blocked_pk=blocked.pk), {}),
    ]
    for page, data in posts:
        assert client.post(page, data).status_code == 403, page
    assert Process.objects.filter(office=world.office).count() == 1
    assert Process.objects.get(pk=pk).status == "planned"
    assert WorkingGroupMember.objects.get().name == "Eine Person"
    assert BlockedDate.objects.count() == 1
    html = client.get(url(world, "process_detail", pk=pk)).content.decode()
    assert url(world, "process_edit", pk=pk) not in html and url(world, "phase_edit", pk=pk) not in html


def test_other_offices_process_and_objects_are_404(client, world):
    foreign_member = member_add(process=world.foreign_process, by=None, name="Fremd")
    foreign_blocked = blocked_date_add(
        process=world.foreign_process, starts_on=datetime.date(2027, 1, 4), by=None
    )
    own_member = member_add(process=world.process, by=None, name="Eigen")
    login_verified(client, world.admin)
    fpk = world.foreign_process.pk
    for name in (
        "process_detail",
        "process_edit",
        "phase_edit",
        "member_list",
        "member_add",
        "member_export",
        "blocked_dates",
    ):
        assert client.get(url(world, name, pk=fpk)).status_code == 404, name
    pk = world.process.pk
    # Another office's member or blocked date under our own process: 404 too, nothing removed.
    assert client.post(url(world, "member_remove", pk=pk, member_pk=foreign_member.pk)).status_code == 404
    assert client.post(url(world, "member_remove", pk=fpk, member_pk=foreign_member.pk)).status_code == 404
    assert client.get(url(world, "member_edit", pk=fpk, member_pk=own_member.pk)).status_code == 404
    assert (
        client.post(url(world, "blocked_date_remove", pk=pk, blocked_pk=foreign_blocked.pk)).status_code
        == 404
    )
    assert WorkingGroupMember.objects.count() == 2 and BlockedDate.objects.count() == 1


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(url(world, "process_list")).status_code == 302


# --- List and create -----------------------------------------------------------------------------------


def test_list_shows_processes_with_next_workshop_and_filter(client, world, django_assert_num_queries):
    Workshop.objects.create(
        process=world.process,
        kind="start",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        duration_minutes=90,
    )
    member_add(process=world.process, by=None, name="Eine Person")
    zofingen = Process.objects.create(office=world.office, municipality=world.zofingen, status="completed")
    login_verified(client, world.editor)
    client.get(url(world, "process_list"))
    # session, user, OTP device, office, membership, processes (with next workshop and member count),
    # their phases; savepoint, session renewal, release.
    with django_assert_num_queries(10):
        response = client.get(url(world, "process_list"))
    html = response.content.decode()
    assert "Oftringen" in html and "Zofingen" in html and "Allschwil" not in html
    row = html.split(f'data-process="{world.process.pk}"')[1].split("</tr>")[0]
    assert "Planning meeting" in row and "Counsellor Muster" in row
    assert (timezone.localdate() + datetime.timedelta(days=30)).strftime("%m/%d/%Y") in row
    filtered = client.get(url(world, "process_list") + "?status=completed").content.decode()
    assert (
        f'data-process="{zofingen.pk}"' in filtered and f'data-process="{world.process.pk}"' not in filtered
    )
    assert client.get(url(world, "process_list") + "?status=bogus").status_code == 200


def test_create_offers_only_municipalities_without_open_process(client, world):
    login_verified(client, world.editor)
    html = client.get(url(world, "process_create")).content.decode()
    assert f'value="{world.zofingen.pk}">Zofingen<' in html and ">Oftringen<" not in html
    response = client.post(
        url(world, "process_create"),
        {
            "municipality": str(world.zofingen.pk),
            "lead": str(world.counsellor.pk),
            "contact_name": "Herr Meier",
        },
    )
    process = Process.objects.get(municipality=world.zofingen)
    assert response.status_code == 302 and response["Location"] == url(world, "process_detail", pk=process.pk)
    assert process.phases.count() == 6 and process.lead == world.counsellor


def test_create_bad_input_keeps_what_was_typed(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "process_create"),
        {
            "municipality": str(world.oftringen.pk),  # has an open process: not offered
            "lead": str(world.foreign_editor.pk),
            "contact_name": "Frau Keller",
            "contact_email": "no-email",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html and "Enter a valid email address" in html
    assert 'value="Frau Keller"' in html
    assert Process.objects.filter(office=world.office).count() == 1


def test_create_when_open_process_appears_meanwhile_shows_message(client, world):
    login_verified(client, world.editor)
    client.get(url(world, "process_create"))
    # The form offers Zofingen; a colleague starts it before we submit: service message, not a 500.
    Process.objects.create(office=world.office, municipality=world.zofingen)
    response = client.post(url(world, "process_create"), {"municipality": str(world.zofingen.pk)})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()  # no longer offered


# --- Overview, edit, phases ----------------------------------------------------------------------------


def test_detail_shows_facts_phases_and_workshops(client, world, django_assert_num_queries):
    Workshop.objects.create(
        process=world.process,
        kind="first",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        duration_minutes=240,
    )
    blocked_date_add(process=world.process, starts_on=datetime.date(2027, 3, 11), reason="Klausur", by=None)
    member_add_from_network(process=world.process, by=None, contact=world.teacher)
    login_verified(client, world.editor)
    client.get(url(world, "process_detail", pk=world.process.pk))
    # session, user, OTP device, office, membership, process (with municipality, lead), phases, workshops,
    # member count, blocked dates; savepoint, session renewal, release.
    with django_assert_num_queries(13):
        response = client.get(url(world, "process_detail", pk=world.process.pk))
    html = response.content.decode()
    assert (
        reverse("kompakt:portrait_detail", kwargs={"office_slug": world.office.slug, "bfs_number": 4280})
        in html
    )
    assert html.count("data-phase=") == 6 and "Quality assurance" in html
    assert "First workshop" in html and "Klausur" in html
    assert 'data-member-count="1"' in html and "small group" in html
    assert 'aria-current="page"' in html  # the overview tab


def test_edit_process_and_status_messages(client, world):
    login_verified(client, world.editor)
    page = url(world, "process_edit", pk=world.process.pk)
    response = client.post(page, process_post(world, status="cancelled", session_hours="3.5"))
    assert response.status_code == 302
    process = Process.objects.get(pk=world.process.pk)
    assert (
        process.status == "cancelled"
        and str(process.session_hours) == "3.50"
        and process.lead == world.editor
    )
    Process.objects.create(office=world.office, municipality=world.oftringen, status="active")
    response = client.post(page, process_post(world, status="active", notes="wieder offen"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another KOMPAKT process of this municipality is open" in html and "wieder offen" in html
    assert Process.objects.get(pk=world.process.pk).status == "cancelled"


def test_edit_process_bad_input(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "process_edit", pk=world.process.pk),
        process_post(
            world,
            status="nonsense",
            session_hours="0",
            weeks_between_sessions="abc",
            municipal_contact_email="x",
            lead=str(world.foreign_editor.pk),
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="error"') >= 5
    assert Process.objects.get(pk=world.process.pk).status == "planned"


def test_phases_form_saves_all_phases(client, world):
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "phase_edit", pk=world.process.pk),
        phases_post(
            **{
                "planning-starts_on": "2026-10-20",
                "planning-ends_on": "2026-10-20",
                "planning-status": "done",
                "preparation-starts_on": "2026-11-02",
                "preparation-status": "in_progress",
                "preparation-notes": "Portrait schreiben",
            }
        ),
    )
    assert response.status_code == 302
    preparation = world.process.phases.get(kind="preparation")
    assert preparation.status == "in_progress" and preparation.notes == "Portrait schreiben"
    assert AuditEvent.objects.filter(target_id=world.process.pk, detail="phases changed").exists()


def test_phases_form_bad_input(client, world):
    login_verified(client, world.counsellor)
    page = url(world, "phase_edit", pk=world.process.pk)
    response = client.post(
        page,
        phases_post(
            **{
                "planning-starts_on": "2026-10-20",
                "planning-ends_on": "2026-10-01",
                "preparation-starts_on": "2026-09-01",
                "workshops-starts_on": "kein Datum",
                "programme-status": "bogus",
            }
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date" in html and "Select a valid choice" in html
    assert 'value="kein Datum"' in html
    # Field errors first; once the fields are valid the order rules show.
    response = client.post(
        page,
        phases_post(
            **{
                "planning-starts_on": "2026-10-20",
                "planning-ends_on": "2026-10-01",
                "preparation-starts_on": "2026-09-01",
            }
        ),
    )
    html = response.content.decode()
    assert "The phase cannot end before it starts." in html
    assert "cannot start before the previous phase (Planning meeting, 20.10.2026)" in html
    assert not world.process.phases.filter(starts_on__isnull=False).exists()


# --- Working group -------------------------------------------------------------------------------------


def test_member_list_with_hint_and_query_pin(client, world, django_assert_num_queries):
    member_add_from_network(process=world.process, by=None, contact=world.teacher)
    member_add_from_network(process=world.process, by=None, key_person=world.key_person)
    member_add(process=world.process, by=None, name="Barbara Lüscher", department="Gemeinderat", role="chair")
    login_verified(client, world.editor)
    client.get(url(world, "member_list", pk=world.process.pk))
    # session, user, OTP device, office, membership, process, members; savepoint, session renewal, release.
    with django_assert_num_queries(10):
        response = client.get(url(world, "member_list", pk=world.process.pk))
    html = response.content.decode()
    assert 'data-hint="small"' in html and "The working group has 3 members" in html
    assert html.index("Barbara Lüscher") < html.index("Daniela Bühler")  # chair first
    assert "Key person" in html and "Schule Oftringen" in html


def test_member_list_hint_for_large_group(client, world):
    for n in range(16):
        member_add(process=world.process, by=None, name=f"Person {n}")
    login_verified(client, world.statistics)
    html = client.get(url(world, "member_list", pk=world.process.pk)).content.decode()
    assert 'data-hint="large"' in html
    assert url(world, "member_add", pk=world.process.pk) not in html  # read only


def test_add_from_network_with_search(client, world):
    login_verified(client, world.editor)
    page = url(world, "member_add", pk=world.process.pk)
    html = client.get(page + "?q=sozial").content.decode()
    assert "Thomas Gerber" in html and "Daniela Bühler" not in html and "Fremde Person" not in html
    html = client.get(page).content.decode()
    assert "Blerta Krasniqi" in html and "Fremde Schlüsselperson" not in html
    response = client.post(
        page,
        {
            "source": "network",
            "person": f"contact:{world.social_worker.pk}",
            "role": "member",
            "department": "",
        },
    )
    assert response.status_code == 302
    member = WorkingGroupMember.objects.get()
    assert member.contact == world.social_worker and member.department == "Leitung Sozialdienst"
    # The same contact again: a clear message, no second row.
    response = client.post(
        page, {"source": "network", "person": f"contact:{world.social_worker.pk}", "role": "member"}
    )
    assert response.status_code == 200
    assert "This contact person is already a member of the working group." in response.content.decode()
    assert WorkingGroupMember.objects.count() == 1


def test_add_from_network_bad_input(client, world):
    login_verified(client, world.editor)
    page = url(world, "member_add", pk=world.process.pk)
    for person in (
        "",
        f"contact:{world.foreign_contact.pk}",
        f"key:{world.foreign_key_person.pk}",
        "contact:abc",
    ):
        response = client.post(page, {"source": "network", "person": person, "role": "member"})
        assert response.status_code == 200
        assert 'class="error"' in response.content.decode()
    response = client.post(
        page, {"source": "network", "person": f"key:{world.key_person.pk}", "role": "boss"}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not WorkingGroupMember.objects.exists()


def test_add_by_hand_and_bad_input(client, world):
    login_verified(client, world.counsellor)
    page = url(world, "member_add", pk=world.process.pk)
    response = client.post(
        page,
        {
            "source": "manual",
            "manual-name": "",
            "manual-role": "member",
            "manual-email": "kaputt",
            "manual-department": "Gemeinderat",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "This field is required" in html
        and "Enter a valid email address" in html
        and 'value="Gemeinderat"' in html
    )
    response = client.post(
        page,
        {
            "source": "manual",
            "manual-name": "Barbara Lüscher",
            "manual-role": "chair",
            "manual-email": "b@example.ch",
        },
    )
    assert response.status_code == 302
    response = client.post(
        page,
        {
            "source": "manual",
            "manual-name": "Doppelt",
            "manual-role": "member",
            "manual-email": "B@example.ch",
        },
    )
    assert "already in the working group" in response.content.decode()
    assert WorkingGroupMember.objects.count() == 1


def test_edit_and_remove_member(client, world):
    member = member_add(process=world.process, by=None, name="Marco Hunziker")
    login_verified(client, world.editor)
    page = url(world, "member_edit", pk=world.process.pk, member_pk=member.pk)
    response = client.post(page, {"name": "", "role": "member"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(
        page, {"name": "Marco Hunziker", "role": "administration", "department": "Einwohnerkontrolle"}
    )
    assert response.status_code == 302
    assert WorkingGroupMember.objects.get().department == "Einwohnerkontrolle"
    remove = url(world, "member_remove", pk=world.process.pk, member_pk=member.pk)
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not WorkingGroupMember.objects.exists()
    assert AuditEvent.objects.filter(target_type="kompakt.workinggroupmember", action="delete").exists()


def test_member_export_csv(client, world):
    member_add_from_network(process=world.process, by=None, contact=world.teacher)
    member_add(process=world.process, by=None, name="=Formel", email="x@example.ch")
    login_verified(client, world.statistics)
    response = client.get(url(world, "member_export", pk=world.process.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="arbeitsgruppe-oftringen-' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Name;Organisation;Department;Role")
    assert any(line.startswith("Daniela Bühler;Schule Oftringen;Schulleitung;Member") for line in lines)
    assert "'=Formel" in text  # formula neutralised
    assert AuditEvent.objects.filter(action="export", target_id=world.process.pk).exists()


# --- Blocked dates -------------------------------------------------------------------------------------


def test_blocked_dates_add_remove_and_bad_input(client, world):
    login_verified(client, world.editor)
    page = url(world, "blocked_dates", pk=world.process.pk)
    response = client.post(
        page, {"starts_on": "2027-04-25", "ends_on": "2027-04-22", "reason": "Gewerbeausstellung"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date cannot be before the start date." in html and 'value="Gewerbeausstellung"' in html
    response = client.post(page, {"starts_on": "", "reason": "x"})
    assert "This field is required" in response.content.decode()
    assert not BlockedDate.objects.exists()
    response = client.post(
        page, {"starts_on": "2027-04-22", "ends_on": "2027-04-25", "reason": "Gewerbeausstellung"}
    )
    assert response.status_code == 302
    blocked = BlockedDate.objects.get()
    html = client.get(page).content.decode()
    assert "Gewerbeausstellung" in html
    response = client.post(url(world, "blocked_date_remove", pk=world.process.pk, blocked_pk=blocked.pk))
    assert response.status_code == 302 and not BlockedDate.objects.exists()


# --- School holidays -----------------------------------------------------------------------------------


def holiday(canton="AG", name="Herbstferien", start="2026-09-28", end="2026-10-09"):
    return SchoolHoliday.objects.create(
        canton=canton,
        name=name,
        starts_on=datetime.date.fromisoformat(start),
        ends_on=datetime.date.fromisoformat(end),
    )


def test_holiday_list_shows_the_offices_canton(client, world, django_assert_num_queries):
    holiday()
    holiday(canton="ZH", name="Zürcher Ferien", start="2026-10-05", end="2026-10-16")
    login_verified(client, world.editor)
    client.get(url(world, "school_holiday_list"))
    # session, user, OTP device, office, membership, holidays; savepoint, session renewal, release.
    with django_assert_num_queries(9):
        response = client.get(url(world, "school_holiday_list"))
    html = response.content.decode()
    assert "School holidays AG" in html and "Herbstferien 2026" in html and "Zürcher Ferien" not in html
    assert url(world, "school_holiday_create") not in html  # only the admin edits


@pytest.mark.parametrize("role", ROLES)
def test_holiday_write_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, "school_holiday_create"))
    assert response.status_code == (200 if role == "admin" else 403)


def test_admin_adds_edits_and_deletes_holidays(client, world):
    login_verified(client, world.admin)
    page = url(world, "school_holiday_create")
    response = client.post(page, {"name": "Herbstferien", "starts_on": "2026-10-09", "ends_on": "2026-09-28"})
    assert (
        response.status_code == 200
        and "The end date cannot be before the start date." in response.content.decode()
    )
    response = client.post(page, {"name": "", "starts_on": "gestern", "ends_on": ""})
    assert response.content.decode().count('class="error"') == 3
    response = client.post(page, {"name": "Herbstferien", "starts_on": "2026-09-28", "ends_on": "2026-10-09"})
    assert response.status_code == 302
    created = SchoolHoliday.objects.get(canton="AG")
    response = client.post(page, {"name": "Doppelt", "starts_on": "2026-09-28", "ends_on": "2026-10-02"})
    assert "Other holidays of this canton already start on this day." in response.content.decode()
    edit = url(world, "school_holiday_edit", holiday_pk=created.pk)
    assert (
        client.post(
            edit, {"name": "Herbstferien", "starts_on": "2026-09-28", "ends_on": "2026-10-16"}
        ).status_code
        == 302
    )
    assert SchoolHoliday.objects.get(pk=created.pk).ends_on == datetime.date(2026, 10, 16)
    assert client.post(url(world, "school_holiday_delete", holiday_pk=created.pk)).status_code == 302
    assert not SchoolHoliday.objects.exists()
    assert AuditEvent.objects.filter(target_type="kompakt.schoolholiday").count() == 3


def test_admin_cannot_touch_another_cantons_holidays(client, world):
    zurich = holiday(canton="ZH")
    login_verified(client, world.admin)
    assert client.get(url(world, "school_holiday_edit", holiday_pk=zurich.pk)).status_code == 404
    assert client.post(url(world, "school_holiday_delete", holiday_pk=zurich.pk)).status_code == 404
    assert SchoolHoliday.objects.filter(pk=zurich.pk).exists()


def test_office_without_canton(client, world):
    world.office.canton = ""
    world.office.save()
    login_verified(client, world.admin)
    html = client.get(url(world, "school_holiday_list")).content.decode()
    assert 'data-state="no-canton"' in html
    assert client.get(url(world, "school_holiday_create")).status_code == 403
