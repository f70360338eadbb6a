"""Catalogue demo for `make run`: the canton-level office Kanton Zürich maintains about two dozen proven
offers over all eight KIP areas, with examples linked to the demo directory's offers where one of that
title exists and is available in the example's municipality; and the needs for action of the Oftringen
process of Region Zofingen.

Idempotent: entries are looked up by office and title, needs by process and title, examples by entry and
municipality; a second run creates nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup
from fachstelle.offers.models import Offer

from . import demo_catalogue_data as D
from .demo import KompaktDemoResult
from .models import CatalogueEntry, CatalogueExample, NeedForAction, Process
from .services.catalogue import catalogue_example_add

ENTRY_FIELDS = (
    "summary",
    "description",
    "effort",
    "effort_note",
    "cost_min",
    "cost_max",
    "cost_note",
    "prerequisites",
    "keywords",
)


def _offer(title: str | None) -> Offer | None:
    if not title:
        return None
    return Offer.objects.filter(title=title, status=Offer.Status.PUBLISHED).order_by("pk").first()


def _example(entry, municipality, offer_title, note, result) -> None:
    if CatalogueExample.objects.filter(entry=entry, municipality=municipality).exists():
        result.existing["catalogue_examples"] += 1
        return
    offer = _offer(offer_title)
    try:
        catalogue_example_add(entry=entry, by=None, municipality=municipality, offer=offer, description=note)
    except ValidationError:
        # The offer is missing here (another demo changed it): keep the example without the link.
        catalogue_example_add(entry=entry, by=None, municipality=municipality, offer=None, description=note)
    result.created["catalogue_examples"] += 1


def _entries(office, areas, targets, municipalities, result) -> None:
    for spec in D.ENTRIES:
        entry = CatalogueEntry.objects.filter(office=office, title=spec["title"]).first()
        if entry is None:
            entry = CatalogueEntry(office=office, title=spec["title"], promotion_area=areas[spec["kip"]])
            for name in ENTRY_FIELDS:
                setattr(entry, name, spec[name])
            entry.full_clean()
            entry.save()
            entry.target_groups.set([targets[slug] for slug in spec["targets"] if slug in targets])
            result.created["catalogue_entries"] += 1
        else:
            result.existing["catalogue_entries"] += 1
        for bfs, offer_title, note in spec["examples"]:
            municipality = municipalities.get(bfs)
            if municipality is not None:
                _example(entry, municipality, offer_title, note, result)


def _needs(areas, targets, result) -> None:
    office = Office.objects.filter(slug=D.PROCESS_OFFICE_SLUG).first()
    municipality = Municipality.objects.filter(bfs_number=D.OFTRINGEN_BFS, country="CH").first()
    if office is None or municipality is None:
        return
    process, created = Process.objects.get_or_create(
        office=office,
        municipality=municipality,
        defaults={"status": Process.Status.ACTIVE, "municipal_contact_name": "Gemeindekanzlei Oftringen"},
    )
    (result.created if created else result.existing)["processes"] += 1
    workshops = {workshop.kind: workshop for workshop in process.workshops.order_by("starts_at")}
    for code, title, priority, rationale, target_slugs, workshop_kind in D.NEEDS:
        if NeedForAction.objects.filter(process=process, title=title).exists():
            result.existing["needs_for_action"] += 1
            continue
        need = NeedForAction.objects.create(
            process=process,
            promotion_area=areas[code],
            title=title,
            priority=priority,
            rationale=rationale,
            workshop=workshops.get(workshop_kind),
        )
        need.target_groups.set([targets[slug] for slug in target_slugs if slug in targets])
        result.created["needs_for_action"] += 1


@transaction.atomic
def load_catalogue_demo() -> KompaktDemoResult:
    """The catalogue of Kanton Zürich and the Oftringen needs (each skipped when its office is missing)."""
    result = KompaktDemoResult()
    areas = {area.code: area for area in PromotionArea.objects.all()}
    targets = {group.slug: group for group in TargetGroup.objects.all()}
    if not areas:
        return result
    office = Office.objects.filter(slug=D.CATALOGUE_OFFICE_SLUG, kind=Office.Kind.CANTONAL).first()
    if office is not None:
        numbers = {bfs for spec in D.ENTRIES for bfs, _title, _note in spec["examples"]}
        municipalities = {
            m.bfs_number: m for m in Municipality.objects.filter(country="CH", bfs_number__in=numbers)
        }
        _entries(office, areas, targets, municipalities, result)
    _needs(areas, targets, result)
    return result
