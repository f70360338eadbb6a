"""Writes of news items: create, edit, translate, delete, and the scheduler's publication records.

Public visibility is decided by the clock (`NewsItem.objects.visible(now)`), so no write is needed for an
item to appear on time. What needs writing is the cached public pages: the office home is cached under
the office's directory version, so every change the public can see bumps it, and the scheduler
(`news_publish_due`, run every minute by cron) bumps it when an item crosses its publish or unpublish time.

`published_at` and `unpublished_at` belong to the scheduler: they are only ever set by conditional UPDATEs
(`… WHERE published_at IS NULL`), so two overlapping runs, or a run and an editor saving, record a
publication exactly once. Edits therefore never write these two columns with a whole-row save.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import CONTENT_LANGUAGE_CODES, SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.core.validation import FieldErrors

from .images import image_process
from .models import NewsItem, NewsItemTranslation
from .selectors import news_due, news_is_visible

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("title", "teaser", "body", "image_alt", "status", "publish_at", "unpublish_at")
PLAIN_TEXT_FIELDS = ("title", "teaser", "image_alt")
# Columns an edit never writes: the scheduler's records and the creation time.
NOT_SAVED_ON_EDIT = {"id", "published_at", "unpublished_at", "created_at"}
# A tag as a browser would read it: "<script", "</p>", "<img src=…>". "a < b" and autolinks like
# <https://example.org> (Markdown) are not tags.
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class PublishResult:
    published: list[int] = field(default_factory=list)
    unpublished: list[int] = field(default_factory=list)
    office_ids: list[int] = field(default_factory=list)


def _check_html(errors: FieldErrors, values: dict) -> None:
    """Texts are plain text or Markdown, never HTML: say so instead of silently dropping a pasted tag.
    (Rendering sanitises anyway: this is about a clear message, not the only defence.)"""
    for name in PLAIN_TEXT_FIELDS:
        if HTML_TAG.search(values.get(name) or ""):
            errors.add(name, _("HTML is not allowed here. Please write plain text."))
    if HTML_TAG.search(values.get("body") or ""):
        errors.add(
            "body",
            _(
                "HTML is not allowed in the text. Please use Markdown, e.g. **bold**, *italic* or "
                "[link text](https://example.org)."
            ),
        )


def _check_times(errors: FieldErrors, item: NewsItem) -> None:
    if item.publish_at and item.unpublish_at and item.unpublish_at <= item.publish_at:
        errors.add("unpublish_at", _("The end of publication must be after its start."))


def _delete_files(names: list[str], storage) -> None:
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:  # a missing file must not break an edit; it is gone either way
            logger.warning("Could not delete news image %s", name)


def _record_publication(item: NewsItem, *, now: datetime, schedule_changed: bool, expiry_changed: bool):
    """After an edit: reset the scheduler's records if the editor rescheduled, record a publication that
    is due now (once, conditionally), and load both columns back into `item`."""
    rows = NewsItem.objects.filter(pk=item.pk)
    if schedule_changed and item.publish_at > now:
        rows.update(published_at=None)  # published again at the new time, by the scheduler
    if expiry_changed and (item.unpublish_at is None or item.unpublish_at > now):
        rows.update(unpublished_at=None)
    rows.visible(now).filter(published_at__isnull=True).update(published_at=now)
    item.refresh_from_db(fields=["published_at", "unpublished_at"])


def _save(
    *,
    item: NewsItem,
    by,
    fields: dict,
    image=None,
    remove_image: bool = False,
    minor_change: bool = False,
) -> NewsItem:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    creating = item.pk is None
    now = timezone.now()
    was_visible = not creating and news_is_visible(item, now)
    changed = {name for name, value in fields.items() if getattr(item, name) != value}
    for name, value in fields.items():
        setattr(item, name, value)
    for name in ("title", "teaser", "image_alt", "body"):
        setattr(item, name, (getattr(item, name) or "").strip())

    errors = FieldErrors()
    _check_html(errors, {name: getattr(item, name) for name in ("title", "teaser", "body", "image_alt")})
    processed = None
    if image is not None:
        try:
            processed = image_process(image)
        except ValidationError as error:
            errors.add_validation_error(error)
    has_image = image is not None or (bool(item.image) and not remove_image)
    if has_image and not item.image_alt:
        errors.add("image_alt", _("Describe the image for people who cannot see it (alt text)."))
    _check_times(errors, item)
    errors.add_model_errors(item, exclude=("office", "image", "image_thumbnail", "updated_by"))
    errors.raise_if_any()

    if changed & set(NewsItem.TRANSLATED_FIELDS) and not creating and not minor_change:
        item.source_revision += 1
    item.updated_by = by if getattr(by, "is_authenticated", False) else None

    storage = NewsItem._meta.get_field("image").storage
    old_files = []
    if (processed is not None or remove_image) and item.image:
        old_files = [item.image.name, item.image_thumbnail.name]
        item.image = ""
        item.image_thumbnail = ""
    new_files = []
    try:
        if processed is not None:
            item.image.save(processed.image.name, processed.image, save=False)
            item.image_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
            new_files = [item.image.name, item.image_thumbnail.name]
        if creating:
            item.save()
        else:
            item.save(
                update_fields=[
                    f.name for f in NewsItem._meta.concrete_fields if f.name not in NOT_SAVED_ON_EDIT
                ]
            )
        _record_publication(
            item,
            now=now,
            schedule_changed="publish_at" in changed or "status" in changed,
            expiry_changed="unpublish_at" in changed,
        )
    except Exception:
        _delete_files(new_files, storage)  # nothing half-written: no stray files of a failed save
        raise
    if old_files:
        transaction.on_commit(lambda: _delete_files(old_files, storage))
    if was_visible or news_is_visible(item, now):
        Office(pk=item.office_id).bump_directory_version()
    return item


@transaction.atomic
def news_create(*, office: Office, by, fields: dict, image=None) -> NewsItem:
    """A new item. `fields` as in EDITABLE_FIELDS; `image` an uploaded file (checked and resized)."""
    item = NewsItem(office=office)
    return _save(item=item, by=by, fields=fields, image=image)


@transaction.atomic
def news_update(
    *,
    item: NewsItem,
    by,
    fields: dict,
    image=None,
    remove_image: bool = False,
    minor_change: bool = False,
) -> NewsItem:
    """Change an item. A change of the German text outdates the translations unless `minor_change`."""
    return _save(
        item=item, by=by, fields=fields, image=image, remove_image=remove_image, minor_change=minor_change
    )


@transaction.atomic
def news_delete(*, item: NewsItem, by) -> None:
    visible = news_is_visible(item, timezone.now())
    office = Office(pk=item.office_id)
    storage = NewsItem._meta.get_field("image").storage
    files = [item.image.name, item.image_thumbnail.name] if item.image else []
    item.delete()
    if files:
        transaction.on_commit(lambda: _delete_files(files, storage))
    if visible:
        office.bump_directory_version()


@transaction.atomic
def news_translation_save(
    *,
    item: NewsItem,
    language: str,
    values: dict,
    by,
    state: str = NewsItemTranslation.State.DONE,
) -> NewsItemTranslation:
    """Create or update one translation; a finished one is marked as made from the current German text."""
    errors = FieldErrors()
    if language == SOURCE_LANGUAGE or language not in CONTENT_LANGUAGE_CODES:
        errors.add("language", _("German is the source language, not a translation."))
    elif language not in (item.office.content_languages or []):
        errors.add("language", _("The office does not publish in this language."))
    values = {name: (values.get(name) or "").strip() for name in NewsItem.TRANSLATED_FIELDS}
    _check_html(errors, values)  # an empty alt text falls back to the German one
    errors.raise_if_any()
    translation = NewsItemTranslation.objects.filter(item=item, language=language).first()
    if translation is None:
        translation = NewsItemTranslation(item=item, language=language)
    for name, value in values.items():
        setattr(translation, name, value)
    translation.state = state
    if state != NewsItemTranslation.State.IN_TRANSLATION or translation.pk is None:
        translation.source_revision = item.source_revision
    translation.full_clean(exclude=["item"], validate_unique=False)
    translation.save()
    if news_is_visible(item, timezone.now()):
        Office(pk=item.office_id).bump_directory_version()
    return translation


@transaction.atomic
def news_translation_delete(*, translation: NewsItemTranslation, by) -> None:
    item = translation.item
    translation.delete()
    if news_is_visible(item, timezone.now()):
        Office(pk=item.office_id).bump_directory_version()


def news_publish_due(*, now: datetime | None = None) -> PublishResult:
    """Record publications and unpublications that are due at `now` and bump the affected offices'
    directory versions (their cached home pages then show the change).

    Each item is claimed with its own conditional UPDATE in autocommit: when two runs overlap, the
    second one's UPDATE waits for the first one's row lock and then matches no row, so an item is
    published (and counted, and its office bumped) exactly once.
    """
    now = now or timezone.now()
    published, unpublished, office_ids = [], [], set()
    due_publish, due_unpublish = news_due(now=now)
    for pk in due_publish:
        if NewsItem.objects.filter(pk=pk, published_at__isnull=True).update(published_at=now):
            published.append(pk)
    for pk in due_unpublish:
        if NewsItem.objects.filter(pk=pk, unpublished_at__isnull=True).update(unpublished_at=now):
            unpublished.append(pk)
    if published or unpublished:
        office_ids = set(
            NewsItem.objects.filter(pk__in=published + unpublished).values_list("office_id", flat=True)
        )
    for office_id in sorted(office_ids):
        Office(pk=office_id).bump_directory_version()
    return PublishResult(published=published, unpublished=unpublished, office_ids=sorted(office_ids))
