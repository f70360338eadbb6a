"""Nationality groups of the portrait (age pyramid, tables): Swiss, EU/EFTA, other Europe, Africa, Asia,
Americas, Oceania, unknown. Every ISO 3166-1 alpha-2 code is mapped; codes outside the list (XX, ZZ,
stateless, Antarctic territories) count as unknown."""

from django.utils.translation import gettext_lazy as _

from fachstelle.core.countries import COUNTRIES

SWISS = "CH"

GROUPS = [
    ("swiss", _("Switzerland")),
    ("eu_efta", _("EU/EFTA")),
    ("other_europe", _("Other Europe")),
    ("africa", _("Africa")),
    ("asia", _("Asia")),
    ("americas", _("Americas")),
    ("oceania", _("Oceania")),
    ("unknown", _("Unknown / stateless")),
]
GROUP_LABELS = dict(GROUPS)

_CODES_BY_GROUP = {
    "swiss": "CH",
    # EU member states and the EFTA states other than Switzerland (free movement of persons).
    "eu_efta": "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO",
    "other_europe": "AD AL AX BA BY FO GB GG GI IM JE MC MD ME MK RS RU SJ SM TR UA VA XK",
    "africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU"
        " MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    "asia": (
        "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP"
        " OM PH PK PS QA SA SG SY TH TJ TL TM TW UZ VN YE"
    ),
    "americas": (
        "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY HN HT JM KN"
        " KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI"
    ),
    "oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
}
NATIONALITY_GROUP = {code: group for group, codes in _CODES_BY_GROUP.items() for code in codes.split()}
# The intake list (core.countries) is short on purpose; the statistics name the other frequent
# nationalities of the Swiss and German resident population too.
_NAMES = {
    **dict(COUNTRIES),
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "CA": _("Canada"),
    "CM": _("Cameroon"),
    "CO": _("Colombia"),
    "CZ": _("Czechia"),
    "GB": _("United Kingdom"),
    "GE": _("Georgia"),
    "GR": _("Greece"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "NL": _("Netherlands"),
    "SE": _("Sweden"),
    "SK": _("Slovakia"),
    "US": _("United States"),
    "AR": _("Argentina"),
    "AU": _("Australia"),
}


def nationality_group(code: str) -> str:
    """The group key of an ISO alpha-2 code ("unknown" for codes outside the mapping)."""
    return NATIONALITY_GROUP.get((code or "").upper(), "unknown")


def nationality_name(code: str) -> str:
    """The country's name where the platform knows it, else the code itself (XX: unknown)."""
    code = (code or "").upper()
    if code == SWISS:
        return str(_("Switzerland"))
    if code in ("XX", ""):
        return str(_("Unknown"))
    return str(_NAMES.get(code, code))
