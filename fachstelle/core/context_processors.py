from django.conf import settings

from .languages import active_language, text_direction


def site(request):
    """Language and direction of the page, and the list for the language switcher."""
    language = active_language()
    # Interface strings of a content-only language (Tigrinya, Arabic…) fall back to German: the page chrome
    # says so with lang="de", so that screen readers pronounce it right.
    ui_language = language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE
    return {
        "page_language": language,
        "ui_language": ui_language,
        "ui_lang_attr": "" if ui_language == language else ui_language,
        "page_direction": text_direction(language),
        "ui_languages": [(code, name) for code, name in settings.LANGUAGES if code in settings.UI_LANGUAGES],
        "more_languages": [
            (code, name) for code, name in settings.LANGUAGES if code not in settings.UI_LANGUAGES
        ],
    }
