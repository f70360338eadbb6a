"""Writes of the offer directory. Every path that changes an offer (back office, proposals, imports,
commands) goes through these functions, so versions, translation status and the search index stay right.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.core.services import revision_record

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
        {
            "name": loc.name,
            "street": loc.street,
            "postcode": loc.postcode,
            "municipality_id": loc.municipality_id,
            "opening_hours": loc.opening_hours,
            "by_appointment": loc.by_appointment,
        }
        for loc in offer.locations.all()
    ]
    return data


def offer_record_change(
    *,
    offer: Offer,
    by,
    changed_fields: set[str] | list[str] = (),
    minor_change: bool = False,
    comment: str = "",
) -> None:
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
def offer_create(
    *,
    office: Office,
    by,
    fields: dict,
    m2m: dict | None = None,
    locations: list[dict] | None = None,
    comment: str = "",
) -> Offer:
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
def offer_update(
    *,
    offer: Offer,
    by,
    fields: dict,
    m2m: dict | None = None,
    locations: list[dict] | None = None,
    minor_change: bool = False,
    comment: str = "",
) -> Offer:
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
    offer_record_change(
        offer=offer, by=by, changed_fields=changed, minor_change=minor_change, comment=comment
    )
    return offer


def offer_set_status(*, offer: Offer, status: str, by, comment: str = "") -> Offer:
    return offer_update(offer=offer, by=by, fields={"status": status}, comment=comment)


@transaction.atomic
def offer_translation_save(
    *, offer: Offer, language: str, values: dict, by, state: str = OfferTranslation.State.DONE
) -> OfferTranslation:
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


# --- Back office (admin) --------------------------------------------------------------------------------
# The admin's forms set an offer's fields and save its related rows themselves; these keep the rules of
# offer_update (who changed it, when it was first published) and of translations in one place.


def offer_save_edited(*, offer: Offer, by) -> Offer:
    """Save an offer whose fields a validated form has set; call offer_record_change once its relations
    (many-to-many, locations) are saved too."""
    user = by if getattr(by, "is_authenticated", False) else None
    if offer.pk is None:
        offer.created_by = user
    offer.updated_by = user
    if offer.status == Offer.Status.PUBLISHED and offer.published_at is None:
        offer.published_at = timezone.now()
    offer.save()
    return offer


@transaction.atomic
def offer_translation_delete(*, translation: OfferTranslation, by) -> None:
    offer_id, office_id = translation.offer_id, translation.offer.office_id
    translation.delete()
    offer_refresh_search_index(offer_ids=[offer_id])
    Office(pk=office_id).bump_directory_version()


# Fields a restored version brings back: the content, not the workflow (status, confirmation, office).
RESTORED_FIELDS = (
    "title",
    "summary",
    "description",
    "cost_type",
    "cost_amount",
    "cost_note",
    "childcare",
    "childcare_note",
    "barrier_free",
    "accessibility_note",
    "is_online",
    "start_date",
    "end_date",
    "schedule_text",
    "registration_required",
    "registration_url",
    "registration_email",
    "registration_phone",
    "registration_note",
    "contact_name",
    "contact_email",
    "contact_phone",
)


@transaction.atomic
def offer_restore_version(*, offer: Offer, data: dict, number: int, by) -> Offer:
    """Bring back the content of an earlier version (`data` = its snapshot) as a new version.

    Related records that no longer exist (a deleted provider, taxonomy term or municipality) are left as
    they are now; the provider must belong to the offer's office.
    """
    from fachstelle.core.models import FieldOfAction, Language, Municipality, PromotionArea, TargetGroup
    from fachstelle.network.models import Organisation

    fields = {}
    for name in RESTORED_FIELDS:
        if name in data:
            fields[name] = Offer._meta.get_field(name).to_python(data[name])
    provider = Organisation.objects.filter(pk=data.get("provider_id"), office_id=offer.office_id).first()
    if provider is not None:
        fields["provider"] = provider
    related = {
        "fields_of_action": FieldOfAction,
        "promotion_areas": PromotionArea,
        "target_groups": TargetGroup,
        "languages": Language,
        "municipalities": Municipality,
    }
    m2m = {
        name: list(model.objects.filter(pk__in=data[name]).values_list("pk", flat=True))
        for name, model in related.items()
        if isinstance(data.get(name), list)
    }
    locations = None
    if isinstance(data.get("locations"), list):
        existing = set(
            Municipality.objects.filter(
                pk__in=[row.get("municipality_id") for row in data["locations"]]
            ).values_list("pk", flat=True)
        )
        locations = [row for row in data["locations"] if row.get("municipality_id") in existing]
    return offer_update(
        offer=offer,
        by=by,
        fields=fields,
        m2m=m2m,
        locations=locations,
        comment=gettext("Restored version %(number)s") % {"number": number},
    )


@transaction.atomic
def offer_delete(*, offer: Offer, by) -> None:
    """Delete an offer for good (its versions stay); archiving is the usual way to take it offline."""
    office_id = offer.office_id
    offer.delete()
    Office(pk=office_id).bump_directory_version()


def provider_record_change(*, provider, changed_fields: set[str] | list[str] = ()) -> None:
    """After a provider (organisation) was edited: its name is part of its offers' search text, and the
    directory pages show it."""
    if "name" in set(changed_fields):
        offer_refresh_search_index(offer_ids=list(provider.offers.values_list("pk", flat=True)))
    Office(pk=provider.office_id).bump_directory_version()
