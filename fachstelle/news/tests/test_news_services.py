"""The news services: validation with clear messages, nothing half-written, revisions, translations,
directory version bumps for everything the public sees."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fachstelle.core.models import Office
from fachstelle.news.models import NewsItem, NewsItemTranslation
from fachstelle.news.selectors import news_is_visible, news_localized, news_state
from fachstelle.news.services import (
    news_delete,
    news_translation_delete,
    news_translation_save,
    news_update,
)
from fachstelle.news.tests.conftest import png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def version(office) -> int:
    return Office.objects.values_list("directory_version", flat=True).get(pk=office.pk)


def errors_of(excinfo) -> dict:
    return {key: [str(m) for m in value] for key, value in excinfo.value.message_dict.items()}


def test_create_with_image_stores_resized_image_and_thumbnail(make_item):
    item = make_item(image=png_upload((3000, 1500)), image_alt="Kursraum mit Tischen")
    item.refresh_from_db()
    assert item.image.name.startswith("news/") and item.image_thumbnail.name.startswith("news/")
    assert item.image.storage.exists(item.image.name) and item.image.storage.exists(item.image_thumbnail.name)
    assert item.image.width == 1600 and item.image_thumbnail.width == 600


def test_alt_text_is_required_with_an_image_and_nothing_is_written(make_item):
    with pytest.raises(ValidationError) as excinfo:
        make_item(image=png_upload(), image_alt="  ")
    assert errors_of(excinfo) == {
        "image_alt": ["Describe the image for people who cannot see it (alt text)."]
    }
    assert not NewsItem.objects.exists()


def test_every_problem_is_reported_at_once(make_item):
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        make_item(
            title="",
            teaser="<b>Fett</b>",
            body="Hallo <script>alert(1)</script>",
            image=png_upload(),
            image_alt="",
            publish_at=now,
            unpublish_at=now - timedelta(days=1),
        )
    errors = errors_of(excinfo)
    assert set(errors) == {"title", "teaser", "body", "image_alt", "unpublish_at"}
    assert errors["teaser"] == ["HTML is not allowed here. Please write plain text."]
    assert errors["body"][0].startswith("HTML is not allowed in the text. Please use Markdown")
    assert errors["unpublish_at"] == ["The end of publication must be after its start."]
    assert not NewsItem.objects.exists()


def test_a_bad_image_is_reported_with_the_other_errors_and_nothing_is_stored(make_item, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as excinfo:
        make_item(image=SimpleUploadedFile("x.jpg", b"MZ" + b"\0" * 100), image_alt="Bild", title="")
    assert set(errors_of(excinfo)) == {"image", "title"}
    assert not NewsItem.objects.exists()


def test_markdown_comparisons_and_autolinks_are_not_mistaken_for_html(make_item):
    item = make_item(body="Kinder < 5 Jahre gratis. Infos: <https://example.org> und a<b", teaser="3 < 4")
    assert item.pk


def test_update_of_german_text_outdates_translations_unless_minor(make_item, office, staff):
    item = make_item()
    news_translation_save(
        item=item, language="fr", values={"title": "Nouveau cours", "teaser": "Dès mars."}, by=staff["editor"]
    )
    fields = {"title": "Neuer Deutschkurs in Aarau!"}
    news_update(item=item, by=staff["editor"], fields=fields, minor_change=True)
    assert item.source_revision == 1
    assert news_localized(item, "fr").status == "up_to_date"
    news_update(item=item, by=staff["editor"], fields={"teaser": "Ab April."})
    item.refresh_from_db()
    assert item.source_revision == 2
    assert news_localized(NewsItem.objects.get(pk=item.pk), "fr").is_outdated
    # A change of the schedule alone is not a change of the text.
    news_update(item=item, by=staff["editor"], fields={"publish_at": timezone.now() - timedelta(days=2)})
    item.refresh_from_db()
    assert item.source_revision == 2


def test_replacing_and_removing_the_image_deletes_the_old_files_after_commit(
    make_item, staff, django_capture_on_commit_callbacks
):
    item = make_item(image=png_upload(), image_alt="Erstes Bild")
    storage = item.image.storage
    first = [item.image.name, item.image_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        news_update(item=item, by=staff["editor"], fields={}, image=png_upload((500, 500)))
    assert not any(storage.exists(name) for name in first)
    assert storage.exists(item.image.name)
    second = item.image.name
    with django_capture_on_commit_callbacks(execute=True):
        news_update(item=item, by=staff["editor"], fields={"image_alt": ""}, remove_image=True)
    item.refresh_from_db()
    assert not item.image and not item.image_thumbnail and not storage.exists(second)


def test_a_refused_update_keeps_the_stored_item_and_its_image(make_item, staff):
    item = make_item(image=png_upload(), image_alt="Bild")
    name = item.image.name
    with pytest.raises(ValidationError):
        news_update(item=item, by=staff["editor"], fields={"image_alt": "", "title": "Neu"})
    stored = NewsItem.objects.get(pk=item.pk)
    assert stored.image.name == name and stored.image_alt == "Bild" and stored.title != "Neu"
    assert stored.image.storage.exists(name)


def test_visibility_is_decided_by_the_clock(make_item):
    now = timezone.now()
    item = make_item(publish_at=now + timedelta(hours=1), unpublish_at=now + timedelta(hours=3))
    visible = NewsItem.objects.visible
    assert not visible(now).filter(pk=item.pk).exists() and news_state(item, now) == "scheduled"
    at_start = now + timedelta(hours=1)
    assert visible(at_start).filter(pk=item.pk).exists() and news_is_visible(item, at_start)
    assert news_state(item, at_start) == "visible"
    at_end = now + timedelta(hours=3)
    assert not visible(at_end).filter(pk=item.pk).exists() and not news_is_visible(item, at_end)
    assert news_state(item, at_end) == "expired"
    draft = make_item(status=NewsItem.Status.DRAFT)
    assert not visible(now).filter(pk=draft.pk).exists() and news_state(draft, now) == "draft"
    archived = make_item(status=NewsItem.Status.ARCHIVED)
    assert not visible(now).filter(pk=archived.pk).exists() and news_state(archived, now) == "archived"


def test_visible_changes_bump_the_directory_version_and_hidden_ones_do_not(make_item, office, staff):
    start = version(office)
    draft = make_item(status=NewsItem.Status.DRAFT)
    scheduled = make_item(publish_at=timezone.now() + timedelta(days=1))
    assert version(office) == start  # nothing the public sees
    news_update(item=draft, by=staff["editor"], fields={"title": "Entwurf 2"})
    assert version(office) == start
    visible = make_item()
    assert version(office) == start + 1
    news_update(item=visible, by=staff["editor"], fields={"title": "Korrigiert"})
    assert version(office) == start + 2
    translation = news_translation_save(
        item=visible, language="fr", values={"title": "Corrigé", "teaser": "x"}, by=staff["editor"]
    )
    assert version(office) == start + 3
    news_translation_delete(translation=translation, by=staff["editor"])
    assert version(office) == start + 4
    news_update(item=visible, by=staff["editor"], fields={"status": NewsItem.Status.ARCHIVED})
    assert version(office) == start + 5  # it disappears
    news_delete(item=scheduled, by=staff["editor"])
    assert version(office) == start + 5
    news_update(item=draft, by=staff["editor"], fields={"status": NewsItem.Status.READY})
    news_delete(item=draft, by=staff["editor"])
    assert version(office) == start + 7


def test_a_save_records_a_due_publication_once_and_rescheduling_resets_it(make_item, staff):
    item = make_item()
    assert item.published_at is not None
    first = item.published_at
    news_update(item=item, by=staff["editor"], fields={"title": "Anders"})
    assert item.published_at == first  # never recorded twice
    news_update(item=item, by=staff["editor"], fields={"publish_at": timezone.now() + timedelta(days=1)})
    item.refresh_from_db()
    assert item.published_at is None  # published anew, by the scheduler, at the new time


def test_an_edit_never_overwrites_the_schedulers_records(make_item, staff):
    item = make_item(publish_at=timezone.now() + timedelta(days=1))
    stale = NewsItem.objects.get(pk=item.pk)  # loaded before the scheduler ran
    recorded = timezone.now()
    NewsItem.objects.filter(pk=item.pk).update(published_at=recorded)
    news_update(item=stale, by=staff["editor"], fields={"title": "Tippfehler"}, minor_change=True)
    assert NewsItem.objects.get(pk=item.pk).published_at == recorded


def test_translations_only_in_the_offices_languages_and_without_html(make_item, staff):
    item = make_item()
    with pytest.raises(ValidationError) as excinfo:
        news_translation_save(item=item, language="ti", values={"title": "x"}, by=staff["editor"])
    assert errors_of(excinfo) == {"language": ["The office does not publish in this language."]}
    with pytest.raises(ValidationError) as excinfo:
        news_translation_save(item=item, language="de", values={"title": "x"}, by=staff["editor"])
    assert "language" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        news_translation_save(
            item=item, language="ar", values={"title": "<img src=x onerror=alert(1)>"}, by=staff["editor"]
        )
    assert errors_of(excinfo) == {"title": ["HTML is not allowed here. Please write plain text."]}
    assert not NewsItemTranslation.objects.exists()
    translation = news_translation_save(
        item=item, language="ar", values={"title": "دورة جديدة", "teaser": ""}, by=staff["editor"]
    )
    localized = news_localized(item, "ar")
    assert localized.title == "دورة جديدة" and localized.teaser == item.teaser  # per-field fallback
    assert translation.source_revision == item.source_revision


def test_unknown_fields_are_a_programming_error(make_item, staff):
    item = make_item()
    with pytest.raises(TypeError):
        news_update(item=item, by=staff["editor"], fields={"published_at": timezone.now()})
