"""Writes of organisations, their contact persons and their relations (the network map).

Every function checks its whole input first and raises one `ValidationError` keyed by form field
(`NON_FIELD_ERRORS` for rules about the record as a whole), then writes in one transaction. An organisation
is also the provider of the offers directory: every write ends with `provider_record_change`, which
refreshes its offers' search text when the name changed and bumps the office's directory version, so the
cached public pages forget the old name, address and contact details.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Municipality, Office
from fachstelle.core.validation import FieldErrors
from fachstelle.offers.services import provider_record_change

from ..models import Contact, Organisation, Relation

# The plain fields a form edits; relations (M2M, contacts) are passed separately.
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "description",
    "street",
    "postcode",
    "municipality",
    "website",
    "email",
    "phone",
    "is_public",
    "confirmation_email",
    "notes",
    "is_active",
    "mailing_opt_out",
)
CONTACT_FIELDS = ("name", "role", "email", "phone", "is_primary", "mailing_opt_out")
MAX_TAGS = 20
MAX_TAG_LENGTH = 50
SLUG_LENGTH = Organisation._meta.get_field("slug").max_length


@dataclass(frozen=True)
class ContactEntry:
    """One row of the contacts formset: `contact_id` None adds, `delete` removes an existing one."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    is_primary: bool = False
    mailing_opt_out: bool = False
    contact_id: int | None = None
    delete: bool = False

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in CONTACT_FIELDS}


# --- Helpers -------------------------------------------------------------------------------------------


def tags_normalise(tags: Iterable[str]) -> list[str]:
    """Tags as stored: trimmed, inner whitespace collapsed, empty ones dropped, each once (compared without
    case; the first spelling wins), in the order given."""
    result: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result


