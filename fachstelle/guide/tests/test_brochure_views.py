"""The public brochure page: choose, wait, download; bad input; the download of a READY brochure only."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.guide.models import Brochure

from .brochure_helpers import make_page, make_ready, make_world, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    office, zofingen, aarburg = make_world()
    page = make_page(office, "Ankommen", body="Melden Sie sich an.")
    return {"office": office, "zofingen": zofingen, "aarburg": aarburg, "page": page}


def url(office, ui="de", **params):
    with translation.override(ui):
        path = reverse("guide_public:brochure", kwargs={"office_slug": office.slug})
    if params:
        path += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return path


def test_form_offers_municipalities_and_languages(client, world, english, django_assert_num_queries):
    # office, its municipalities
    with django_assert_num_queries(2):
        response = client.get(url(world["office"], "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="region"' in html and "Zofingen" in html and "Aarburg" in html
    choices = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="([a-z]+)"', choices) == ["de", "ar", "ti"]
    assert "العربية" in choices
    assert not Brochure.objects.exists()


def test_form_preselects_the_reader_language(client, world):
    response = client.get(url(world["office"], "ar"))
    assert response.status_code == 200
    assert '<option value="ar" selected>' in response.content.decode()


def test_ready_brochure_redirects_to_the_download(client, world, django_assert_num_queries):
    ready = make_ready(world["office"], municipality=world["zofingen"], language="ar")
    # office, municipalities, the service's check of the municipality, content key (4), the brochure
    with django_assert_num_queries(8):
        response = client.get(url(world["office"], "ar", municipality=world["zofingen"].pk, language="ar"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/guide/brochure/{ready.pk}.pdf")
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="willkommen-zofingen-ar.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_pending_brochure_shows_a_page_that_looks_again(client, world, english):
    response = client.get(url(world["office"], "en", municipality="region", language="de"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "being prepared" in html
    brochure = Brochure.objects.get()
    assert (brochure.status, brochure.municipality, brochure.language) == ("pending", None, "de")
    # Looking again does not start a second build.
    client.get(url(world["office"], "en", municipality="region", language="de"))
    assert Brochure.objects.count() == 1


def test_failed_brochure_says_so_without_details(client, world, english):
    client.get(url(world["office"], "en", municipality="region", language="de"))
    Brochure.objects.update(status="failed", error="OSError: secret path", finished_at=timezone.now())
    response = client.get(url(world["office"], "en", municipality="region", language="de"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "could not be prepared" in html and "secret path" not in html
    assert "http-equiv" not in html


@pytest.mark.parametrize(
    "params, field_error",
    [
        ({"municipality": "region", "language": "uk"}, "language"),  # not one of the office's languages
        ({"municipality": "region", "language": "xx"}, "language"),
        ({"municipality": "region"}, "language"),
        ({"municipality": "abc", "language": "de"}, "municipality"),
        ({"municipality": "999999", "language": "de"}, "municipality"),
    ],
)
def test_bad_choice_shows_the_form_with_a_message(client, world, english, params, field_error):
    response = client.get(url(world["office"], "en", **params))
    assert response.status_code == 400
    assert f'id="id_{field_error}_error"' in response.content.decode()
    assert not Brochure.objects.exists()


def test_municipality_of_another_office_is_refused(client, world, english):
    other = OfficeFactory(municipalities=[MunicipalityFactory(name="Olten")])
    response = client.get(
        url(world["office"], "en", municipality=other.municipalities.get().pk, language="de")
    )
    assert response.status_code == 400
    assert not Brochure.objects.exists()


def test_download_only_ready_brochures_of_that_office(client, world):
    other = OfficeFactory()
    foreign = make_ready(other)
    pending = Brochure.objects.create(
        office=world["office"], language="de", content_key="x", status="pending"
    )

    def download(office, pk):
        return client.get(
            reverse("guide_public:brochure_download", kwargs={"office_slug": office.slug, "pk": pk})
        )

    assert download(world["office"], foreign.pk).status_code == 404
    assert download(world["office"], pending.pk).status_code == 404
    assert download(other, foreign.pk).status_code == 200


def test_newcomer_downloads_the_arabic_brochure_of_zofingen(
    client, world, django_capture_on_commit_callbacks
):
    """Done-when of the issue: the built PDF, right to left, through the public pages."""
    translate(world["page"], "ar", title="الوصول", body="سجّل نفسك في البلدية.")
    chosen = url(world["office"], "ar", municipality=world["zofingen"].pk, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        # The test's transaction holds the build back until the request is answered: "being prepared".
        assert client.get(chosen).status_code == 200
    # The page looks again: the immediate task backend has built it by now.
    response = client.get(chosen)
    assert response.status_code == 302
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert 'filename="willkommen-zofingen-ar.pdf"' in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    brochure = Brochure.objects.get()
    assert brochure.status == "ready" and brochure.page_count >= 4  # cover, contents, page, contacts
