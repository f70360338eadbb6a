"""Translations of the demo welcome guides, per language code, by page key of fachstelle.guide.demo_content
(page keys are unique across both demo offices). The texts are translations of the German pages, written
for the demo (machine-assisted quality); one is marked as machine-translated to show that state."""

from . import ar, fa_uk_tr, fr_en, ti

TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "ar": ar.PAGES,
    "ti": ti.PAGES,
    "fa": fa_uk_tr.FA,
    "uk": fa_uk_tr.UK,
    "tr": fa_uk_tr.TR,
    "fr": fr_en.FR,
    "en": fr_en.EN,
}

# (language, page key) of translations stored as "machine-translated" (shown with the machine note).
MACHINE_TRANSLATED = {("uk", "arbeit")}
