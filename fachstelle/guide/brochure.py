"""The printed welcome brochure: one PDF per office, municipality (or the whole region) and language.

A brochure is cached until its content changes: `brochure_content_key` hashes everything printed in it
(pages, translations, office address, contact persons, the template version) with a handful of cheap
queries. `brochure_request` returns the brochure of the current key, or records a new one and builds it in
the background (`tasks.brochure_build_task`) once the transaction commits. `brochure_build` renders one
HTML document with WeasyPrint; it fetches nothing from the network.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE, text_direction
from fachstelle.core.models import Municipality, Office
from fachstelle.core.richtext import embeds_parse, render_markdown
from fachstelle.core.translation import Localized
from fachstelle.network.models import FieldContact

from .embeds import embeds_html_for
from .models import Brochure, GuidePage, GuidePageTranslation
from .selectors import guide_pages_for_print

logger = logging.getLogger(__name__)

Status = Brochure.Status

# Bump when the brochure template or its styles change: every cached brochure is then rebuilt on request.
TEMPLATE_VERSION = "2026-1"
# A PENDING brochure older than this is assumed lost (worker restarted) and is enqueued again on request.
PENDING_STALE_AFTER = timedelta(minutes=10)
# A FAILED build is tried again on request only after this pause (a failing build is not a loop of builds).
FAILED_RETRY_AFTER = timedelta(minutes=1)
# Superseded brochures stay downloadable this long (a link just handed out keeps working).
PURGE_GRACE = timedelta(hours=24)
ERROR_MAX_LENGTH = 300
# Embedded offer lists are printed (a snapshot of the directory); event lists are left out: "the next
# events" is out of date on paper within days.
PRINTED_EMBEDS = ("offers",)
OFFERS_EMBED_MARK = "[[offers"
# The brochure's own strings, translated into the brochure's language (German where a content language's
# catalogue lacks them; the template then marks them lang="de").
LABELS = {
    "welcome": gettext_noop("Welcome"),
    "subtitle": gettext_noop("Information for newcomers"),
    "whole_region": gettext_noop("Whole region"),
    "contents": gettext_noop("Contents"),
    "contacts": gettext_noop("Contacts"),
    "office": gettext_noop("The integration office"),
    "contact_persons": gettext_noop("Contact persons"),
    "phone": gettext_noop("Phone"),
    "email": gettext_noop("E-mail"),
    "website": gettext_noop("Website"),
    "languages": gettext_noop("Languages"),
    "fallback": gettext_noop(
        "This page has not been translated into your language yet; it is shown in German."
    ),
    "as_of": gettext_noop("As of"),
}


# --- Choices -------------------------------------------------------------------------------------------


def brochure_languages(*, office: Office) -> list[str]:
    """German and the office's content languages (known codes only), in the office's order."""
    codes = [SOURCE_LANGUAGE]
    for code in office.content_languages or []:
        if code in NATIVE_NAMES and code not in codes:
            codes.append(code)
    return codes


def brochure_validate(*, office: Office, municipality: Municipality | None, language: str) -> None:
    errors = {}
    if language not in brochure_languages(office=office):
        errors["language"] = _("The brochure is not available in this language.")
    if municipality is not None and not office.municipalities.filter(pk=municipality.pk).exists():
        errors["municipality"] = _("The office does not serve this municipality.")
    if errors:
        raise ValidationError(errors)


def brochure_filename(brochure: Brochure) -> str:
    """A readable download name: willkommen-zofingen-ar.pdf (the office's slug for the whole region)."""
    place = slugify(brochure.municipality.name) if brochure.municipality_id else brochure.office.slug
    return f"willkommen-{place or 'region'}-{brochure.language}.pdf"


# --- What is printed -----------------------------------------------------------------------------------


def _pages_queryset(*, office: Office, municipality: Municipality | None):
    return GuidePage.objects.filter(
        office=office, status=GuidePage.Status.PUBLISHED, in_brochure=True
    ).for_municipality(municipality.pk if municipality else None)


def _contact_rows(*, office: Office) -> list[tuple]:
    return list(
        FieldContact.objects.filter(office=office, person__is_active=True)
        .order_by("field_of_action__order", "field_of_action__name", "pk")
        .values_list(
            "pk",
            "field_of_action__name",
            "field_of_action__names",
            "person__first_name",
            "person__last_name",
            "person__username",
            "public_title",
            "public_phone",
            "public_email",
        )
    )


def _has_offers_embed():
    return Case(When(body__contains=OFFERS_EMBED_MARK, then=Value(1)), default=Value(0))


def brochure_content_key(*, office: Office, municipality: Municipality | None, language: str) -> str:
    """sha256 over everything the brochure prints. Queries: pages, translations (not for German), contact
    persons, their languages."""
    pages = list(
        _pages_queryset(office=office, municipality=municipality)
        .annotate(offers_embed=_has_offers_embed())
        .order_by("pk")
        .values_list("pk", "parent_id", "order", "updated_at", "source_revision", "offers_embed")
    )
    translations = []
    if language != SOURCE_LANGUAGE and pages:
        translations = list(
            GuidePageTranslation.objects.filter(page__in=[row[0] for row in pages], language=language)
            .annotate(offers_embed=_has_offers_embed())
            .order_by("page_id")
            .values_list("page_id", "updated_at", "state", "source_revision", "offers_embed")
        )
    # Offer lists embedded in the text are printed from the directory: then its version counts too.
    embeds_offers = any(row[-1] for row in pages) or any(row[-1] for row in translations)
    contacts = _contact_rows(office=office)
    contact_languages = list(
        FieldContact.languages.through.objects.filter(
            fieldcontact__office=office, fieldcontact__person__is_active=True
        )
        .order_by("fieldcontact_id", "language__order", "language__name")
        .values_list(
            "fieldcontact_id", "language__code", "language__name", "language__native_name", "language__names"
        )
    )
    office_fields = [
        getattr(office, name)
        for name in ("pk", "name", "short_name", "street", "postcode", "city", "phone", "email", "website")
    ]
    payload = {
        "template": TEMPLATE_VERSION,
        "language": language,
        "municipality": [municipality.pk, municipality.name] if municipality else None,
        "office": [*office_fields, office.primary_color],
        "pages": pages,
        "translations": translations,
        "contacts": contacts,
        "contact_languages": contact_languages,
        "directory": office.directory_version if embeds_offers else None,
    }
    encoded = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass(frozen=True)
class Label:
    text: str
    lang: str  # "" when in the brochure's language, else the language the text falls back to

    @property
    def attrs(self) -> str:
        """` lang="de" dir="ltr"` for a label not (yet) translated into the brochure's language."""
        return format_html(' lang="{}" dir="ltr"', self.lang) if self.lang else ""


def _labels(language: str) -> dict[str, Label]:
    with translation.override(SOURCE_LANGUAGE):
        german = {key: gettext(msgid) for key, msgid in LABELS.items()}
    labels = {}
    with translation.override(language):
        for key, msgid in LABELS.items():
            text = gettext(msgid)
            fallback = ""
            if language != SOURCE_LANGUAGE and text == german[key]:
                fallback = SOURCE_LANGUAGE
            elif language != "en" and text == msgid:  # not even German has it yet
                fallback = "en"
            labels[key] = Label(text, fallback)
    return labels


@dataclass(frozen=True)
class PrintedPage:
    page: GuidePage
    text: Localized
    depth: int
    body_html: str
    body_is_german: bool

    @property
    def anchor(self) -> str:
        return f"page-{self.page.pk}"

    @property
    def heading_level(self) -> int:
        return min(self.depth + 2, 4)


def _printed_embeds_html(text: str, *, office: Office, language: str, municipality) -> dict[int, str]:
    if OFFERS_EMBED_MARK not in (text or ""):
        return {}
    rendered = embeds_html_for(text, office=office, language=language, municipality=municipality)
    return {e.index: rendered.get(e.index, "") for e in embeds_parse(text) if e.kind in PRINTED_EMBEDS}


def brochure_pages(*, office: Office, municipality: Municipality | None, language: str) -> list[PrintedPage]:
    """The printed pages in tree order with their text in `language` (German fallback per page)."""
    printed = []
    for page, text, depth in guide_pages_for_print(
        office=office, municipality=municipality, language=language
    ):
        body_is_german = language != SOURCE_LANGUAGE and (text.is_fallback or text.body == page.body)
        embeds = _printed_embeds_html(text.body, office=office, language=language, municipality=municipality)
        printed.append(
            PrintedPage(
                page=page,
                text=text,
                depth=depth,
                body_html=render_markdown(text.body, embeds_html=embeds),
                body_is_german=body_is_german and bool(page.body.strip()),
            )
        )
    return printed


def brochure_html(*, office: Office, municipality: Municipality | None, language: str) -> str:
    """The brochure as one HTML document (rendered in `language`)."""
    pages = brochure_pages(office=office, municipality=municipality, language=language)
    contacts = list(
        FieldContact.objects.filter(office=office, person__is_active=True)
        .select_related("field_of_action", "person")
        .prefetch_related("languages")
        .order_by("field_of_action__order", "field_of_action__name", "pk")
    )
    as_of = max((printed.page.updated_at for printed in pages), default=None)
    with translation.override(language):
        return render_to_string(
            "guide/brochure/brochure.html",
            {
                "office": office,
                "municipality": municipality,
                "language": language,
                "direction": text_direction(language),
                "labels": _labels(language),
                "pages": pages,
                "contacts": contacts,
                "as_of": as_of,
            },
        )


# --- Requesting and building ---------------------------------------------------------------------------


def _enqueue_build(brochure: Brochure) -> None:
    from .tasks import brochure_build_task  # the task module imports this one

    brochure_id = brochure.pk
    transaction.on_commit(lambda: brochure_build_task.enqueue(brochure_id=brochure_id))


def _is_settled(brochure: Brochure) -> bool:
    """True when a request should be answered with `brochure` as it is (no new build)."""
    now = timezone.now()
    if brochure.status == Status.PENDING:
        return brochure.requested_at >= now - PENDING_STALE_AFTER
    if brochure.status == Status.FAILED:
        return brochure.finished_at is not None and brochure.finished_at >= now - FAILED_RETRY_AFTER
    return True


def brochure_request(*, office: Office, municipality: Municipality | None, language: str) -> Brochure:
    """The brochure of the current content: READY or PENDING, or recorded now and built after commit.
    A FAILED build (after FAILED_RETRY_AFTER) or a PENDING one that got lost is tried again.
    Raises ValidationError (keys "language", "municipality") for a choice the office does not offer."""
    brochure_validate(office=office, municipality=municipality, language=language)
    key = brochure_content_key(office=office, municipality=municipality, language=language)
    lookup = {"office": office, "municipality": municipality, "language": language, "content_key": key}
    existing = Brochure.objects.filter(**lookup).first()
    if existing is not None and _is_settled(existing):
        return existing
    try:
        with transaction.atomic():
            # Serialise requests of one office: the unique constraint does not cover a NULL municipality
            # on PostgreSQL (NULLs are distinct), so "look, then create" must run under a lock.
            Office.objects.select_for_update().filter(pk=office.pk).values_list("pk", flat=True).first()
            brochure = Brochure.objects.select_for_update().filter(**lookup).first()
            if brochure is None:
                brochure = Brochure(**lookup, status=Status.PENDING)
                brochure.full_clean(exclude=["file"])
                brochure.save()
            elif _is_settled(brochure):
                return brochure  # another request was first
            else:
                brochure.status = Status.PENDING
                brochure.error = ""
                brochure.requested_at = timezone.now()
                brochure.save(update_fields=["status", "error", "requested_at"])
            _enqueue_build(brochure)
    except IntegrityError:
        # A concurrent request created it between our look and our insert (SQLite has no row locks).
        return Brochure.objects.get(**lookup)
    return brochure


@transaction.atomic
def brochure_regenerate(*, brochure: Brochure) -> Brochure:
    """Build this brochure again (staff: after a font or template fix). The old file is served until the
    new one is written."""
    brochure = Brochure.objects.select_for_update().get(pk=brochure.pk)
    brochure.status = Status.PENDING
    brochure.error = ""
    brochure.requested_at = timezone.now()
    brochure.save(update_fields=["status", "error", "requested_at"])
    _enqueue_build(brochure)
    return brochure


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    # Only inline data: URLs; the brochure never loads anything from the network or the disk.
    return URLFetcher(allowed_protocols={"data"})


def brochure_render_pdf(html: str) -> tuple[bytes, int]:
    """HTML → (PDF bytes, number of pages)."""
    from weasyprint import HTML  # heavy import, needed only here

    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()).render()
    return document.write_pdf(), len(document.pages)


