"""Reads of organisations, relations and the network map; the query shape of every page is decided here.

Counts shown per row (contacts, offers) are scalar subqueries of the page's one query, never a query per
row; lists are paginated with a separate COUNT.
"""

import json
import math
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Municipality, Office
from fachstelle.core.pagination import PER_PAGE, Page, paginate
from fachstelle.offers.models import Offer

from ..models import Contact, Inquiry, KeyPerson, Mailing, NetworkMeeting, Organisation, Relation

# The network map draws at most this many organisations (the most connected ones); the list shows all.
MAP_MAX_NODES = 60


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    kind: str = ""
    field_of_action: FieldOfAction | None = None
    municipality: Municipality | None = None  # served by the organisation (or its address)
    tag: str = ""
    active: bool | None = True
    page: int = 1


def _count_subquery(queryset: QuerySet, *, link: str) -> Coalesce:
    counted = queryset.filter(**{link: OuterRef("pk")}).order_by().values(link)
    counted = counted.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def organisation_queryset(*, office: Office, filters: OrganisationFilters) -> QuerySet:
    organisations = Organisation.objects.filter(office=office)
    if filters.active is not None:
        organisations = organisations.filter(is_active=filters.active)
    if filters.q:
        organisations = organisations.filter(name__icontains=filters.q)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.field_of_action is not None:
        organisations = organisations.filter(
            pk__in=Organisation.fields_of_action.through.objects.filter(
                fieldofaction_id=filters.field_of_action.pk
            ).values("organisation_id")
        )
    if filters.municipality is not None:
        served = Organisation.municipalities_served.through.objects.filter(
            municipality_id=filters.municipality.pk
        ).values("organisation_id")
        organisations = organisations.filter(Q(pk__in=served) | Q(municipality_id=filters.municipality.pk))
    if filters.tag:
        # Tags are a JSON list; a match on its text works on SQLite and PostgreSQL alike (SQLite has no
        # JSON containment). SQLite keeps the text as Python's json.dumps wrote it (ü as \u00fc),
        # PostgreSQL's jsonb as plain UTF-8: look for both spellings.
        escaped = json.dumps(filters.tag)[1:-1]
        organisations = organisations.filter(Q(tags__icontains=filters.tag) | Q(tags__icontains=escaped))
    return organisations


def organisation_list(*, office: Office, filters: OrganisationFilters, per_page: int = PER_PAGE) -> Page:
    """One page of organisations. Queries: the count, the page (municipality joined, contact and offer
    counts as subqueries), their fields of action."""
    organisations = (
        organisation_queryset(office=office, filters=filters)
        .select_related("municipality")
        .annotate(
            contact_count=_count_subquery(Contact.objects.all(), link="organisation"),
            offer_count=_count_subquery(Offer.objects.all(), link="provider"),
        )
        .prefetch_related(Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("order")))
        .order_by("name", "pk")
    )
    return paginate(organisations, page=filters.page, per_page=per_page)


def organisation_get(*, office: Office, organisation_id: int) -> Organisation:
    """An organisation of `office` (404 for another office's)."""
    organisation = get_object_or_404(Organisation, office=office, pk=organisation_id)
    organisation.office = office
    return organisation


def organisation_for_edit(*, office: Office, organisation_id: int) -> Organisation:
    """An organisation with what its edit form shows (contacts, fields, municipalities served)."""
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related("contacts", "fields_of_action", "municipalities_served"),
        office=office,
        pk=organisation_id,
    )
    organisation.office = office
    return organisation


@dataclass
class OrganisationDetail:
    organisation: Organisation
    contacts: list
    offers: list
    relations: list = field(default_factory=list)  # (relation, the other organisation, "out"/"in")


