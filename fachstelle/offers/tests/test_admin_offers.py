"""Back office for offers: office scoping, saving through the services, versions, translations, actions."""

import pytest
from django.urls import reverse

from fachstelle.core.models import Membership, Revision
from fachstelle.core.tests.admin_world import admin_form_data, build_world
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, OrganisationFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.core.translation import TranslationStatus, translation_status
from fachstelle.offers import services
from fachstelle.offers.models import Location, Offer, OfferTranslation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # asserts English msgids

CHANGELIST = "admin:offers_offer_changelist"


@pytest.fixture
def world(db):
    return build_world()


def change_url(offer):
    return reverse("admin:offers_offer_change", args=[offer.pk])


def revisions(offer):
    return list(Revision.objects.filter(object_id=offer.pk, content_type__model="offer").order_by("number"))


def add_form_data(client, **values):
    data = admin_form_data(client.get(reverse("admin:offers_offer_add")))
    data.update(
        {
            "title": "Konversation Deutsch",
            "summary": "Üben im Alltag.",
            "cost_type": "free",
            "status": "draft",
            **values,
        }
    )
    return data


# --- Office scoping ---------------------------------------------------------------------------------------


def test_editor_sees_only_offers_of_own_office(client, world):
    client.force_login(world.a_editor)
    response = client.get(reverse(CHANGELIST))
    assert [offer.pk for offer in response.context["cl"].result_list] == [world.offer_a.pk]
    assert "Elterncafé Allschwil" not in response.content.decode()
    # Not by searching for it either.
    response = client.get(reverse(CHANGELIST), {"q": "Allschwil"})
    assert list(response.context["cl"].result_list) == []


def test_editor_cannot_open_or_change_another_offices_offer(client, world):
    client.force_login(world.a_editor)
    response = client.get(change_url(world.offer_b))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    response = client.post(change_url(world.offer_b), {"title": "Gekapert"})
    assert response.status_code == 302
    world.offer_b.refresh_from_db()
    assert world.offer_b.title == "Elterncafé Allschwil"
    assert client.get(reverse("admin:offers_offer_versions", args=[world.offer_b.pk])).status_code == 302
    assert client.get(reverse("admin:offers_offer_history", args=[world.offer_b.pk])).status_code == 302


def test_form_offers_only_own_office_provider_and_municipalities(client, world):
    client.force_login(world.a_editor)
    form = client.get(reverse("admin:offers_offer_add")).context["adminform"].form
    assert list(form.fields["office"].queryset) == [world.office_a]
    assert form.fields["office"].initial == world.office_a.pk  # one office: pre-selected
    assert list(form.fields["provider"].queryset) == [world.provider_a]
    assert {m.name for m in form.fields["municipalities"].queryset} == {"Aarburg", "Zofingen"}


def test_posting_another_offices_provider_or_office_is_a_form_error(client, world):
    client.force_login(world.a_editor)
    before = Offer.objects.count()
    response = client.post(
        reverse("admin:offers_offer_add"), add_form_data(client, provider=world.provider_b.pk)
    )
    assert response.status_code == 200
    assert "provider" in response.context["adminform"].form.errors
    response = client.post(
        reverse("admin:offers_offer_add"),
        add_form_data(client, provider=world.provider_a.pk, office=world.office_b.pk),
    )
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    allschwil = world.offer_b.municipalities.get()
    response = client.post(
        reverse("admin:offers_offer_add"),
        add_form_data(client, provider=world.provider_a.pk, municipalities=[allschwil.pk]),
    )
    assert "municipalities" in response.context["adminform"].form.errors
    assert Offer.objects.count() == before
    assert not world.office_b.offers.exclude(pk=world.offer_b.pk).exists()


