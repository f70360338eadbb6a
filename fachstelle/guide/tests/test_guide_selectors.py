"""Selectors of the welcome guide: trees, translation matrix, diffs, feedback, statistics, print order."""

import datetime

import pytest
from django.http import Http404

from fachstelle.core.translation import TranslationStatus
from fachstelle.guide import selectors, services
from fachstelle.guide.models import GuidePage, GuidePageTranslation

from .guide_factories import make_office, page_create, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_office()


def test_staff_tree_counts_translation_status_in_one_query(office, django_assert_num_queries):
    top = page_create(office, "Ankommen", order=1)
    child = page_create(office, "Anmeldung", parent=top)
    page_create(office, "Schule", order=2, municipality=office.zofingen)
    translate(top, "ar")
    translate(top, "ti")
    translate(top, "uk", state=GuidePageTranslation.State.IN_TRANSLATION, title="")
    translate(child, "ar", state=GuidePageTranslation.State.MACHINE)
    services.guide_page_update(page=top, by=None, fields={"body": "Neu"})
    translate(top, "ti")
    with django_assert_num_queries(1):  # pages with their status counts (annotations)
        rows = selectors.guide_tree_staff(office=office)
        summary = [
            (r.page.title, r.depth, r.up_to_date, r.machine, r.outdated, r.in_translation, r.missing)
            for r in rows
        ]
        municipalities = [r.page.municipality.name if r.page.municipality else None for r in rows]
    assert summary == [
        ("Ankommen", 0, 1, 0, 1, 1, 0),
        ("Anmeldung", 1, 0, 1, 0, 0, 2),
        ("Schule", 0, 0, 0, 0, 0, 3),
    ]
    assert municipalities == [None, None, "Zofingen"]


def test_translation_matrix_has_a_status_per_page_and_language(office, django_assert_num_queries):
    page = page_create(office)
    translate(page, "ar")
    translate(page, "ti")
    services.guide_page_update(page=page, by=None, fields={"summary": "Neu"})
    translate(page, "ar")
    with django_assert_num_queries(2):  # pages, translations
        matrix = selectors.translation_matrix(office=office)
    assert matrix.languages == ["ar", "ti", "uk"]
    assert [(c.language, c.status) for c in matrix.rows[0].cells] == [
        ("ar", TranslationStatus.UP_TO_DATE),
        ("ti", TranslationStatus.OUTDATED),
        ("uk", TranslationStatus.MISSING),
    ]
    assert matrix.totals["ti"]["outdated"] == 1


def test_diff_shows_what_changed_since_the_translation_escaped(office):
    page = page_create(office, body="Die Anmeldung kostet 20 Franken.\nBringen Sie den Pass mit.")
    translate(page, "ar")
    services.guide_page_update(
        page=page,
        by=None,
        fields={"body": "Die Anmeldung kostet 30 Franken.\nBringen Sie den Pass <b>mit</b>."},
    )
    diff = selectors.translation_diff(page=page, language="ar")
    body = next(f for f in diff.fields if f.name == "body")
    assert (diff.from_revision, diff.to_revision, diff.base_known) == (1, 2, True)
    assert body.changed
    assert "<del>20</del><ins>30</ins>" in body.html
    assert "&lt;b&gt;" in body.html and "<b>" not in body.html
    assert not next(f for f in diff.fields if f.name == "title").changed


def test_diff_without_a_finished_translation_shows_everything_as_new(office):
    page = page_create(office, body="Alles neu")
    diff = selectors.translation_diff(page=page, language="ti")
    assert diff.translation is None and not diff.base_known
    assert "<ins>Alles neu</ins>" in next(f for f in diff.fields if f.name == "body").html


def test_diff_of_a_language_the_office_does_not_use_is_404(office):
    page = page_create(office)
    with pytest.raises(Http404):
        selectors.translation_diff(page=page, language="fr")


def test_public_index_shows_published_top_pages_of_the_chosen_municipality(office):
    page_create(office, "Ankommen", order=1)
    page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    page_create(office, "Zofingen", order=3, municipality=office.zofingen)
    page_create(office, "Aarburg", order=2, municipality=office.aarburg)
    assert [c.text.title for c in selectors.guide_index(office=office, language="de", municipality=None)] == [
        "Ankommen"
    ]
    cards = selectors.guide_index(office=office, language="de", municipality=office.zofingen)
    assert [c.text.title for c in cards] == ["Ankommen", "Zofingen"]


