"""The brochure's content key, request cache and build (guide/brochure.py)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.guide import brochure as brochure_module
from fachstelle.guide.brochure import (
    FAILED_RETRY_AFTER,
    brochure_build,
    brochure_content_key,
    brochure_html,
    brochure_request,
)
from fachstelle.guide.models import Brochure, GuidePage

from .brochure_helpers import make_contact, make_page, make_world, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    office, zofingen, aarburg = make_world()
    arriving = make_page(office, "Ankommen", body="## Anmelden\n\nMelden Sie sich an.", order=1)
    school = make_page(office, "Schule", body="Die Schule ist gratis.", order=2)
    make_page(office, "Anmeldung in Zofingen", parent=arriving, municipality=zofingen)
    contact = make_contact(office, vocab["areas"]["sprache"])
    return {
        "office": office,
        "zofingen": zofingen,
        "aarburg": aarburg,
        "arriving": arriving,
        "school": school,
        "contact": contact,
    }


def key(world, language="ar", municipality=None):
    return brochure_content_key(office=world["office"], municipality=municipality, language=language)


# --- Content key ---------------------------------------------------------------------------------------


def test_key_is_stable_and_cheap(world, django_assert_num_queries):
    first = key(world)
    # pages, translations in Arabic, contact persons, their languages
    with django_assert_num_queries(4):
        assert key(world) == first
    # German has no translations to read.
    with django_assert_num_queries(3):
        key(world, "de")


def test_key_changes_with_page_text_and_not_with_unprinted_pages(world):
    before_ar, before_de = key(world), key(world, "de")
    # Not printed: a draft, a page left out of the brochure, a page of another municipality.
    make_page(world["office"], "Entwurf", status=GuidePage.Status.DRAFT)
    make_page(world["office"], "Nur online", in_brochure=False)
    make_page(world["office"], "Aarburg", municipality=world["aarburg"])
    assert (key(world), key(world, "de")) == (before_ar, before_de)
    assert key(world, municipality=world["zofingen"]) != before_ar  # Zofingen has its own page

    world["school"].body = "Die Schule ist obligatorisch."
    world["school"].save()
    assert key(world) != before_ar and key(world, "de") != before_de


def test_key_changes_with_translation_in_that_language_only(world):
    before_ar, before_ti, before_de = key(world), key(world, "ti"), key(world, "de")
    translation = translate(world["school"], "ar")
    after_ar = key(world)
    assert after_ar != before_ar
    assert (key(world, "ti"), key(world, "de")) == (before_ti, before_de)
    translation.state = translation.State.IN_TRANSLATION
    translation.save()
    assert key(world) not in (before_ar, after_ar)


def test_key_changes_with_contacts_and_office_address(world, vocab):
    before = key(world)
    world["contact"].public_phone = "062 000 00 00"
    world["contact"].save()
    after_phone = key(world)
    assert after_phone != before
    world["contact"].languages.add(vocab["languages"]["ar"])
    after_languages = key(world)
    assert after_languages != after_phone
    world["office"].phone = "062 111 11 11"
    assert key(world) != after_languages


# --- Request -------------------------------------------------------------------------------------------


def test_request_records_one_pending_brochure_and_enqueues_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = brochure_request(office=world["office"], municipality=world["zofingen"], language="ar")
    assert first.status == Brochure.Status.PENDING and len(callbacks) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        second = brochure_request(office=world["office"], municipality=world["zofingen"], language="ar")
    assert second.pk == first.pk and callbacks == []
    assert Brochure.objects.count() == 1


def test_ready_brochure_is_served_from_cache_until_content_changes(world, django_capture_on_commit_callbacks):
    office = world["office"]
    with django_capture_on_commit_callbacks(execute=True):
        built = brochure_request(office=office, municipality=None, language="de")
    built.refresh_from_db()
    assert built.status == Brochure.Status.READY
    with django_capture_on_commit_callbacks() as callbacks:
        again = brochure_request(office=office, municipality=None, language="de")
    assert again.pk == built.pk and callbacks == []  # no new build

    world["school"].title = "Schule und Kindergarten"
    world["school"].save()
    with django_capture_on_commit_callbacks() as callbacks:
        fresh = brochure_request(office=office, municipality=None, language="de")
    assert fresh.pk != built.pk and fresh.status == Brochure.Status.PENDING and len(callbacks) == 1


def test_failed_brochure_is_retried_after_a_pause(world, django_capture_on_commit_callbacks):
    office = world["office"]
    with django_capture_on_commit_callbacks():
        failed = brochure_request(office=office, municipality=None, language="ar")
    Brochure.objects.filter(pk=failed.pk).update(status="failed", error="boom", finished_at=timezone.now())
    with django_capture_on_commit_callbacks() as callbacks:
        assert brochure_request(office=office, municipality=None, language="ar").status == "failed"
    assert callbacks == []  # not a loop of builds
    Brochure.objects.filter(pk=failed.pk).update(finished_at=timezone.now() - FAILED_RETRY_AFTER * 2)
    with django_capture_on_commit_callbacks() as callbacks:
        retried = brochure_request(office=office, municipality=None, language="ar")
    assert retried.pk == failed.pk and retried.status == "pending" and retried.error == ""
    assert len(callbacks) == 1


def test_request_refuses_languages_and_municipalities_the_office_does_not_offer(world):
    other = MunicipalityFactory(name="Olten", bfs_number=2581)  # not served by the office
    with pytest.raises(ValidationError) as error:
        brochure_request(office=world["office"], municipality=None, language="uk")
    assert "language" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        brochure_request(office=world["office"], municipality=other, language="de")
    assert "municipality" in error.value.message_dict
    assert not Brochure.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_create_one_brochure(vocab):
    office, _zofingen, _aarburg = make_world()
    make_page(office, "Ankommen")
    barrier = threading.Barrier(4)
    results, errors = [], []

    def request():
        try:
            barrier.wait()
            results.append(brochure_request(office=office, municipality=None, language="de").pk)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert Brochure.objects.filter(office=office, municipality=None, language="de").count() == 1


# --- HTML and PDF --------------------------------------------------------------------------------------


def test_arabic_html_is_right_to_left_and_marks_german_fallback(world):
    translate(world["school"], "ar", title="المدرسة", body="المدرسة مجانية.")
    html = brochure_html(office=world["office"], municipality=world["zofingen"], language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "المدرسة" in html
    # "Ankommen" has no Arabic translation: printed in German, marked as such, with the note.
    assert '<h2 lang="de" dir="ltr">Ankommen</h2>' in html
    assert html.count('class="note"') == 2  # Ankommen and its Zofingen sub-page
    assert '<h3 lang="de" dir="ltr">Anmeldung in Zofingen</h3>' in html
    assert 'href="#page-%d"' % world["school"].pk in html
    assert "lea.muster@example.org" in html
    assert "http://" not in html.split("<body>")[0]  # nothing to fetch


def test_german_html_is_left_to_right_without_fallback_notes(world):
    html = brochure_html(office=world["office"], municipality=None, language="de")
    assert '<html lang="de" dir="ltr">' in html
    assert 'class="note"' not in html
    assert "Anmeldung in Zofingen" not in html  # the whole region: no municipality's own pages


def test_build_writes_a_pdf_with_cover_contents_and_pages(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        item = brochure_request(office=world["office"], municipality=world["zofingen"], language="de")
    brochure_build(brochure_id=item.pk)
    item.refresh_from_db()
    assert item.status == Brochure.Status.READY and item.finished_at and item.error == ""
    with item.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    top_level = 2
    # cover + contents + a sheet per top-level page + contacts
    assert item.page_count >= top_level + 3
    assert item.file.name.startswith("brochures/willkommen-zofingen-de")


def test_failed_build_leaves_no_file(world, monkeypatch, django_capture_on_commit_callbacks):
    def broken(html):
        raise RuntimeError("font exploded")

    monkeypatch.setattr(brochure_module, "brochure_render_pdf", broken)
    with django_capture_on_commit_callbacks():
        item = brochure_request(office=world["office"], municipality=None, language="ar")
    brochure_build(brochure_id=item.pk)
    item.refresh_from_db()
    assert item.status == Brochure.Status.FAILED
    assert item.error == "RuntimeError: font exploded"
    assert not item.file and item.page_count == 0 and item.finished_at is not None
