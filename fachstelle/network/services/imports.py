"""Import of organisations and their contact persons from the lists offices keep (CSV or XLSX).

The column format (German headers as offices write them; the English names are accepted too):

    Name*            organisation name (* required)
    Typ              Behörde, Regelstruktur, Verein, Kirche, NGO, Arbeitgeber, Migrantenverein,
                     Freiwilligengruppe, Andere – or the English label or the code (e.g. "ngo");
                     empty: "Andere" for a new organisation
    Strasse, PLZ     address
    Gemeinde         name or official number (BFS number) of any municipality of the office's country – the
                     address may lie outside the office's area. A name used by several municipalities
                     ("Buchs") means the one the office serves, else the one in the office's canton; otherwise
                     write "Buchs (SG)" or the number.
    Website, E-Mail, Telefon
    Handlungsfelder  comma-separated names or keys of fields of action ("Wohnen, arbeit")
    Tags             comma-separated keywords
    Kontakt Name, Kontakt Funktion, Kontakt E-Mail, Kontakt Telefon
                     one contact person per row

Rules
- Rows with the same organisation name (ignoring case, spacing and punctuation) are ONE organisation with
  one contact per row. Further rows may leave the organisation's cells empty; a different value is an error.
- Duplicates: an organisation of the file that has the name or the e-mail of an existing organisation of
  the office IS that organisation. The user chooses once per import: "skip" (default: existing
  organisations stay as they are) or "update" (filled cells overwrite, empty cells change nothing, fields
  of action and tags are added, contacts with the same e-mail – or the same name – are updated, others
  added; the name of an existing organisation is never changed). Two organisations of the file with the
  same e-mail, or pointing at the same existing organisation, are an error.
- The whole file is validated before anything is written; nothing is written while a row has an error
  unless the user chooses to import the valid rows; the import is one transaction.

Speed: the office's municipalities, fields of action, organisations and their e-mails are loaded once
into dictionaries; validating a row makes no query, and writing uses bulk inserts.
"""

import hashlib
import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Municipality, Office
from fachstelle.core.tabular import (
    Column,
    RowResult,
    Table,
    TabularError,
    map_columns,
    normalise_key,
    read_table,
)

from ..models import Contact, Organisation

logger = logging.getLogger(__name__)
Kind = Organisation.Kind


class Mode:
    SKIP = "skip"
    UPDATE = "update"
    CHOICES = (
        (SKIP, _("Skip organisations that already exist (leave them unchanged)")),
        (UPDATE, _("Update organisations that already exist (filled cells overwrite, contacts are added)")),
    )


class Action:
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"


COLUMNS = (
    Column(
        "name",
        "Name",
        ("Organisation", "Organization", "Organisationsname"),
        required=True,
        help=_("Name of the organisation. Rows with the same name are one organisation."),
    ),
    Column(
        "kind",
        "Typ",
        ("Type", "Kind", "Art"),
        help=_("Type of organisation, e.g. Verein, Behörde, Regelstruktur. Empty: Andere."),
    ),
    Column("street", "Strasse", ("Street", "Adresse", "Address"), help=_("Street and number.")),
    Column("postcode", "PLZ", ("Postcode", "Postal code", "ZIP", "Postleitzahl"), help=_("Postcode.")),
    Column(
        "municipality",
        "Gemeinde",
        ("Municipality", "Ort", "BFS-Nr", "BFS number"),
        help=_(
            "Name or official number of the municipality of the address (any municipality of the country). "
            "Names used twice: add the canton, e.g. Buchs (AG)."
        ),
    ),
    Column("website", "Website", ("Webseite", "Homepage", "Internet", "URL"), help=_("e.g. www.verein.ch")),
    Column("email", "E-Mail", ("Email", "Mail"), help=_("General e-mail of the organisation.")),
    Column("phone", "Telefon", ("Phone", "Telephone", "Tel"), help=_("General phone number.")),
    Column(
        "fields_of_action",
        "Handlungsfelder",
        ("Fields of action", "Handlungsfeld", "Themen"),
        help=_("Fields of action, separated by commas."),
    ),
    Column(
        "tags", "Tags", ("Schlagworte", "Stichworte", "Keywords"), help=_("Keywords, separated by commas.")
    ),
    Column(
        "contact_name",
        "Kontakt Name",
        ("Contact name", "Kontaktperson", "Ansprechperson"),
        help=_("One contact person per row; required when another contact cell is filled."),
    ),
    Column(
        "contact_role", "Kontakt Funktion", ("Contact role", "Kontakt Rolle", "Funktion"), help=_("Role.")
    ),
    Column("contact_email", "Kontakt E-Mail", ("Contact email", "Contact e-mail"), help=_("E-mail.")),
    Column("contact_phone", "Kontakt Telefon", ("Contact phone", "Contact telephone"), help=_("Phone.")),
)
HEADERS = tuple(column.header for column in COLUMNS)
HEADER_OF = {column.key: column.header for column in COLUMNS}
# Organisation-level cells: the first row of an organisation that fills one sets it.
ORG_KEYS = ("kind", "street", "postcode", "municipality", "website", "email", "phone")
CONTACT_KEYS = ("contact_name", "contact_role", "contact_email", "contact_phone")
LIST_SPLIT = re.compile(r"\s*[,;|\n]\s*")
MAX_TAGS = 20
MAX_TAG_LENGTH = 50