def test_user_of_two_offices_cannot_combine_an_office_with_the_other_offices_provider(client, world):
    office_c = OfficeFactory()
    provider_c = OrganisationFactory(office=office_c)
    MembershipFactory(user=world.a_editor, office=office_c)
    client.force_login(world.a_editor)
    response = client.post(
        reverse("admin:offers_offer_add"),
        add_form_data(client, office=world.office_a.pk, provider=provider_c.pk),
    )
    assert response.context["adminform"].form.errors["provider"] == [
        "This provider belongs to another office."
    ]
    assert not Offer.objects.filter(title="Konversation Deutsch").exists()


def test_location_in_a_municipality_of_another_office_is_rejected(client, world):
    client.force_login(world.a_editor)
    allschwil = world.offer_b.municipalities.get()
    data = admin_form_data(client.get(change_url(world.offer_a)))
    data.update(
        {
            "locations-TOTAL_FORMS": "1",
            "locations-0-name": "Gemeindesaal",
            "locations-0-municipality": str(allschwil.pk),
            "locations-0-order": "0",
        }
    )
    response = client.post(change_url(world.offer_a), data)
    assert response.status_code == 200
    assert not Location.objects.filter(offer=world.offer_a).exists()


# --- Saving through the services --------------------------------------------------------------------------


def test_adding_an_offer_records_its_first_version_and_search_text(client, world):
    client.force_login(world.a_editor)
    response = client.post(
        reverse("admin:offers_offer_add"), add_form_data(client, provider=world.provider_a.pk)
    )
    assert response.status_code == 302
    offer = Offer.objects.get(title="Konversation Deutsch")
    assert offer.office == world.office_a
    assert offer.created_by == world.a_editor
    assert offer.updated_by == world.a_editor
    assert "konversation" in offer.search_document
    assert [r.number for r in revisions(offer)] == [1]


def test_editing_records_a_version_and_outdates_translations(client, world):
    services.offer_translation_save(offer=world.offer_a, language="fr", values={"title": "Cours"}, by=None)
    revision_before = Offer.objects.get(pk=world.offer_a.pk).source_revision
    client.force_login(world.a_editor)
    data = admin_form_data(client.get(change_url(world.offer_a)))
    data.update({"title": "Deutschkurs Aarburg (Abend)", "version_comment": "Neuer Kurstermin"})
    assert client.post(change_url(world.offer_a), data).status_code == 302

    offer = Offer.objects.get(pk=world.offer_a.pk)
    assert offer.title == "Deutschkurs Aarburg (Abend)"
    assert offer.source_revision == revision_before + 1
    latest = revisions(offer)[-1]
    assert latest.number == 2
    assert "title" in latest.changed_fields
    assert latest.comment == "Neuer Kurstermin"
    assert latest.created_by == world.a_editor
    assert translation_status(offer, offer.translations.get(language="fr")) == TranslationStatus.OUTDATED
    assert "abend" in offer.search_document


def test_minor_change_keeps_translations_up_to_date(client, world):
    services.offer_translation_save(offer=world.offer_a, language="fr", values={"title": "Cours"}, by=None)
    revision_before = Offer.objects.get(pk=world.offer_a.pk).source_revision
    client.force_login(world.a_editor)
    data = admin_form_data(client.get(change_url(world.offer_a)))
    data.update({"summary": "Ein Angebot für Neuzugezogene!", "minor_change": "on"})
    assert client.post(change_url(world.offer_a), data).status_code == 302

    offer = Offer.objects.get(pk=world.offer_a.pk)
    assert offer.summary == "Ein Angebot für Neuzugezogene!"
    assert offer.source_revision == revision_before  # not bumped
    assert translation_status(offer, offer.translations.get(language="fr")) == TranslationStatus.UP_TO_DATE
    assert "summary" in revisions(offer)[-1].changed_fields


