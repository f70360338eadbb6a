"""What a proposal contains: the stored shape of a proposed offer, and how staff see it.

`OfferProposal.data` is plain JSON: scalar offer fields by name, vocabulary terms by slug/code,
municipalities by BFS number, a list of locations; plus `submitter_language` (the page language of the
submission, used for the e-mails to the submitter). The same shape describes an existing offer, so a
change proposal can be prefilled from the offer and compared with it field by field.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from fachstelle.core.models import FieldOfAction, Language, Office, TargetGroup

from ..models import Location, Offer, OfferProposal

# The offer fields a provider may propose (everything else stays with the office: KIP areas, status…).
SCALAR_FIELDS = (
    "title",
    "summary",
    "description",
    "cost_type",
    "cost_amount",
    "cost_note",
    "childcare",
    "barrier_free",
    "is_online",
    "start_date",
    "end_date",
    "schedule_text",
    "registration_required",
    "registration_url",
    "registration_email",
    "registration_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
)
BOOLEAN_FIELDS = {"childcare", "barrier_free", "is_online", "registration_required"}
DATE_FIELDS = {"start_date", "end_date"}
LIST_FIELDS = ("fields_of_action", "target_groups", "languages", "municipalities")
LOCATION_KEYS = ("name", "street", "postcode", "municipality", "opening_hours", "by_appointment")
META_KEYS = ("submitter_language",)
DISPLAY_ORDER = (
    "title",
    "summary",
    "description",
    "fields_of_action",
    "target_groups",
    "languages",
    "municipalities",
    "cost_type",
    "cost_amount",
    "cost_note",
    "childcare",
    "barrier_free",
    "is_online",
    "start_date",
    "end_date",
    "schedule_text",
    "locations",
    "registration_required",
    "registration_url",
    "registration_email",
    "registration_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
)


# --- The shape of proposed content ------------------------------------------------------------------


def _plain(value):
    """A field value as plain JSON: decimals as "12.50", dates as ISO strings."""
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def proposal_data_normalize(values: dict) -> dict:
    """Proposed content (from a form or an offer) in the stored shape; unknown keys are dropped."""
    data = {}
    for name in SCALAR_FIELDS:
        value = values.get(name)
        if name in BOOLEAN_FIELDS:
            data[name] = bool(value)
        elif name == "cost_type":
            data[name] = value or Offer.CostType.FREE
        elif name == "cost_amount" or name in DATE_FIELDS:
            data[name] = _plain(value) if value not in (None, "") else None
        else:
            data[name] = _plain(value or "")
    for name in LIST_FIELDS:
        items = values.get(name) or []
        data[name] = sorted({int(v) for v in items} if name == "municipalities" else {str(v) for v in items})
    data["locations"] = [
        {
            "name": _plain(loc.get("name") or ""),
            "street": _plain(loc.get("street") or ""),
            "postcode": _plain(loc.get("postcode") or ""),
            "municipality": int(loc["municipality"]),
            "opening_hours": _plain(loc.get("opening_hours") or ""),
            "by_appointment": bool(loc.get("by_appointment")),
        }
        for loc in values.get("locations") or []
        if loc.get("municipality") not in (None, "")
    ]
    return data


def offer_proposal_data(offer: Offer) -> dict:
    """The current content of an offer in the proposal shape (prefill of a change, diff in the review)."""
    values = {name: getattr(offer, name) for name in SCALAR_FIELDS}
    values["fields_of_action"] = [a.slug for a in offer.fields_of_action.all()]
    values["target_groups"] = [t.slug for t in offer.target_groups.all()]
    values["languages"] = [lang.code for lang in offer.languages.all()]
    values["municipalities"] = [m.bfs_number for m in offer.municipalities.all()]
    values["locations"] = [
        {
            "name": loc.name,
            "street": loc.street,
            "postcode": loc.postcode,
            "municipality": loc.municipality.bfs_number,
            "opening_hours": loc.opening_hours,
            "by_appointment": loc.by_appointment,
        }
        for loc in offer.locations.select_related("municipality")
    ]
    return proposal_data_normalize(values)


def _content(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in META_KEYS}


# --- Proposals: what staff see ---------------------------------------------------------------------


@dataclass
class DiffRow:
    name: str
    label: str
    current: str
    proposed: str

    @property
    def changed(self) -> bool:
        return self.current != self.proposed


def field_label(name: str) -> str:
    if name == "locations":
        return str(Location._meta.verbose_name_plural)
    return str(Offer._meta.get_field(name).verbose_name)


def _location_text(loc: dict, municipality_names: dict[int, str]) -> str:
    place = f"{loc.get('postcode') or ''} {municipality_names.get(loc.get('municipality'), '')}".strip()
    appointment = _("by appointment only") if loc.get("by_appointment") else ""
    parts = (loc.get("name"), loc.get("street"), place, loc.get("opening_hours"), appointment)
    return " · ".join(part for part in parts if part)


def proposal_display(*, data: dict, office: Office, language: str) -> list[tuple[str, str, str]]:
    """(field name, label, human-readable value) of proposed content, in form order."""
    data = _content(data)
    names = {
        "fields_of_action": {a.slug: a.label(language) for a in FieldOfAction.objects.all()},
        "target_groups": {t.slug: t.label(language) for t in TargetGroup.objects.all()},
        "languages": {lang.code: lang.label(language) for lang in Language.objects.all()},
        "municipalities": {m.bfs_number: m.name for m in office.municipalities.all()},
    }
    cost_types = dict(Offer.CostType.choices)
    rows = []
    for name in DISPLAY_ORDER:
        value = data.get(name)
        if name in LIST_FIELDS:
            text = ", ".join(str(names[name].get(v, v)) for v in value or [])
        elif name == "locations":
            text = "\n".join(_location_text(loc, names["municipalities"]) for loc in value or [])
        elif name in BOOLEAN_FIELDS:
            text = _("yes") if value else _("no")
        elif name == "cost_type":
            text = str(cost_types.get(value, value or ""))
        else:
            text = "" if value is None else str(value)
        rows.append((name, field_label(name), text))
    return rows


def proposal_diff(*, proposal: OfferProposal, language: str) -> list[DiffRow]:
    """Field by field: the offer as it is now against the proposed change (change proposals only)."""
    if proposal.offer_id is None:
        return []
    current = proposal_display(
        data=offer_proposal_data(proposal.offer), office=proposal.office, language=language
    )
    proposed = {
        name: text
        for name, _label, text in proposal_display(
            data=proposal.data, office=proposal.office, language=language
        )
    }
    return [DiffRow(name, label, text, proposed.get(name, "")) for name, label, text in current]