def test_public_page_with_an_unpublished_ancestor_is_404(office):
    top = page_create(office, "Ankommen", status=GuidePage.Status.DRAFT)
    child = page_create(office, "Anmeldung", parent=top)
    with pytest.raises(Http404):
        selectors.guide_page_public(office=office, pk=child.pk, language="de", municipality=None)
    detail = selectors.guide_page_public(
        office=office, pk=child.pk, language="de", municipality=None, preview=True
    )
    assert [c.page.pk for c in detail.breadcrumbs] == [top.pk]


def test_pages_for_print_are_depth_first_with_depth(office):
    top = page_create(office, "Ankommen", order=1)
    page_create(office, "Schule", order=2)
    child = page_create(office, "Anmeldung", parent=top, order=1)
    page_create(office, "Ausweis", parent=child)
    page_create(office, "Nicht drucken", in_brochure=False)
    page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    page_create(office, "Zofingen", parent=top, order=2, municipality=office.zofingen)
    page_create(office, "Aarburg", parent=top, order=3, municipality=office.aarburg)
    translate(top, "ar", title="الوصول")
    pages = selectors.guide_pages_for_print(office=office, municipality=office.zofingen, language="ar")
    assert [(text.title, depth) for _page, text, depth in pages] == [
        ("الوصول", 0),
        ("Anmeldung", 1),
        ("Ausweis", 2),
        ("Zofingen", 1),
        ("Schule", 0),
    ]
    assert pages[1][1].is_fallback


def test_feedback_summary_and_open_comments(office, django_assert_num_queries):
    page = page_create(office)
    other = page_create(office, "Schule")
    services.page_feedback_create(page=page, language="de", helpful=True, comment="")
    services.page_feedback_create(page=page, language="ar", helpful=False, comment="Unklar")
    done = services.page_feedback_create(page=page, language="ar", helpful=False, comment="Erledigt")
    services.page_feedback_mark_done(feedback=done)
    with django_assert_num_queries(1):
        rows = selectors.feedback_summary(office=office)
    assert [(r.page.pk, r.helpful, r.not_helpful, r.open_comments) for r in rows] == [
        (page.pk, 1, 2, 1),
        (other.pk, 0, 0, 0),
    ]
    assert [f.comment for f in selectors.feedback_comments(office=office)] == ["Unklar"]
    assert {f.comment for f in selectors.feedback_comments(office=office, include_done=True)} == {
        "Unklar",
        "Erledigt",
    }


def test_yearly_statistic_per_page_and_language(office, django_assert_num_queries):
    page = page_create(office, "Ankommen", order=1)
    other = page_create(office, "Schule", order=2)
    foreign = page_create(make_office(slug="andere", name="Andere", short_name="Andere"), "Fremd")
    for day, language, times in (
        (datetime.date(2024, 5, 1), "de", 2),
        (datetime.date(2024, 5, 2), "ar", 3),
        (datetime.date(2024, 12, 31), "fr", 1),  # not an office language, but readers used it
        (datetime.date(2023, 1, 1), "de", 7),  # another year
    ):
        for _ in range(times):
            services.page_view_record(page=page, language=language, day=day)
    services.page_view_record(page=other, language="ti", day=datetime.date(2024, 6, 1))
    services.page_view_record(page=foreign, language="de", day=datetime.date(2024, 6, 1))
    with django_assert_num_queries(3):  # years, sums, pages
        stats = selectors.guide_statistics(office=office, year=2024)
    assert stats.languages == ["de", "ar", "ti", "uk", "fr"]
    assert [(r.page.title, r.counts, r.total) for r in stats.rows] == [
        ("Ankommen", [2, 3, 0, 0, 1], 6),
        ("Schule", [0, 0, 1, 0, 0], 1),
    ]
    assert (stats.totals, stats.total) == ([2, 3, 1, 0, 1], 7)
    assert 2023 in stats.years and 2024 in stats.years