def _short_error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX_LENGTH]


def brochure_build(*, brochure_id: int) -> None:
    """Render and store the PDF; the brochure ends READY with its file, or FAILED without one."""
    brochure = Brochure.objects.select_related("office", "municipality").filter(pk=brochure_id).first()
    if brochure is None or brochure.status != Status.PENDING:
        return  # gone, or built by a concurrent run
    try:
        html = brochure_html(
            office=brochure.office, municipality=brochure.municipality, language=brochure.language
        )
        pdf, page_count = brochure_render_pdf(html)
    except Exception as exc:  # any rendering error ends as FAILED, never as a crashed worker
        logger.exception("Brochure %s could not be built", brochure_id)
        Brochure.objects.filter(pk=brochure_id, status=Status.PENDING).update(
            status=Status.FAILED, error=_short_error(exc), finished_at=timezone.now()
        )
        return

    # The complete PDF is in memory: the file is written in one piece, and removed again if recording it
    # fails, so no brochure points to a half-written file.
    field = Brochure._meta.get_field("file")
    name = field.storage.save(
        field.generate_filename(brochure, brochure_filename(brochure)), ContentFile(pdf)
    )
    try:
        with transaction.atomic():
            locked = Brochure.objects.select_for_update().filter(pk=brochure_id).first()
            if locked is None or locked.status != Status.PENDING:
                field.storage.delete(name)
                return
            old_name = locked.file.name
            locked.file.name = name
            locked.status = Status.READY
            locked.page_count = page_count
            locked.error = ""
            locked.finished_at = timezone.now()
            locked.save(update_fields=["file", "status", "page_count", "error", "finished_at"])
            if old_name and old_name != name:
                transaction.on_commit(lambda: field.storage.delete(old_name))
    except Exception:
        field.storage.delete(name)
        raise


