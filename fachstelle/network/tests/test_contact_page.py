"""The public contact page: the office's fields of action with their contact persons."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from fachstelle.core.tests.factories import OfficeFactory

from .factories_inquiries import FieldContactFactory, staff_member


def page_url(office):
    return reverse("network_public:contact_page", kwargs={"office_slug": office.slug})


@pytest.fixture
def office(vocab):
    office = OfficeFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    FieldContactFactory(
        office=office,
        field_of_action=vocab["areas"]["wohnen"],
        person=staff_member(office, first_name="Vera", last_name="Wohnlich"),
        public_title="Fachperson Wohnen",
        public_phone="062 745 00 00",
        public_email="wohnen@zofingen.example",
        languages=[vocab["languages"]["ti"], vocab["languages"]["fr"]],
        photo=SimpleUploadedFile("vera.png", buffer.getvalue(), content_type="image/png"),
    )
    FieldContactFactory(
        office=office,
        field_of_action=vocab["areas"]["arbeit"],
        person=staff_member(office, first_name="Ali", last_name="Arbeit"),
    )
    gone = staff_member(office, first_name="Former", last_name="Colleague", is_active=False)
    FieldContactFactory(office=office, field_of_action=vocab["areas"]["bildung"], person=gone)
    return office


@pytest.mark.django_db
def test_contact_page_shows_contacts_with_details(client, office, english, django_assert_num_queries):
    # office; contacts (field, person, deputy joined); their languages
    with django_assert_num_queries(3):
        response = client.get(page_url(office))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Housing",  # the field's English name
        "Vera Wohnlich",
        "Fachperson Wohnen",
        "062 745 00 00",
        "wohnen@zofingen.example",
        "ትግርኛ",  # languages by their own name unless an English one is stored
        "Work and career",
        "Ali Arbeit",
    ):
        assert text in body
    assert 'src="/media/contacts/' in body
    assert "Former Colleague" not in body  # an inactive account is not offered as contact
    form_url = reverse("network_public:inquiry_create", kwargs={"office_slug": office.slug})
    assert f"{form_url}?topic=wohnen" in body


@pytest.mark.django_db
def test_contact_page_shows_only_its_office(client, office, vocab, english):
    other = OfficeFactory()
    FieldContactFactory(
        office=other,
        field_of_action=vocab["areas"]["wohnen"],
        person=staff_member(other, first_name="Elsewhere"),
    )
    body = client.get(page_url(office)).content.decode()
    assert "Elsewhere" not in body
    empty = client.get(page_url(OfficeFactory())).content.decode()
    assert "has not named its contact persons yet" in empty


@pytest.mark.django_db
def test_contact_page_of_unknown_office_is_404(client, db):
    assert (
        client.get(reverse("network_public:contact_page", kwargs={"office_slug": "nope"})).status_code == 404
    )
