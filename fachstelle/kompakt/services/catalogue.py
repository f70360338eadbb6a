"""Maintaining the canton's catalogue of proven offers: entries, their examples, publishing.

Callers check who may maintain (selectors.catalogue.catalogue_can_edit); these functions check the data:
cost range ordered, keywords a clean list, an example's offer published and available in its municipality.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import FieldOfAction, Municipality, Office, TargetGroup
from fachstelle.core.validation import FieldErrors
from fachstelle.offers.models import Offer

from ..models import CatalogueEntry, CatalogueExample

ENTRY_FIELDS = (
    "title",
    "summary",
    "description",
    "promotion_area",
    "effort",
    "effort_note",
    "cost_min",
    "cost_max",
    "cost_note",
    "prerequisites",
    "keywords",
    "is_published",
)
KEYWORD_MAX_LENGTH = 60
KEYWORDS_MAX = 30


def catalogue_keywords_parse(text: str) -> list[str]:
    """A comma (or semicolon, or line) separated list → cleaned keywords, duplicates removed regardless of
    case; ValidationError for a keyword that is too long or too many keywords."""
    keywords: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;\n]", text or ""):
        keyword = " ".join(part.split())
        if not keyword or keyword.casefold() in seen:
            continue
        if len(keyword) > KEYWORD_MAX_LENGTH:
            raise ValidationError(
                _("The keyword “%(keyword)s” is too long (at most %(max)s characters).")
                % {"keyword": keyword[:KEYWORD_MAX_LENGTH] + "…", "max": KEYWORD_MAX_LENGTH}
            )
        seen.add(keyword.casefold())
        keywords.append(keyword)
    if len(keywords) > KEYWORDS_MAX:
        raise ValidationError(_("At most %(max)s keywords, please.") % {"max": KEYWORDS_MAX})
    return keywords


def _check_entry(entry: CatalogueEntry, errors: FieldErrors) -> None:
    if (
        entry.cost_min is not None
        and entry.cost_max is not None
        and Decimal(entry.cost_max) < Decimal(entry.cost_min)
    ):
        errors.add("cost_max", _("The upper cost must not be lower than the lower cost."))
    if not isinstance(entry.keywords, list) or not all(isinstance(k, str) for k in entry.keywords):
        errors.add("keywords", _("Enter the keywords as a list separated by commas."))
    errors.add_model_errors(entry, exclude=["office"])


def _save_entry(entry, *, fields, target_groups, fields_of_action) -> None:
    for name, value in fields.items():
        if name in ENTRY_FIELDS:
            setattr(entry, name, value)
    errors = FieldErrors()
    _check_entry(entry, errors)
    errors.raise_if_any()
    entry.save()
    if target_groups is not None:
        entry.target_groups.set(target_groups)
    if fields_of_action is not None:
        entry.fields_of_action.set(fields_of_action)


@transaction.atomic
def catalogue_entry_create(
    *,
    office: Office,
    by,
    fields: dict,
    target_groups: list[TargetGroup] | None = None,
    fields_of_action: list[FieldOfAction] | None = None,
) -> CatalogueEntry:
    if office.kind != Office.Kind.CANTONAL:
        raise ValidationError(_("Only a canton-level office maintains the catalogue."))
    entry = CatalogueEntry(office=office)
    _save_entry(entry, fields=fields, target_groups=target_groups, fields_of_action=fields_of_action)
    audit_record(
        actor=by, action=Action.CREATE, office=office, target=entry, detail=f"catalogue: {entry.title}"
    )
    return entry


@transaction.atomic
def catalogue_entry_update(
    *,
    entry: CatalogueEntry,
    by,
    fields: dict,
    target_groups: list[TargetGroup] | None = None,
    fields_of_action: list[FieldOfAction] | None = None,
) -> CatalogueEntry:
    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    _save_entry(entry, fields=fields, target_groups=target_groups, fields_of_action=fields_of_action)
    audit_record(
        actor=by, action=Action.UPDATE, office=entry.office, target=entry, detail=f"catalogue: {entry.title}"
    )
    return entry


@transaction.atomic
def catalogue_entry_set_published(*, entry: CatalogueEntry, by, published: bool) -> CatalogueEntry:
    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_published != published:
        entry.is_published = published
        entry.save(update_fields=["is_published", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=entry.office,
            target=entry,
            detail=f"catalogue: {'published' if published else 'unpublished'} {entry.title}",
        )
    return entry


def offer_from_reference(reference: str) -> Offer | None:
    """The directory offer a staff member named by its number or the address of its public page
    (…/offers/123-slug/); None when the text names none."""
    text = (reference or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"#?(\d+)", text) or re.search(r"/offers/(\d+)(?:[-/]|$)", text)
    if match is None:
        raise ValidationError(
            {"offer": _("Enter the number of the offer or the address of its page in the directory.")}
        )
    offer = Offer.objects.select_related("office").filter(pk=int(match.group(1))).first()
    if offer is None:
        raise ValidationError({"offer": _("There is no offer with this number in the directory.")})
    return offer


@transaction.atomic
def catalogue_example_add(
    *,
    entry: CatalogueEntry,
    by,
    municipality: Municipality,
    offer: Offer | None = None,
    description: str = "",
) -> CatalogueExample:
    """Add where the entry already runs. The offer, if given, must be published and available in the
    municipality (listed for it or held there)."""
    errors = FieldErrors()
    if offer is not None:
        if offer.status != Offer.Status.PUBLISHED or offer.hidden_unconfirmed_at is not None:
            errors.add(
                "offer", _("The offer “%(title)s” is not published in the directory.") % {"title": offer}
            )
        elif (
            not Offer.objects.filter(pk=offer.pk)
            .filter(Q(municipalities=municipality) | Q(locations__municipality=municipality))
            .exists()
        ):
            errors.add(
                "offer",
                _("The offer “%(title)s” is not available in %(municipality)s.")
                % {"title": offer, "municipality": municipality},
            )
    if entry.examples.filter(municipality=municipality, offer=offer).exists():
        errors.add("municipality", _("This example is already listed."))
    example = CatalogueExample(entry=entry, municipality=municipality, offer=offer, description=description)
    errors.add_model_errors(example, exclude=["entry"])
    errors.raise_if_any()
    example.save()
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=entry.office,
        target=entry,
        detail=f"catalogue example added: {municipality}" + (f", offer {offer.pk}" if offer else ""),
    )
    return example


@transaction.atomic
def catalogue_example_remove(*, example: CatalogueExample, by) -> None:
    entry = example.entry
    detail = f"catalogue example removed: {example.municipality}"
    example.delete()
    audit_record(actor=by, action=Action.UPDATE, office=entry.office, target=entry, detail=detail)
