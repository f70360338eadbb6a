"""Numbers of the portrait in the office country's convention, independent of the UI language:
Switzerland 13’918 and 12.5 % (typographic apostrophe U+2019, decimal point), Germany 13.918 and 12,5 %.

    {% load kompakt_numbers %}
    {{ row.population|count:office }}      13’918 / 13.918
    {{ row.foreign_share|percent:office }} 21.6 % / 21,6 %
    {{ row.share|decimal:office }}         21.6 / 21,6   (one decimal, for columns whose header says %)

The argument is an Office, a country code ("CH", "DE") or empty (Swiss convention). None prints "–".
"""

from django import template

from fachstelle.core.numbers import MISSING, format_count, format_decimal

register = template.Library()


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
