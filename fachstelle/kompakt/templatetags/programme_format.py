"""`{{ amount|money:country }}`: the programme's money format (1’200.00 in CH, 1.200,00 in DE)."""

from django import template

from fachstelle.core.numbers import format_money

register = template.Library()


@register.filter
def money(amount, country="CH"):
    return format_money(amount, country=country or "CH")


@register.filter
def money_currency(amount, country="CH"):
    return format_money(amount, country=country or "CH", with_currency=True)


@register.filter
def markdown(text):
    """The programme's Markdown texts, sanitised (core.richtext)."""
    from fachstelle.core.richtext import render_markdown

    return render_markdown(text or "") if (text or "").strip() else ""
