"""Numbers of the portrait in the office country's convention, independent of the UI language:
Switzerland 13’918 and 12.5 % (typographic apostrophe U+2019, decimal point), Germany 13.918 and 12,5 %.

    {% load kompakt_numbers %}
    {{ row.population|count:office }}      13’918 / 13.918
    {{ row.foreign_share|percent:office }} 21.6 % / 21,6 %
    {{ row.share|decimal:office }}         21.6 / 21,6   (one decimal, for columns whose header says %)

The argument is an Office, a country code ("CH", "DE") or empty (Swiss convention). None prints "–".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

# country: (thousands separator, decimal mark)
CONVENTIONS = {"CH": ("\u2019", "."), "DE": (".", ",")}
MISSING = "–"


def _convention(office_or_country) -> tuple[str, str]:
    country = getattr(office_or_country, "country", office_or_country) or "CH"
    return CONVENTIONS.get(str(country).upper(), CONVENTIONS["CH"])


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    return separator.join(parts)


def format_count(value, office_or_country=None) -> str:
    """A whole number with thousands separators (values < 10,000 too: 1’234)."""
    if value is None or value == "":
        return MISSING
    try:
        number = int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return str(value)
    separator, _mark = _convention(office_or_country)
    sign = "-" if number < 0 else ""
    return sign + _group(str(abs(number)), separator)


def format_decimal(value, office_or_country=None, places: int = 1) -> str:
    """A number with `places` decimals (half up), thousands grouped, the country's decimal mark."""
    if value is None or value == "":
        return MISSING
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    separator, mark = _convention(office_or_country)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    text = _group(whole, separator)
    return sign + (f"{text}{mark}{fraction}" if places else text)


@register.filter
def count(value, office=None):
    return format_count(value, office)


@register.filter
def decimal(value, office=None):
    return format_decimal(value, office)


@register.filter
def percent(value, office=None):
    """One decimal and " %"; a missing value is "–" without the sign."""
    text = format_decimal(value, office)
    return text if text == MISSING else f"{text} %"
