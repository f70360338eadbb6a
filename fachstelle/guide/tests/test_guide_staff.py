"""Staff screens of the welcome guide: role matrix, office scoping, forms with bad input, translation
editor and diff, feedback, statistics."""

import datetime

import pytest
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.otp import login_verified
from fachstelle.guide import services
from fachstelle.guide.models import GuidePage, GuidePageSourceVersion, GuidePageTranslation

from .guide_factories import make_office, member, page_create, translate

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def office():
    return make_office(slug="region-zofingen")


@pytest.fixture
def page(office):
    return page_create(office, "Ankommen", body="Die Anmeldung kostet 20 Franken.")


def staff_url(office, name, **kwargs):
    return reverse(f"guide:{name}", kwargs={"office_slug": office.slug, **kwargs})


def get_views(office, page):
    return [
        staff_url(office, "page_list"),
        staff_url(office, "page_create"),
        staff_url(office, "page_edit", pk=page.pk),
        staff_url(office, "page_delete", pk=page.pk),
        staff_url(office, "page_preview", pk=page.pk),
        staff_url(office, "translation_overview"),
        staff_url(office, "translation_edit", pk=page.pk, language="ar"),
        staff_url(office, "translation_diff", pk=page.pk, language="ar"),
        staff_url(office, "feedback_list"),
        staff_url(office, "statistics"),
        staff_url(office, "statistics_csv"),
    ]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.COUNSELLOR])
def test_content_roles_open_every_screen(client, office, page, role):
    login_verified(client, member(office, role))
    for address in get_views(office, page):
        assert client.get(address).status_code == 200, address


def test_statistics_role_is_refused(client, office, page):
    login_verified(client, member(office, Role.STATISTICS))
    for address in get_views(office, page):
        assert client.get(address).status_code == 403, address
    response = client.post(
        staff_url(office, "page_create"), {"title": "X", "icon": "info", "status": "draft"}
    )
    assert response.status_code == 403
    assert GuidePage.objects.count() == 1


def test_anonymous_is_sent_to_the_login(client, office, page):
    for address in get_views(office, page):
        response = client.get(address)
        assert response.status_code == 302 and "login" in response["Location"], address


def test_pages_of_another_office_are_404(client, office):
    other = make_office(slug="andere", name="Andere", short_name="Andere")
    foreign = page_create(other, "Fremd")
    login_verified(client, member(office, Role.EDITOR))
    for name in ("page_edit", "page_delete", "page_preview"):
        assert client.get(staff_url(office, name, pk=foreign.pk)).status_code == 404
    assert client.post(staff_url(office, "page_move", pk=foreign.pk), {"direction": "up"}).status_code == 404
    assert client.post(staff_url(office, "page_delete", pk=foreign.pk)).status_code == 404
    assert client.get(staff_url(office, "translation_edit", pk=foreign.pk, language="ar")).status_code == 404
    # …and the other office's own staff area is closed to this member.
    assert client.get(staff_url(other, "page_list")).status_code == 403
    assert GuidePage.objects.filter(pk=foreign.pk).exists()


def test_page_list_shows_tree_and_status_summary(client, office, page, english, django_assert_num_queries):
    child = page_create(office, "Anmeldung", parent=page)
    translate(page, "ar")
    translate(page, "ti")
    services.guide_page_update(page=page, by=None, fields={"body": "Neu"})
    translate(page, "ar")
    page_create(office, "Zofingen", municipality=office.zofingen)
    login_verified(client, member(office, Role.EDITOR))
    client.get(staff_url(office, "page_list"))
    # staff request overhead (session, user, OTP device, office, membership, session save: 3 with its
    # savepoint) + pages with their status counts
    with django_assert_num_queries(9):
        response = client.get(staff_url(office, "page_list"))
    html = response.content.decode()
    assert "1 up to date, 1 outdated, 1 missing" in html
    assert "0 up to date, 0 outdated, 3 missing" in html
    assert html.index("Ankommen") < html.index("Anmeldung") < html.index("Zofingen")
    assert f'id="page-{child.pk}"' in html


def page_data(**overrides):
    data = {
        "title": "Schule",
        "summary": "",
        "body": "Die Schule ist gratis.",
        "easy_title": "",
        "easy_body": "",
        "parent": "",
        "municipality": "",
        "icon": "school",
        "order": "",
        "status": "published",
        "in_brochure": "on",
    }
    data.update(overrides)
    return data


