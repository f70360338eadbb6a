"""Reads of key persons and their assignments.

The search ("a key person who speaks Tigrinya in Rothrist") filters with `pk IN (…)` subqueries: the
language one is answered from the (language, key_person) index alone, the municipality one from the
M2M table's index, so it stays fast with thousands of key persons. Per-row data (languages, municipalities,
topics) comes in one prefetch query each, never a query per row.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office
from fachstelle.core.pagination import PER_PAGE, Page, paginate

from ..models import Assignment, KeyPerson, KeyPersonLanguage

ASSIGNMENTS_SHOWN = 100  # on the person's page; the totals count all of them


@dataclass(frozen=True)
class KeyPersonFilters:
    language: Language | None = None
    municipality: Municipality | None = None
    topic: FieldOfAction | None = None
    consent_only: bool = True
    q: str = ""
    page: int = 1


def key_person_search(
    *,
    office: Office,
    language: Language | None = None,
    municipality: Municipality | None = None,
    topic: FieldOfAction | None = None,
    consent_only: bool = True,
    q: str = "",
) -> QuerySet:
    """Active key persons of `office` who speak `language`, work in `municipality` and on `topic`; by
    default only those who agreed to be contacted. A queryset without per-row data (see `key_person_list`)."""
    people = KeyPerson.objects.filter(office=office, is_active=True)
    if consent_only:
        people = people.filter(consent_contact=True)
    if language is not None:
        people = people.filter(
            pk__in=KeyPersonLanguage.objects.filter(language_id=language.pk).values("key_person_id")
        )
    if municipality is not None:
        people = people.filter(
            pk__in=KeyPerson.municipalities.through.objects.filter(municipality_id=municipality.pk).values(
                "keyperson_id"
            )
        )
    if topic is not None:
        people = people.filter(
            pk__in=KeyPerson.topics.through.objects.filter(fieldofaction_id=topic.pk).values("keyperson_id")
        )
    if q:
        people = people.filter(name__icontains=q)
    return people.order_by("name", "pk")


def key_person_list(*, office: Office, filters: KeyPersonFilters, per_page: int = PER_PAGE) -> Page:
    """One page of the search. Queries: the count, the page, their languages (language joined), their
    municipalities, their topics."""
    people = key_person_search(
        office=office,
        language=filters.language,
        municipality=filters.municipality,
        topic=filters.topic,
        consent_only=filters.consent_only,
        q=filters.q,
    ).prefetch_related(
        Prefetch(
            "languages",
            queryset=KeyPersonLanguage.objects.select_related("language").order_by(
                "language__order", "language__name"
            ),
        ),
        "municipalities",
        Prefetch("topics", queryset=FieldOfAction.objects.order_by("order", "name")),
    )
    return paginate(people, page=filters.page, per_page=per_page)


def key_person_get(*, office: Office, key_person_id: int) -> KeyPerson:
    """A key person of `office` (404 for another office's)."""
    key_person = get_object_or_404(KeyPerson, office=office, pk=key_person_id)
    key_person.office = office
    return key_person


def key_person_for_edit(*, office: Office, key_person_id: int) -> KeyPerson:
    key_person = get_object_or_404(
        KeyPerson.objects.prefetch_related("languages", "municipalities", "topics"),
        office=office,
        pk=key_person_id,
    )
    key_person.office = office
    return key_person


@dataclass(frozen=True)
class YearTotal:
    year: int
    count: int
    hours: Decimal
    compensation: Decimal


@dataclass
class KeyPersonDetail:
    key_person: KeyPerson
    assignments: list[Assignment]
    totals: list[YearTotal]


def assignment_totals(*, key_person: KeyPerson) -> list[YearTotal]:
    """Assignments, hours and compensation per year (newest year first): one aggregate query."""
    rows = (
        Assignment.objects.filter(key_person=key_person)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk"), hours=Sum("hours"), compensation=Sum("compensation"))
        .order_by("-year")
    )
    return [
        YearTotal(
            year=row["year"],
            count=row["count"],
            hours=Decimal(row["hours"] or 0),
            compensation=Decimal(row["compensation"] or 0),
        )
        for row in rows
    ]


def key_person_detail(*, office: Office, key_person_id: int) -> KeyPersonDetail:
    """The key person's page. Queries: the person, languages, municipalities, topics, the latest
    assignments (language and municipality joined), the totals per year."""
    key_person = get_object_or_404(
        KeyPerson.objects.prefetch_related(
            Prefetch(
                "languages",
                queryset=KeyPersonLanguage.objects.select_related("language").order_by(
                    "language__order", "language__name"
                ),
            ),
            "municipalities",
            Prefetch("topics", queryset=FieldOfAction.objects.order_by("order", "name")),
        ),
        office=office,
        pk=key_person_id,
    )
    key_person.office = office
    assignments = list(
        Assignment.objects.filter(key_person=key_person).select_related("language", "municipality")[
            :ASSIGNMENTS_SHOWN
        ]
    )
    return KeyPersonDetail(
        key_person=key_person, assignments=assignments, totals=assignment_totals(key_person=key_person)
    )


def assignment_get(*, key_person: KeyPerson, assignment_id: int) -> Assignment:
    return get_object_or_404(Assignment, key_person=key_person, pk=assignment_id)
