from django import template

from fachstelle.core.languages import active_language

register = template.Library()


@register.filter
def label(term) -> str:
    """A taxonomy term or language named in the active language (German fallback)."""
    return term.label(active_language()) if term is not None else ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
