"""The next public events of an office: the calendar's teaser, the guide's `[[events …]]` embed, the API."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from fachstelle.core.translation import Localized, localize

from ..models import Event, EventTranslation


def events_upcoming(
    *,
    office,
    language: str,
    field_slug: str | None = None,
    municipality=None,
    limit: int = 5,
    now=None,
) -> list[tuple[Event, Localized]]:
    """Published events of `office` that have not ended, soonest first, with their text in `language`.
    `municipality` (a Municipality or its id) keeps events there and online/region-wide ones (no place)."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(office=office, status=Event.Status.PUBLISHED, ends_at__gte=now)
        .select_related("municipality", "organiser")
        .order_by("starts_at", "pk")
    )
    if field_slug:
        events = events.filter(fields_of_action__slug=field_slug)
    if municipality is not None:
        municipality_id = getattr(municipality, "pk", municipality)
        events = events.filter(Q(municipality_id=municipality_id) | Q(municipality__isnull=True))
    translations = EventTranslation.objects.filter(language=language)
    events = events.prefetch_related(Prefetch("translations", queryset=translations, to_attr="wanted"))
    result = []
    if field_slug:
        events = events.distinct()
    for event in events[:limit]:
        event.office = office
        translation = event.wanted[0] if event.wanted else None
        result.append((event, localize(event, translation, language)))
    return result
