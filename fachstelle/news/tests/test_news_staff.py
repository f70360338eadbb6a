"""The news staff area: who may enter, create and edit with an image, errors with the input kept,
previews, translations, delete; the list by state with a pinned number of queries."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from fachstelle.core.tests.factories import MembershipFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.news.models import NewsItem, NewsItemTranslation
from fachstelle.news.tests.conftest import png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FILLERS = {"language": "fr"}


def staff_url(name, office, **kwargs):
    return reverse(f"news:{name}", kwargs={"office_slug": office.slug, **kwargs})


def news_staff_urls(office, item_id) -> list[tuple[str, str]]:
    """Every staff URL of the news, read from the URL configuration (a new view is checked at once)."""
    urls = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "news" and pattern.name:
                kwargs = {name: FILLERS.get(name, item_id) for name in pattern.pattern.regex.groupindex}
                urls.append((pattern.name, staff_url(pattern.name, office, **kwargs)))

    walk(get_resolver().url_patterns, None)
    return sorted(set(urls))


def form_data(**overrides):
    data = {
        "title": "Elterncafé im Mai",
        "teaser": "Treffen für Eltern mit Kinderbetreuung.",
        "body": "Jeden **Mittwoch** im Gemeindesaal.",
        "image_alt": "",
        "status": NewsItem.Status.READY,
        "publish_at": (timezone.localtime() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "unpublish_at": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_role_matrix(client, office, other_office, staff, make_item):
    item = make_item()
    urls = news_staff_urls(office, item.pk)
    assert {name for name, _url in urls} >= {
        "item_list",
        "item_create",
        "item_edit",
        "item_preview",
        "item_delete",
        "translation_edit",
        "text_preview",
    }
    # Anonymous: to the login page.
    for name, url in urls:
        for response in (client.get(url), client.post(url, {})):
            if response.status_code != 405:
                assert response.status_code == 302 and "/staff/login/" in response["Location"], name
    # Statistics-only users and staff of another office: 403, and nothing deleted.
    outsider = MembershipFactory(office=other_office, role="editor", user__username="news-outsider").user
    for user in (staff["statistics"], outsider):
        login_verified(client, user)
        for name, url in urls:
            for response in (client.get(url), client.post(url, {})):
                if response.status_code != 405:
                    assert response.status_code == 403, (user.username, name, response.status_code)
        client.logout()
    assert NewsItem.objects.filter(pk=item.pk).exists()
    # Admins, editors and counsellors work with the news.
    for role in ("admin", "editor", "counsellor"):
        login_verified(client, staff[role])
        for name, url in urls:
            if name in ("text_preview",):
                continue
            assert client.get(url).status_code == 200, (role, name)
        client.logout()


def test_an_item_of_another_office_is_not_found_from_this_office(
    client, office, other_office, staff, make_item
):
    foreign = make_item(office=other_office)
    login_verified(client, staff["editor"])
    for name in ("item_edit", "item_preview", "item_delete"):
        assert client.get(staff_url(name, office, item_id=foreign.pk)).status_code == 404
    response = client.post(staff_url("item_delete", office, item_id=foreign.pk))
    assert response.status_code == 404 and NewsItem.objects.filter(pk=foreign.pk).exists()


def test_create_with_an_image_upload(client, office, staff):
    login_verified(client, staff["editor"])
    data = form_data(image=png_upload((2000, 1000)), image_alt="Eltern und Kinder am Tisch")
    response = client.post(staff_url("item_create", office), data)
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response["Location"] == staff_url(
        "item_edit", office, item_id=item.pk
    )
    assert item.office == office and item.updated_by == staff["editor"] and item.published_at is not None
    assert item.image.width == 1600 and item.image_alt == "Eltern und Kinder am Tisch"
    page = client.get(response["Location"]).content.decode()
    assert "The news item was saved." in page and item.image_thumbnail.url in page


def test_bad_input_keeps_the_input_and_asks_to_reselect_the_image(client, office, staff):
    login_verified(client, staff["editor"])
    data = form_data(
        teaser="<script>alert(1)</script>",
        image=png_upload(),
        image_alt="",
        unpublish_at=(timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    response = client.post(staff_url("item_create", office), data)
    page = response.content.decode()
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "HTML is not allowed here. Please write plain text." in page
    assert "Describe the image for people who cannot see it (alt text)." in page
    assert "The end of publication must be after its start." in page
    assert "please select the image again" in page
    assert "Elterncafé im Mai" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # kept, escaped


def test_an_exe_renamed_to_jpg_is_refused_with_a_clear_message(client, office, staff):
    login_verified(client, staff["editor"])
    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\x00" * 2000, content_type="image/jpeg")
    response = client.post(staff_url("item_create", office), form_data(image=fake, image_alt="Foto"))
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "This file is not an image." in response.content.decode()


def test_an_oversized_upload_is_refused_without_error_page(client, office, staff, settings):
    # The limit lowered for the test, so that the request stays small; the service test covers 50 MB.
    settings.NEWS_IMAGE_MAX_BYTES = 50_000
    login_verified(client, staff["editor"])
    big = png_upload((1500, 1500))
    big.file.write(b"\0" * 60_000)  # padding after the image data
    big.size = big.file.tell()
    big.file.seek(0)
    response = client.post(staff_url("item_create", office), form_data(image=big, image_alt="Foto"))
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "The image is too large" in response.content.decode()


def test_preview_button_renders_the_markdown_without_saving(client, office, staff):
    login_verified(client, staff["editor"])
    response = client.post(
        staff_url("item_create", office), form_data(body="**fett** <em>x</em>", action="preview")
    )
    page = response.content.decode()
    assert response.status_code == 200 and not NewsItem.objects.exists()
    assert "<strong>fett</strong>" in page and "<em>x</em>" not in page.split('id="body-preview"')[0][-10:]
    fragment = client.post(staff_url("text_preview", office), {"body": "# T\n\n[a](javascript:alert(1))"})
    assert fragment.status_code == 200 and "javascript:" not in fragment.content.decode()
    assert client.get(staff_url("text_preview", office)).status_code == 405


def test_edit_changes_replaces_the_image_and_marks_translations_outdated(client, office, staff, make_item):
    item = make_item(image=png_upload(), image_alt="Alt")
    NewsItemTranslation.objects.create(item=item, language="fr", title="Titre", source_revision=1)
    login_verified(client, staff["counsellor"])
    url = staff_url("item_edit", office, item_id=item.pk)
    page = client.get(url).content.decode()
    assert "Elterncafé" not in page and "Neuer Deutschkurs in Aarau" in page and "Français" in page
    old = item.image.name
    response = client.post(url, form_data(title="Elterncafé", image=png_upload((700, 700)), image_alt="Neu"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Elterncafé" and item.image.name != old and item.source_revision == 2
    assert "Outdated" in client.get(url).content.decode()


def test_a_refused_edit_shows_the_stored_item_and_the_input(client, office, staff, make_item):
    item = make_item()
    login_verified(client, staff["editor"])
    url = staff_url("item_edit", office, item_id=item.pk)
    response = client.post(url, form_data(title="Neuer Titel", body="<div>x</div>"))
    page = response.content.decode()
    assert response.status_code == 200 and "HTML is not allowed in the text" in page
    assert 'value="Neuer Titel"' in page and "&lt;div&gt;x&lt;/div&gt;" in page
    assert NewsItem.objects.get(pk=item.pk).title == "Neuer Deutschkurs in Aarau"


def test_translation_editing(client, office, staff, make_item):
    item = make_item()
    login_verified(client, staff["editor"])
    url = staff_url("translation_edit", office, item_id=item.pk, language="ar")
    page = client.get(url).content.decode()
    assert 'lang="ar" dir="rtl"' in page and item.title in page
    response = client.post(url, {"title": "", "teaser": "", "body": "", "image_alt": "", "state": "done"})
    assert response.status_code == 200 and not NewsItemTranslation.objects.exists()
    response = client.post(
        url, {"title": "خبر", "teaser": "<b>x</b>", "body": "", "image_alt": "", "state": "done"}
    )
    assert response.status_code == 200 and "HTML is not allowed here" in response.content.decode()
    response = client.post(
        url, {"title": "خبر", "teaser": "ملخص", "body": "", "image_alt": "", "state": "done"}
    )
    assert response.status_code == 302
    translation_ = NewsItemTranslation.objects.get(item=item, language="ar")
    assert translation_.title == "خبر" and translation_.source_revision == item.source_revision
    response = client.post(url, {"action": "delete"})
    assert response.status_code == 302 and not NewsItemTranslation.objects.exists()
    # Only the office's languages.
    assert (
        client.get(staff_url("translation_edit", office, item_id=item.pk, language="ti")).status_code == 404
    )
    assert (
        client.get(staff_url("translation_edit", office, item_id=item.pk, language="de")).status_code == 404
    )


def test_preview_shows_drafts_to_staff_only(client, office, staff, make_item):
    draft = make_item(status=NewsItem.Status.DRAFT, title="Noch geheim")
    assert client.get(draft.get_absolute_url()).status_code == 404
    login_verified(client, staff["editor"])
    page = client.get(staff_url("item_preview", office, item_id=draft.pk)).content.decode()
    assert "Noch geheim" in page and "Preview" in page and "noindex" in page
    with translation.override("de"):
        assert client.get(draft.get_absolute_url()).status_code == 404  # logged in makes no difference


def test_delete(client, office, staff, make_item):
    item = make_item(image=png_upload(), image_alt="Bild")
    login_verified(client, staff["editor"])
    url = staff_url("item_delete", office, item_id=item.pk)
    assert item.title in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == staff_url("item_list", office)
    assert not NewsItem.objects.filter(pk=item.pk).exists()


def test_list_by_state_with_pinned_queries(client, office, staff, make_item, django_assert_num_queries):
    now = timezone.now()
    make_item(title="Sichtbar A")
    make_item(title="Geplant B", publish_at=now + timedelta(days=1))
    make_item(title="Entwurf C", status=NewsItem.Status.DRAFT)
    make_item(title="Abgelaufen D", publish_at=now - timedelta(days=3), unpublish_at=now - timedelta(days=1))
    for n in range(5):
        item = make_item(title=f"Meldung {n}")
        NewsItemTranslation.objects.create(item=item, language="fr", title=f"Nouvelle {n}")
    login_verified(client, staff["editor"])
    url = staff_url("item_list", office)
    client.get(url)  # session and OTP device warm-up
    # session, user, OTP device, office, membership, count, the page of items, their translations, and the
    # session renewal of the idle timeout (savepoint, update, release)
    with django_assert_num_queries(11):
        page = client.get(url).content.decode()
    assert all(
        title in page for title in ("Sichtbar A", "Geplant B", "Entwurf C", "Abgelaufen D", "Meldung 4")
    )
    for state, shown, hidden in (
        ("scheduled", "Geplant B", "Sichtbar A"),
        ("draft", "Entwurf C", "Geplant B"),
        ("expired", "Abgelaufen D", "Sichtbar A"),
        ("visible", "Sichtbar A", "Entwurf C"),
    ):
        page = client.get(url, {"state": state}).content.decode()
        assert shown in page and hidden not in page, state
    assert client.get(url, {"state": "nonsense"}).status_code == 200


def test_office_home_news_costs_one_query(client, office, make_item, django_assert_num_queries):
    for n in range(4):
        make_item(title=f"Meldung {n}")
    with translation.override("de"):
        home = reverse("offers:office_home", kwargs={"office_slug": office.slug})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(home)
    news_queries = [q["sql"] for q in queries.captured_queries if "news_newsitem" in q["sql"]]
    assert len(news_queries) == 1  # the three latest items; German needs no translation query
