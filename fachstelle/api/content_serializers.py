"""Guide pages, events and news as plain dicts in the documented shapes (fachstelle.api.content_schemas).

Nothing here queries: rows come from fachstelle.api.content_selectors with their office, place, terms and
translations attached (`wanted`/`shown_in` on list rows, all `translations` on a detail row).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.richtext import render_markdown
from fachstelle.core.translation import Localized, TranslationBase, localize

_PK_MARK, _SLUG_MARK = "987654321", "slug-mark"


class ContentUrls:
    """Absolute URLs of one kind of public page in one language: one reverse() per office, not per row."""

    def __init__(self, viewname: str, *, build_absolute_uri, language: str, with_slug: bool = True):
        self.viewname = viewname
        self.build_absolute_uri = build_absolute_uri
        self.language = language
        self.with_slug = with_slug
        self._templates: dict[str, tuple[str, str]] = {}

    def __call__(self, obj, office) -> str:
        template = self._templates.get(office.slug)
        if template is None:
            kwargs = {"office_slug": office.slug, "pk": int(_PK_MARK)}
            if self.with_slug:
                kwargs["slug"] = _SLUG_MARK
            with override(self.language):
                path = reverse(self.viewname, kwargs=kwargs)
            # The last occurrence: an office slug may contain the digits too.
            head, tail = self.build_absolute_uri(path).rsplit(_PK_MARK, 1)
            template = self._templates[office.slug] = (head, tail)
        tail = template[1].replace(_SLUG_MARK, obj.slug) if self.with_slug else template[1]
        return f"{template[0]}{obj.pk}{tail}"


def _iso(value) -> str | None:
    # Local time with its offset (+01:00 / +02:00), as a calendar shows it.
    return timezone.localtime(value).isoformat() if value else None


def _office(office) -> dict:
    return {"slug": office.slug, "name": office.name}


def _municipality(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"bfs_number": municipality.bfs_number, "name": municipality.name}


def _terms(terms, language: str) -> list[dict]:
    return [{"slug": term.slug, "name": term.label(language)} for term in terms]


def _language_info(text: Localized, shown_in: list[str]) -> dict:
    return {
        "language": text.shown,
        "fallback": text.is_fallback,
        "translation_status": text.status.value,
        "available_languages": [SOURCE_LANGUAGE, *sorted(set(shown_in) - {SOURCE_LANGUAGE})],
    }


def localized_list_row(obj, language: str) -> tuple[Localized, dict]:
    """The texts of a list row in `language` and what to tell about them (`wanted`, `shown_in` prefetched)."""
    wanted = getattr(obj, "wanted", None)
    text = localize(obj, wanted[0] if wanted else None, language)
    return text, _language_info(text, [t.language for t in obj.shown_in])


def localized_detail(obj, language: str) -> tuple[Localized, dict, list[TranslationBase]]:
    """As localized_list_row, from all translations of one object (prefetched `translations`)."""
    translations = list(obj.translations.all())
    wanted = next((t for t in translations if t.language == language), None)
    text = localize(obj, wanted, language)
    shown_in = [t.language for t in translations if t.is_public and (t.title or "").strip()]
    return text, _language_info(text, shown_in), translations


def detail_info(obj, translations: list[TranslationBase], *, urls_in) -> dict:
    """`source_language` and `translations` (status and public URL per language) of a detail answer;
    `urls_in(language)` gives the ContentUrls of that language."""
    translated = []
    for translation in translations:
        public = translation.is_public
        translated.append(
            {
                "language": translation.language,
                "status": translation.status_for(obj.source_revision).value,
                "public": public,
                "url": urls_in(translation.language)(obj, obj.office) if public else None,
            }
        )
    return {"source_language": SOURCE_LANGUAGE, "translations": translated}


# --- guide pages ------------------------------------------------------------------------------------


def page_item(page, *, text: Localized, info: dict, urls: ContentUrls) -> dict:
    easy = None
    if page.has_easy_version:
        easy = {
            "title": page.easy_title or page.title,
            "body_markdown": page.easy_body,
            "body_html": str(render_markdown(page.easy_body)),
        }
    return {
        "id": page.pk,
        "office": _office(page.office),
        "parent": page.parent_id,
        "order": page.order,
        "icon": page.icon,
        "title": text.title,
        "summary": text.summary,
        "body_markdown": text.body,
        # Embed lines ([[offers …]]) vanish: the live lists are the client's own business (GET /offers).
        "body_html": str(render_markdown(text.body)),
        "municipality": _municipality(page.municipality),
        "easy_german": easy,
        "url": urls(page, page.office),
        "updated_at": _iso(page.updated_at),
        **info,
    }


# --- events -----------------------------------------------------------------------------------------


def _event_registration_open(event, places_left: int | None, now) -> bool:
    # The rules of registration_create (fachstelle.events.services.registrations), read-only.
    if not event.registration_enabled or event.status != event.Status.PUBLISHED:
        return False
    if event.starts_at <= now or (event.registration_deadline and event.registration_deadline <= now):
        return False
    return places_left is None or places_left > 0 or event.waitlist_enabled


def event_item(event, *, text: Localized, info: dict, urls: ContentUrls, ics_urls: ContentUrls, now) -> dict:
    """Needs `places_taken` (annotated), the terms and office/municipality/organiser (selectors)."""
    language = text.requested  # term names in the requested language where known, as for the offers
    places_left = None
    if event.capacity is not None:
        places_left = max(0, event.capacity - (event.places_taken or 0))
    has_place = bool(event.location_name or event.street or event.municipality_id)
    url = urls(event, event.office)
    return {
        "id": event.pk,
        "office": _office(event.office),
        "organiser": (
            {"id": event.organiser.pk, "name": event.organiser.name} if event.organiser_id else None
        ),
        "status": event.status,
        "cancellation_note": event.cancellation_note,
        "title": text.title,
        "summary": text.summary,
        "starts_at": _iso(event.starts_at),
        "ends_at": _iso(event.ends_at),
        "all_day": event.all_day,
        "place": (
            {
                "name": event.location_name,
                "street": event.street,
                "postcode": event.postcode,
                "municipality": _municipality(event.municipality),
            }
            if has_place
            else None
        ),
        "online": event.is_online,
        "languages": [{"code": lang.code, "name": lang.label(language)} for lang in event.languages.all()],
        "fields_of_action": _terms(event.fields_of_action.all(), language),
        "target_groups": _terms(event.target_groups.all(), language),
        "interpreter": event.interpreter_provided,
        "childcare": event.childcare,
        "cost": {
            "type": event.cost_type,
            "amount": None if event.cost_amount is None else str(event.cost_amount),
            "note": text.cost_note,
        },
        "capacity": event.capacity,
        "places_left": places_left,
        "registration": {
            "enabled": event.registration_enabled,
            "open": _event_registration_open(event, places_left, now),
            "requires_approval": event.requires_approval,
            "waitlist": event.waitlist_enabled,
            "deadline": _iso(event.registration_deadline),
            "url": url if event.registration_enabled else None,
        },
        "url": url,
        "ics_url": ics_urls(event, event.office),
        "updated_at": _iso(event.updated_at),
        **info,
    }


# --- news -------------------------------------------------------------------------------------------


def news_item(item, *, text: Localized, info: dict, urls: ContentUrls, build_absolute_uri) -> dict:
    image = None
    if item.image:
        image = {
            "url": build_absolute_uri(item.image.url),
            "thumbnail_url": build_absolute_uri(item.image_thumbnail.url) if item.image_thumbnail else None,
            "alt": text.image_alt,
        }
    return {
        "id": item.pk,
        "office": _office(item.office),
        "title": text.title,
        "teaser": text.teaser,
        "image": image,
        "publish_at": _iso(item.publish_at),
        "url": urls(item, item.office),
        "updated_at": _iso(item.updated_at),
        **info,
    }
