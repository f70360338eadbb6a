"""Live lists in guide pages: `[[offers …]]` from the directory and `[[events …]]` from the calendar,
expanded when the page is shown, so that nothing is written twice.

    [[offers field=deutsch municipality=4280 limit=5]]   published offers of the office on that topic,
                                                         in that municipality (default: the reader's)
    [[events field=deutsch limit=3]]                      the next events on that topic

Each embed costs a constant number of queries (offers: 2, events: 2), whatever its length; the
municipalities named in embeds are looked up once per page.
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from fachstelle.core.models import Municipality, Office
from fachstelle.core.richtext import Embed, embeds_parse
from fachstelle.events.selectors.upcoming import events_upcoming
from fachstelle.offers.models import Offer, OfferTranslation
from fachstelle.offers.selectors import offer_localized


def _municipalities(office: Office, embeds: list[Embed]) -> dict[int, Municipality]:
    numbers = {int(e.params["municipality"]) for e in embeds if e.params.get("municipality", "").isdigit()}
    if not numbers:
        return {}
    return {m.bfs_number: m for m in office.municipalities.filter(bfs_number__in=numbers)}


def _embed_municipality(embed: Embed, named: dict[int, Municipality], default: Municipality | None):
    """The municipality an embed is about: the one it names, else the reader's choice. A named number the
    office does not serve gives an empty list rather than the whole office's."""
    raw = embed.params.get("municipality", "")
    if not raw:
        return default, True
    if raw.isdigit() and int(raw) in named:
        return named[int(raw)], True
    return None, False


def offers_embed(
    *,
    office: Office,
    language: str,
    field_slug: str = "",
    municipality: Municipality | None = None,
    limit: int,
) -> list[tuple[Offer, object]]:
    """Published offers of the office, by title, with their text in `language`. Queries: 2."""
    offers = (
        Offer.objects.public()
        .filter(office=office)
        .select_related("provider")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=OfferTranslation.objects.filter(language=language),
                to_attr="active_translations",
            )
        )
        .order_by("title", "pk")
    )
    if field_slug:
        offers = offers.filter(fields_of_action__slug=field_slug)
    if municipality is not None:
        offers = offers.filter(municipalities=municipality)
    if field_slug or municipality is not None:
        offers = offers.distinct()
    result = []
    for offer in offers[:limit]:
        offer.office = office  # for its URL, without a query
        result.append((offer, offer_localized(offer, language)))
    return result


def _directory_url(office: Office, field_slug: str, municipality: Municipality | None) -> str:
    url = reverse("offers:offer_list", kwargs={"office_slug": office.slug})
    query = []
    if field_slug:
        query.append(f"area={field_slug}")
    if municipality is not None:
        query.append(f"municipality={municipality.bfs_number}")
    return url + ("?" + "&".join(query) if query else "")


def _event_url(event) -> str:
    return event.get_absolute_url()


def embeds_html_for(
    text: str, *, office: Office, language: str, municipality: Municipality | None = None
) -> dict[int, str]:
    """The HTML of every live list in `text` by its index, for `render_markdown(embeds_html=…)`."""
    embeds = embeds_parse(text)
    if not embeds:
        return {}
    named = _municipalities(office, embeds)
    result = {}
    for embed in embeds:
        field_slug = embed.params.get("field", "")
        place, known = _embed_municipality(embed, named, municipality)
        if embed.kind == "offers":
            items = (
                offers_embed(
                    office=office,
                    language=language,
                    field_slug=field_slug,
                    municipality=place,
                    limit=embed.limit,
                )
                if known
                else []
            )
            result[embed.index] = render_to_string(
                "guide/embeds/_offers.html",
                {"items": items, "more_url": _directory_url(office, field_slug, place)},
            )
        else:
            events = (
                events_upcoming(
                    office=office,
                    language=language,
                    field_slug=field_slug or None,
                    municipality=place,
                    limit=embed.limit,
                )
                if known
                else []
            )
            items = [(event, text_, _event_url(event)) for event, text_ in events]
            result[embed.index] = render_to_string(
                "guide/embeds/_events.html",
                {
                    "items": items,
                    "more_url": reverse("events_public:event_list", kwargs={"office_slug": office.slug}),
                },
            )
    return result
