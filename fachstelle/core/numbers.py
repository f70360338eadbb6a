"""Numbers as a Swiss or German reader writes them, independent of the UI language: Switzerland 13’918,
12.5 and CHF 1’200.00 (typographic apostrophe U+2019, decimal point), Germany 13.918, 12,5 and
1.200,00 EUR. One place for the portrait's tables, the programme's and the annual report's documents."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# country: (thousands separator, decimal mark)
CONVENTIONS = {"CH": ("\u2019", "."), "DE": (".", ",")}
CURRENCIES = {"CH": "CHF", "DE": "EUR"}
MISSING = "–"


def convention(office_or_country) -> tuple[str, str]:
    """(thousands separator, decimal mark) of an Office's country or a country code (default Swiss)."""
    country = getattr(office_or_country, "country", office_or_country) or "CH"
    return CONVENTIONS.get(str(country).upper(), CONVENTIONS["CH"])


def currency(country: str) -> str:
    return CURRENCIES.get(country, "CHF")


def group_digits(digits: str, separator: str) -> str:
    """ "1234567" → "1’234’567" (digits only, no sign)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    return separator.join(parts)


def format_count(value, office_or_country=None) -> str:
    """A whole number with thousands separators (values < 10,000 too: 1’234); None or "" → "–"."""
    if value is None or value == "":
        return MISSING
    try:
        number = int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return str(value)
    separator, _mark = convention(office_or_country)
    sign = "-" if number < 0 else ""
    return sign + group_digits(str(abs(number)), separator)


def format_decimal(value, office_or_country=None, places: int = 1) -> str:
    """A number with `places` decimals (half up), thousands grouped, the country's decimal mark."""
    if value is None or value == "":
        return MISSING
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    separator, mark = convention(office_or_country)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    text = group_digits(whole, separator)
    return sign + (f"{text}{mark}{fraction}" if places else text)


def format_money(amount, *, country: str = "CH", with_currency: bool = False) -> str:
    """`1200` → "1’200.00" (CH) or "1.200,00" (DE); with the currency: "CHF 1’200.00", "1.200,00 EUR"."""
    text = format_decimal(amount if amount is not None else 0, country, places=2)
    if not with_currency:
        return text
    return f"{text} {currency(country)}" if country == "DE" else f"{currency(country)} {text}"
