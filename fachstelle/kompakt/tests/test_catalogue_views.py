"""The catalogue of proven offers: visible to every office's KOMPAKT roles, maintained only by ADMIN/EDITOR
of a canton-level office for its own entries; filters, validation, examples, publishing, query pins."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import CatalogueEntry, CatalogueExample
from fachstelle.kompakt.tests.needs_world import make_entry, make_example, needs_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    world = needs_world(vocab)
    kip, t = world.kip, world.targets
    world.elterncafe = make_entry(
        office=world.canton,
        area=kip["2.2"],
        title="Elterncafé",
        summary="Treffpunkt für Eltern mit kleinen Kindern.",
        targets=[t["familien"]],
        keywords=["Elterncafé", "Elterntreff"],
        effort=CatalogueEntry.Effort.LOW,
        cost_min=Decimal("3000"),
        cost_max=Decimal("8000"),
        prerequisites="Ein Raum mit Spielecke.",
    )
    world.mentoring = make_entry(
        office=world.canton,
        area=kip["2.3"],
        title="Mentoring für Berufseinstieg",
        summary="Freiwillige begleiten junge Erwachsene.",
        targets=[t["jugendliche"]],
        effort=CatalogueEntry.Effort.HIGH,
        cost_min=Decimal("15000"),
        cost_max=Decimal("40000"),
    )
    world.draft = make_entry(
        office=world.canton, area=kip["2.2"], title="Entwurf Spielgruppe", published=False
    )
    world.bern_entry = make_entry(
        office=world.other_canton,
        area=kip["3.2"],
        title="Nachbarschaftsfest",
        summary="Ein Fest im Quartier.",
    )
    return world


def url(office, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": office.slug, **kwargs})


def entry_post(world, **overrides):
    data = {
        "title": "Sprachcafé",
        "summary": "Deutsch sprechen bei Kaffee und Kuchen.",
        "description": "## Ablauf\n\nFreiwillige moderieren.",
        "promotion_area": str(world.kip["2.1"].pk),
        "target_groups": [str(world.targets["frauen"].pk), str(world.targets["neuzugezogene"].pk)],
        "fields_of_action": [],
        "effort": "low",
        "effort_note": "2 Stunden pro Woche",
        "cost_min": "1000",
        "cost_max": "4000",
        "cost_note": "",
        "prerequisites": "Freiwillige",
        "keywords": "Sprachcafé, Konversation,  sprachcafé , Deutsch-Treff",
        "is_published": "on",
    }
    data.update(overrides)
    return data


# --- Who sees, who maintains ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user",
    (
        "admin",
        "statistics",
        "foreign_editor",
        "canton_counsellor",
        "canton_statistics",
        "other_canton_editor",
    ),
)
def test_every_kompakt_role_of_every_office_reads(client, world, user):
    user = getattr(world, user)
    office = user.memberships.get().office
    login_verified(client, user)
    html = client.get(url(office, "catalogue_list")).content.decode()
    assert "Elterncafé" in html and "Nachbarschaftsfest" in html
    assert client.get(url(office, "catalogue_detail", entry_pk=world.elterncafe.pk)).status_code == 200


def test_unpublished_entry_only_for_its_office(client, world):
    login_verified(client, world.editor)
    assert "Entwurf Spielgruppe" not in client.get(url(world.office, "catalogue_list")).content.decode()
    assert client.get(url(world.office, "catalogue_detail", entry_pk=world.draft.pk)).status_code == 404
    login_verified(client, world.canton_statistics)
    assert "Entwurf Spielgruppe" in client.get(url(world.canton, "catalogue_list")).content.decode()
    assert client.get(url(world.canton, "catalogue_detail", entry_pk=world.draft.pk)).status_code == 200


@pytest.mark.parametrize(
    ("user", "expected"),
    (
        ("canton_admin", 200),
        ("canton_editor", 200),
        ("canton_counsellor", 403),
        ("canton_statistics", 403),
        ("admin", 403),  # a regional office's administrator
        ("editor", 403),
    ),
)
def test_maintenance_matrix(client, world, user, expected):
    user = getattr(world, user)
    office = user.memberships.get().office
    login_verified(client, user)
    assert client.get(url(office, "catalogue_create")).status_code == expected
    assert client.get(url(office, "catalogue_edit", entry_pk=world.elterncafe.pk)).status_code == expected
    detail = client.get(url(office, "catalogue_detail", entry_pk=world.elterncafe.pk)).content.decode()
    assert ("Add an example" in detail) == (expected == 200)
    publish = client.post(url(office, "catalogue_publish", entry_pk=world.elterncafe.pk), {"publish": "0"})
    assert publish.status_code == (302 if expected == 200 else 403)


def test_posts_refused_for_non_maintainers(client, world):
    login_verified(client, world.editor)
    assert client.post(url(world.office, "catalogue_create"), entry_post(world)).status_code == 403
    add = url(world.office, "catalogue_example_add", entry_pk=world.elterncafe.pk)
    assert client.post(add, {"municipality": str(world.uster.pk)}).status_code == 403
    assert not CatalogueEntry.objects.filter(title="Sprachcafé").exists()
    assert not CatalogueExample.objects.exists()


def test_a_cantonal_office_maintains_only_its_own_entries(client, world):
    example = make_example(entry=world.elterncafe, municipality=world.uster)
    login_verified(client, world.other_canton_editor)
    office = world.other_canton
    assert client.get(url(office, "catalogue_edit", entry_pk=world.elterncafe.pk)).status_code == 403
    assert client.post(url(office, "catalogue_publish", entry_pk=world.elterncafe.pk)).status_code == 403
    remove = url(office, "catalogue_example_remove", entry_pk=world.elterncafe.pk, example_pk=example.pk)
    assert client.post(remove).status_code == 403
    assert CatalogueExample.objects.filter(pk=example.pk).exists()
    # Its own entry it edits.
    assert client.get(url(office, "catalogue_edit", entry_pk=world.bern_entry.pk)).status_code == 200


def test_unknown_entry_is_404(client, world):
    login_verified(client, world.canton_editor)
    assert client.get(url(world.canton, "catalogue_detail", entry_pk=999999)).status_code == 404


# --- The list and its filters -------------------------------------------------------------------------


def test_list_shows_facts_and_examples(client, world, django_assert_num_queries):
    running = make_offer(
        office=world.office, title="Elterncafé Zofingen", m2m={"municipalities": [world.zofingen]}
    )
    ended = make_offer(
        office=world.office,
        title="Elterntreff (beendet)",
        end_date=timezone.localdate() - timedelta(days=3),
        m2m={"municipalities": [world.oftringen]},
    )
    make_example(entry=world.elterncafe, municipality=world.zofingen, offer=running, description="seit 2021")
    make_example(entry=world.elterncafe, municipality=world.oftringen, offer=ended)
    make_example(entry=world.mentoring, municipality=world.uster)
    login_verified(client, world.editor)
    client.get(url(world.office, "catalogue_list"))
    # session, user, OTP device, office, membership, areas, target groups, entries, their target groups,
    # their examples; savepoint, session renewal, release.
    with django_assert_num_queries(13):
        response = client.get(url(world.office, "catalogue_list"))
    html = response.content.decode()
    assert "CHF 3,000–8,000 per year" in html
    assert ("Ein Raum mit Spielecke." in html and "Kanton Zuerich" in html) or world.canton.name in html
    assert f'href="{running.get_absolute_url()}"' in html and "seit 2021" in html
    assert f'href="{ended.get_absolute_url()}"' not in html and "not running" in html
    assert "3 entries" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    (
        ("q=eltern", {"Elterncafé"}),
        ("q=Freiwillige+begleiten", {"Mentoring für Berufseinstieg"}),
        ("q=Elterntreff", {"Elterncafé"}),  # a keyword
        ("area={kip23}", {"Mentoring für Berufseinstieg"}),
        ("target={jugendliche}", {"Mentoring für Berufseinstieg"}),
        ("effort=low", {"Elterncafé"}),
        ("max_cost=10000", {"Elterncafé"}),
        ("max_cost=15000", {"Elterncafé", "Mentoring für Berufseinstieg"}),
        ("q=nichts", set()),
    ),
)
def test_filters(client, world, query, expected):
    query = query.format(kip23=world.kip["2.3"].pk, jugendliche=world.targets["jugendliche"].pk)
    login_verified(client, world.editor)
    response = client.get(url(world.office, "catalogue_list") + "?" + query)
    html = response.content.decode()
    shown = {
        title
        for title in ("Elterncafé", "Mentoring für Berufseinstieg", "Nachbarschaftsfest")
        if title in html
    }
    assert shown == expected
    if not expected:
        assert "No entry matches the filter." in html


def test_bad_filter_input_is_explained(client, world):
    login_verified(client, world.editor)
    response = client.get(url(world.office, "catalogue_list") + "?max_cost=viel&q=eltern")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a number." in html and 'value="eltern"' in html
    response = client.get(url(world.office, "catalogue_list") + "?max_cost=-5")
    assert "greater than or equal to 0" in response.content.decode()


# --- Create and edit -----------------------------------------------------------------------------------


def test_create_entry(client, world):
    login_verified(client, world.canton_editor)
    response = client.post(url(world.canton, "catalogue_create"), entry_post(world))
    assert response.status_code == 302
    entry = CatalogueEntry.objects.get(title="Sprachcafé")
    assert entry.office == world.canton and entry.is_published
    assert entry.keywords == ["Sprachcafé", "Konversation", "Deutsch-Treff"]
    assert entry.cost_min == Decimal("1000") and entry.cost_max == Decimal("4000")
    assert set(entry.target_groups.values_list("slug", flat=True)) == {"frauen", "neuzugezogene"}
    assert AuditEvent.objects.filter(
        action="create", target_type="kompakt.catalogueentry", target_id=entry.pk
    )
    html = client.get(response["Location"]).content.decode()
    assert "<h2>Ablauf</h2>" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    (
        ({"cost_min": "5000", "cost_max": "1000"}, "The upper cost must not be lower than the lower cost."),
        ({"cost_min": "-1"}, "greater than or equal to 0"),
        ({"cost_max": "zehn"}, "Enter a number."),
        ({"title": ""}, "This field is required."),
        ({"promotion_area": "999999"}, "Select a valid choice."),
        ({"effort": "extreme"}, "Select a valid choice."),
        ({"keywords": "kurz, " + "x" * 61}, "is too long (at most 60 characters)"),
        ({"keywords": ", ".join(f"wort{n}" for n in range(31))}, "At most 30 keywords"),
    ),
)
def test_create_bad_input(client, world, overrides, message):
    login_verified(client, world.canton_admin)
    response = client.post(
        url(world.canton, "catalogue_create"), entry_post(world, summary="Bleibt stehen", **overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Bleibt stehen" in html
    assert not CatalogueEntry.objects.filter(summary="Bleibt stehen").exists()


def test_edit_entry_and_reversed_cost_range(client, world):
    login_verified(client, world.canton_editor)
    page = url(world.canton, "catalogue_edit", entry_pk=world.elterncafe.pk)
    html = client.get(page).content.decode()
    assert 'value="Elterncafé, Elterntreff"' in html
    bad = client.post(page, entry_post(world, title="Elterncafé", cost_min="9000", cost_max="100"))
    assert bad.status_code == 400
    world.elterncafe.refresh_from_db()
    assert world.elterncafe.cost_min == Decimal("3000")
    ok = client.post(page, entry_post(world, title="Elterncafé plus", cost_min="", cost_max="100"))
    assert ok.status_code == 302
    world.elterncafe.refresh_from_db()
    assert world.elterncafe.title == "Elterncafé plus" and world.elterncafe.cost_min is None


def test_publish_and_unpublish(client, world):
    login_verified(client, world.canton_admin)
    page = url(world.canton, "catalogue_publish", entry_pk=world.elterncafe.pk)
    assert client.get(page).status_code == 405
    client.post(page, {"publish": "0"})
    world.elterncafe.refresh_from_db()
    assert not world.elterncafe.is_published
    login_verified(client, world.editor)
    assert client.get(url(world.office, "catalogue_detail", entry_pk=world.elterncafe.pk)).status_code == 404
    login_verified(client, world.canton_admin)
    client.post(page, {"publish": "1"})
    world.elterncafe.refresh_from_db()
    assert world.elterncafe.is_published


# --- Examples -----------------------------------------------------------------------------------------


def test_add_example_with_offer_by_address(client, world):
    offer = make_offer(
        office=world.office, title="Elterncafé Zofingen", m2m={"municipalities": [world.zofingen]}
    )
    login_verified(client, world.canton_editor)
    add = url(world.canton, "catalogue_example_add", entry_pk=world.elterncafe.pk)
    response = client.post(
        add,
        {
            "municipality": str(world.zofingen.pk),
            "offer": "https://example.org" + offer.get_absolute_url(),
            "description": "Familienzentrum",
        },
    )
    assert response.status_code == 302
    example = CatalogueExample.objects.get()
    assert (example.entry, example.municipality, example.offer) == (world.elterncafe, world.zofingen, offer)
    html = client.get(url(world.canton, "catalogue_detail", entry_pk=world.elterncafe.pk)).content.decode()
    assert f'href="{offer.get_absolute_url()}"' in html


def test_add_example_without_offer_and_remove(client, world):
    login_verified(client, world.canton_editor)
    add = url(world.canton, "catalogue_example_add", entry_pk=world.elterncafe.pk)
    assert client.post(add, {"municipality": str(world.uster.pk), "offer": ""}).status_code == 302
    example = CatalogueExample.objects.get()
    again = client.post(add, {"municipality": str(world.uster.pk), "offer": ""})
    assert again.status_code == 400 and "This example is already listed." in again.content.decode()
    remove = url(
        world.canton, "catalogue_example_remove", entry_pk=world.elterncafe.pk, example_pk=example.pk
    )
    assert client.post(remove).status_code == 302
    assert not CatalogueExample.objects.exists()


@pytest.mark.parametrize(
    ("offer_kind", "message"),
    (
        ("draft", "is not published in the directory"),
        ("elsewhere", "is not available in Uster"),
        ("missing", "There is no offer with this number in the directory."),
        ("garbage", "Enter the number of the offer or the address of its page in the directory."),
    ),
)
def test_add_example_bad_offer(client, world, offer_kind, message):
    if offer_kind == "draft":
        reference = str(
            make_offer(office=world.office, status="draft", m2m={"municipalities": [world.uster]}).pk
        )
    elif offer_kind == "elsewhere":
        reference = str(
            make_offer(office=world.office, title="Nur Zofingen", m2m={"municipalities": [world.zofingen]}).pk
        )
    elif offer_kind == "missing":
        reference = "999999"
    else:
        reference = "irgendwas"
    login_verified(client, world.canton_editor)
    add = url(world.canton, "catalogue_example_add", entry_pk=world.elterncafe.pk)
    response = client.post(
        add, {"municipality": str(world.uster.pk), "offer": reference, "description": "Notiz"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'value="Notiz"' in html
    assert not CatalogueExample.objects.exists()


def test_add_example_unknown_municipality(client, world):
    login_verified(client, world.canton_editor)
    add = url(world.canton, "catalogue_example_add", entry_pk=world.elterncafe.pk)
    response = client.post(add, {"municipality": "999999"})
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()


def test_detail_query_pin(client, world, django_assert_num_queries):
    make_example(entry=world.elterncafe, municipality=world.uster)
    login_verified(client, world.editor)
    page = url(world.office, "catalogue_detail", entry_pk=world.elterncafe.pk)
    client.get(page)
    # session, user, OTP device, office, membership, entry, its target groups, fields of action, examples;
    # savepoint, session renewal, release.
    with django_assert_num_queries(12):
        response = client.get(page)
    html = response.content.decode()
    assert "Uster" in html and "Elterncafé, Elterntreff" in html
