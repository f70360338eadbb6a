"""Reading the canton's catalogue of proven offers: the list with its filters, one entry, who may maintain
it, and the suggestions for a process's needs for action (entries the municipality does not already have)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup
from fachstelle.core.staff import Role
from fachstelle.offers.models import Offer

from ..models import CatalogueEntry, CatalogueExample, Measure, NeedForAction, Process

# Who maintains the catalogue: administrators and editors of a canton-level office.
MAINTAINER_ROLES = (Role.ADMIN, Role.EDITOR)


def catalogue_can_maintain(*, office: Office, role: str | None) -> bool:
    return office.kind == Office.Kind.CANTONAL and role in MAINTAINER_ROLES


def catalogue_can_edit(*, entry: CatalogueEntry, office: Office, role: str | None) -> bool:
    """Only the maintaining office edits its own entries."""
    return catalogue_can_maintain(office=office, role=role) and entry.office_id == office.pk


def _examples_prefetch() -> Prefetch:
    return Prefetch(
        "examples",
        queryset=CatalogueExample.objects.select_related("municipality", "offer__office").order_by(
            "municipality__name", "pk"
        ),
    )


def catalogue_visible(*, office: Office) -> QuerySet[CatalogueEntry]:
    """Published entries of every office, plus the office's own unpublished drafts."""
    return CatalogueEntry.objects.filter(Q(is_published=True) | Q(office=office))


@dataclass
class CatalogueFilters:
    query: str = ""
    area: PromotionArea | None = None
    target_group: TargetGroup | None = None
    effort: str = ""
    max_cost: Decimal | None = None

    @property
    def active(self) -> bool:
        return bool(self.query or self.area or self.target_group or self.effort or self.max_cost is not None)


def catalogue_list(*, office: Office, filters: CatalogueFilters) -> list[CatalogueEntry]:
    """The visible entries matching the filters, with area, office, target groups and examples.
    Queries: entries, their target groups, their examples (3)."""
    entries = catalogue_visible(office=office)
    if filters.query:
        # Keywords are a JSON list; its text form is searched like the title and summary (case-insensitive).
        words = filters.query.split()
        for word in words:
            entries = entries.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(keywords__icontains=word)
            )
    if filters.area is not None:
        entries = entries.filter(promotion_area=filters.area)
    if filters.target_group is not None:
        entries = entries.filter(target_groups=filters.target_group)
    if filters.effort:
        entries = entries.filter(effort=filters.effort)
    if filters.max_cost is not None:
        # Affordable: the cost range starts at or below the budget (entries without a cost are left out).
        entries = entries.filter(
            Q(cost_min__lte=filters.max_cost) | Q(cost_min__isnull=True, cost_max__lte=filters.max_cost)
        )
    return list(
        entries.distinct()
        .select_related("promotion_area", "office")
        .prefetch_related("target_groups", _examples_prefetch())
        .order_by("promotion_area__code", "title", "pk")
    )


def catalogue_entry_get(*, office: Office, pk: int) -> CatalogueEntry:
    """One visible entry with everything its page shows; CatalogueEntry.DoesNotExist otherwise."""
    return (
        catalogue_visible(office=office)
        .select_related("promotion_area", "office")
        .prefetch_related("target_groups", "fields_of_action", _examples_prefetch())
        .get(pk=pk)
    )


def example_offer_is_running(offer: Offer | None, *, today=None) -> bool:
    """Published, shown in the directory and not ended."""
    if offer is None:
        return False
    today = today or timezone.localdate()
    return (
        offer.status == Offer.Status.PUBLISHED
        and offer.hidden_unconfirmed_at is None
        and (offer.end_date is None or offer.end_date >= today)
    )


def running_offers_in(*, municipality: Municipality, today=None) -> QuerySet[Offer]:
    """Published, not ended offers of any office available in the municipality (listed for it or held
    there)."""
    today = today or timezone.localdate()
    return (
        Offer.objects.public()
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(Q(municipalities=municipality) | Q(locations__municipality=municipality))
        .distinct()
    )


# --- Suggestions -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PresentItem:
    """Something the municipality already has that covers a catalogue entry."""

    label: str
    reason: str
    url: str = ""


@dataclass
class Suggestion:
    entry: CatalogueEntry
    area: PromotionArea
    shared_target_groups: list[TargetGroup] = field(default_factory=list)
    # Empty: suggested. Otherwise the entry is left out because the municipality already has these.
    already_present: list[PresentItem] = field(default_factory=list)

    @property
    def is_suggested(self) -> bool:
        return not self.already_present

    @property
    def reasons(self) -> list[str]:
        """Why the entry fits the need, in words."""
        language = active_language()
        area = f"{self.area.code} {self.area.label(language)}"
        result = [_("Same KIP promotion area (%(area)s)") % {"area": area}]
        if self.shared_target_groups:
            result.append(
                _("Same target groups: %(groups)s")
                % {"groups": ", ".join(group.label(language) for group in self.shared_target_groups)}
            )
        return result


