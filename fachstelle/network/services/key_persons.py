"""Writes of key persons (Schlüsselpersonen) and of their assignments (Vermittlungseinsätze).

Same shape as the organisations' services: the whole input is checked first and refused with one
`ValidationError` keyed by form field, then written in one transaction. The database backs the two rules
that matter most (a public profile needs consent to be listed; hours are positive).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.countries import COUNTRY_CODES
from fachstelle.core.models import FieldOfAction, Language, Municipality, Office
from fachstelle.core.validation import FieldErrors

from ..models import Assignment, KeyPerson, KeyPersonLanguage
from .organisations import model_errors

KEY_PERSON_FIELDS = (
    "name",
    "email",
    "phone",
    "communities",
    "availability",
    "trainings",
    "consent_contact",
    "consent_listed",
    "public_profile",
    "public_bio",
    "mailing_opt_out",
    "is_active",
)
# A quarter of an hour is the smallest unit offices pay (the model's validator says the same).
MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal(24)
MAX_COMPENSATION = Decimal("99999.99")  # the column holds 8 digits, 2 of them after the point
# Assignments are logged once they have taken place: not after today. And not before this date, which
# catches typing errors like 0205 for 2025.
EARLIEST_ASSIGNMENT = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class LanguageEntry:
    language: Language
    level: str = KeyPersonLanguage.Level.FLUENT


def countries_normalise(countries: Iterable[str]) -> list[str]:
    """ISO codes upper case, each once, in the order given."""
    result: list[str] = []
    for code in countries:
        code = str(code).strip().upper()
        if code and code not in result:
            result.append(code)
    return result


def _check_municipalities(errors: FieldErrors, key: str, *, office: Office, municipalities) -> None:
    wanted = {m.pk for m in municipalities if m is not None}
    if wanted:
        own = set(office.municipalities.filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted - own:
            errors.add(key, _("Choose only municipalities that the office serves."))


def _key_person_errors(
    *,
    key_person: KeyPerson,
    office: Office,
    languages: list[LanguageEntry] | None,
    municipalities: list[Municipality] | None,
    topics: list[FieldOfAction] | None,
) -> FieldErrors:
    errors = FieldErrors()
    key_person.name = " ".join((key_person.name or "").split())
    if not key_person.name:
        errors.add("name", _("Enter the name of the key person."))
    model_errors(errors, key_person, exclude=["office", "countries"])
    if key_person.public_profile and not key_person.consent_listed:
        errors.add(
            "public_profile",
            _("A public profile needs the person's consent to be listed; tick that first."),
        )
    if key_person.public_profile and not key_person.is_active:
        errors.add("public_profile", _("An inactive key person cannot have a public profile."))
    unknown = [code for code in key_person.countries if code not in COUNTRY_CODES]
    if unknown:
        errors.add(
            "countries",
            _("Unknown country code: %(codes)s. Use two letters, e.g. ER, SY.")
            % {"codes": ", ".join(unknown)},
        )
    if languages is not None:
        seen = set()
        levels = {value for value, _label in KeyPersonLanguage.Level.choices}
        for entry in languages:
            if entry.language.pk in seen:
                errors.add(
                    "languages",
                    _("%(language)s is listed twice; keep one row per language.")
                    % {"language": entry.language},
                )
            seen.add(entry.language.pk)
            if entry.level not in levels:
                errors.add("languages", _("Choose a level for %(language)s.") % {"language": entry.language})
    if municipalities is not None:
        _check_municipalities(errors, "municipalities", office=office, municipalities=municipalities)
    return errors


def _save_languages(key_person: KeyPerson, languages: list[LanguageEntry]) -> None:
    """Replace the languages: keep rows whose language stays (level updated), delete the others."""
    wanted = {entry.language.pk: entry.level for entry in languages}
    current = {row.language_id: row for row in KeyPersonLanguage.objects.filter(key_person=key_person)}
    KeyPersonLanguage.objects.filter(key_person=key_person).exclude(language_id__in=wanted).delete()
    for language_id, level in wanted.items():
        row = current.get(language_id)
        if row is None:
            KeyPersonLanguage.objects.create(key_person=key_person, language_id=language_id, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])


def key_person_create(
    *,
    office: Office,
    by,
    name: str,
    languages: list[LanguageEntry] = (),
    municipalities: Iterable[Municipality] = (),
    topics: Iterable[FieldOfAction] = (),
    countries: Iterable[str] = (),
    **fields,
) -> KeyPerson:
    unknown = set(fields) - set(KEY_PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown key person fields: {sorted(unknown)}")
    languages, municipalities, topics = list(languages), list(municipalities), list(topics)
    key_person = KeyPerson(office=office, name=name, countries=countries_normalise(countries), **fields)
    errors = _key_person_errors(
        key_person=key_person,
        office=office,
        languages=languages,
        municipalities=municipalities,
        topics=topics,
    )
    errors.raise_if_any()
    with transaction.atomic():
        key_person.save()
        key_person.municipalities.set(municipalities)
        key_person.topics.set(topics)
        _save_languages(key_person, languages)
    return key_person


def key_person_update(
    *,
    key_person: KeyPerson,
    by,
    languages: list[LanguageEntry] | None = None,
    municipalities: Iterable[Municipality] | None = None,
    topics: Iterable[FieldOfAction] | None = None,
    countries: Iterable[str] | None = None,
    **fields,
) -> KeyPerson:
    """Change a key person; arguments left out (None) stay as they are."""
    unknown = set(fields) - set(KEY_PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown key person fields: {sorted(unknown)}")
    before = {name: getattr(key_person, name) for name in (*KEY_PERSON_FIELDS, "countries")}
    for name, value in fields.items():
        setattr(key_person, name, value)
    if countries is not None:
        key_person.countries = countries_normalise(countries)
    languages = list(languages) if languages is not None else None
    municipalities = list(municipalities) if municipalities is not None else None
    topics = list(topics) if topics is not None else None
    errors = _key_person_errors(
        key_person=key_person,
        office=key_person.office,
        languages=languages,
        municipalities=municipalities,
        topics=topics,
    )
    if errors.by_field:
        for name, value in before.items():
            setattr(key_person, name, value)
        errors.raise_if_any()
    with transaction.atomic():
        key_person.save()
        if municipalities is not None:
            key_person.municipalities.set(municipalities)
        if topics is not None:
            key_person.topics.set(topics)
        if languages is not None:
            _save_languages(key_person, languages)
    return key_person


# --- Assignments ---------------------------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def assignment_log(
    *,
    key_person: KeyPerson,
    by,
    date: datetime.date | None,
    purpose: str,
    hours,
    compensation=Decimal("0"),
    language: Language | None = None,
    municipality: Municipality | None = None,
) -> Assignment:
    """Log an assignment of `key_person`: it took place (date not after today, not before 2000), it lasted
    at least 0.25 and at most 24 hours, the compensation is not negative; the municipality is one of the
    office's."""
    errors = FieldErrors()
    purpose = " ".join((purpose or "").split())
    if date is None:
        errors.add("date", _("Enter the date of the assignment."))
    elif date > timezone.localdate():
        errors.add("date", _("Log an assignment once it has taken place: the date cannot be in the future."))
    elif date < EARLIEST_ASSIGNMENT:
        errors.add("date", _("Check the year: the date is before 2000."))
    if not purpose:
        errors.add("purpose", _("Say what the assignment was for."))
    elif len(purpose) > Assignment._meta.get_field("purpose").max_length:
        errors.add("purpose", _("The purpose can have at most 300 characters."))
    hours = _decimal(hours)
    if hours is None:
        errors.add("hours", _("Enter the hours as a number, e.g. 1.5."))
    elif hours <= 0:
        errors.add("hours", _("The hours must be more than 0."))
    elif hours < MIN_HOURS:
        errors.add("hours", _("Log at least a quarter of an hour (0.25)."))
    elif hours > MAX_HOURS:
        errors.add("hours", _("An assignment lasts at most 24 hours; log longer ones per day."))
    elif hours != hours.quantize(Decimal("0.01")):
        errors.add("hours", _("Enter the hours with at most two decimals, e.g. 1.25."))
    compensation = _decimal(compensation if compensation is not None else "0")
    if compensation is None:
        errors.add("compensation", _("Enter the compensation as an amount, e.g. 50.00."))
    elif compensation < 0:
        errors.add("compensation", _("The compensation cannot be negative."))
    elif compensation > MAX_COMPENSATION:
        errors.add("compensation", _("The compensation is too high for one assignment."))
    elif compensation != compensation.quantize(Decimal("0.01")):
        errors.add("compensation", _("Enter the compensation in francs and centimes, e.g. 50.25."))
    _check_municipalities(errors, "municipality", office=key_person.office, municipalities=[municipality])
    if not key_person.pk:
        errors.add(NON_FIELD_ERRORS, _("Save the key person first."))
    errors.raise_if_any()
    with transaction.atomic():
        assignment = Assignment(
            key_person=key_person,
            date=date,
            purpose=purpose,
            hours=hours,
            compensation=compensation,
            language=language,
            municipality=municipality,
            created_by=by,
        )
        assignment.save()
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment, by) -> None:
    """Remove a wrongly logged assignment."""
    assignment.delete()
