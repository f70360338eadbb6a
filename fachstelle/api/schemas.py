"""The documented shapes of the API (OpenAPI). Field names are stable: add fields, never rename.

The list and detail endpoints build plain dicts (fachstelle.api.serializers) and render them directly for
speed; these schemas describe them for OpenAPI, and the tests validate every answer against them, so
the documentation cannot drift from what is sent.
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    # An answer with a field the schema does not know fails the schema tests instead of going undocumented.
    model_config = ConfigDict(extra="forbid")


class Error(StrictSchema):
    detail: str


class ValidationIssue(Schema):
    # ninja's own validation answer (pydantic's error list); extra keys (e.g. ctx) may be added by it.
    type: str
    loc: list[str | int]
    msg: str


class ValidationError(StrictSchema):
    """422: a path parameter of the wrong type (e.g. a non-numeric id)."""

    detail: list[ValidationIssue]


class Term(StrictSchema):
    slug: str
    name: str


class PromotionAreaOut(StrictSchema):
    code: str
    name: str


class LanguageOut(StrictSchema):
    code: str
    name: str


class MunicipalityRef(StrictSchema):
    bfs_number: int
    name: str


class MunicipalityOut(StrictSchema):
    bfs_number: int
    name: str
    canton: str
    country: str


class ProviderRef(StrictSchema):
    id: int
    name: str


class OfficeRef(StrictSchema):
    slug: str
    name: str


class Cost(StrictSchema):
    type: str  # free | fee | reduced
    amount: str | None  # decimal as a string, e.g. "45.00"; null when no amount is given
    note: str


class OfferListItem(StrictSchema):
    id: int
    title: str
    summary: str
    language: str  # the language the texts are shown in
    fallback: bool  # true when the requested language was not available and German is shown
    provider: ProviderRef
    areas: list[Term]
    promotion_areas: list[PromotionAreaOut]
    target_groups: list[Term]
    languages: list[LanguageOut]
    municipalities: list[MunicipalityRef]
    cost: Cost
    childcare: bool
    online: bool
    barrier_free: bool
    office: OfficeRef
    url: str
    updated_at: datetime


class OfferList(StrictSchema):
    count: int
    next: str | None
    previous: str | None
    warnings: list[str]
    results: list[OfferListItem]


class LocationOut(StrictSchema):
    name: str
    street: str
    postcode: str
    municipality: MunicipalityRef
    opening_hours: str
    by_appointment: bool


class Schedule(StrictSchema):
    start_date: date | None
    end_date: date | None
    text: str


class Registration(StrictSchema):
    required: bool
    url: str
    email: str
    phone: str
    note: str


class Contact(StrictSchema):
    name: str
    email: str
    phone: str


class TranslationOut(StrictSchema):
    language: str
    status: str  # in_translation | up_to_date | outdated | machine
    public: bool  # false while in translation: such a text is never shown
    url: str | None


class OfferDetail(OfferListItem):
    description: str
    childcare_note: str
    accessibility_note: str
    locations: list[LocationOut]
    schedule: Schedule
    registration: Registration
    contact: Contact
    last_confirmed_at: datetime | None
    source_language: str
    translations: list[TranslationOut]


class OfficeOut(StrictSchema):
    slug: str
    name: str
    short_name: str
    url: str
    municipalities: list[MunicipalityOut]
