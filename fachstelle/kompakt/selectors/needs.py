"""Reading a process's needs for action (grouped by KIP promotion area, highest priority first) and the
minutes of its workshops."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When

from fachstelle.core.models import Office

from ..models import NeedForAction, Process, Workshop
from .catalogue import Suggestion
from .portrait import Inventory

PRIORITY_RANK = {
    NeedForAction.Priority.HIGH: 0,
    NeedForAction.Priority.MEDIUM: 1,
    NeedForAction.Priority.LOW: 2,
}


def process_for_office(*, office: Office) -> QuerySet[Process]:
    """The office's processes (fetch one with get_object_or_404(process_for_office(…), pk=…))."""
    return Process.objects.filter(office=office).select_related("municipality", "office")


def workshops_for_office(*, office: Office) -> QuerySet[Workshop]:
    return Workshop.objects.filter(process__office=office).select_related("process__municipality")


def needs_for_process(*, process: Process) -> list[NeedForAction]:
    """The needs, highest priority first, then in the order recorded. Queries: needs, target groups (2)."""
    rank = Case(
        *[When(priority=priority, then=Value(value)) for priority, value in PRIORITY_RANK.items()],
        default=Value(9),
        output_field=IntegerField(),
    )
    return list(
        NeedForAction.objects.filter(process=process)
        .select_related("promotion_area", "workshop")
        .prefetch_related("target_groups")
        .annotate(priority_rank=rank)
        .order_by("priority_rank", "pk")
    )


@dataclass
class NeedRow:
    """A need with its catalogue suggestions, split for the page."""

    need: NeedForAction
    suggested: list[Suggestion] = field(default_factory=list)
    already_present: list[Suggestion] = field(default_factory=list)


@dataclass
class AreaNeeds:
    code: str
    label: str
    offers_count: int
    rows: list[NeedRow] = field(default_factory=list)

    @property
    def has_offers(self) -> bool:
        return self.offers_count > 0


def needs_by_area(
    *,
    needs: list[NeedForAction],
    inventory: Inventory,
    suggestions: dict[int, list[Suggestion]] | None = None,
) -> list[AreaNeeds]:
    """Every KIP area (in code order) with its needs (and their suggestions) and the number of the
    municipality's offers listed there; no queries (the inventory already holds every area)."""
    suggestions = suggestions or {}
    by_code: dict[str, list[NeedRow]] = {}
    for need in needs:
        items = suggestions.get(need.pk, [])
        row = NeedRow(
            need=need,
            suggested=[s for s in items if s.is_suggested],
            already_present=[s for s in items if not s.is_suggested],
        )
        by_code.setdefault(need.promotion_area.code, []).append(row)
    return [
        AreaNeeds(
            code=area.code, label=area.label, offers_count=len(area.offers), rows=by_code.get(area.code, [])
        )
        for area in inventory.areas
        if area.code
    ]
