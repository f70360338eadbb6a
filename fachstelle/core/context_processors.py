from django.conf import settings

from .languages import active_language, text_direction


def site(request):
    """Language and direction of the page, and the list for the language switcher."""
    language = active_language()
    return {
        "page_language": language,
        "page_direction": text_direction(language),
        "ui_languages": [(code, name) for code, name in settings.LANGUAGES if code in settings.UI_LANGUAGES],
        "more_languages": [
            (code, name) for code, name in settings.LANGUAGES if code not in settings.UI_LANGUAGES
        ],
    }