def test_translation_edited_with_the_german_text_is_up_to_date_the_untouched_one_outdated(client, world):
    for language in ("fr", "ti"):
        services.offer_translation_save(
            offer=world.offer_a, language=language, values={"title": "x"}, by=None
        )
    client.force_login(world.a_editor)
    page = client.get(change_url(world.offer_a))
    data = admin_form_data(page)
    fr_index = next(
        i
        for i, f in enumerate(
            next(
                i for i in page.context["inline_admin_formsets"] if i.formset.model is OfferTranslation
            ).formset.forms
        )
        if f.instance.language == "fr"
    )
    data.update({"title": "Deutschkurs Aarburg B1", f"translations-{fr_index}-title": "Cours d'allemand B1"})
    assert client.post(change_url(world.offer_a), data).status_code == 302

    offer = Offer.objects.get(pk=world.offer_a.pk)
    french, tigrinya = offer.translations.get(language="fr"), offer.translations.get(language="ti")
    assert french.title == "Cours d'allemand B1"
    assert french.source_revision == offer.source_revision
    assert translation_status(offer, french) == TranslationStatus.UP_TO_DATE
    assert translation_status(offer, tigrinya) == TranslationStatus.OUTDATED


def test_new_translation_through_the_inline_and_deleting_one(client, world):
    services.offer_translation_save(offer=world.offer_a, language="ti", values={"title": "x"}, by=None)
    client.force_login(world.a_editor)
    data = admin_form_data(client.get(change_url(world.offer_a)))
    data.update(
        {
            "translations-TOTAL_FORMS": "2",
            "translations-1-language": "ar",
            "translations-1-state": "machine",
            "translations-1-title": "دورة اللغة الألمانية",
            "translations-1-summary": "عرض",
            "translations-0-DELETE": "on",
        }
    )
    assert client.post(change_url(world.offer_a), data).status_code == 302
    offer = Offer.objects.get(pk=world.offer_a.pk)
    assert list(offer.translations.values_list("language", flat=True)) == ["ar"]
    arabic = offer.translations.get()
    assert arabic.source_revision == offer.source_revision
    assert translation_status(offer, arabic) == TranslationStatus.MACHINE


def test_two_translations_in_the_same_language_are_a_form_error(client, world):
    client.force_login(world.a_editor)
    data = admin_form_data(client.get(change_url(world.offer_a)))
    data.update({"translations-TOTAL_FORMS": "2"})
    for i in (0, 1):
        data.update(
            {
                f"translations-{i}-language": "fr",
                f"translations-{i}-state": "done",
                f"translations-{i}-title": "Cours",
            }
        )
    response = client.post(change_url(world.offer_a), data)
    assert response.status_code == 200
    assert not OfferTranslation.objects.filter(offer=world.offer_a).exists()


# --- Lists, pages and actions ----------------------------------------------------------------------------


def _add_offers_with_translations(world, count):
    aarburg = world.offer_a.municipalities.get()
    for n in range(count):
        offer = make_offer(
            office=world.office_a,
            provider=world.provider_a,
            title=f"Kurs {n}",
            m2m={"municipalities": [aarburg.pk]},
        )
        for language in ("fr", "ar"):
            services.offer_translation_save(offer=offer, language=language, values={"title": "t"}, by=None)


def test_changelist_query_count_does_not_grow_with_offers_and_translations(
    client, world, django_assert_num_queries
):
    client.force_login(world.a_editor)
    # session, user, does the user need a second factor (role check), the user's offices (any role), offices
    # as office admin (delete action), the "fields of action" filter, filtered count, full count, the page of
    # offers with provider and office (JOIN), prefetch municipalities, prefetch translations; the session
    # saved for the idle timeout (savepoint, update, release).
    with django_assert_num_queries(14):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 1
    _add_offers_with_translations(world, 6)
    with django_assert_num_queries(14):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 7
    content = response.content.decode()
    assert 'title="Français: Up to date">fr ✓' in content
    assert 'title="ትግርኛ: Missing">ti –' in content


def test_coverage_marks_outdated_translations(client, world):
    services.offer_translation_save(offer=world.offer_a, language="fr", values={"title": "Cours"}, by=None)
    services.offer_update(offer=world.offer_a, by=None, fields={"title": "Neuer Titel"})
    client.force_login(world.a_editor)
    assert "fr ⚠" in client.get(reverse(CHANGELIST)).content.decode()