def test_create_page(client, office, page):
    user = member(office, Role.EDITOR)
    login_verified(client, user)
    response = client.post(
        staff_url(office, "page_create"), page_data(parent=str(page.pk), municipality=str(office.zofingen.pk))
    )
    assert response.status_code == 302
    created = GuidePage.objects.get(title="Schule")
    assert (created.parent, created.municipality, created.updated_by, created.icon) == (
        page,
        office.zofingen,
        user,
        "school",
    )
    assert GuidePageSourceVersion.objects.filter(page=created, revision=1).exists()


def test_empty_title_keeps_the_input(client, office, english):
    login_verified(client, member(office, Role.EDITOR))
    response = client.post(staff_url(office, "page_create"), page_data(title="", body="Mein langer Text"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mein langer Text" in html and "This field is required." in html
    assert not GuidePage.objects.exists()


def test_parent_cycle_is_a_form_error(client, office, page, english):
    child = page_create(office, "Anmeldung", parent=page)
    login_verified(client, member(office, Role.EDITOR))
    response = client.post(
        staff_url(office, "page_edit", pk=page.pk), page_data(title="Ankommen neu", parent=str(child.pk))
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "below itself or below one of its sub-pages" in html and "Ankommen neu" in html
    page.refresh_from_db()
    assert (page.title, page.parent_id) == ("Ankommen", None)


def test_municipality_of_another_office_is_not_a_choice(client, office, english):
    other = make_office(slug="andere", name="Andere", short_name="Andere")
    foreign_place = other.municipalities.create(bfs_number=2701, name="Basel", canton="BS")
    login_verified(client, member(office, Role.EDITOR))
    response = client.post(staff_url(office, "page_create"), page_data(municipality=str(foreign_place.pk)))
    assert response.status_code == 400
    assert not GuidePage.objects.exists()


def test_edit_minor_change_keeps_translations_up_to_date(client, office, page):
    translate(page, "ar")
    login_verified(client, member(office, Role.EDITOR))
    response = client.post(
        staff_url(office, "page_edit", pk=page.pk),
        page_data(title="Ankommen", body="Die Anmeldung kostet 20 Franken!", minor_change="on"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.source_revision == 1 and page.body.endswith("!")
    response = client.post(
        staff_url(office, "page_edit", pk=page.pk),
        page_data(title="Ankommen", body="Die Anmeldung kostet 30."),
    )
    page.refresh_from_db()
    assert page.source_revision == 2


def test_delete_page_with_children_is_refused(client, office, page, english):
    page_create(office, "Anmeldung", parent=page)
    login_verified(client, member(office, Role.EDITOR))
    response = client.post(staff_url(office, "page_delete", pk=page.pk))
    assert response.status_code == 409
    assert "This page has sub-pages." in response.content.decode()
    assert GuidePage.objects.filter(pk=page.pk).exists()


def test_delete_page(client, office, page):
    login_verified(client, member(office, Role.EDITOR))
    assert client.post(staff_url(office, "page_delete", pk=page.pk)).status_code == 302
    assert not GuidePage.objects.exists()


def test_move_page(client, office, page):
    second = page_create(office, "Schule")
    login_verified(client, member(office, Role.EDITOR))
    client.post(staff_url(office, "page_move", pk=second.pk), {"direction": "up"})
    assert list(GuidePage.objects.order_by("order").values_list("title", flat=True)) == ["Schule", "Ankommen"]


def test_preview_shows_drafts_in_a_language_without_counting(client, office, english):
    draft = page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    translate(draft, "ar", title="مسودة", body="نص المسودة")
    login_verified(client, member(office, Role.EDITOR))
    response = client.get(staff_url(office, "page_preview", pk=draft.pk) + "?language=ar")
    html = response.content.decode()
    assert response.status_code == 200 and "نص المسودة" in html and 'lang="ar" dir="rtl"' in html
    assert "Page views are not counted." in html
    assert not draft.view_counts.exists()
    assert client.get(staff_url(office, "page_preview", pk=draft.pk) + "?language=fr").status_code == 404


def test_translation_matrix_links_outdated_cells_to_the_diff(client, office, page, english):
    translate(page, "ar")
    services.guide_page_update(page=page, by=None, fields={"body": "Die Anmeldung kostet 30 Franken."})
    login_verified(client, member(office, Role.EDITOR))
    html = client.get(staff_url(office, "translation_overview")).content.decode()
    assert staff_url(office, "translation_diff", pk=page.pk, language="ar") in html
    assert "guide-cell-outdated" in html and "guide-cell-missing" in html
    assert staff_url(office, "translation_diff", pk=page.pk, language="ti") not in html


def test_diff_view_shows_what_changed(client, office, page):
    translate(page, "ar")
    services.guide_page_update(
        page=page, by=None, fields={"body": "Die Anmeldung kostet 30 Franken. <script>x</script>"}
    )
    login_verified(client, member(office, Role.EDITOR))
    html = client.get(staff_url(office, "translation_diff", pk=page.pk, language="ar")).content.decode()
    assert "<del>20</del><ins>30</ins>" in html
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_translation_editor_saves_and_makes_it_up_to_date(client, office, page):
    user = member(office, Role.EDITOR)
    login_verified(client, user)
    address = staff_url(office, "translation_edit", pk=page.pk, language="ti")
    html = client.get(address).content.decode()
    assert "Die Anmeldung kostet 20 Franken." in html  # the German side
    response = client.post(address, {"title": "ምምጻእ", "summary": "", "body": "ጽሑፍ", "state": "done"})
    assert response.status_code == 302
    translation = GuidePageTranslation.objects.get(page=page, language="ti")
    assert (translation.title, translation.source_revision, translation.updated_by) == ("ምምጻእ", 1, user)


def test_translation_editor_refuses_a_finished_translation_without_title(client, office, page, english):
    login_verified(client, member(office, Role.EDITOR))
    address = staff_url(office, "translation_edit", pk=page.pk, language="ti")
    response = client.post(address, {"title": "", "summary": "", "body": "ጽሑፍ ይጸንሕ", "state": "done"})
    assert response.status_code == 400
    assert "A finished translation needs a title." in response.content.decode()
    assert "ጽሑፍ ይጸንሕ" in response.content.decode()
    assert not GuidePageTranslation.objects.exists()


def test_translation_editor_for_a_language_the_office_does_not_use_is_404(client, office, page):
    login_verified(client, member(office, Role.EDITOR))
    for language in ("fr", "de", "xx"):
        address = staff_url(office, "translation_edit", pk=page.pk, language=language)
        assert client.get(address).status_code == 404
        assert client.post(address, {"title": "T", "state": "done"}).status_code == 404
    assert not GuidePageTranslation.objects.exists()


def test_feedback_list_and_marking_done(client, office, page, django_assert_num_queries):
    services.page_feedback_create(
        page=page, language="ar", helpful=False, comment="Unklar: welches Formular?"
    )
    services.page_feedback_create(page=page, language="de", helpful=True)
    other = make_office(slug="andere", name="Andere", short_name="Andere")
    foreign = services.page_feedback_create(
        page=page_create(other, "Fremd"), language="de", helpful=False, comment="Fremder Kommentar"
    )
    login_verified(client, member(office, Role.EDITOR))
    address = staff_url(office, "feedback_list")
    client.get(address)
    # staff request overhead (8, see the page list) + summary per page, open comments
    with django_assert_num_queries(10):
        html = client.get(address).content.decode()
    assert "Unklar: welches Formular?" in html and "Fremder Kommentar" not in html
    feedback = page.feedback.get(helpful=False)
    assert client.post(staff_url(office, "feedback_done", pk=feedback.pk)).status_code == 302
    feedback.refresh_from_db()
    assert feedback.done_at is not None
    assert client.post(staff_url(office, "feedback_done", pk=foreign.pk)).status_code == 404
    assert "Unklar: welches Formular?" not in client.get(address).content.decode()


def test_statistics_and_csv(client, office, page, django_assert_num_queries):
    day = datetime.date(2024, 4, 1)
    for language in ("de", "de", "ar"):
        services.page_view_record(page=page, language=language, day=day)
    login_verified(client, member(office, Role.EDITOR))
    address = staff_url(office, "statistics") + "?year=2024"
    client.get(address)
    # staff request overhead (8, see the page list) + years, sums, pages
    with django_assert_num_queries(11):
        html = client.get(address).content.decode()
    assert "<strong>3</strong>" in html
    response = client.get(staff_url(office, "statistics_csv") + "?year=2024")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[2:6] == ["de", "ar", "ti", "uk"]
    assert lines[1].split(";") == [str(page.pk), "Ankommen", "2", "1", "0", "0", "3"]
    assert lines[-1].split(";")[-1] == "3"
    # A year without views is an empty table, not an error; nonsense years fall back to this year.
    assert client.get(staff_url(office, "statistics") + "?year=1999").status_code == 200
    assert client.get(staff_url(office, "statistics") + "?year=abc").status_code == 200
