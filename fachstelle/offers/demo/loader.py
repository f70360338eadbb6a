"""Load the demo content into the database, idempotently.

Every object is looked up by its natural key first (municipality: country + number; office: slug;
organisation: office + slug; offer: office + title; user: username) and only created when missing, so a
second run changes nothing: no duplicates, no new versions, no reset passwords, no cache invalidation.
Offers and translations are written through the offer services, like every other write.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from fachstelle.core.models import (
    FieldOfAction,
    Language,
    Membership,
    Municipality,
    Office,
    PromotionArea,
    TargetGroup,
)
from fachstelle.core.reference_data import seed_reference_data
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer
from fachstelle.offers.services import offer_create, offer_translation_save, offer_update

from .offers import OFFERS
from .offices import DEMO_PASSWORD, MUNICIPALITIES, OFFICES, STAFF_NAMES, SUPERUSER
from .providers import PROVIDERS
from .translations import CHANGED_AFTER_TRANSLATION, TRANSLATIONS

# Keys of an offer's data that are not plain model fields.
_RELATION_KEYS = {
    "provider",
    "areas",
    "kip",
    "targets",
    "languages",
    "municipalities",
    "locations",
    "confirmed_days_ago",
}
REVISION_COMMENT = "Demo-Daten"


@dataclass
class DemoLogin:
    username: str
    role: str
    office: str = ""


@dataclass
class DemoLoadResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    logins: list[DemoLogin] = field(default_factory=list)


@dataclass
class _Vocabulary:
    areas: dict[str, FieldOfAction]
    kip: dict[str, PromotionArea]
    targets: dict[str, TargetGroup]
    languages: dict[str, Language]

    @classmethod
    def load(cls) -> "_Vocabulary":
        return cls(
            areas={a.slug: a for a in FieldOfAction.objects.all()},
            kip={p.code: p for p in PromotionArea.objects.all()},
            targets={t.slug: t for t in TargetGroup.objects.all()},
            languages={lang.code: lang for lang in Language.objects.all()},
        )


def _tally(result: DemoLoadResult, kind: str, created: bool) -> None:
    (result.created if created else result.existing)[kind] += 1


def _load_municipalities(result: DemoLoadResult) -> dict[int, Municipality]:
    by_number = {}
    for number, name, canton, country, district in MUNICIPALITIES:
        municipality, created = Municipality.objects.get_or_create(
            country=country,
            bfs_number=number,
            defaults={"name": name, "canton": canton, "district": district},
        )
        by_number[number] = municipality
        _tally(result, "municipalities", created)
    return by_number


def _load_office(data: dict, municipalities: dict[int, Municipality], result: DemoLoadResult) -> Office:
    values = {k: v for k, v in data.items() if k not in {"slug", "user_prefix", "municipalities"}}
    office, created = Office.objects.get_or_create(slug=data["slug"], defaults=values)
    if created:
        # Only a new office gets its municipalities: a re-run never undoes what an administrator changed.
        office.municipalities.set([municipalities[n] for n in data["municipalities"]])
    _tally(result, "offices", created)
    return office


def _load_staff(office: Office, prefix: str, result: DemoLoadResult):
    """The office's administrator and editor; the editor is who "wrote" the demo offers."""
    users = {}
    for (first, last), role in zip(
        STAFF_NAMES[prefix], (Membership.Role.ADMIN, Membership.Role.EDITOR), strict=True
    ):
        username = f"{prefix}-{role}"
        user = _ensure_user(username, first, last, f"{username}@example.ch", result)
        _membership, created = Membership.objects.get_or_create(
            user=user, office=office, defaults={"role": role}
        )
        _tally(result, "memberships", created)
        result.logins.append(
            DemoLogin(username=username, role=Membership.Role(role).label, office=office.name)
        )
        users[role] = user
    return users[Membership.Role.ADMIN], users[Membership.Role.EDITOR]


