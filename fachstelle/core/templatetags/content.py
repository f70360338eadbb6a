from django import template
from django.utils.http import urlencode

from fachstelle.core.languages import active_language, text_direction

register = template.Library()


@register.filter
def label(term) -> str:
    """A taxonomy term or language named in the active language (German fallback)."""
    return term.label(active_language()) if term is not None else ""


@register.filter
def direction(language_code: str) -> str:
    return text_direction(language_code)


@register.simple_tag(takes_context=True)
def toggle_filter(context, name: str, value) -> str:
    """The current query string with `name=value` added or, if present, removed (page reset)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    value = str(value)
    values = [v for v in params.getlist(name) if v != value]
    if len(values) == len(params.getlist(name)):
        values.append(value)
    params.setlist(name, values)
    return "?" + urlencode([(k, v) for k in params for v in params.getlist(k)])


@register.simple_tag(takes_context=True)
def without_filter(context, name: str) -> str:
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    return "?" + params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
