"""Services of the welcome guide: revisions and snapshots, translation status, tree rules, feedback,
page views."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.core.translation import TranslationStatus, translation_status
from fachstelle.guide import services
from fachstelle.guide.models import GuidePage, GuidePageSourceVersion, GuidePageTranslation, PageViewCount

from .guide_factories import make_office, page_create, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_office()


def status_of(page, language):
    page.refresh_from_db()
    return translation_status(page, GuidePageTranslation.objects.filter(page=page, language=language).first())


def test_create_stores_revision_one_of_the_german_text(office):
    page = page_create(office, "Ankommen", summary="Erste Schritte", body="Willkommen!")
    assert page.source_revision == 1
    version = GuidePageSourceVersion.objects.get(page=page)
    assert (version.revision, version.title, version.summary, version.body) == (
        1,
        "Ankommen",
        "Erste Schritte",
        "Willkommen!",
    )


def test_create_appends_to_the_end_of_its_siblings(office):
    first = page_create(office, "Ankommen")
    second = page_create(office, "Schule")
    assert second.order > first.order


def test_editing_the_german_text_bumps_the_revision_and_stores_a_snapshot(office):
    page = page_create(office, body="Alt")
    services.guide_page_update(page=page, by=None, fields={"body": "Neu"})
    page.refresh_from_db()
    assert page.source_revision == 2
    assert dict(GuidePageSourceVersion.objects.filter(page=page).values_list("revision", "body")) == {
        1: "Alt",
        2: "Neu",
    }


def test_changes_outside_the_translated_text_keep_the_revision(office):
    page = page_create(office)
    services.guide_page_update(
        page=page,
        by=None,
        fields={"status": GuidePage.Status.DRAFT, "easy_body": "Leicht.", "icon": "school", "order": 5},
    )
    page.refresh_from_db()
    assert page.source_revision == 1
    assert GuidePageSourceVersion.objects.filter(page=page).count() == 1


def test_a_minor_change_keeps_translations_up_to_date_and_refreshes_the_snapshot(office):
    page = page_create(office, body="Die Schulle ist gratis.")
    translate(page, "ar")
    services.guide_page_update(
        page=page, by=None, fields={"body": "Die Schule ist gratis."}, minor_change=True
    )
    page.refresh_from_db()
    assert page.source_revision == 1
    assert status_of(page, "ar") == TranslationStatus.UP_TO_DATE
    assert GuidePageSourceVersion.objects.get(page=page, revision=1).body == "Die Schule ist gratis."


def test_translation_goes_outdated_after_a_german_edit_and_up_to_date_after_saving_again(office):
    page = page_create(office, body="Alt")
    translate(page, "ar")
    assert status_of(page, "ar") == TranslationStatus.UP_TO_DATE
    services.guide_page_update(page=page, by=None, fields={"body": "Neu"})
    assert status_of(page, "ar") == TranslationStatus.OUTDATED
    translate(page, "ar", body="جديد")
    assert status_of(page, "ar") == TranslationStatus.UP_TO_DATE
    assert GuidePageTranslation.objects.get(page=page, language="ar").source_revision == 2


def test_a_german_edit_made_three_translations_outdated(office):
    page = page_create(office)
    other = page_create(office, "Schule")
    for language in ("ar", "ti", "uk"):
        translate(page, language)
        translate(other, language)
    services.guide_page_update(page=page, by=None, fields={"title": "Ankommen in der Region"})
    assert [status_of(page, code) for code in ("ar", "ti", "uk")] == [TranslationStatus.OUTDATED] * 3
    # The other page's translations are untouched.
    assert [status_of(other, code) for code in ("ar", "ti", "uk")] == [TranslationStatus.UP_TO_DATE] * 3


def test_in_translation_keeps_the_revision_it_was_made_from(office):
    page = page_create(office)
    translate(page, "ar")
    services.guide_page_update(page=page, by=None, fields={"body": "Neu"})
    translate(page, "ar", state=GuidePageTranslation.State.IN_TRANSLATION, title="")
    translation = GuidePageTranslation.objects.get(page=page, language="ar")
    assert translation.source_revision == 1
    assert status_of(page, "ar") == TranslationStatus.IN_TRANSLATION


def test_machine_translation_is_its_own_status(office):
    page = page_create(office)
    translate(page, "uk", state=GuidePageTranslation.State.MACHINE)
    assert status_of(page, "uk") == TranslationStatus.MACHINE


@pytest.mark.parametrize("language", ["de", "fr", "xx"])
def test_translation_into_a_language_the_office_does_not_use_is_refused(office, language):
    page = page_create(office)
    with pytest.raises(ValidationError) as error:
        translate(page, language)
    assert "language" in error.value.message_dict
    assert not GuidePageTranslation.objects.exists()


def test_finished_translation_needs_a_title(office):
    page = page_create(office)
    with pytest.raises(ValidationError) as error:
        translate(page, "ar", title="  ")
    assert "title" in error.value.message_dict


def test_parent_cycle_is_refused(office):
    top = page_create(office, "Ankommen")
    child = page_create(office, "Anmeldung", parent=top)
    grandchild = page_create(office, "Ausweis", parent=child)
    for new_parent in (top, grandchild):
        with pytest.raises(ValidationError) as error:
            services.guide_page_update(page=top, by=None, fields={"parent": new_parent})
        assert "parent" in error.value.message_dict
    top.refresh_from_db()
    assert top.parent_id is None


def test_parent_of_another_office_is_refused(office):
    foreign = page_create(make_office_other(), "Fremd")
    with pytest.raises(ValidationError) as error:
        page_create(office, "Ankommen", parent=foreign)
    assert "parent" in error.value.message_dict
    assert not GuidePage.objects.filter(office=office).exists()


def make_office_other():
    return OfficeFactory(content_languages=["ar"])


def test_municipality_must_be_served_by_the_office(office):
    elsewhere = MunicipalityFactory(bfs_number=2701, name="Basel")
    with pytest.raises(ValidationError) as error:
        page_create(office, "Basel", municipality=elsewhere)
    assert "municipality" in error.value.message_dict


def test_sub_page_of_a_municipality_page_must_belong_to_it(office):
    local = page_create(office, "Zofingen", municipality=office.zofingen)
    with pytest.raises(ValidationError) as error:
        page_create(office, "Aarburg", parent=local, municipality=office.aarburg)
    assert "municipality" in error.value.message_dict
    assert page_create(office, "Bibliothek", parent=local, municipality=office.zofingen).parent == local


def test_empty_title_is_refused(office):
    with pytest.raises(ValidationError) as error:
        page_create(office, "")
    assert "title" in error.value.message_dict


def test_delete_is_refused_while_the_page_has_sub_pages(office):
    top = page_create(office)
    child = page_create(office, "Anmeldung", parent=top)
    with pytest.raises(ValidationError):
        services.guide_page_delete(page=top)
    services.guide_page_delete(page=child)
    services.guide_page_delete(page=top)
    assert not GuidePage.objects.exists()


def test_move_swaps_neighbours_and_renumbers(office):
    a, b, c = (page_create(office, title, order=order) for title, order in (("A", 1), ("B", 1), ("C", 7)))
    services.guide_page_move(page=c, direction="up")
    assert list(GuidePage.objects.order_by("order").values_list("title", flat=True)) == ["A", "C", "B"]
    services.guide_page_move(page=a, direction="up")  # already first: stays
    services.guide_page_move(page=a, direction="down")
    assert list(GuidePage.objects.order_by("order").values_list("title", "order")) == [
        ("C", 10),
        ("A", 20),
        ("B", 30),
    ]
    with pytest.raises(ValidationError):
        services.guide_page_move(page=b, direction="sideways")


def test_page_views_are_counted_per_language_and_day(office):
    page = page_create(office)
    day = datetime.date(2025, 3, 1)
    for _ in range(3):
        services.page_view_record(page=page, language="ar", day=day)
    services.page_view_record(page=page, language="de", day=day)
    services.page_view_record(page=page, language="ar", day=day + datetime.timedelta(days=1))
    services.page_view_record(page=page, language="klingon", day=day)  # unknown: counted as German
    counts = {(row.language, row.day): row.count for row in PageViewCount.objects.all()}
    assert counts == {("ar", day): 3, ("de", day): 2, ("ar", day + datetime.timedelta(days=1)): 1}


def test_feedback_is_stored_and_marked_done(office):
    page = page_create(office)
    feedback = services.page_feedback_create(
        page=page, language="ti", helpful=False, comment="  Wo ist das?  "
    )
    assert (feedback.language, feedback.helpful, feedback.comment) == ("ti", False, "Wo ist das?")
    services.page_feedback_mark_done(feedback=feedback)
    feedback.refresh_from_db()
    assert feedback.done_at is not None


def test_feedback_comment_too_long_is_refused(office):
    page = page_create(office)
    with pytest.raises(ValidationError) as error:
        services.page_feedback_create(page=page, language="de", helpful=True, comment="x" * 1001)
    assert "comment" in error.value.message_dict
    assert not page.feedback.exists()


@pytest.mark.django_db(transaction=True)
def test_page_views_counted_from_parallel_requests_lose_nothing():
    """Several first views of the day at once: one row, every view counted (PostgreSQL only: SQLite
    serialises writers, so there is no race to lose)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers")
    page = page_create(make_office(), "Ankommen")
    day = datetime.date(2025, 1, 1)
    start = threading.Barrier(6)
    failures = []

    def reader():
        try:
            start.wait()
            for _ in range(5):
                services.page_view_record(page=page, language="ar", day=day)
        except Exception as error:  # reported below: a thread's exception would be lost
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert list(PageViewCount.objects.values_list("count", flat=True)) == [30]
