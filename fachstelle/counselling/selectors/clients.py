"""Reads of clients: duplicate check, quick search, and the data shown on a client's page.

Names are encrypted, so nothing here filters on them in SQL: the duplicate check compares the HMAC of the
normalised name (`name_fingerprint`), the quick search the HMACs of word prefixes (`name_tokens`).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from fachstelle.core.audit import audit_events_for_target
from fachstelle.core.crypto import name_fingerprint, search_term_tokens
from fachstelle.core.models import AuditEvent, Membership, Office

from ..access import cases_visible_to, clients_visible_to, membership_role
from ..models import (
    Case,
    Client,
    ClientLanguage,
    Consent,
    Intake,
    IntegrationPlan,
    PlanGoal,
    PlanStep,
)
from .cases import staff_choices
from .name_search import clients_matching_tokens

ACCESS_LOG_LENGTH = 20
SEARCH_LIMIT = 50
# "P-000123", "p123" or "123": a reference typed into the quick search.
_REFERENCE = re.compile(r"^\s*(?:p-?)?0*(\d{1,12})\s*$", re.IGNORECASE)


def client_find_duplicates(*, office: Office, name: str, year_of_birth: int | None) -> list[Client]:
    """Clients of `office` with the same normalised name and the same year of birth (a client without a
    year, or a search without one, matches on the name alone): likely the same person."""
    fingerprint = name_fingerprint(name)
    if not fingerprint:
        return []
    matches = Client.objects.filter(office=office, name_fingerprint=fingerprint, anonymised_at__isnull=True)
    if year_of_birth is not None:
        matches = matches.filter(Q(year_of_birth=year_of_birth) | Q(year_of_birth__isnull=True))
    return list(matches.select_related("counsellor").order_by("pk")[:5])


def clients_search(*, user, office: Office, term: str, limit: int = SEARCH_LIMIT) -> QuerySet[Client]:
    """The clients `user` may see whose name or pseudonym has a word starting with each word of `term`
    (at least two letters), or whose reference is `term`."""
    visible = clients_visible_to(user=user, office=office).filter(anonymised_at__isnull=True)
    tokens = search_term_tokens(term)
    reference = _REFERENCE.match(term or "")
    if not tokens and not reference:
        return visible.none()
    condition = Q()
    if tokens:
        condition |= Q(pk__in=clients_matching_tokens(office=office, tokens=tokens).values("pk"))
    if reference:
        condition |= Q(pk=int(reference.group(1)))
    return visible.filter(condition).select_related("counsellor", "municipality").order_by("-pk")[:limit]


def counsellor_choices(*, office: Office) -> QuerySet:
    """Users who may be responsible for a client: those who may hold a case (counsellors and admins)."""
    return staff_choices(office=office)


@dataclass
class ClientPage:
    """Everything the client page shows, loaded with a fixed number of queries."""

    client: Client
    intake: Intake | None
    plan: IntegrationPlan | None
    cases: list[Case]
    access_log: list[AuditEvent] = field(default_factory=list)
    shows_access_log: bool = False


def client_may_see_access_log(*, user, office: Office, client: Client) -> bool:
    """The access log of a record: office admins and the responsible counsellor."""
    role = membership_role(user=user, office=office)
    return role == Membership.Role.ADMIN or (
        role == Membership.Role.COUNSELLOR and client.counsellor_id == user.pk
    )


def client_page(*, user, office: Office, client: Client) -> ClientPage:
    # One query per related list; none per row.
    prefetch_related_objects(
        [client],
        Prefetch("languages", queryset=ClientLanguage.objects.select_related("language").order_by("pk")),
        "qualifications",
        Prefetch("consents", queryset=Consent.objects.select_related("partner")),
    )
    intake = (
        Intake.objects.filter(client=client)
        .select_related("interpreter_language")
        .prefetch_related("goals")
        .first()
    )
    plan = (
        IntegrationPlan.objects.filter(client=client)
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=PlanGoal.objects.prefetch_related(
                    Prefetch("steps", queryset=PlanStep.objects.order_by("due_on", "pk"))
                ),
            )
        )
        .first()
    )
    cases = list(
        cases_visible_to(user=user, office=office)
        .filter(client=client)
        .select_related("counsellor")
        .order_by("-opened_on", "-pk")
    )
    page = ClientPage(client=client, intake=intake, plan=plan, cases=cases)
    if client_may_see_access_log(user=user, office=office, client=client):
        page.shows_access_log = True
        page.access_log = list(
            audit_events_for_target(target=client).order_by("-at", "-pk")[:ACCESS_LOG_LENGTH]
        )
    return page


def client_languages(*, client: Client) -> list[ClientLanguage]:
    return list(client.languages.select_related("language").order_by("pk"))


def plan_goal_get(*, client: Client, goal_id: int) -> PlanGoal | None:
    """A goal of the client's plan (None if the id is not one of them)."""
    return PlanGoal.objects.filter(plan__client=client, pk=goal_id).select_related("plan").first()


def plan_step_get(*, client: Client, step_id: int) -> PlanStep | None:
    return PlanStep.objects.filter(goal__plan__client=client, pk=step_id).select_related("goal__plan").first()


def consent_get(*, client: Client, consent_id: int) -> Consent | None:
    return client.consents.filter(pk=consent_id).select_related("partner").first()
