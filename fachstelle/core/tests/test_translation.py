"""Translation status and fallback, shared by every translatable content type."""

import pytest

from fachstelle.core.tests.factories import OfficeFactory, make_offer
from fachstelle.core.translation import TranslationStatus, localize, translation_status
from fachstelle.offers.models import OfferTranslation
from fachstelle.offers.services import offer_translation_save, offer_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(vocab):
    return make_offer(office=OfficeFactory(), title="Deutschkurs", summary="Für Anfänger.")


def test_missing_translation(offer):
    assert translation_status(offer, None) == TranslationStatus.MISSING


def test_finished_translation_is_up_to_date_until_the_german_text_changes(offer):
    translation = offer_translation_save(offer=offer, language="fr", values={"title": "Cours"}, by=None)
    assert translation_status(offer, translation) == TranslationStatus.UP_TO_DATE
    offer_update(offer=offer, by=None, fields={"summary": "Für Anfängerinnen und Anfänger."})
    translation.refresh_from_db()
    assert translation_status(offer, translation) == TranslationStatus.OUTDATED


def test_changing_only_non_text_fields_keeps_translations_current(offer):
    translation = offer_translation_save(offer=offer, language="fr", values={"title": "Cours"}, by=None)
    offer_update(offer=offer, by=None, fields={"childcare": True})
    assert translation_status(offer, translation) == TranslationStatus.UP_TO_DATE


def test_machine_and_in_translation_states(offer):
    machine = offer_translation_save(
        offer=offer, language="ar", values={"title": "دورة"}, by=None, state=OfferTranslation.State.MACHINE
    )
    draft = offer_translation_save(
        offer=offer,
        language="ti",
        values={"title": "ትምህርቲ"},
        by=None,
        state=OfferTranslation.State.IN_TRANSLATION,
    )
    assert translation_status(offer, machine) == TranslationStatus.MACHINE
    assert translation_status(offer, draft) == TranslationStatus.IN_TRANSLATION
    # Unfinished translations are not shown to the public: German with a note instead.
    assert localize(offer, draft, "ti").is_fallback
    assert not localize(offer, machine, "ar").is_fallback


def test_empty_translated_fields_fall_back_per_field(offer):
    translation = offer_translation_save(offer=offer, language="fr", values={"title": "Cours"}, by=None)
    localized = localize(offer, translation, "fr")
    assert localized.title == "Cours"
    assert localized.summary == "Für Anfänger."


def test_german_is_never_a_translation(offer):
    with pytest.raises(ValueError):
        offer_translation_save(offer=offer, language="de", values={"title": "x"}, by=None)
