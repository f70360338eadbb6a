"""Writes of the welcome guide: pages and their German text revisions, translations, reader feedback and
page views.

Every German edit that changes a translated field bumps `source_revision` and stores the text of the new
revision (GuidePageSourceVersion), so that a translator later sees exactly what changed since their
translation. A "minor change" (typo, punctuation) keeps the revision: translations stay up to date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.core.validation import FieldErrors

from .models import GuidePage, GuidePageSourceVersion, GuidePageTranslation, PageFeedback, PageViewCount

# What staff may set on a page (source_revision, office and timestamps are the service's business).
PAGE_FIELDS = (
    "title",
    "summary",
    "body",
    "easy_title",
    "easy_body",
    "parent",
    "municipality",
    "order",
    "icon",
    "status",
    "in_brochure",
)
ORDER_STEP = 10
MAX_COMMENT_LENGTH = 1000


def _unknown_fields(fields: dict, allowed) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        # A programming error, not user input: fail loudly.
        raise TypeError(f"Unknown guide page fields: {', '.join(unknown)}")


def _check_tree(*, page: GuidePage, errors: FieldErrors) -> None:
    """Parent in the same office, no cycle; municipality served by the office and matching the parent's."""
    office_id = page.office_id
    parent = page.parent
    if parent is not None:
        if parent.office_id != office_id:
            errors.add("parent", _("The parent page must belong to the same office."))
        elif page.pk is not None:
            # One query for the whole tree of the office: walk up from the new parent.
            parents = dict(GuidePage.objects.filter(office_id=office_id).values_list("pk", "parent_id"))
            node, seen = parent.pk, set()
            while node is not None and node not in seen:
                if node == page.pk:
                    errors.add(
                        "parent", _("A page cannot be placed below itself or below one of its sub-pages.")
                    )
                    break
                seen.add(node)
                node = parents.get(node)
        if (
            parent.office_id == office_id
            and parent.municipality_id is not None
            and page.municipality_id != parent.municipality_id
        ):
            # Readers only see the parent with its municipality chosen: a sub-page elsewhere would be lost.
            errors.add(
                "municipality",
                _("The parent page belongs to %(municipality)s; this page must belong to it too.")
                % {"municipality": parent.municipality.name},
            )
    if (
        page.municipality_id is not None
        and not Office.municipalities.through.objects.filter(
            office_id=office_id, municipality_id=page.municipality_id
        ).exists()
    ):
        errors.add("municipality", _("This municipality is not served by the office."))


def _snapshot(*, page: GuidePage, by) -> None:
    """Store (or refresh, after a minor change) the German text of the page's current revision."""
    GuidePageSourceVersion.objects.update_or_create(
        page=page,
        revision=page.source_revision,
        defaults={"title": page.title, "summary": page.summary, "body": page.body, "created_by": by},
    )


def _next_order(*, office: Office, parent: GuidePage | None) -> int:
    last = (
        GuidePage.objects.filter(office=office, parent=parent)
        .order_by("-order")
        .values_list("order", flat=True)
        .first()
    )
    return (last or 0) + ORDER_STEP


@transaction.atomic
def guide_page_create(*, office: Office, by, fields: dict) -> GuidePage:
    _unknown_fields(fields, PAGE_FIELDS)
    order = fields.get("order")
    fields = {name: value for name, value in fields.items() if name != "order"}
    page = GuidePage(office=office, updated_by=by, source_revision=1, **fields)
    # No order given: at the end of its siblings.
    page.order = _next_order(office=office, parent=page.parent) if order in (None, "") else order
    errors = FieldErrors()
    errors.add_model_errors(page, exclude=["office", "parent", "municipality", "updated_by"])
    _check_tree(page=page, errors=errors)
    errors.raise_if_any()
    page.save()
    _snapshot(page=page, by=by)
    return page


@transaction.atomic
def guide_page_update(*, page: GuidePage, by, fields: dict, minor_change: bool = False) -> GuidePage:
    """Change a page. A change of a translated field (title, summary, text) makes every translation
    outdated, unless `minor_change`."""
    _unknown_fields(fields, PAGE_FIELDS)
    if "order" in fields and fields["order"] in (None, ""):
        fields = {name: value for name, value in fields.items() if name != "order"}  # keep its place
    # Compare with the stored row, locked: two editors saving at once must not share a revision number.
    stored = (
        GuidePage.objects.select_for_update()
        .only(*GuidePage.TRANSLATED_FIELDS, "source_revision")
        .get(pk=page.pk)
    )
    before = stored.source_values()
    page.source_revision = stored.source_revision
    for name, value in fields.items():
        setattr(page, name, value)
    page.updated_by = by
    errors = FieldErrors()
    errors.add_model_errors(page, exclude=["office", "parent", "municipality", "updated_by"])
    _check_tree(page=page, errors=errors)
    errors.raise_if_any()
    german_changed = page.source_values() != before
    if german_changed and not minor_change:
        page.source_revision += 1
    page.save()
    if german_changed:
        # A minor change refreshes the stored text of the same revision: the diff base stays the text
        # the translators see as current.
        _snapshot(page=page, by=by)
    return page


