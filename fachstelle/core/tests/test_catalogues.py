"""The interface languages have complete catalogues: no untranslated or fuzzy entry in de, fr, it."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE_LANGUAGES = [code for code in settings.UI_LANGUAGES if code != "en"]  # msgids are English


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_placeholders_survive_translation(language):
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"))
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in catalogue.translated_entries():
        expected = set(placeholder.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(placeholder.findall(text)) <= expected | set(placeholder.findall(entry.msgid)), (
                entry.msgid
            )
