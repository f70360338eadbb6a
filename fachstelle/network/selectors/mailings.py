"""Reads of mailings: who a segment of the network reaches, the office's mailings and their recipients.

A segment (stored on `Mailing.segment`, also used to invite people to a meeting) is a dict:
    {"include": ["organisations", "contacts", "key_persons"],   # which addresses
     "kinds": [Organisation.Kind values], "fields": [FieldOfAction slugs],
     "municipalities": [BFS numbers of the office's municipalities], "key_person_languages": [codes]}
An empty filter list means "no restriction". Organisations match a municipality by their seat or by the
municipalities they serve; key persons by their municipalities and topics; key persons are only reached
with their consent to be contacted.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from fachstelle.core.models import Municipality, Office

from ..models import (
    Contact,
    KeyPerson,
    KeyPersonLanguage,
    Mailing,
    MailingOptOut,
    MailingRecipient,
    Organisation,
)

INCLUDE_ORGANISATIONS = "organisations"
INCLUDE_CONTACTS = "contacts"
INCLUDE_KEY_PERSONS = "key_persons"
INCLUDES = (INCLUDE_ORGANISATIONS, INCLUDE_CONTACTS, INCLUDE_KEY_PERSONS)
PREVIEW_ADDRESSES = 20


@dataclass(frozen=True)
class Address:
    """One address a segment reaches, with the record it belongs to ("contact:7")."""

    email: str
    name: str
    source: str
    opted_out: bool = False  # the record itself says "no mailings"

    @property
    def key(self) -> str:
        return self.email.strip().lower()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def segment_municipality_ids(*, office: Office, numbers) -> list[int]:
    """The office's municipalities with these BFS numbers (numbers of other offices are ignored)."""
    if not numbers:
        return []
    return list(
        Municipality.objects.filter(offices=office, bfs_number__in=list(numbers)).values_list("pk", flat=True)
    )


def segment_organisations(
    *, office: Office, segment: dict, municipality_ids: list[int] | None = None
) -> QuerySet[Organisation]:
    """The active organisations of the office that match the segment's type, field and place filters.
    `municipality_ids`: the segment's municipalities, when the caller resolved them already."""
    organisations = Organisation.objects.filter(office=office, is_active=True)
    if kinds := segment.get("kinds"):
        organisations = organisations.filter(kind__in=kinds)
    if fields := segment.get("fields"):
        organisations = organisations.filter(
            pk__in=Organisation.fields_of_action.through.objects.filter(
                fieldofaction__slug__in=fields
            ).values("organisation_id")
        )
    if segment.get("municipalities"):
        ids = municipality_ids
        if ids is None:
            ids = segment_municipality_ids(office=office, numbers=segment["municipalities"])
        served = Organisation.municipalities_served.through.objects.filter(municipality_id__in=ids)
        organisations = organisations.filter(
            Q(municipality_id__in=ids) | Q(pk__in=served.values("organisation_id"))
        )
    return organisations


def segment_key_persons(
    *, office: Office, segment: dict, municipality_ids: list[int] | None = None
) -> QuerySet[KeyPerson]:
    """Active key persons who agreed to be contacted, filtered by language, municipality and topic."""
    people = KeyPerson.objects.filter(office=office, is_active=True, consent_contact=True)
    if languages := segment.get("key_person_languages"):
        people = people.filter(
            pk__in=KeyPersonLanguage.objects.filter(language__code__in=languages).values("key_person_id")
        )
    if fields := segment.get("fields"):
        people = people.filter(
            pk__in=KeyPerson.topics.through.objects.filter(fieldofaction__slug__in=fields).values(
                "keyperson_id"
            )
        )
    if segment.get("municipalities"):
        ids = municipality_ids
        if ids is None:
            ids = segment_municipality_ids(office=office, numbers=segment["municipalities"])
        people = people.filter(
            pk__in=KeyPerson.municipalities.through.objects.filter(municipality_id__in=ids).values(
                "keyperson_id"
            )
        )
    return people