# The German labels offices write (and our export writes), then extra words found in offices' lists.
KIND_GERMAN = {
    Kind.AUTHORITY: ("Behörde", "Amt", "Verwaltung"),
    Kind.MAINSTREAM_SERVICE: ("Regelstruktur", "Regelstrukturen", "Schule", "Sozialdienst", "RAV"),
    Kind.ASSOCIATION: ("Verein",),
    Kind.CHURCH: ("Kirche", "Religionsgemeinschaft", "Kirche / Religionsgemeinschaft"),
    Kind.NGO: ("NGO", "NPO", "Hilfswerk", "Non-Profit-Organisation"),
    Kind.EMPLOYER: ("Arbeitgeber", "Arbeitgebende", "Unternehmen", "Firma", "Betrieb"),
    Kind.MIGRANT_ASSOCIATION: ("Migrantenverein", "Kulturverein", "Migrantenorganisation"),
    Kind.VOLUNTEER_GROUP: ("Freiwilligengruppe", "Freiwillige"),
    Kind.OTHER: ("Andere", "Sonstige", "Übrige"),
}


def kind_label(kind: str) -> str:
    """The German word the export writes for a type (the first of KIND_GERMAN)."""
    return KIND_GERMAN.get(kind, (kind,))[0]


def _kind_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    with translation.override("en"):
        for kind in Kind:
            for word in (kind.value, str(kind.label), *KIND_GERMAN.get(kind, ())):
                lookup.setdefault(normalise_key(word), kind.value)
    return lookup