def organisation_detail(*, office: Office, organisation_id: int) -> OrganisationDetail:
    """The organisation page. Queries: the organisation (municipality joined), contacts, fields of action,
    municipalities served, its offers, its relations in both directions (other organisation joined)."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality").prefetch_related(
            "fields_of_action", "municipalities_served"
        ),
        office=office,
        pk=organisation_id,
    )
    organisation.office = office
    contacts = list(organisation.contacts.all())
    offers = list(organisation.offers.only("pk", "title", "status", "provider_id").order_by("title", "pk"))
    relations = []
    related = (
        Relation.objects.filter(office=office)
        .filter(Q(source=organisation) | Q(target=organisation))
        .select_related("source", "target", "field_of_action")
        .order_by("topic", "pk")
    )
    for relation in related:
        if relation.source_id == organisation.pk:
            relations.append((relation, relation.target, "out"))
        else:
            relations.append((relation, relation.source, "in"))
    return OrganisationDetail(
        organisation=organisation, contacts=contacts, offers=offers, relations=relations
    )


def organisation_choices(*, office: Office) -> list[Organisation]:
    """Active organisations of the office for a select (id and name only)."""
    return list(
        Organisation.objects.filter(office=office, is_active=True).only("pk", "name").order_by("name")
    )


# --- Relations and the map -----------------------------------------------------------------------------


def relation_list(*, office: Office) -> list[Relation]:
    """All relations of the office. One query (both organisations and the field joined)."""
    return list(
        Relation.objects.filter(office=office)
        .select_related("source", "target", "field_of_action")
        .order_by("source__name", "target__name", "topic", "pk")
    )


def relation_get(*, office: Office, relation_id: int) -> Relation:
    return get_object_or_404(Relation, office=office, pk=relation_id)


@dataclass(frozen=True)
class MapNode:
    organisation_id: int
    name: str
    x: float
    y: float
    degree: int
    radius: int  # grows with the number of relations
    label_x: float
    label_anchor: str  # text-anchor of the label: "start" on the right half of the circle, "end" on the left


@dataclass(frozen=True)
class MapEdge:
    source: MapNode
    target: MapNode
    topics: str  # the titles of every relation between the two, joined


@dataclass
class NetworkMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    size: int
    left_out: int  # organisations with relations that the picture has no room for


def circle_layout(count: int, *, size: int, margin: int) -> list[tuple[float, float]]:
    """`count` points evenly on a circle in a square of `size`, starting at the top, clockwise."""
    if count == 0:
        return []
    centre = size / 2
    if count == 1:
        return [(centre, centre)]
    radius = centre - margin
    return [
        (
            round(centre + radius * math.sin(2 * math.pi * i / count), 1),
            round(centre - radius * math.cos(2 * math.pi * i / count), 1),
        )
        for i in range(count)
    ]


def network_map(*, office: Office, relations: list[Relation] | None = None, size: int = 800) -> NetworkMap:
    """The network as a picture: organisations with relations on a circle (the most connected ones first,
    at most MAP_MAX_NODES), one line per connected pair with the topics as its title. Uses the relations
    already loaded for the list when given (no further query)."""
    if relations is None:
        relations = relation_list(office=office)
    degree: dict[int, int] = {}
    names: dict[int, str] = {}
    for relation in relations:
        for org in (relation.source, relation.target):
            degree[org.pk] = degree.get(org.pk, 0) + 1
            names[org.pk] = org.name
    ranked = sorted(degree, key=lambda pk: (-degree[pk], names[pk].casefold(), pk))
    shown = ranked[:MAP_MAX_NODES]
    # On the circle in name order, so that the picture is stable and readable.
    shown.sort(key=lambda pk: (names[pk].casefold(), pk))
    points = circle_layout(len(shown), size=size, margin=190)
    nodes = {}
    for pk, (x, y) in zip(shown, points, strict=True):
        radius = 5 + min(degree[pk], 8)
        right = x >= size / 2
        nodes[pk] = MapNode(
            organisation_id=pk,
            name=names[pk],
            x=x,
            y=y,
            degree=degree[pk],
            radius=radius,
            label_x=round(x + radius + 4 if right else x - radius - 4, 1),
            label_anchor="start" if right else "end",
        )
    topics: dict[tuple[int, int], list[str]] = {}
    for relation in relations:
        pair = tuple(sorted((relation.source_id, relation.target_id)))
        if pair[0] in nodes and pair[1] in nodes:
            topics.setdefault(pair, []).append(relation.topic)
    edges = [
        MapEdge(source=nodes[a], target=nodes[b], topics="; ".join(sorted(set(t))))
        for (a, b), t in sorted(topics.items())
    ]
    return NetworkMap(nodes=list(nodes.values()), edges=edges, size=size, left_out=len(ranked) - len(shown))


# --- The network's start page --------------------------------------------------------------------------


def network_overview(*, office: Office) -> dict[str, int]:
    """The counts on the network's start page, in one query (scalar subqueries on the office row)."""

    def count(queryset):
        counted = queryset.filter(office=OuterRef("pk")).order_by().values("office")
        return Coalesce(
            Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
        )

    row = (
        Office.objects.filter(pk=office.pk)
        .annotate(
            n_organisations=count(Organisation.objects.filter(is_active=True)),
            n_relations=count(Relation.objects.all()),
            n_key_persons=count(KeyPerson.objects.filter(is_active=True)),
            n_open_inquiries=count(
                Inquiry.objects.filter(status__in=[Inquiry.Status.NEW, Inquiry.Status.IN_PROGRESS])
            ),
            n_upcoming_meetings=count(NetworkMeeting.objects.filter(starts_at__gte=timezone.now())),
            n_draft_mailings=count(Mailing.objects.filter(status=Mailing.Status.DRAFT)),
        )
        .values(
            "n_organisations",
            "n_relations",
            "n_key_persons",
            "n_open_inquiries",
            "n_upcoming_meetings",
            "n_draft_mailings",
        )
        .get()
    )
    return {key.removeprefix("n_"): value for key, value in row.items()}
