"""The languages of the platform: UI languages (full gettext catalogues) and content languages."""

from django.conf import settings
from django.utils.translation import get_language

CONTENT_LANGUAGE_CODES = [code for code, _name, _rtl in settings.CONTENT_LANGUAGES]
NATIVE_NAMES = {code: name for code, name, _rtl in settings.CONTENT_LANGUAGES}
SOURCE_LANGUAGE = settings.LANGUAGE_CODE  # content is written in German first


def is_rtl(code: str) -> bool:
    return code in settings.RTL_LANGUAGES


def text_direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def active_language() -> str:
    """The active request language reduced to a supported content language code."""
    code = (get_language() or SOURCE_LANGUAGE).lower()
    if code in NATIVE_NAMES:
        return code
    base = code.split("-")[0]
    return base if base in NATIVE_NAMES else SOURCE_LANGUAGE


def normalize_language(code: str | None) -> str | None:
    """A user-supplied language code (API `lang`, form) as a supported code, or None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    if code in NATIVE_NAMES:
        return code
    base = code.split("-")[0]
    return base if base in NATIVE_NAMES else None
