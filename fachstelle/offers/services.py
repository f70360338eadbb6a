"""Writes of the offer directory. Every path that changes an offer (back office, proposals, imports,
commands) goes through these functions, so versions, translation status and the search index stay right.
"""

from django.db import transaction
from django.utils import timezone

from fachstelle.core.models import Office
from fachstelle.core.services import revision_record
from fachstelle.core.languages import SOURCE_LANGUAGE

from .models import Location, Offer, OfferTranslation
from .search import offer_refresh_search_index

M2M_FIELDS = ("fields_of_action", "promotion_areas", "target_groups", "languages", "municipalities")


def offer_snapshot(offer: Offer) -> dict:
    """The content of an offer as stored in a version (scalars, related ids, locations)."""
    data = {}
    for f in offer._meta.concrete_fields:
        if f.name in {"search_document", "search_vector", "created_at", "updated_at", "id"}:
            continue
        data[f.attname] = f.value_from_object(offer)
    for name in M2M_FIELDS:
        data[name] = sorted(getattr(offer, name).values_list("pk", flat=True))
    data["locations"] = [
        {"name": loc.name, "street": loc.street, "postcode": loc.postcode, "municipality_id": loc.municipality_id,
         "opening_hours": loc.opening_hours, "by_appointment": loc.by_appointment}
        for loc in offer.locations.all()
    ]
    return data


def offer_record_change(*, offer: Offer, by, changed_fields: set[str] | list[str] = (), minor_change: bool = False,
                        comment: str = "") -> None:
    """After any write of an offer: translation status, search index, version, directory caches."""
    german_changed = bool(set(changed_fields) & set(Offer.TRANSLATED_FIELDS))
    if german_changed and not minor_change:
        Offer.objects.filter(pk=offer.pk).update(source_revision=offer.source_revision + 1)
        offer.source_revision += 1
    offer_refresh_search_index(offer_ids=[offer.pk])
    revision_record(obj=offer, data=offer_snapshot(offer), by=by, comment=comment, office=offer.office)
    Office(pk=offer.office_id).bump_directory_version()


def _set_locations(offer: Offer, locations: list[dict]) -> None:
    offer.locations.all().delete()
    for order, values in enumerate(locations):
        location = Location(offer=offer, order=order, **values)
        location.full_clean()
        location.save()


@transaction.atomic
def offer_create(*, office: Office, by, fields: dict, m2m: dict | None = None,
                 locations: list[dict] | None = None, comment: str = "") -> Offer:
    offer = Offer(office=office, created_by=by if getattr(by, "is_authenticated", False) else None, **fields)
    offer.updated_by = offer.created_by
    if offer.status == Offer.Status.PUBLISHED:
        offer.published_at = timezone.now()
    offer.full_clean()
    offer.save()
    for name, values in (m2m or {}).items():
        getattr(offer, name).set(values)
    _set_locations(offer, locations or [])
    offer_record_change(offer=offer, by=by, changed_fields=set(fields), comment=comment)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by, fields: dict, m2m: dict | None = None,
                 locations: list[dict] | None = None, minor_change: bool = False, comment: str = "") -> Offer:
    changed = {name for name, value in fields.items() if getattr(offer, name) != value}
    for name, value in fields.items():
        setattr(offer, name, value)
    if "status" in changed and offer.status == Offer.Status.PUBLISHED and offer.published_at is None:
        offer.published_at = timezone.now()
    offer.updated_by = by if getattr(by, "is_authenticated", False) else None
    offer.full_clean()
    offer.save()
    for name, values in (m2m or {}).items():
        getattr(offer, name).set(values)
        changed.add(name)
    if locations is not None:
        _set_locations(offer, locations)
        changed.add("locations")
    offer_record_change(offer=offer, by=by, changed_fields=changed, minor_change=minor_change, comment=comment)
    return offer


def offer_set_status(*, offer: Offer, status: str, by, comment: str = "") -> Offer:
    return offer_update(offer=offer, by=by, fields={"status": status}, comment=comment)


def offer_publish(*, offer: Offer, by) -> Offer:
    return offer_set_status(offer=offer, status=Offer.Status.PUBLISHED, by=by)


@transaction.atomic
def offer_translation_save(*, offer: Offer, language: str, values: dict, by,
                           state: str = OfferTranslation.State.DONE) -> OfferTranslation:
    """Create or update one translation; a finished translation is marked as made from the current text."""
    if language == SOURCE_LANGUAGE:
        raise ValueError("German is the source language, not a translation")
    translation, _created = OfferTranslation.objects.get_or_create(
        offer=offer, language=language, defaults={"source_revision": offer.source_revision}
    )
    for name, value in values.items():
        setattr(translation, name, value)
    translation.state = state
    if state != OfferTranslation.State.IN_TRANSLATION:
        translation.source_revision = offer.source_revision
    translation.full_clean()
    translation.save()
    offer_refresh_search_index(offer_ids=[offer.pk])
    Office(pk=offer.office_id).bump_directory_version()
    return translation


@transaction.atomic
def offers_confirm(*, offers: list[Offer], by=None) -> int:
    """A provider or staff member confirmed that these offers are still correct."""
    now = timezone.now()
    ids = [offer.pk for offer in offers]
    updated = Offer.objects.filter(pk__in=ids).update(
        last_confirmed_at=now, confirmation_overdue_since=None, hidden_unconfirmed_at=None
    )
    for office_id in {offer.office_id for offer in offers}:
        Office(pk=office_id).bump_directory_version()
    return updated
