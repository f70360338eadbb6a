"""Offers as plain dicts in the documented shape (fachstelle.api.schemas).

Plain dicts rather than pydantic validation per row: the list endpoint is measured against a bare
psycopg baseline, and the shapes are checked by the tests instead (every answer is validated there).
Nothing here queries: everything comes prefetched or from the request's vocabulary.
"""

from django.urls import reverse
from django.utils.translation import override

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.offers.models import Offer
from fachstelle.offers.selectors import offer_localized


def _terms(terms, language: str) -> list[dict]:
    return [{"slug": term.slug, "name": term.label(language)} for term in terms]


_PK_MARK, _SLUG_MARK = 987654321, "slug-mark"


class OfferUrls:
    """Absolute URLs of offer pages in one language: one reverse() per office, not one per offer."""

    def __init__(self, *, build_absolute_uri, language: str):
        self.build_absolute_uri = build_absolute_uri
        self.language = language
        self._templates: dict[str, tuple[str, str]] = {}

    def __call__(self, offer: Offer, office: Office) -> str:
        template = self._templates.get(office.slug)
        if template is None:
            with override(self.language):
                path = reverse(
                    "offers:offer_detail",
                    kwargs={"office_slug": office.slug, "pk": _PK_MARK, "slug": _SLUG_MARK},
                )
            head, tail = self.build_absolute_uri(path).split(f"{_PK_MARK}-{_SLUG_MARK}")
            template = self._templates[office.slug] = (head, tail)
        return f"{template[0]}{offer.pk}-{offer.slug}{template[1]}"


def offer_list_item(offer: Offer, *, language: str, urls: OfferUrls) -> dict:
    """One result; needs provider, office and the card_* terms (offers.selectors: search or attach)."""
    text = offer_localized(offer, language)
    office = offer.office
    return {
        "id": offer.pk,
        "title": text.title,
        "summary": text.summary,
        "language": text.shown,
        "fallback": text.is_fallback,
        "provider": {"id": offer.provider_id, "name": offer.provider.name},
        "areas": _terms(offer.card_areas, language),
        "promotion_areas": [{"code": term.code, "name": term.label(language)} for term in offer.card_kip],
        "target_groups": _terms(offer.card_target_groups, language),
        "languages": [{"code": lang.code, "name": lang.label(language)} for lang in offer.card_languages],
        "municipalities": [{"bfs_number": m.bfs_number, "name": m.name} for m in offer.card_municipalities],
        "cost": {
            "type": offer.cost_type,
            "amount": None if offer.cost_amount is None else str(offer.cost_amount),
            "note": text.cost_note,
        },
        "childcare": offer.childcare,
        "online": offer.is_online,
        "barrier_free": offer.barrier_free,
        "office": {"slug": office.slug, "name": office.name},
        "url": urls(offer, office),
        "updated_at": offer.updated_at.isoformat(),
    }


def offer_detail(offer: Offer, *, language: str, translations: list, build_absolute_uri) -> dict:
    """The list fields plus everything the offer page shows (offers.selectors.offer_get_public)."""
    text = offer_localized(offer, language)
    offer.card_kip = tuple(offer.promotion_areas.all())
    offer.card_target_groups = tuple(offer.target_groups.all())
    data = offer_list_item(
        offer, language=language, urls=OfferUrls(build_absolute_uri=build_absolute_uri, language=language)
    )
    translated = []
    for translation in translations:
        url = OfferUrls(build_absolute_uri=build_absolute_uri, language=translation.language)(
            offer, offer.office
        )
        translated.append(
            {
                "language": translation.language,
                "status": translation.status_for(offer.source_revision).value,
                "public": translation.is_public,
                "url": url if translation.is_public else None,
            }
        )
    data.update(
        {
            "description": text.description,
            "childcare_note": text.childcare_note,
            "accessibility_note": text.accessibility_note,
            "locations": [
                {
                    "name": loc.name,
                    "street": loc.street,
                    "postcode": loc.postcode,
                    "municipality": {
                        "bfs_number": loc.municipality.bfs_number,
                        "name": loc.municipality.name,
                    },
                    "opening_hours": loc.opening_hours,
                    "by_appointment": loc.by_appointment,
                }
                for loc in offer.locations.all()
            ],
            "schedule": {
                "start_date": offer.start_date.isoformat() if offer.start_date else None,
                "end_date": offer.end_date.isoformat() if offer.end_date else None,
                "text": text.schedule_text,
            },
            "registration": {
                "required": offer.registration_required,
                "url": offer.registration_url,
                "email": offer.registration_email,
                "phone": offer.registration_phone,
                "note": text.registration_note,
            },
            "contact": {
                "name": offer.contact_name,
                "email": offer.contact_email,
                "phone": offer.contact_phone,
            },
            "last_confirmed_at": offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else None,
            "source_language": SOURCE_LANGUAGE,
            "translations": translated,
        }
    )
    return data


def municipality(m) -> dict:
    return {"bfs_number": m.bfs_number, "name": m.name, "canton": m.canton, "country": m.country}