def name_key(name: str) -> str:
    """Two organisation names are the same when they differ only in case, spacing and punctuation."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("ß", "ss")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# --- Lookups loaded once per validation ------------------------------------------------------------------


class MunicipalityIndex:
    """Municipalities of the office's country by official number and by name, with the office's own
    municipalities and canton preferred when a name is used more than once."""

    _WITH_CANTON = re.compile(r"^(?P<name>.+?)\s*\((?P<canton>[A-Za-z]{2,4})\)$")

    def __init__(self, *, office: Office):
        served = set(office.municipalities.values_list("pk", flat=True))
        self.by_number: dict[int, int] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)  # key → [(pk, canton)]
        self.names: dict[int, tuple[str, str, int]] = {}  # pk → (name, canton, number)
        rows = Municipality.objects.filter(country=office.country).values_list(
            "pk", "name", "canton", "bfs_number"
        )
        for pk, name, canton, number in rows:
            self.by_number[number] = pk
            self.by_name[name_key(name)].append((pk, canton.upper()))
            self.names[pk] = (name, canton, number)
        self.served = served
        self.canton = (office.canton or "").upper()

    def resolve(self, text: str) -> tuple[int | None, str | None]:
        """(municipality pk, None) or (None, error message)."""
        if text.isdigit():
            pk = self.by_number.get(int(text))
            if pk is None:
                return None, _("No municipality has the number %(number)s.") % {"number": text}
            return pk, None
        canton = None
        match = self._WITH_CANTON.match(text)
        if match:
            text, canton = match["name"], match["canton"].upper()
        candidates = self.by_name.get(name_key(text), [])
        if canton:
            candidates = [c for c in candidates if c[1] == canton]
        if not candidates:
            return None, _("Unknown municipality “%(name)s”. Check the spelling or give its number.") % {
                "name": text
            }
        if len(candidates) > 1:
            candidates = [c for c in candidates if c[0] in self.served] or [
                c for c in candidates if c[1] == self.canton
            ]
        if len(candidates) != 1:
            return None, _(
                "Several municipalities are called “%(name)s”. Add the canton, e.g. “%(name)s (AG)”, or give "
                "the number."
            ) % {"name": text}
        return candidates[0][0], None

    def label(self, pk: int | None) -> str:
        """What the export writes: the name, or "Name (KT)" / the number when the name alone is ambiguous."""
        if pk is None or pk not in self.names:
            return ""
        name, canton, number = self.names[pk]
        for text in (name, f"{name} ({canton})"):
            if self.resolve(text)[0] == pk:
                return text
        return str(number)


class FieldIndex:
    """Fields of action by key, German name and names in other languages."""

    def __init__(self):
        self.lookup: dict[str, int] = {}
        self.labels: dict[int, str] = {}
        self.names: list[str] = []
        for pk, slug, name, names in FieldOfAction.objects.values_list("pk", "slug", "name", "names"):
            for word in (slug, name, *(names or {}).values()):
                if isinstance(word, str) and word:
                    self.lookup.setdefault(normalise_key(word), pk)
            # The export writes the German name unless it holds the list separator.
            self.labels[pk] = slug if LIST_SPLIT.search(name) else name
            self.names.append(name)

    def label(self, pk: int) -> str:
        return self.labels.get(pk, "")


@dataclass
class ExistingOrganisations:
    """The office's organisations: by name key, by e-mail, and their slugs (for new unique slugs)."""

    by_key: dict[str, int]
    by_email: dict[str, int]
    names: dict[int, str]
    slugs: set[str]

    @classmethod
    def load(cls, *, office: Office) -> "ExistingOrganisations":
        by_key: dict[str, int] = {}
        by_email: dict[str, int] = {}
        names: dict[int, str] = {}
        slugs: set[str] = set()
        # Oldest first: when names repeat in the office, the oldest organisation is the one matched.
        rows = (
            Organisation.objects.filter(office=office)
            .order_by("pk")
            .values_list("pk", "name", "email", "slug")
        )
        for pk, name, email, slug in rows:
            by_key.setdefault(name_key(name), pk)
            if email:
                by_email.setdefault(email.casefold(), pk)
            names[pk] = name
            slugs.add(slug)
        return cls(by_key=by_key, by_email=by_email, names=names, slugs=slugs)


# --- Validation ------------------------------------------------------------------------------------------