def _ensure_user(
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    result: DemoLoadResult,
    *,
    superuser: bool = False,
):
    """Create the user with the demo password when missing; an existing user (and password) stays as it is."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        _tally(result, "users", False)
        return user
    create = user_model.objects.create_superuser if superuser else user_model.objects.create_user
    extra = {} if superuser else {"is_staff": True}
    user = create(
        username=username,
        email=email,
        password=DEMO_PASSWORD,
        first_name=first_name,
        last_name=last_name,
        **extra,
    )
    _tally(result, "users", True)
    return user


def _load_providers(
    office: Office, municipalities: dict[int, Municipality], result: DemoLoadResult
) -> dict[str, Organisation]:
    providers = {}
    for data in PROVIDERS[office.slug]:
        values = {k: v for k, v in data.items() if k not in {"key", "municipality"}}
        values["municipality"] = municipalities[data["municipality"]]
        organisation, created = Organisation.objects.get_or_create(
            office=office, slug=slugify(data["name"])[:120], defaults=values
        )
        providers[data["key"]] = organisation
        _tally(result, "providers", created)
    return providers


def _offer_arguments(
    data: dict,
    providers: dict[str, Organisation],
    municipalities: dict[int, Municipality],
    vocabulary: _Vocabulary,
    now,
) -> tuple[dict, dict, list[dict]]:
    """The data of one demo offer as the (fields, m2m, locations) that offer_create takes."""
    fields = {k: v for k, v in data.items() if k not in _RELATION_KEYS}
    fields["provider"] = providers[data["provider"]]
    fields.setdefault("status", Offer.Status.PUBLISHED)
    for name in ("start_date", "end_date"):
        if fields.get(name):
            fields[name] = date.fromisoformat(fields[name])
    if fields.get("cost_amount") is not None:
        fields["cost_amount"] = Decimal(fields["cost_amount"])
    days = data.get("confirmed_days_ago")
    fields["last_confirmed_at"] = now - timedelta(days=days) if days is not None else None

    locations = []
    for place in data.get("locations", []):
        values = {k: v for k, v in place.items() if k != "bfs"}
        values["municipality"] = municipalities[place["bfs"]]
        locations.append(values)
    numbers = data.get("municipalities") or list(
        dict.fromkeys(place["bfs"] for place in data.get("locations", []))
    )
    m2m = {
        "fields_of_action": [vocabulary.areas[s] for s in data.get("areas", [])],
        "promotion_areas": [vocabulary.kip[c] for c in data.get("kip", [])],
        "target_groups": [vocabulary.targets[s] for s in data.get("targets", [])],
        "languages": [vocabulary.languages[c] for c in data.get("languages", [])],
        "municipalities": [municipalities[n] for n in numbers],
    }
    return fields, m2m, locations


def _load_offers(
    office: Office,
    providers: dict[str, Organisation],
    municipalities: dict[int, Municipality],
    vocabulary: _Vocabulary,
    editor,
    result: DemoLoadResult,
) -> None:
    existing = set(Offer.objects.filter(office=office).values_list("title", flat=True))
    now = timezone.now()
    for data in OFFERS[office.slug]:
        key = (office.slug, data["title"])
        if data["title"] in existing:
            _tally(result, "offers", False)
            result.existing["translations"] += len(TRANSLATIONS.get(key, {}))
            continue
        fields, m2m, locations = _offer_arguments(data, providers, municipalities, vocabulary, now)
        offer = offer_create(
            office=office, by=editor, fields=fields, m2m=m2m, locations=locations, comment=REVISION_COMMENT
        )
        _tally(result, "offers", True)
        for language, values in TRANSLATIONS.get(key, {}).items():
            values = dict(values)
            state = values.pop("state", "done")
            offer_translation_save(offer=offer, language=language, values=values, by=editor, state=state)
            _tally(result, "translations", True)
        if key in CHANGED_AFTER_TRANSLATION:
            # The German text moves on after translating: its translations become "outdated".
            offer_update(
                offer=offer, by=editor, fields=CHANGED_AFTER_TRANSLATION[key], comment=REVISION_COMMENT
            )


def demo_data_load() -> DemoLoadResult:
    """Create whatever of the demo data is missing; all or nothing."""
    result = DemoLoadResult()
    with transaction.atomic():
        # After a `flush` the vocabularies of the data migration are gone; they are get-or-create too.
        seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
        vocabulary = _Vocabulary.load()
        municipalities = _load_municipalities(result)
        _ensure_user(
            SUPERUSER["username"],
            SUPERUSER["first_name"],
            SUPERUSER["last_name"],
            SUPERUSER["email"],
            result,
            superuser=True,
        )
        result.logins.append(DemoLogin(username=SUPERUSER["username"], role="superuser"))
        for data in OFFICES:
            office = _load_office(data, municipalities, result)
            _admin, editor = _load_staff(office, data["user_prefix"], result)
            providers = _load_providers(office, municipalities, result)
            _load_offers(office, providers, municipalities, vocabulary, editor, result)
    return result