def segment_addresses(*, office: Office, segment: dict) -> list[Address]:
    """Every address the segment reaches, in a stable order (organisations, contacts, key persons by
    name), not yet deduplicated. Records without an e-mail address are left out."""
    include = set(segment.get("include") or ())
    addresses: list[Address] = []
    # Resolved once here rather than once per group of addresses.
    ids = segment_municipality_ids(office=office, numbers=segment.get("municipalities"))
    organisations = segment_organisations(office=office, segment=segment, municipality_ids=ids)
    if INCLUDE_ORGANISATIONS in include:
        for pk, name, email, opted_out in (
            organisations.exclude(email="")
            .order_by("name", "pk")
            .values_list("pk", "name", "email", "mailing_opt_out")
        ):
            addresses.append(Address(email, name, f"organisation:{pk}", opted_out))
    if INCLUDE_CONTACTS in include:
        contacts = (
            Contact.objects.filter(organisation__in=organisations.values("pk"))
            .exclude(email="")
            .order_by("organisation__name", "-is_primary", "name", "pk")
            .values_list("pk", "name", "email", "mailing_opt_out")
        )
        for pk, name, email, opted_out in contacts:
            addresses.append(Address(email, name, f"contact:{pk}", opted_out))
    if INCLUDE_KEY_PERSONS in include:
        people = (
            segment_key_persons(office=office, segment=segment, municipality_ids=ids)
            .exclude(email="")
            .order_by("name", "pk")
            .values_list("pk", "name", "email", "mailing_opt_out")
        )
        for pk, name, email, opted_out in people:
            addresses.append(Address(email, name, f"key_person:{pk}", opted_out))
    return addresses


def opted_out_emails(*, office: Office) -> set[str]:
    """The (lower-case) addresses that unsubscribed from the office's mailings."""
    return {
        normalise_email(e)
        for e in MailingOptOut.objects.filter(office=office).values_list("email", flat=True)
    }


@dataclass
class RecipientPlan:
    """Who a mailing goes to: deduplicated addresses, split into those to send and those to skip."""

    to_send: list[Address]
    to_skip: list[Address]

    @property
    def count(self) -> int:
        return len(self.to_send)


def mailing_recipient_plan(*, office: Office, segment: dict) -> RecipientPlan:
    """Deduplicate the segment's addresses by e-mail (the first record wins as the named source) and skip
    an address when it unsubscribed or any record with that address says "no mailings"."""
    blocked = opted_out_emails(office=office)
    first: dict[str, Address] = {}
    for address in segment_addresses(office=office, segment=segment):
        key = address.key
        if address.opted_out:
            blocked.add(key)
        first.setdefault(key, address)
    to_send, to_skip = [], []
    for key, address in first.items():
        (to_skip if key in blocked else to_send).append(address)
    return RecipientPlan(to_send=to_send, to_skip=to_skip)


# --- Mailings ------------------------------------------------------------------------------------------


def mailing_list(*, office: Office) -> QuerySet[Mailing]:
    """The office's mailings, newest first, with their recipient counts by status (one query)."""
    status = MailingRecipient.Status
    return (
        Mailing.objects.filter(office=office)
        .select_related("created_by")
        .annotate(
            recipients_total=Count("recipients"),
            recipients_sent=Count("recipients", filter=Q(recipients__status=status.SENT)),
            recipients_failed=Count("recipients", filter=Q(recipients__status=status.FAILED)),
            recipients_skipped=Count("recipients", filter=Q(recipients__status=status.SKIPPED)),
            recipients_queued=Count("recipients", filter=Q(recipients__status=status.QUEUED)),
        )
        .order_by("-created_at", "-pk")
    )


def mailing_get(*, office: Office, mailing_id: int) -> Mailing:
    # The office is joined: the preview renders the e-mail with the office's name and address.
    return get_object_or_404(mailing_list(office=office).select_related("office"), pk=mailing_id)


def mailing_recipients(*, mailing: Mailing, status: str | None = None) -> QuerySet[MailingRecipient]:
    recipients = mailing.recipients.order_by("pk")
    if status:
        recipients = recipients.filter(status=status)
    return recipients