def _keyword_hit(keywords: list[str], text: str) -> str | None:
    folded = text.casefold()
    for keyword in keywords:
        if keyword and keyword.casefold() in folded:
            return keyword
    return None


def catalogue_suggestions(
    *, process: Process, limit_per_need: int = 5, needs: list[NeedForAction] | None = None
) -> dict[int, list[Suggestion]]:
    """For each need for action of the process: published entries of the need's KIP area, ranked by the
    number of target groups they share with the need (then title), at most `limit_per_need` suggested;
    followed by the entries of the area the municipality already has (with `already_present` saying what):
    (a) an example of the entry in the municipality with a running offer, (b) a running offer available in
    the municipality that is an example of the entry anywhere or contains one of its keywords in its title
    or summary, (c) a measure of the process's programme taken from the entry.

    Queries: needs and their target groups (2, or 0 when `needs` with prefetched target groups is given),
    entries, their target groups, their examples, running offers of the municipality, programme measures
    (5); none per need."""
    if needs is None:
        needs = list(
            NeedForAction.objects.filter(process=process)
            .select_related("promotion_area")
            .prefetch_related("target_groups")
        )
    if not needs:
        return {}
    area_ids = {need.promotion_area_id for need in needs}
    entries = list(
        CatalogueEntry.objects.filter(is_published=True, promotion_area_id__in=area_ids)
        .select_related("promotion_area")
        .prefetch_related("target_groups", _examples_prefetch())
        .order_by("title", "pk")
    )
    if not entries:
        return {need.pk: [] for need in needs}
    municipality = process.municipality
    today = timezone.localdate()
    offers = list(
        running_offers_in(municipality=municipality, today=today)
        .select_related("office")
        .only("pk", "title", "summary", "office__slug")
    )
    measures = list(
        Measure.objects.filter(programme__process=process, catalogue_entry__isnull=False).only(
            "pk", "title", "catalogue_entry_id"
        )
    )
    present = {
        entry.pk: _present_for_entry(entry, municipality, offers, measures, today) for entry in entries
    }

    result: dict[int, list[Suggestion]] = {}
    for need in needs:
        need_groups = {group.pk: group for group in need.target_groups.all()}
        suggested, excluded = [], []
        for entry in entries:
            if entry.promotion_area_id != need.promotion_area_id:
                continue
            shared = [group for group in entry.target_groups.all() if group.pk in need_groups]
            suggestion = Suggestion(
                entry=entry,
                area=entry.promotion_area,
                shared_target_groups=shared,
                already_present=present[entry.pk],
            )
            (excluded if suggestion.already_present else suggested).append(suggestion)
        # Stable sort: most shared target groups first, the title order within.
        suggested.sort(key=lambda s: -len(s.shared_target_groups))
        result[need.pk] = suggested[:limit_per_need] + excluded
    return result


def _present_for_entry(entry, municipality, offers, measures, today) -> list[PresentItem]:
    items: list[PresentItem] = []
    seen_offers: set[int] = set()
    example_offer_ids = {example.offer_id for example in entry.examples.all() if example.offer_id}
    # (a) an example of the entry here whose offer is running.
    for example in entry.examples.all():
        if example.municipality_id == municipality.pk and example_offer_is_running(
            example.offer, today=today
        ):
            seen_offers.add(example.offer_id)
            items.append(
                PresentItem(
                    label=example.offer.title,
                    reason=_("example of this entry"),
                    url=example.offer.get_absolute_url(),
                )
            )
    # (b) a running offer here that is an example anywhere, or matches a keyword.
    for offer in offers:
        if offer.pk in seen_offers:
            continue
        if offer.pk in example_offer_ids:
            reason = _("example of this entry")
        else:
            keyword = _keyword_hit(entry.keywords or [], f"{offer.title} {offer.summary}")
            if keyword is None:
                continue
            reason = _("matches the keyword “%(keyword)s”") % {"keyword": keyword}
        seen_offers.add(offer.pk)
        items.append(PresentItem(label=offer.title, reason=reason, url=offer.get_absolute_url()))
    # (c) already a measure of the programme.
    for measure in measures:
        if measure.catalogue_entry_id == entry.pk:
            items.append(PresentItem(label=measure.title, reason=_("measure of the programme")))
    return items