def test_list_hides_the_office_column_and_filter_for_single_office_users(client, world):
    client.force_login(world.a_editor)
    response = client.get(reverse(CHANGELIST))
    assert "office" not in response.context["cl"].list_display
    login_verified(client, world.superuser)
    response = client.get(reverse(CHANGELIST))
    assert "office" in response.context["cl"].list_display
    assert len(response.context["cl"].result_list) == 2


def test_actions_publish_archive_and_draft_go_through_the_services(client, world):
    draft = make_offer(office=world.office_a, provider=world.provider_a, title="Entwurf", status="draft")
    client.force_login(world.a_editor)
    response = client.post(reverse(CHANGELIST), {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Offer.Status.PUBLISHED
    assert draft.published_at is not None
    assert revisions(draft)[-1].changed_fields == ["status", "updated_by_id"] or "status" in (
        revisions(draft)[-1].changed_fields
    )

    client.post(reverse(CHANGELIST), {"action": "archive", "_selected_action": [draft.pk, world.offer_a.pk]})
    assert set(Offer.objects.filter(office=world.office_a).values_list("status", flat=True)) == {"archived"}
    client.post(reverse(CHANGELIST), {"action": "back_to_draft", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Offer.Status.DRAFT
    assert len(revisions(draft)) == 4  # created, published, archived, back to draft


def test_needs_confirmation_filter(client, world):
    Offer.objects.filter(pk=world.offer_a.pk).update(confirmation_overdue_since="2026-01-05T10:00:00Z")
    other = make_offer(
        office=world.office_a,
        provider=world.provider_a,
        title="Bestätigt",
        last_confirmed_at="2026-01-01T10:00:00Z",
    )
    client.force_login(world.a_editor)
    response = client.get(reverse(CHANGELIST), {"confirmation": "overdue"})
    assert list(response.context["cl"].result_list) == [world.offer_a]
    response = client.get(reverse(CHANGELIST), {"confirmation": "never"})
    assert other not in response.context["cl"].result_list


def test_actions_never_reach_another_offices_offers(client, world):
    client.force_login(world.b_editor)
    client.post(reverse(CHANGELIST), {"action": "archive", "_selected_action": [world.offer_a.pk]})
    world.offer_a.refresh_from_db()
    assert world.offer_a.status == Offer.Status.PUBLISHED
    assert len(revisions(world.offer_a)) == 1


def test_mark_confirmed_action(client, world):
    client.force_login(world.a_editor)
    client.post(reverse(CHANGELIST), {"action": "mark_confirmed", "_selected_action": [world.offer_a.pk]})
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_at is not None


def test_editor_cannot_delete_office_admin_can(client, world):
    client.force_login(world.a_editor)
    assert client.get(reverse("admin:offers_offer_delete", args=[world.offer_a.pk])).status_code == 403
    login_verified(client, world.a_admin)
    response = client.post(reverse("admin:offers_offer_delete", args=[world.offer_a.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Offer.objects.filter(pk=world.offer_a.pk).exists()
    assert Offer.objects.filter(pk=world.offer_b.pk).exists()


def test_change_page_links_to_preview_versions_and_public_page(client, world):
    client.force_login(world.a_editor)
    content = client.get(change_url(world.offer_a)).content.decode()
    assert reverse("offers:offer_preview", args=[world.offer_a.pk]) in content
    assert reverse("admin:offers_offer_versions", args=[world.offer_a.pk]) in content
    assert "viewsitelink" in content  # published: "view on site"
    draft = make_offer(office=world.office_a, provider=world.provider_a, title="Entwurf", status="draft")
    assert "viewsitelink" not in client.get(change_url(draft)).content.decode()


def test_translation_inline_shows_status_and_german_source(client, world):
    services.offer_translation_save(offer=world.offer_a, language="fr", values={"title": "Cours"}, by=None)
    client.force_login(world.a_editor)
    content = client.get(change_url(world.offer_a)).content.decode()
    assert "tr-status tr-up_to_date" in content
    assert "Show the German text for comparison" in content


# --- Versions ----------------------------------------------------------------------------------------


def test_versions_list_and_diff(client, world):
    services.offer_update(
        offer=world.offer_a,
        by=world.a_editor,
        fields={"title": "Deutschkurs Aarburg A2"},
        comment="Niveau ergänzt",
    )
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:offers_offer_versions", args=[world.offer_a.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["revision"].number for row in rows] == [2, 1]
    assert rows[0]["fields"] == ["Title"]  # verbose names, bookkeeping fields left out
    assert "Niveau ergänzt" in response.content.decode()

    response = client.get(reverse("admin:offers_offer_version", args=[world.offer_a.pk, 2]))
    assert response.status_code == 200
    assert [(r["label"], r["before"], r["after"]) for r in response.context["changed_rows"]] == [
        ("Title", "Deutschkurs Aarburg", "Deutschkurs Aarburg A2")
    ]
    assert response.context["can_restore"] is False  # the latest version
    unchanged = {r["label"]: r["after"] for r in response.context["other_rows"]}
    assert unchanged["Provider"] == "Verein Deutsch Aarburg"  # names, not ids
    assert unchanged["Municipalities"] == "Aarburg"


def test_restore_an_earlier_version(client, world):
    services.offer_update(offer=world.offer_a, by=world.a_editor, fields={"title": "Falscher Titel"})
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:offers_offer_version", args=[world.offer_a.pk, 1]))
    assert response.context["can_restore"] is True
    response = client.post(reverse("admin:offers_offer_version_restore", args=[world.offer_a.pk, 1]))
    assert response.status_code == 302
    world.offer_a.refresh_from_db()
    assert world.offer_a.title == "Deutschkurs Aarburg"
    latest = revisions(world.offer_a)[-1]
    assert latest.number == 3
    assert latest.comment == "Restored version 1"
    # Restoring needs POST.
    assert (
        client.get(reverse("admin:offers_offer_version_restore", args=[world.offer_a.pk, 1])).status_code
        == 403
    )


def test_unknown_version_number_redirects_to_the_list(client, world):
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:offers_offer_version", args=[world.offer_a.pk, 99]))
    assert response.status_code == 302


# --- Translation overview ------------------------------------------------------------------------------


def test_translation_overview_matrix_with_constant_queries(client, world, django_assert_num_queries):
    services.offer_translation_save(offer=world.offer_a, language="fr", values={"title": "Cours"}, by=None)
    client.force_login(world.a_editor)
    url = reverse("admin:offers_offer_translations")
    # session, user, second-factor role check, the user's offices, their offices as office admin (menu:
    # memberships, users), the offices listed, the offers, prefetch of their translations; the session saved
    # for the idle timeout (savepoint, update, release).
    with django_assert_num_queries(11):
        response = client.get(url)
    assert [cell["status"] for cell in response.context["rows"][0]["cells"]] == [
        "up_to_date",
        "missing",
        "missing",
    ]  # fr, ar, ti of office A
    _add_offers_with_translations(world, 5)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["rows"]) == 6
    assert f"{change_url(world.offer_a)}#translations-group" in response.content.decode()


def test_translation_overview_never_shows_another_office(client, world):
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:offers_offer_translations"), {"office": world.office_b.pk})
    assert response.context["office"] == world.office_a
    assert "Elterncafé Allschwil" not in response.content.decode()


def test_translation_overview_for_user_of_several_offices_switches_office(client, world):
    MembershipFactory(user=world.a_editor, office=world.office_b, role=Membership.Role.EDITOR)
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:offers_offer_translations"), {"office": world.office_b.pk})
    assert response.context["office"] == world.office_b
    assert [row["offer"] for row in response.context["rows"]] == [world.offer_b]