@transaction.atomic
def guide_page_move(*, page: GuidePage, direction: str) -> GuidePage:
    """Swap the page with its neighbour among its siblings ("up" or "down"); siblings are renumbered in
    steps of ten, so later manual order edits have room."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Unknown direction.")})
    siblings = list(
        GuidePage.objects.select_for_update()
        .filter(office_id=page.office_id, parent_id=page.parent_id)
        .order_by("order", "title", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == page.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position * ORDER_STEP:
            GuidePage.objects.filter(pk=sibling.pk).update(order=position * ORDER_STEP)
        if sibling.pk == page.pk:
            page.order = position * ORDER_STEP
    return page


@transaction.atomic
def guide_page_delete(*, page: GuidePage) -> None:
    """Delete a page with its translations, versions, feedback and view counts; refused while it has
    sub-pages (move or delete them first)."""
    if GuidePage.objects.filter(parent_id=page.pk).exists():
        raise ValidationError(
            {"__all__": [_("This page has sub-pages. Move or delete them first.")]},
        )
    page.delete()


@transaction.atomic
def guide_translation_save(
    *, page: GuidePage, language: str, by, fields: dict, state: str
) -> GuidePageTranslation:
    """Create or change the translation of a page into one of the office's languages. A finished (or
    machine) translation is recorded as made from the current German revision."""
    _unknown_fields(fields, GuidePage.TRANSLATED_FIELDS)
    errors = FieldErrors()
    office_languages = [code for code in (page.office.content_languages or []) if code != SOURCE_LANGUAGE]
    if language == SOURCE_LANGUAGE or language not in office_languages:
        errors.add("language", _("The office does not translate its content into this language."))
    if state not in GuidePageTranslation.State.values:
        errors.add("state", _("Unknown translation state."))
    values = {name: (fields.get(name) or "").strip() for name in GuidePage.TRANSLATED_FIELDS}
    if state != GuidePageTranslation.State.IN_TRANSLATION and not values["title"]:
        errors.add("title", _("A finished translation needs a title."))
    errors.raise_if_any()
    translation = (
        GuidePageTranslation.objects.select_for_update().filter(page=page, language=language).first()
    )
    if translation is None:
        # Revision 0: never finished, so the diff of a later check shows the whole German text.
        translation = GuidePageTranslation(page=page, language=language, source_revision=0)
    for name, value in values.items():
        setattr(translation, name, value)
    translation.state = state
    translation.updated_by = by
    if state != GuidePageTranslation.State.IN_TRANSLATION:
        current = GuidePage.objects.values_list("source_revision", flat=True).get(pk=page.pk)
        translation.source_revision = current
    errors.add_model_errors(translation, exclude=["page", "updated_by"])
    errors.raise_if_any()
    translation.save()
    return translation


def _content_language(language: str) -> str:
    return language if language in NATIVE_NAMES else SOURCE_LANGUAGE


def page_view_record(*, page: GuidePage, language: str, day: datetime.date | None = None) -> None:
    """Count one view of `page` in `language` on `day` (today): an UPDATE in place, the row created on the
    first view of the day. Two first views at once: the loser of the insert race updates instead."""
    day = day or timezone.localdate()
    language = _content_language(language)
    rows = PageViewCount.objects.filter(page_id=page.pk, language=language, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(page_id=page.pk, language=language, day=day, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1)


@transaction.atomic
def page_feedback_create(*, page: GuidePage, language: str, helpful: bool, comment: str = "") -> PageFeedback:
    comment = (comment or "").strip()
    errors = FieldErrors()
    if not isinstance(helpful, bool):
        errors.add("helpful", _("Please choose yes or no."))
    if len(comment) > MAX_COMMENT_LENGTH:
        errors.add(
            "comment",
            _("Please write at most %(max)s characters.") % {"max": MAX_COMMENT_LENGTH},
        )
    errors.raise_if_any()
    feedback = PageFeedback(page=page, language=_content_language(language), helpful=helpful, comment=comment)
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def page_feedback_mark_done(*, feedback: PageFeedback, done: bool = True) -> PageFeedback:
    feedback.done_at = timezone.now() if done else None
    feedback.save(update_fields=["done_at"])
    return feedback