def model_errors(errors: FieldErrors, instance, *, exclude: list[str]) -> None:
    """The model's own checks (lengths, choices, e-mail and URL syntax) as a backstop: a field that already
    has our clearer message keeps only that one."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.add_validation_error(error, unless_present=True)


def _check_tags(errors: FieldErrors, tags: list[str]) -> None:
    if len(tags) > MAX_TAGS:
        errors.add("tags", _("At most %(count)s tags, please.") % {"count": MAX_TAGS})
    too_long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
    if too_long:
        errors.add(
            "tags",
            _("A tag can have at most %(count)s characters: %(tag)s")
            % {"count": MAX_TAG_LENGTH, "tag": too_long[0][:60]},
        )


def _check_served(errors: FieldErrors, *, office: Office, municipalities: Iterable[Municipality]) -> None:
    """Municipalities served are among the office's own (the network is the office's region)."""
    wanted = {m.pk for m in municipalities}
    if wanted:
        own = set(office.municipalities.filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted - own:
            errors.add(
                "municipalities_served",
                _("Choose only municipalities that the office serves."),
            )


def _unique_slug(*, office: Office, name: str, exclude_pk: int | None = None) -> str:
    """A slug from the name, unique within the office: "verein-x", then "verein-x-2", "verein-x-3"…"""
    base = slugify(name)[: SLUG_LENGTH - 6].strip("-") or "organisation"
    taken = set(
        Organisation.objects.filter(office=office, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _check_contacts(errors: FieldErrors, *, organisation: Organisation | None, entries: list[ContactEntry]):
    """Each contact has a name and a valid address; ids name contacts of this organisation; at most one is
    the main contact. Returns the existing contacts by id."""
    existing: dict[int, Contact] = {}
    if organisation is not None and organisation.pk:
        existing = {c.pk: c for c in organisation.contacts.all()}
    primaries = 0
    for entry in entries:
        if entry.contact_id is not None and entry.contact_id not in existing:
            errors.add("contacts", _("A contact person was not found; reload the page and try again."))
            continue
        if entry.delete:
            continue
        primaries += bool(entry.is_primary)
        contact = Contact(organisation=organisation, **entry.fields())
        try:
            contact.full_clean(exclude=["organisation"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            label = entry.name or _("(no name)")
            for field, messages in error.message_dict.items():
                verbose = Contact._meta.get_field(field).verbose_name
                for message in messages:
                    errors.add(
                        "contacts",
                        _("%(contact)s, %(field)s: %(message)s")
                        % {"contact": label, "field": verbose, "message": message},
                    )
    if primaries > 1:
        errors.add("contacts", _("Only one contact person can be the main contact."))
    return existing


def _save_contacts(*, organisation: Organisation, entries: list[ContactEntry], existing: dict) -> None:
    for entry in entries:
        if entry.contact_id is None:
            if not entry.delete:
                contact_add(organisation=organisation, **entry.fields())
        elif entry.delete:
            contact_remove(contact=existing[entry.contact_id])
        else:
            contact_update(contact=existing[entry.contact_id], **entry.fields())


def _organisation_errors(
    *,
    office: Office,
    organisation: Organisation,
    fields_of_action,
    municipalities_served,
    tags: list[str],
    contacts: list[ContactEntry] | None,
) -> tuple[FieldErrors, dict]:
    errors = FieldErrors()
    organisation.name = " ".join((organisation.name or "").split())
    if not organisation.name:
        errors.add("name", _("Enter the name of the organisation."))
    model_errors(errors, organisation, exclude=["office", "slug", "tags"])
    _check_tags(errors, tags)
    _check_served(errors, office=office, municipalities=municipalities_served)
    if any(not isinstance(f, FieldOfAction) for f in fields_of_action):
        errors.add("fields_of_action", _("Choose fields of action from the list."))
    existing = {}
    if contacts is not None:
        existing = _check_contacts(errors, organisation=organisation, entries=contacts)
    return errors, existing


# --- Organisations -------------------------------------------------------------------------------------


def organisation_create(
    *,
    office: Office,
    by,
    name: str,
    kind: str = Organisation.Kind.ASSOCIATION,
    fields_of_action: Iterable[FieldOfAction] = (),
    municipalities_served: Iterable[Municipality] = (),
    tags: Iterable[str] = (),
    contacts: list[ContactEntry] | None = None,
    **fields,
) -> Organisation:
    """A new organisation of `office` with a slug unique in the office, its fields of action,
    municipalities served, tags and contact persons."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    fields_of_action, municipalities_served = list(fields_of_action), list(municipalities_served)
    tags = tags_normalise(tags)
    organisation = Organisation(office=office, name=name, kind=kind, tags=tags, **fields)
    errors, _existing = _organisation_errors(
        office=office,
        organisation=organisation,
        fields_of_action=fields_of_action,
        municipalities_served=municipalities_served,
        tags=tags,
        contacts=contacts or [],
    )
    errors.raise_if_any()
    with transaction.atomic():
        # Lock the office row: two organisations of the same name created at once get different slugs.
        Office.objects.select_for_update().filter(pk=office.pk).first()
        organisation.slug = _unique_slug(office=office, name=organisation.name)
        organisation.save()
        organisation.fields_of_action.set(fields_of_action)
        organisation.municipalities_served.set(municipalities_served)
        _save_contacts(organisation=organisation, entries=contacts or [], existing={})
        provider_record_change(provider=organisation, changed_fields={"name"})
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    by,
    fields_of_action: Iterable[FieldOfAction] | None = None,
    municipalities_served: Iterable[Municipality] | None = None,
    tags: Iterable[str] | None = None,
    contacts: list[ContactEntry] | None = None,
    **fields,
) -> Organisation:
    """Change an organisation; arguments left out (None) stay as they are. The slug stays too, so public
    links to the provider page keep working after a rename."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    office = organisation.office
    before = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    for name, value in fields.items():
        setattr(organisation, name, value)
    if tags is not None:
        organisation.tags = tags_normalise(tags)
    fields_of_action = list(fields_of_action) if fields_of_action is not None else None
    municipalities_served = list(municipalities_served) if municipalities_served is not None else None
    errors, existing = _organisation_errors(
        office=office,
        organisation=organisation,
        fields_of_action=fields_of_action or [],
        municipalities_served=municipalities_served or [],
        tags=organisation.tags,
        contacts=contacts,
    )
    if errors.by_field:
        # The caller's instance must not keep the refused values.
        for name, value in before.items():
            setattr(organisation, name, value)
        errors.raise_if_any()
    changed = {name for name in ORGANISATION_FIELDS if getattr(organisation, name) != before[name]}
    with transaction.atomic():
        organisation.save()
        if fields_of_action is not None:
            organisation.fields_of_action.set(fields_of_action)
        if municipalities_served is not None:
            organisation.municipalities_served.set(municipalities_served)
        if contacts is not None:
            _save_contacts(organisation=organisation, entries=contacts, existing=existing)
        provider_record_change(provider=organisation, changed_fields=changed)
    return organisation


# --- Contacts ------------------------------------------------------------------------------------------


def _contact_clean(contact: Contact) -> None:
    contact.name = " ".join((contact.name or "").split())
    errors = FieldErrors()
    if not contact.name:
        errors.add("name", _("Enter the name of the contact person."))
    model_errors(errors, contact, exclude=["organisation"])
    errors.raise_if_any()


def _single_primary(contact: Contact) -> None:
    """A new main contact replaces the previous one."""
    if contact.is_primary:
        Contact.objects.filter(organisation_id=contact.organisation_id, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)


@transaction.atomic
def contact_add(*, organisation: Organisation, name: str, **fields) -> Contact:
    contact = Contact(organisation=organisation, name=name, **fields)
    _contact_clean(contact)
    contact.save()
    _single_primary(contact)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, **fields) -> Contact:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(contact, name, value)
    _contact_clean(contact)
    contact.save()
    _single_primary(contact)
    return contact


@transaction.atomic
def contact_remove(*, contact: Contact) -> None:
    contact.delete()


# --- Relations (the network map) -----------------------------------------------------------------------


def relation_create(
    *,
    office: Office,
    by,
    source: Organisation | None,
    target: Organisation | None,
    topic: str,
    field_of_action: FieldOfAction | None = None,
    since=None,
) -> Relation:
    """Record that `source` works with `target` on `topic`. Both belong to `office`, they differ, and the
    pair has no relation on the same topic yet, in either direction (working together is mutual)."""
    errors = FieldErrors()
    topic = " ".join((topic or "").split())
    if source is None:
        errors.add("source", _("Choose an organisation."))
    elif source.office_id != office.pk:
        errors.add("source", _("Choose an organisation of this office."))
    if target is None:
        errors.add("target", _("Choose the organisation it works with."))
    elif target.office_id != office.pk:
        errors.add("target", _("Choose an organisation of this office."))
    if not topic:
        errors.add("topic", _("Say what they work on together."))
    elif len(topic) > Relation._meta.get_field("topic").max_length:
        errors.add("topic", _("The topic can have at most 200 characters."))
    if source is not None and target is not None and source.pk == target.pk:
        errors.add("target", _("An organisation cannot work with itself; choose another one."))
    errors.raise_if_any()
    duplicate = (
        Relation.objects.filter(office=office, topic__iexact=topic)
        .filter(Q(source=source, target=target) | Q(source=target, target=source))
        .exists()
    )
    if duplicate:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("%(source)s and %(target)s already work together on “%(topic)s”.")
                    % {"source": source.name, "target": target.name, "topic": topic}
                ]
            }
        )
    relation = Relation(
        office=office,
        source=source,
        target=target,
        topic=topic,
        field_of_action=field_of_action,
        since=since,
        created_by=by,
    )
    try:
        with transaction.atomic():
            relation.save()
    except IntegrityError as error:
        # Two people recording the same relation at the same moment: the constraint decides.
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This relation was just recorded by someone else.")]}
        ) from error
    return relation


@transaction.atomic
def relation_delete(*, relation: Relation, by) -> None:
    relation.delete()
