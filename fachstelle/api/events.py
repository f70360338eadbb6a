"""GET /events, /events/{id}: the public calendar of the offices, read-only (docs/api.md)."""

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Path, Router
from ninja.errors import HttpError

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.richtext import render_markdown

from . import content_params as params
from . import content_selectors as selectors
from . import content_serializers as serializers
from .content_schemas import EventDetail, EventList
from .offers import LANG_PARAMETER, OFFICE_PARAMETER, _content_language, _json, _office_param, _param
from .schemas import Error, ValidationError

router = Router()

EVENT_VIEW = "events_public:event_detail"
EVENT_ICS_VIEW = "events_public:event_ics"
_LIST = {"type": "array", "items": {"type": "string"}}
_DATE = {"type": "string", "format": "date"}

LIST_PARAMETERS = [
    OFFICE_PARAMETER,
    _param(
        "municipality",
        params.MUNICIPALITY_PARAMETER_TEXT + ": events there, and events without a place (online, "
        "region-wide) of the offices serving it. Unknown: ignored with a warning.",
        _LIST,
    ),
    _param("field", "Field-of-action slug; repeat or comma-separate for several (any of them).", _LIST),
    _param("language", "Code of a language the event is held in, e.g. ti (any of them).", _LIST),
    _param(
        "from",
        "YYYY-MM-DD: events not ended by the start of this day. Default: events not ended yet. "
        "Invalid: ignored with a warning.",
        _DATE,
    ),
    _param("to", "YYYY-MM-DD: events starting on or before this day. After `from`, else 400.", _DATE),
    params.PAGE_PARAMETER,
    LANG_PARAMETER,
]


def _date(request: HttpRequest, name: str, warnings: list[str]) -> date | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = datetime.strptime(raw, "%Y-%m-%d").date() if len(raw) == 10 else None
    except ValueError:
        value = None
    # Far-off years are not calendar dates (and would overflow the end-of-day arithmetic).
    if value is None or not 1900 <= value.year <= 2999:
        warnings.append(
            _("Invalid date ignored: %(value)s (expected YYYY-MM-DD).") % {"value": f"{name}={raw[:40]}"}
        )
        return None
    return value


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@router.get(
    "/events",
    response={200: EventList, 400: Error},
    tags=["events"],
    summary="Upcoming events",
    openapi_extra={"parameters": LIST_PARAMETERS},
)
def event_list(request: HttpRequest):
    """Published and cancelled events of one office or of all active offices, soonest first, 20 a page:
    dates with their offset, place, languages, places left, whether registration is open, the public page
    (with the registration form) and the iCalendar file."""
    warnings: list[str] = []
    language = _content_language(request, warnings)
    with override(language):
        office = _office_param(request)
        starts_from, until = _date(request, "from", warnings), _date(request, "to", warnings)
        if starts_from and until and starts_from > until:
            raise HttpError(400, _("The date `from` is after the date `to`."))
        field_slugs, language_codes = params.values(request, "field"), params.values(request, "language")
        fields = selectors.fields_of_action_by_slug(field_slugs)
        params.unknown_ignored(warnings, _("topic"), [slug for slug in field_slugs if slug not in fields])
        languages = selectors.languages_by_code(language_codes)
        params.unknown_ignored(
            warnings, _("language"), [code for code in language_codes if code not in languages]
        )
        now = timezone.now()
        result = selectors.event_list(
            office=office,
            municipality_ids=params.municipality_ids(request, office, warnings),
            field_ids=[term.pk for term in fields.values()],
            language_ids=[lang.pk for lang in languages.values()],
            starts_from=_start_of(starts_from) if starts_from else None,
            starts_before=_start_of(until + timedelta(days=1)) if until else None,
            language=language,
            source_language=SOURCE_LANGUAGE,
            page=params.page_number(request, warnings),
            now=now,
        )
        urls, ics_urls = _urls(request, language)
        results = []
        for event in result.items:
            text, info = serializers.localized_list_row(event, language)
            results.append(
                serializers.event_item(event, text=text, info=info, urls=urls, ics_urls=ics_urls, now=now)
            )
    return params.list_response(request, result, results, warnings)


def _urls(request: HttpRequest, language: str) -> tuple[serializers.ContentUrls, serializers.ContentUrls]:
    build = request.build_absolute_uri
    return (
        serializers.ContentUrls(EVENT_VIEW, build_absolute_uri=build, language=language),
        serializers.ContentUrls(EVENT_ICS_VIEW, build_absolute_uri=build, language=language, with_slug=False),
    )


@router.get(
    "/events/{event_id}",
    response={200: EventDetail, 400: Error, 404: Error, 422: ValidationError},
    tags=["events"],
    summary="One event",
    openapi_extra={"parameters": [OFFICE_PARAMETER, LANG_PARAMETER]},
)
def event_detail(request: HttpRequest, event_id: int = Path(..., description="Id of the event.")):
    """The fields of the list plus the description (Markdown and sanitised HTML), the contact and the
    state of every translation. Past events stay available here; drafts and archived events: 404."""
    language = _content_language(request, [])
    with override(language):
        event = selectors.event_get_public(pk=event_id, office=_office_param(request))
        if event is None:
            raise HttpError(404, _("No published event with this id."))
        text, info, translations = serializers.localized_detail(event, language)
        urls, ics_urls = _urls(request, language)
        data = serializers.event_item(
            event, text=text, info=info, urls=urls, ics_urls=ics_urls, now=timezone.now()
        )
        data.update(
            {
                "description_markdown": text.description,
                "description_html": str(render_markdown(text.description)),
                "contact": {"email": event.contact_email, "phone": event.contact_phone},
            }
        )
        data.update(
            serializers.detail_info(event, translations, urls_in=lambda code: _urls(request, code)[0])
        )
    return _json(data)