@dataclass
class OrganisationPlan:
    """One organisation of the file: its merged values, its contacts and what the import will do."""

    key: str
    name: str
    first_row: int
    values: dict = field(default_factory=dict)  # ORG_KEYS → cleaned value ("" / None when not given)
    fields: set[int] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)  # {"name", "role", "email", "phone", "row"}
    rows: list[int] = field(default_factory=list)
    existing_id: int | None = None
    existing_name: str = ""
    matched_by: str = ""  # "name" or "email"
    action: str = Action.CREATE

    @property
    def contact_count(self) -> int:
        return len(self.contacts)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    plans: list[OrganisationPlan]
    unknown_columns: list[str]
    mode: str
    total_rows: int

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def valid_row_count(self) -> int:
        return sum(1 for row in self.rows if row.is_valid)

    @property
    def has_errors(self) -> bool:
        return any(not row.is_valid for row in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for plan in self.plans if plan.action == action)

    @property
    def to_create(self) -> int:
        return self.count(Action.CREATE)

    @property
    def to_update(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def to_skip(self) -> int:
        return self.count(Action.SKIP)

    @property
    def contacts_to_write(self) -> int:
        return sum(plan.contact_count for plan in self.plans if plan.action != Action.SKIP)

    def fingerprint(self) -> str:
        """Changes when the outcome would differ (another user edited organisations since the preview)."""
        digest = hashlib.sha256()
        for plan in self.plans:
            digest.update(f"{plan.first_row}:{plan.action}:{plan.existing_id};".encode())
        for row in self.rows:
            digest.update(f"{row.number}:{int(row.is_valid)};".encode())
        return digest.hexdigest()[:32]


class RowCleaner:
    """Cleans the cells of one row into model values; no queries (the lookups are loaded once)."""

    def __init__(self, *, office: Office):
        self.municipalities = MunicipalityIndex(office=office)
        self.fields = FieldIndex()
        self.kinds = _kind_lookup()
        # Django's validators, with their lazily compiled patterns compiled once: the lazy wrappers cost
        # a third of the validation time of a 10,000-row file.
        self.email_validator = EmailValidator()
        for name in ("user_regex", "domain_regex", "literal_regex"):
            setattr(self.email_validator, name, _compiled(getattr(self.email_validator, name)))
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.url_validator.regex = _compiled(self.url_validator.regex)

    def clean(self, number: int, cells: dict[str, str]) -> RowResult:
        result = RowResult(number=number)
        data = result.data
        name = cells.get("name", "")
        if not name:
            result.add_error(HEADER_OF["name"], _("The name of the organisation is missing."))
        elif len(name) > 200:
            result.add_error(HEADER_OF["name"], _("At most 200 characters."))
        elif not name_key(name):
            result.add_error(HEADER_OF["name"], _("The name needs letters or digits."))
        data["name"] = name
        data["key"] = name_key(name)

        kind = cells.get("kind", "")
        data["kind"] = ""
        if kind:
            data["kind"] = self.kinds.get(normalise_key(kind), "")
            if not data["kind"]:
                result.add_error(
                    HEADER_OF["kind"],
                    _("Unknown type “%(value)s”. Use one of: %(choices)s.")
                    % {"value": kind, "choices": ", ".join(kind_label(k) for k in Kind)},
                )
        for key, limit in (("street", 200), ("postcode", 10), ("phone", 40)):
            data[key] = self._text(result, cells, key, limit)
        data["municipality"] = None
        if cells.get("municipality"):
            pk, error = self.municipalities.resolve(cells["municipality"])
            if error:
                result.add_error(HEADER_OF["municipality"], error)
            data["municipality"] = pk
        data["website"] = self._website(result, cells.get("website", ""))
        data["email"] = self._email(result, "email", cells.get("email", ""))
        data["fields"] = self._fields(result, cells.get("fields_of_action", ""))
        data["tags"] = self._tags(result, cells.get("tags", ""))
        data["contact"] = self._contact(result, cells)
        return result

    def _text(self, result: RowResult, cells, key: str, limit: int) -> str:
        value = cells.get(key, "")
        if len(value) > limit:
            result.add_error(HEADER_OF[key], _("At most %(n)s characters.") % {"n": limit})
        return value

    def _website(self, result: RowResult, value: str) -> str:
        if not value:
            return ""
        if not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
            value = "https://" + value  # offices write "www.verein.ch"
        try:
            self.url_validator(value)
        except ValidationError:
            result.add_error(HEADER_OF["website"], _("“%(value)s” is not a web address.") % {"value": value})
            return ""
        if len(value) > 200:
            result.add_error(HEADER_OF["website"], _("At most %(n)s characters.") % {"n": 200})
        return value

    def _email(self, result: RowResult, key: str, value: str) -> str:
        if not value:
            return ""
        try:
            self.email_validator(value)
        except ValidationError:
            result.add_error(HEADER_OF[key], _("“%(value)s” is not an e-mail address.") % {"value": value})
            return ""
        return value

    def _fields(self, result: RowResult, value: str) -> set[int]:
        found: set[int] = set()
        unknown = []
        for word in filter(None, LIST_SPLIT.split(value)):
            pk = self.fields.lookup.get(normalise_key(word))
            if pk is None:
                unknown.append(word)
            else:
                found.add(pk)
        if unknown:
            result.add_error(
                HEADER_OF["fields_of_action"],
                _("Unknown field(s) of action: %(unknown)s. Known: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(self.fields.names)},
            )
        return found

    def _tags(self, result: RowResult, value: str) -> list[str]:
        tags: list[str] = []
        seen = set()
        for tag in filter(None, LIST_SPLIT.split(value)):
            if len(tag) > MAX_TAG_LENGTH:
                result.add_error(
                    HEADER_OF["tags"], _("A tag has at most %(n)s characters.") % {"n": MAX_TAG_LENGTH}
                )
            elif tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
        if len(tags) > MAX_TAGS:
            result.add_error(HEADER_OF["tags"], _("At most %(n)s tags.") % {"n": MAX_TAGS})
        return tags

    def _contact(self, result: RowResult, cells) -> dict | None:
        if not any(cells.get(key) for key in CONTACT_KEYS):
            return None
        contact = {
            "name": self._text(result, cells, "contact_name", 200),
            "role": self._text(result, cells, "contact_role", 120),
            "email": self._email(result, "contact_email", cells.get("contact_email", "")),
            "phone": self._text(result, cells, "contact_phone", 40),
            "row": result.number,
        }
        if not contact["name"]:
            result.add_error(
                HEADER_OF["contact_name"],
                _("A contact person needs a name (the other contact cells are filled)."),
            )
        return contact


def _compiled(pattern) -> re.Pattern:
    return re.compile(pattern.pattern, pattern.flags)


def _contact_key(contact: dict) -> str:
    return "@" + contact["email"].casefold() if contact["email"] else "n:" + name_key(contact["name"])


def organisations_import_validate(*, office: Office, table: Table, mode: str = Mode.SKIP) -> ImportPreview:
    """Check every row of `table` and plan what the import would do; writes nothing.
    Raises TabularError when the header lacks the name column."""
    column_map = map_columns(table.headers, COLUMNS)
    cleaner = RowCleaner(office=office)
    existing = ExistingOrganisations.load(office=office)
    results: list[RowResult] = []
    plans: dict[str, OrganisationPlan] = {}
    email_owner: dict[str, OrganisationPlan] = {}  # organisation e-mail → plan of the file
    target_owner: dict[int, OrganisationPlan] = {}  # existing organisation → plan of the file
    contact_rows: dict[tuple[str, str], int] = {}  # (plan key, contact key) → row

    for source in table.rows:
        result = cleaner.clean(source.number, column_map.row_values(source))
        results.append(result)
        if not result.is_valid:
            continue
        data = result.data
        plan = plans.get(data["key"])
        # 1. Cells of the organisation must agree with earlier rows of the same organisation.
        if plan is not None:
            for key in ORG_KEYS:
                value, earlier = data[key], plan.values.get(key)
                if value and earlier and _differs(key, value, earlier):
                    result.add_error(
                        HEADER_OF[key],
                        _(
                            "Differs from row %(row)s of the same organisation. Leave the cell empty in "
                            "further rows or write the same value."
                        )
                        % {"row": plan.first_row},
                    )
        # 2. An organisation e-mail belongs to one organisation of the file.
        email = data["email"].casefold()
        if email and email in email_owner and email_owner[email].key != data["key"]:
            other = email_owner[email]
            result.add_error(
                HEADER_OF["email"],
                _("This e-mail is already given for “%(name)s” (row %(row)s).")
                % {"name": other.name, "row": other.first_row},
            )
        # 3. Which existing organisation is meant (by name, else by e-mail), if any.
        target, matched_by = (plan.existing_id, plan.matched_by) if plan else (None, "")
        if target is None:
            target = existing.by_key.get(data["key"])
            matched_by = "name" if target else ""
        by_email = existing.by_email.get(email) if email else None
        if target is None and by_email is not None:
            target, matched_by = by_email, "email"
        elif target is not None and by_email is not None and by_email != target:
            result.add_error(
                HEADER_OF["email"],
                _("This e-mail belongs to the existing organisation “%(name)s”, not to “%(this)s”.")
                % {"name": existing.names[by_email], "this": existing.names[target]},
            )
        if target is not None and target in target_owner and target_owner[target].key != data["key"]:
            other = target_owner[target]
            result.add_error(
                HEADER_OF["name"],
                _("Row %(row)s already refers to the existing organisation “%(name)s”.")
                % {"row": other.first_row, "name": existing.names[target]},
            )
        # 4. A contact appears once per organisation.
        contact = data["contact"]
        if contact and (data["key"], _contact_key(contact)) in contact_rows:
            column = "contact_email" if contact["email"] else "contact_name"
            result.add_error(
                HEADER_OF[column],
                _("This contact person is already listed for this organisation in row %(row)s.")
                % {"row": contact_rows[(data["key"], _contact_key(contact))]},
            )
        if not result.is_valid:
            continue
        # The row is valid: it joins (or starts) its organisation.
        if plan is None:
            plan = plans[data["key"]] = OrganisationPlan(
                key=data["key"], name=data["name"], first_row=source.number
            )
        plan.rows.append(source.number)
        for key in ORG_KEYS:
            if data[key] and not plan.values.get(key):
                plan.values[key] = data[key]
        plan.fields |= data["fields"]
        plan.tags.extend(
            tag for tag in data["tags"] if tag.casefold() not in {t.casefold() for t in plan.tags}
        )
        if email:
            email_owner.setdefault(email, plan)
        if contact:
            contact_rows[(data["key"], _contact_key(contact))] = source.number
            plan.contacts.append(contact)
        if target is not None and plan.existing_id is None:
            plan.existing_id, plan.matched_by = target, matched_by
            plan.existing_name = existing.names[target]
            target_owner[target] = plan

    for plan in plans.values():
        if plan.existing_id is None:
            plan.action = Action.CREATE
        else:
            plan.action = Action.UPDATE if mode == Mode.UPDATE else Action.SKIP
    return ImportPreview(
        rows=results,
        plans=list(plans.values()),
        unknown_columns=column_map.unknown,
        mode=mode,
        total_rows=len(table.rows),
    )


def _differs(key: str, value, earlier) -> bool:
    if isinstance(value, str) and isinstance(earlier, str):
        return value.casefold() != earlier.casefold()
    return value != earlier


# --- Import ----------------------------------------------------------------------------------------------


class ImportRefused(ValidationError):
    """The import cannot run as asked (errors not accepted, nothing to import, data changed since preview)."""


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0


def organisations_import(
    *,
    office: Office,
    by,
    data: bytes,
    file_type: str,
    mode: str = Mode.SKIP,
    accept_valid_rows: bool = False,
    expected_fingerprint: str | None = None,
) -> ImportOutcome:
    """Validate the file again and write it in one transaction: all planned organisations and contacts, or
    nothing. Raises ImportRefused (nothing written) when rows have errors and `accept_valid_rows` is not set,
    when nothing would be written, or when the plan differs from the preview the user saw."""
    try:
        table = read_table(data, file_type=file_type)
        with transaction.atomic():
            preview = organisations_import_validate(office=office, table=table, mode=mode)
            if expected_fingerprint and preview.fingerprint() != expected_fingerprint:
                raise ImportRefused(
                    _("The organisations changed since the preview. Please check the preview again."),
                    code="changed",
                )
            if preview.has_errors and not accept_valid_rows:
                raise ImportRefused(
                    _("The file has rows with errors. Correct them, or choose to import the valid rows."),
                    code="errors",
                )
            if not any(plan.action != Action.SKIP for plan in preview.plans):
                raise ImportRefused(_("There is nothing to import."), code="empty")
            outcome = _write(office=office, plans=preview.plans)
            logger.info(
                "organisation import in office %s by user %s: %s", office.pk, getattr(by, "pk", None), outcome
            )
    except TabularError as exc:
        raise ImportRefused(exc.messages[0], code="unreadable") from exc
    except IntegrityError as exc:
        # Another import created the same web address at the same moment; the transaction rolled back.
        raise ImportRefused(
            _("Someone else changed organisations at the same time. Please try again."), code="conflict"
        ) from exc
    return outcome


def _write(*, office: Office, plans: list[OrganisationPlan]) -> ImportOutcome:
    outcome = ImportOutcome(skipped=sum(1 for plan in plans if plan.action == Action.SKIP))
    now = timezone.now()
    existing_slugs = set(Organisation.objects.filter(office=office).values_list("slug", flat=True))
    through = Organisation.fields_of_action.through
    new_plans = [plan for plan in plans if plan.action == Action.CREATE]
    new_orgs = []
    for plan in new_plans:
        values = plan.values
        new_orgs.append(
            Organisation(
                office=office,
                name=plan.name,
                slug=_unique_slug(plan.name, existing_slugs),
                kind=values.get("kind") or Kind.OTHER,
                street=values.get("street", ""),
                postcode=values.get("postcode", ""),
                municipality_id=values.get("municipality"),
                website=values.get("website", ""),
                email=values.get("email", ""),
                phone=values.get("phone", ""),
                tags=list(plan.tags),
            )
        )
    Organisation.objects.bulk_create(new_orgs, batch_size=500)
    links = []
    contacts = []
    for plan, organisation in zip(new_plans, new_orgs, strict=True):
        links += [through(organisation_id=organisation.pk, fieldofaction_id=pk) for pk in sorted(plan.fields)]
        contacts += [
            _new_contact(organisation.pk, contact, primary=index == 0)
            for index, contact in enumerate(plan.contacts)
        ]
    outcome.created = len(new_orgs)

    update_plans = {plan.existing_id: plan for plan in plans if plan.action == Action.UPDATE}
    if update_plans:
        targets = Organisation.objects.filter(office=office, pk__in=list(update_plans)).prefetch_related(
            "contacts", "fields_of_action"
        )
        changed_orgs, changed_contacts = [], []
        for organisation in targets:
            plan = update_plans[organisation.pk]
            _apply_update(organisation, plan)
            organisation.updated_at = now
            changed_orgs.append(organisation)
            have = {f.pk for f in organisation.fields_of_action.all()}
            links += [
                through(organisation_id=organisation.pk, fieldofaction_id=pk)
                for pk in sorted(plan.fields - have)
            ]
            current = {}
            for contact in organisation.contacts.all():
                if contact.email:
                    current.setdefault("@" + contact.email.casefold(), contact)
                current.setdefault("n:" + name_key(contact.name), contact)
            has_primary = any(contact.is_primary for contact in organisation.contacts.all())
            for incoming in plan.contacts:
                match = current.get(_contact_key(incoming)) or current.get("n:" + name_key(incoming["name"]))
                if match is None:
                    contacts.append(_new_contact(organisation.pk, incoming, primary=not has_primary))
                    has_primary = True
                else:
                    for key in ("name", "role", "email", "phone"):
                        if incoming[key]:
                            setattr(match, key, incoming[key])
                    changed_contacts.append(match)
        Organisation.objects.bulk_update(
            changed_orgs,
            ["kind", "street", "postcode", "municipality", "website", "email", "phone", "tags", "updated_at"],
            batch_size=500,
        )
        Contact.objects.bulk_update(changed_contacts, ["name", "role", "email", "phone"], batch_size=500)
        outcome.updated = len(changed_orgs)
        outcome.contacts_updated = len(changed_contacts)

    through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    Contact.objects.bulk_create(contacts, batch_size=1000)
    outcome.contacts_created = len(contacts)
    if outcome.created or outcome.updated:
        # Organisations are the directory's providers: cached public pages must not show old data.
        office.bump_directory_version()
    return outcome


def _apply_update(organisation: Organisation, plan: OrganisationPlan) -> None:
    for key in ORG_KEYS:
        value = plan.values.get(key)
        if value:
            setattr(organisation, "municipality_id" if key == "municipality" else key, value)
    tags = list(organisation.tags or [])
    known = {str(tag).casefold() for tag in tags}
    tags += [tag for tag in plan.tags if tag.casefold() not in known]
    organisation.tags = tags


def _new_contact(organisation_id: int, contact: dict, *, primary: bool) -> Contact:
    return Contact(
        organisation_id=organisation_id,
        name=contact["name"],
        role=contact["role"],
        email=contact["email"],
        phone=contact["phone"],
        is_primary=primary,
    )


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:100].strip("-") or "organisation"
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    taken.add(slug)
    return slug