# --- Housekeeping --------------------------------------------------------------------------------------


def brochures_purge_superseded(*, now=None, grace: timedelta = PURGE_GRACE, dry_run: bool = False) -> int:
    """Delete brochures (rows and files) whose content is no longer current, once `grace` has passed; and
    failed ones as old. Returns how many were deleted. Queries: one content key per group in use."""
    now = now or timezone.now()
    current_keys: dict[tuple, str] = {}
    doomed = []
    candidates = Brochure.objects.filter(requested_at__lt=now - grace).select_related(
        "office", "municipality"
    )
    for brochure in candidates.order_by("office_id", "municipality_id", "language", "pk"):
        if brochure.status == Status.PENDING:
            continue
        group = (brochure.office_id, brochure.municipality_id, brochure.language)
        if group not in current_keys:
            current_keys[group] = brochure_content_key(
                office=brochure.office, municipality=brochure.municipality, language=brochure.language
            )
        if brochure.status == Status.FAILED or brochure.content_key != current_keys[group]:
            doomed.append(brochure)
    if dry_run:
        return len(doomed)
    for brochure in doomed:
        name = brochure.file.name
        brochure.delete()
        if name:
            brochure.file.storage.delete(name)
    return len(doomed)


def brochure_file_size(brochure: Brochure) -> int | None:
    """Size in bytes of a READY brochure's file (None when there is none or it is missing)."""
    if not brochure.file:
        return None
    try:
        return brochure.file.size
    except OSError:  # the file is gone
        return None
