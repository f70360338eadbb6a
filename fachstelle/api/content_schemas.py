"""The documented shapes of the content endpoints (guide pages, events, news) for OpenAPI.

As for the offers (fachstelle.api.schemas), the endpoints render plain dicts and the tests validate every
answer against these models, so the documentation cannot drift from what is sent. Field names are stable:
add fields, never rename.
"""

from datetime import datetime

from pydantic import Field

from .schemas import LanguageOut, MunicipalityRef, OfficeRef, ProviderRef, StrictSchema, Term, TranslationOut


class LanguageInfo(StrictSchema):
    """What a reader must be told about the language of the texts (same fields as the offers, plus the
    state of the translation and the languages the item can be read in)."""

    language: str = Field(description="The language the texts are shown in: `lang`, or `de` as fallback.")
    fallback: bool = Field(description="True when German is shown because there is no usable translation.")
    translation_status: str = Field(
        description="State of the translation into `lang`: missing, in_translation (not shown), up_to_date, "
        "outdated (German changed since) or machine. `up_to_date` for German."
    )
    available_languages: list[str] = Field(
        description="Languages the item can be read in: `de` and every published translation."
    )


class ContentDetailInfo(StrictSchema):
    source_language: str = Field(description="`de`: the language the content is written in.")
    translations: list[TranslationOut] = Field(description="Every translation that exists, with its status.")


class EasyGerman(StrictSchema):
    title: str
    body_markdown: str
    body_html: str


class PageItem(LanguageInfo):
    id: int
    office: OfficeRef
    parent: int | None = Field(description="Id of the parent page; null at the top of the guide.")
    order: int
    icon: str
    title: str
    summary: str
    body_markdown: str = Field(description="The text as written (Markdown), in `language`.")
    body_html: str = Field(
        description="The text as sanitised HTML; lines embedding live lists ([[offers …]]) are left out."
    )
    municipality: MunicipalityRef | None = Field(
        description="The municipality the page is written for; null for pages of the whole office."
    )
    easy_german: EasyGerman | None = Field(description="The page in easy German (Leichte Sprache), if any.")
    url: str = Field(description="Absolute URL of the public page in `lang`.")
    updated_at: datetime


class PageList(StrictSchema):
    count: int
    next: str | None
    previous: str | None
    warnings: list[str]
    results: list[PageItem]


class PageDetail(PageItem, ContentDetailInfo):
    pass


class EventPlace(StrictSchema):
    name: str
    street: str
    postcode: str
    municipality: MunicipalityRef | None


class EventCost(StrictSchema):
    type: str = Field(description="free | fee | collection (voluntary contribution)")
    amount: str | None = Field(description='Decimal as a string, e.g. "20.00"; null when not given.')
    note: str


class EventRegistration(StrictSchema):
    enabled: bool = Field(description="Registration through the public event page.")
    open: bool = Field(
        description="Registration possible now: enabled, published, deadline not passed, not started, "
        "and a place free or a waitlist."
    )
    requires_approval: bool
    waitlist: bool = Field(description="Registrations beyond the capacity go on a waitlist.")
    deadline: datetime | None
    url: str | None = Field(description="The public event page with the registration form; null if disabled.")


class EventItem(LanguageInfo):
    id: int
    office: OfficeRef
    organiser: ProviderRef | None = Field(description="The organisation running it; null: the office itself.")
    status: str = Field(description="published | cancelled")
    cancellation_note: str
    title: str
    summary: str
    starts_at: datetime = Field(description="ISO 8601 with offset (Europe/Zurich).")
    ends_at: datetime
    all_day: bool
    place: EventPlace | None = Field(description="Null when the event has no physical place.")
    online: bool
    languages: list[LanguageOut] = Field(description="Languages the event is held in.")
    fields_of_action: list[Term]
    target_groups: list[Term]
    interpreter: bool = Field(description="Interpreters are present.")
    childcare: bool
    cost: EventCost
    capacity: int | None = Field(description="Places (people); null: no limit.")
    places_left: int | None = Field(description="Free places (people); null: no limit.")
    registration: EventRegistration
    url: str = Field(description="Absolute URL of the public event page in `lang`.")
    ics_url: str = Field(description="The event as an iCalendar file.")
    updated_at: datetime


class EventList(StrictSchema):
    count: int
    next: str | None
    previous: str | None
    warnings: list[str]
    results: list[EventItem]


class EventContact(StrictSchema):
    email: str
    phone: str


class EventDetail(EventItem, ContentDetailInfo):
    description_markdown: str
    description_html: str
    contact: EventContact


class NewsImage(StrictSchema):
    url: str
    thumbnail_url: str | None
    alt: str = Field(description="Description of the image, in `language`.")


class NewsItemOut(LanguageInfo):
    id: int
    office: OfficeRef
    title: str
    teaser: str
    image: NewsImage | None
    publish_at: datetime
    url: str = Field(description="Absolute URL of the public news page in `lang`.")
    updated_at: datetime


class NewsList(StrictSchema):
    count: int
    next: str | None
    previous: str | None
    warnings: list[str]
    results: list[NewsItemOut]


class NewsDetail(NewsItemOut, ContentDetailInfo):
    body_markdown: str
    body_html: str
