"""Needs for action and workshop minutes: role × view matrix, office scoping, the grouped list with its
flags and suggestions, CRUD with bad input, minutes with attendees of the process only, CSV, query pins."""

import pytest
from django.urls import reverse

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import NeedForAction
from fachstelle.kompakt.tests.needs_world import make_entry, make_example, make_need, needs_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return needs_world(vocab)


def url(world, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def need_post(world, **overrides):
    data = {
        "promotion_area": str(world.kip["2.2"].pk),
        "title": "Familien mit Kleinkindern erreichen",
        "priority": "high",
        "rationale": "Viele Familien kennen die Spielgruppen nicht.",
        "target_groups": [str(world.targets["familien"].pk)],
        "workshop": str(world.workshop.pk),
    }
    data.update(overrides)
    return data


ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")


# --- Role × view matrix --------------------------------------------------------------------------------


def read_pages(world):
    return (
        url(world, "need_list", pk=world.process.pk),
        url(world, "need_export", pk=world.process.pk),
        url(world, "workshop_minutes", workshop_pk=world.workshop.pk),
    )


def write_pages(world, need):
    return (
        url(world, "need_create", pk=world.process.pk),
        url(world, "need_edit", pk=world.process.pk, need_pk=need.pk),
        url(world, "workshop_minutes_edit", workshop_pk=world.workshop.pk),
    )


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    for page in read_pages(world):
        assert client.get(page).status_code == (403 if role == "foreign_editor" else 200), page


@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(client, world, role):
    need = make_need(process=world.process, area=world.kip["2.1"])
    login_verified(client, getattr(world, role))
    expected = 200 if role in ("admin", "editor", "counsellor") else 403
    for page in write_pages(world, need):
        assert client.get(page).status_code == expected, page


@pytest.mark.parametrize("role", ("statistics", "foreign_editor"))
def test_posts_refused_for_readers_and_other_offices(client, world, role):
    need = make_need(process=world.process, area=world.kip["2.1"], title="Bleibt")
    login_verified(client, getattr(world, role))
    assert client.post(url(world, "need_create", pk=world.process.pk), need_post(world)).status_code == 403
    assert client.post(url(world, "need_delete", pk=world.process.pk, need_pk=need.pk)).status_code == 403
    minutes = url(world, "workshop_minutes_edit", workshop_pk=world.workshop.pk)
    assert client.post(minutes, {"minutes": "x"}).status_code == 403
    new = url(world, "workshop_need_create", workshop_pk=world.workshop.pk)
    assert client.post(new, need_post(world)).status_code == 403
    assert list(NeedForAction.objects.values_list("title", flat=True)) == ["Bleibt"]


def test_other_offices_process_workshop_and_need_are_404(client, world):
    foreign_need = make_need(process=world.foreign_process, area=world.kip["2.1"])
    login_verified(client, world.editor)
    assert client.get(url(world, "need_list", pk=world.foreign_process.pk)).status_code == 404
    assert client.get(url(world, "need_export", pk=world.foreign_process.pk)).status_code == 404
    assert (
        client.get(url(world, "workshop_minutes", workshop_pk=world.foreign_workshop.pk)).status_code == 404
    )
    # The foreign need through our own process: not found either.
    edit = url(world, "need_edit", pk=world.process.pk, need_pk=foreign_need.pk)
    assert client.get(edit).status_code == 404
    delete = url(world, "need_delete", pk=world.foreign_process.pk, need_pk=foreign_need.pk)
    assert client.post(delete).status_code == 404
    assert NeedForAction.objects.filter(pk=foreign_need.pk).exists()


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(url(world, "need_list", pk=world.process.pk)).status_code == 302


# --- The list ------------------------------------------------------------------------------------------


def test_list_groups_by_area_sorted_by_priority_with_flags(client, world, django_assert_num_queries):
    kip, t = world.kip, world.targets
    make_offer(
        office=world.office,
        title="Deutschkurs Oftringen",
        m2m={"municipalities": [world.oftringen], "promotion_areas": [kip["2.1"]]},
    )
    make_need(process=world.process, area=kip["2.1"], title="Niedrig", priority="low")
    make_need(process=world.process, area=kip["2.1"], title="Hoch", priority="high", workshop=world.workshop)
    make_need(
        process=world.process, area=kip["2.1"], title="Mittel", priority="medium", targets=[t["frauen"]]
    )
    make_need(process=world.process, area=kip["2.2"], title="Kleinkinder", priority="high")
    make_need(process=world.foreign_process, area=kip["2.2"], title="Fremder Bedarf")
    login_verified(client, world.editor)
    client.get(url(world, "need_list", pk=world.process.pk))
    # session, user, OTP device, office, membership, process; inventory (areas, offers, their areas);
    # needs, their target groups; suggestions (entries; no entry: nothing more); savepoint, session, release.
    with django_assert_num_queries(15):
        response = client.get(url(world, "need_list", pk=world.process.pk))
    html = response.content.decode()
    assert html.index("Hoch") < html.index("Mittel") < html.index("Niedrig")
    assert "Fremder Bedarf" not in html
    assert html.count('data-area="') == len(kip)
    assert html.count('data-state="no-need"') == len(kip) - 2
    # 2.1 has an offer in the inventory, every other area is flagged.
    assert html.count('data-no-offers="true"') == len(kip) - 1
    assert 'data-area="2.1" data-no-offers' not in html
    assert 'data-priority="high"' in html and "First workshop" in html
    assert "<dd>Women</dd>" in html  # target groups in the active language
    hoch = NeedForAction.objects.get(title="Hoch")
    assert 'href="' + url(world, "need_edit", pk=world.process.pk, need_pk=hoch.pk) + '"' in html


def test_list_shows_suggestions_with_programme_button_and_already_present(
    client, world, django_assert_num_queries
):
    kip, t = world.kip, world.targets
    elterncafe = make_entry(office=world.canton, area=kip["2.2"], title="Elterncafé", targets=[t["familien"]])
    make_entry(office=world.canton, area=kip["2.2"], title="Spielgruppe plus", keywords=["Spielgruppe"])
    make_offer(
        office=world.office, title="Spielgruppe Sonnenschein", m2m={"municipalities": [world.oftringen]}
    )
    need = make_need(process=world.process, area=kip["2.2"], targets=[t["familien"]])
    for number in range(3):
        make_need(process=world.process, area=kip["2.2"], title=f"Weiterer Bedarf {number}")
    make_example(entry=elterncafe, municipality=world.uster)
    login_verified(client, world.counsellor)
    client.get(url(world, "need_list", pk=world.process.pk))
    # as above plus the suggestions' entry target groups, examples, running offers, measures (+4),
    # constant however many needs.
    with django_assert_num_queries(19):
        response = client.get(url(world, "need_list", pk=world.process.pk))
    html = response.content.decode()
    action = reverse(
        "kompakt:measure_add_from_catalogue",
        kwargs={"office_slug": world.office.slug, "pk": world.process.pk, "entry_pk": elterncafe.pk},
    )
    assert f'action="{action}"' in html
    assert f'name="need" value="{need.pk}"' in html
    assert "Already in Oftringen: 1 catalogue entry" in html
    assert "Spielgruppe Sonnenschein" in html and "matches the keyword" in html
    assert "Same target groups: Families" in html


def test_statistics_role_sees_no_write_buttons(client, world):
    make_entry(office=world.canton, area=world.kip["2.2"], title="Elterncafé")
    make_need(process=world.process, area=world.kip["2.2"])
    login_verified(client, world.statistics)
    html = client.get(url(world, "need_list", pk=world.process.pk)).content.decode()
    assert "Add to programme" not in html and url(world, "need_create", pk=world.process.pk) not in html


def test_csv_export(client, world):
    make_need(process=world.process, area=world.kip["2.1"], title="=Formel", priority="low")
    make_need(
        process=world.process,
        area=world.kip["1.1"],
        title="Erstinformation",
        priority="high",
        workshop=world.workshop,
    )
    login_verified(client, world.statistics)
    response = client.get(url(world, "need_export", pk=world.process.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="handlungsbedarf-oftringen.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("KIP code;KIP promotion area;Need for action;Priority")
    assert lines[1].startswith("1.1;") and "Erstinformation;High" in lines[1] and "First workshop" in lines[1]
    assert "'=Formel" in lines[2]  # no formula for spreadsheets


# --- Create, edit, delete ----------------------------------------------------------------------------


def test_create_need(client, world):
    login_verified(client, world.editor)
    response = client.post(url(world, "need_create", pk=world.process.pk), need_post(world))
    assert response.status_code == 302
    need = NeedForAction.objects.get()
    assert (need.process, need.promotion_area, need.priority, need.workshop) == (
        world.process,
        world.kip["2.2"],
        "high",
        world.workshop,
    )
    assert list(need.target_groups.all()) == [world.targets["familien"]]
    assert AuditEvent.objects.filter(
        action="create", target_type="kompakt.needforaction", target_id=need.pk
    ).exists()


def test_create_form_preselects_the_area(client, world):
    login_verified(client, world.editor)
    html = client.get(url(world, "need_create", pk=world.process.pk) + "?area=3.1").content.decode()
    assert f'<option value="{world.kip["3.1"].pk}" selected>' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    (
        ({"title": ""}, "title", "This field is required."),
        ({"promotion_area": ""}, "promotion_area", "This field is required."),
        ({"promotion_area": "999999"}, "promotion_area", "Select a valid choice."),
        ({"priority": "urgent"}, "priority", "Select a valid choice."),
        ({"target_groups": ["999999"]}, "target_groups", "Select a valid choice."),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
    ),
)
def test_create_bad_input_keeps_the_input(client, world, overrides, field, message):
    login_verified(client, world.editor)
    data = need_post(world, rationale="Bleibt stehen", **overrides)
    response = client.post(url(world, "need_create", pk=world.process.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Bleibt stehen" in html
    assert not NeedForAction.objects.exists()


def test_workshop_of_another_process_is_refused(client, world):
    login_verified(client, world.editor)
    data = need_post(world, workshop=str(world.foreign_workshop.pk))
    response = client.post(url(world, "need_create", pk=world.process.pk), data)
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not NeedForAction.objects.exists()


def test_edit_need(client, world):
    need = make_need(
        process=world.process, area=world.kip["2.1"], title="Alt", targets=[world.targets["frauen"]]
    )
    login_verified(client, world.counsellor)
    page = url(world, "need_edit", pk=world.process.pk, need_pk=need.pk)
    assert 'value="Alt"' in client.get(page).content.decode()
    response = client.post(page, need_post(world, title="Neu", priority="low", target_groups=[], workshop=""))
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.title, need.priority, need.workshop, need.promotion_area) == (
        "Neu",
        "low",
        None,
        world.kip["2.2"],
    )
    assert not need.target_groups.exists()


def test_edit_bad_input(client, world):
    need = make_need(process=world.process, area=world.kip["2.1"], title="Alt")
    login_verified(client, world.editor)
    response = client.post(
        url(world, "need_edit", pk=world.process.pk, need_pk=need.pk), need_post(world, title=" ")
    )
    assert response.status_code == 400
    need.refresh_from_db()
    assert need.title == "Alt"


def test_delete_need(client, world):
    need = make_need(process=world.process, area=world.kip["2.1"], title="Weg damit")
    login_verified(client, world.admin)
    assert client.get(url(world, "need_delete", pk=world.process.pk, need_pk=need.pk)).status_code == 405
    response = client.post(url(world, "need_delete", pk=world.process.pk, need_pk=need.pk), follow=True)
    assert "has been deleted" in response.content.decode()
    assert not NeedForAction.objects.exists()
    assert AuditEvent.objects.filter(action="delete", target_id=need.pk).exists()


# --- Minutes -------------------------------------------------------------------------------------------


def test_minutes_save_and_render(client, world, django_assert_num_queries):
    login_verified(client, world.editor)
    page = url(world, "workshop_minutes_edit", workshop_pk=world.workshop.pk)
    html = client.get(page).content.decode()
    assert "Ruth Gerber" in html and "Marco Frei" in html and "Fremde Person" not in html
    response = client.post(
        page,
        {
            "minutes": "## Ergebnisse\n\n- **Eltern** erreichen\n\n<script>alert(1)</script>",
            "areas": [str(world.kip["2.2"].pk), str(world.kip["1.1"].pk)],
            "attendees": [str(world.chair.pk)],
        },
    )
    assert response.status_code == 302
    world.workshop.refresh_from_db()
    assert set(world.workshop.areas_discussed.all()) == {world.kip["2.2"], world.kip["1.1"]}
    assert list(world.workshop.attendees.all()) == [world.chair]
    assert AuditEvent.objects.filter(target_type="kompakt.workshop", target_id=world.workshop.pk).exists()

    make_need(process=world.process, area=world.kip["2.2"], title="Aus dem Workshop", workshop=world.workshop)
    minutes = url(world, "workshop_minutes", workshop_pk=world.workshop.pk)
    client.get(minutes)
    # session, user, OTP device, office, membership, workshop with process, areas discussed, attendees,
    # its needs, their target groups; the need form's areas and target groups; savepoint, session, release.
    with django_assert_num_queries(15):
        html = client.get(minutes).content.decode()
    assert "<h2>Ergebnisse</h2>" in html and "<strong>Eltern</strong>" in html
    assert "<script>alert" not in html
    assert "Ruth Gerber" in html and "Marco Frei" not in html
    assert "Aus dem Workshop" in html
    assert "?print=1" in html
    assert "window.print" in client.get(minutes + "?print=1").content.decode()


def test_minutes_refuse_members_of_another_process(client, world):
    login_verified(client, world.editor)
    page = url(world, "workshop_minutes_edit", workshop_pk=world.workshop.pk)
    response = client.post(page, {"minutes": "Text bleibt", "attendees": [str(world.stranger.pk)]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice." in html and "Text bleibt" in html
    world.workshop.refresh_from_db()
    assert world.workshop.minutes == "" and not world.workshop.attendees.exists()


def test_minutes_too_long(client, world):
    login_verified(client, world.editor)
    page = url(world, "workshop_minutes_edit", workshop_pk=world.workshop.pk)
    response = client.post(page, {"minutes": "x" * 50_001})
    assert response.status_code == 400
    assert "at most 50000 characters" in response.content.decode()
    world.workshop.refresh_from_db()
    assert world.workshop.minutes == ""


def test_inline_add_need_from_the_minutes(client, world):
    login_verified(client, world.counsellor)
    page = url(world, "workshop_need_create", workshop_pk=world.workshop.pk)
    data = need_post(world)
    data.pop("workshop")
    response = client.post(page, data)
    assert response.status_code == 302 and response["Location"].endswith("#needs")
    need = NeedForAction.objects.get()
    assert need.workshop == world.workshop and need.process == world.process


def test_inline_add_need_bad_input_shows_the_minutes_with_errors(client, world):
    login_verified(client, world.counsellor)
    page = url(world, "workshop_need_create", workshop_pk=world.workshop.pk)
    response = client.post(page, need_post(world, title="", rationale="Bleibt"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and "Bleibt" in html and "Minutes of the First workshop" in html
    assert not NeedForAction.objects.exists()
    assert client.get(page).status_code == 405
