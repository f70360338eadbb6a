"""The staff inbox and inquiry page: who sees what, filters, query pins, actions with bad input, contact
persons management."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import FieldContact, Inquiry, InquiryMessage

from .factories_inquiries import FieldContactFactory, InquiryFactory, InquiryMessageFactory, staff_member

Role = Membership.Role
Status = Inquiry.Status


@pytest.fixture
def world(vocab):
    office = OfficeFactory()
    admin = staff_member(office, Role.ADMIN)
    housing = staff_member(office, Role.COUNSELLOR, email="wohnen@example.org")
    work = staff_member(office, Role.EDITOR, email="arbeit@example.org")
    deputy = staff_member(office, Role.EDITOR)
    statistician = staff_member(office, Role.STATISTICS)
    areas = vocab["areas"]
    FieldContactFactory(office=office, field_of_action=areas["wohnen"], person=housing, deputy=deputy)
    FieldContactFactory(office=office, field_of_action=areas["arbeit"], person=work)
    inquiries = {
        "housing": InquiryFactory(
            office=office, field_of_action=areas["wohnen"], assigned_to=housing, subject="Wohnung gesucht"
        ),
        "work": InquiryFactory(
            office=office, field_of_action=areas["arbeit"], assigned_to=work, subject="Stelle"
        ),
        "triage": InquiryFactory(office=office, subject="Keine Ahnung"),
        # Of the housing field, but given to the work contact: the housing people still see it.
        "moved": InquiryFactory(
            office=office, field_of_action=areas["wohnen"], assigned_to=work, subject="Umzug"
        ),
    }
    other_office = OfficeFactory()
    foreign = InquiryFactory(office=other_office, subject="Fremd")
    return {
        "office": office,
        "admin": admin,
        "housing": housing,
        "work": work,
        "deputy": deputy,
        "statistician": statistician,
        "inquiries": inquiries,
        "foreign": foreign,
        **vocab,
    }


def inbox_url(office, **query):
    url = reverse("network:inquiry_inbox", kwargs={"office_slug": office.slug})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def detail_url(inquiry, name="inquiry_detail"):
    return reverse(f"network:{name}", kwargs={"office_slug": inquiry.office.slug, "inquiry_id": inquiry.pk})


def subjects(response):
    return {inquiry.subject for inquiry in response.context["result"].inquiries}


# --- Who sees what --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", {"Wohnung gesucht", "Stelle", "Keine Ahnung", "Umzug"}),
        ("housing", {"Wohnung gesucht", "Keine Ahnung", "Umzug"}),  # assigned, own field, triage
        ("deputy", {"Wohnung gesucht", "Keine Ahnung", "Umzug"}),  # the deputy's field
        ("work", {"Stelle", "Keine Ahnung", "Umzug"}),  # own field and what was given to them
    ],
)
def test_inbox_shows_each_role_its_inquiries(client, world, english, who, expected):
    login_verified(client, world[who])
    response = client.get(inbox_url(world["office"]))
    assert response.status_code == 200
    assert subjects(response) == expected  # and never the other office's "Fremd"


@pytest.mark.django_db
def test_statistics_users_and_strangers_are_refused(client, world, english):
    login_verified(client, world["statistician"])
    assert client.get(inbox_url(world["office"])).status_code == 403
    assert client.get(detail_url(world["inquiries"]["triage"])).status_code == 403
    stranger = staff_member(OfficeFactory(), Role.ADMIN)
    login_verified(client, stranger)
    assert client.get(inbox_url(world["office"])).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(client, world):
    response = client.get(inbox_url(world["office"]))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_detail_is_audited_and_scoped(client, world, english):
    office = world["office"]
    login_verified(client, world["housing"])
    housing = world["inquiries"]["housing"]
    response = client.get(detail_url(housing))
    assert response.status_code == 200
    assert housing.name in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, target_id=housing.pk, actor=world["housing"], office=office
    ).exists()

    # A colleague's inquiry of another field: 403 and a "denied" entry; the other office's: 404.
    work = world["inquiries"]["work"]
    assert client.get(detail_url(work)).status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, target_id=work.pk).exists()
    foreign_url = reverse(
        "network:inquiry_detail", kwargs={"office_slug": office.slug, "inquiry_id": world["foreign"].pk}
    )
    assert client.get(foreign_url).status_code == 404
    # Nor can a POST reach it.
    response = client.post(detail_url(work, "inquiry_reply"), {"body": "Hi"})
    assert response.status_code == 403
    assert not work.messages.exists()


# --- Filters and query pins -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_filters(client, world, english):
    inquiries = world["inquiries"]
    yesterday = timezone.localdate() - timedelta(days=1)
    Inquiry.objects.filter(pk=inquiries["work"].pk).update(due_on=yesterday)
    # Answered late is not overdue any more.
    Inquiry.objects.filter(pk=inquiries["moved"].pk).update(due_on=yesterday, status=Status.ANSWERED)
    login_verified(client, world["admin"])
    office = world["office"]

    assert subjects(client.get(inbox_url(office, overdue="on"))) == {"Stelle"}
    assert subjects(client.get(inbox_url(office, status="answered"))) == {"Umzug"}
    assert subjects(client.get(inbox_url(office, topic="triage"))) == {"Keine Ahnung"}
    topic = world["areas"]["wohnen"].pk
    assert subjects(client.get(inbox_url(office, topic=topic))) == {"Wohnung gesucht", "Umzug"}
    assert subjects(client.get(inbox_url(office, q="wohnung"))) == {"Wohnung gesucht"}
    assert subjects(client.get(inbox_url(office, mine="on"))) == set()
    login_verified(client, world["work"])
    assert subjects(client.get(inbox_url(office, mine="on"))) == {"Stelle", "Umzug"}
    # Bad filter values are dropped and said so, not a 500.
    response = client.get(inbox_url(office, status="bogus", topic="999999", page="x"))
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()
    assert subjects(response) == {"Stelle", "Keine Ahnung", "Umzug"}


@pytest.mark.django_db
def test_inbox_overdue_badge(client, world, english):
    Inquiry.objects.filter(pk=world["inquiries"]["triage"].pk).update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    login_verified(client, world["admin"])
    response = client.get(inbox_url(world["office"]))
    [overdue] = [inquiry for inquiry in response.context["result"].inquiries if inquiry.is_overdue]
    assert overdue.subject == "Keine Ahnung"
    assert "overdue" in response.content.decode()


@pytest.mark.django_db
def test_inbox_paginates(client, world, english):
    office = world["office"]
    for number in range(30):
        InquiryFactory(office=office, subject=f"Serie {number}")
    login_verified(client, world["admin"])
    first = client.get(inbox_url(office, q="Serie"))
    second = client.get(inbox_url(office, q="Serie", page=2))
    assert first.context["result"].count == 30
    assert len(first.context["result"].inquiries) == 25
    assert len(second.context["result"].inquiries) == 5
    assert not subjects(first) & subjects(second)
    assert client.get(inbox_url(office, q="Serie", page=99)).context["result"].page == 2


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "housing"])
def test_inbox_query_count_is_constant(client, world, english, django_assert_num_queries, who):
    office = world["office"]
    for number in range(40):
        InquiryFactory(
            office=office,
            field_of_action=world["areas"]["wohnen"],
            assigned_to=world["housing"],
            subject=f"Viele {number}",
            due_on=timezone.localdate() - timedelta(days=1),
        )
    login_verified(client, world[who])
    client.get(inbox_url(office))  # warm caches (content types, translations)
    # session, user, OTP device, office, membership (role), topics of the filter (fields with a contact),
    # the count, the page (topic, municipality and assignee joined); the session saved (idle timeout:
    # savepoint, update, release).
    with django_assert_num_queries(11):
        response = client.get(inbox_url(office, overdue="on", q="Viele", page=2))
    assert response.status_code == 200
    assert len(response.context["result"].inquiries) == 15


# --- Actions --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reply_with_bad_input_keeps_the_page_and_says_why(client, world, english):
    inquiry = world["inquiries"]["housing"]
    login_verified(client, world["housing"])
    response = client.post(detail_url(inquiry, "inquiry_reply"), {"body": "   "})
    assert response.status_code == 400
    assert "Write a reply." in response.content.decode()
    assert not inquiry.messages.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_assign_due_status_note_by_post(client, world, english):
    inquiry = world["inquiries"]["triage"]
    login_verified(client, world["admin"])

    # A user of another office is not in the list: clear message, nothing changed.
    outsider = staff_member(OfficeFactory())
    response = client.post(detail_url(inquiry, "inquiry_assign"), {"assigned_to": outsider.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(detail_url(inquiry, "inquiry_assign"), {"assigned_to": world["work"].pk})
    assert response.status_code == 302

    response = client.post(detail_url(inquiry, "inquiry_due"), {"due_on": "not a date"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert 'value="not a date"' in response.content.decode()
    assert client.post(detail_url(inquiry, "inquiry_due"), {"due_on": "2031-05-06"}).status_code == 302

    assert client.post(detail_url(inquiry, "inquiry_note"), {"body": "Intern"}).status_code == 302
    assert client.post(detail_url(inquiry, "inquiry_status"), {"status": "bogus"}).status_code == 400
    assert client.post(detail_url(inquiry, "inquiry_status"), {"status": "closed"}).status_code == 302

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == world["work"]
    assert str(inquiry.due_on) == "2031-05-06"
    assert inquiry.status == Status.CLOSED
    assert inquiry.messages.get().kind == InquiryMessage.Kind.NOTE
    # The closed inquiry's page offers no reply form.
    response = client.get(detail_url(inquiry))
    assert "Send reply" not in response.content.decode()


@pytest.mark.django_db
def test_detail_query_count(client, world, english, django_assert_num_queries):
    inquiry = world["inquiries"]["housing"]
    for _number in range(5):
        InquiryMessageFactory(inquiry=inquiry, author=world["housing"])
    login_verified(client, world["housing"])
    client.get(detail_url(inquiry))
    # session, user, OTP device, office, membership, the inquiry (topic, municipality, assignee joined),
    # the visibility check, the VIEW audit entry, the thread (authors joined), the staff of the assign
    # form; the session saved (savepoint, update, release).
    with django_assert_num_queries(13):
        assert client.get(detail_url(inquiry)).status_code == 200


# --- Contact persons ------------------------------------------------------------------------------------


def contact_url(office, name="field_contact_list", **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": office.slug, **kwargs})


def png(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_contact_list_and_who_may_edit(client, world, english, django_assert_num_queries):
    office = world["office"]
    login_verified(client, world["work"])
    client.get(contact_url(office))
    # session, user, OTP device, office, membership, the contacts (field, person, deputy joined), their
    # languages; the session saved (savepoint, update, release).
    with django_assert_num_queries(10):
        response = client.get(contact_url(office))
    assert response.status_code == 200
    assert len(response.context["contacts"]) == 2
    assert client.get(contact_url(office, "field_contact_create")).status_code == 403
    login_verified(client, world["statistician"])
    assert client.get(contact_url(office)).status_code == 403


@pytest.mark.django_db
def test_admin_creates_contact_with_photo(client, world, english):
    office = world["office"]
    login_verified(client, world["admin"])
    data = {
        "field_of_action": world["areas"]["sprache"].pk,
        "person": world["housing"].pk,
        "deputy": world["work"].pk,
        "public_title": "Deutsch lernen",
        "public_phone": "062 000 00 00",
        "public_email": "deutsch@example.org",
        "languages": [world["languages"]["ti"].pk, world["languages"]["de"].pk],
    }
    photo = SimpleUploadedFile("me.png", png(), content_type="image/png")
    response = client.post(contact_url(office, "field_contact_create"), {**data, "photo": photo})
    assert response.status_code == 302, response.context["form"].errors
    contact = FieldContact.objects.get(office=office, field_of_action=world["areas"]["sprache"])
    assert contact.photo.name.startswith("contacts/")
    assert contact.languages.count() == 2
    assert AuditEvent.objects.filter(target_id=contact.pk, action=AuditEvent.Action.CREATE).exists()

    # The same field again: a clear message, nothing written.
    response = client.post(contact_url(office, "field_contact_create"), data)
    assert response.status_code == 400
    assert FieldContact.objects.filter(office=office).count() == 3

    # Edit: remove the photo.
    response = client.post(
        contact_url(office, "field_contact_edit", contact_id=contact.pk), {**data, "remove_photo": "on"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert not contact.photo

    response = client.post(contact_url(office, "field_contact_delete", contact_id=contact.pk))
    assert response.status_code == 302
    assert not FieldContact.objects.filter(pk=contact.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("x.png", b"not an image", content_type="image/png"), "JPEG, PNG or WebP"),
        (lambda: SimpleUploadedFile("x.gif", _gif(), content_type="image/gif"), "JPEG, PNG or WebP"),
        (
            lambda: SimpleUploadedFile(
                "big.png", png() + b"\0" * (2 * 1024 * 1024), content_type="image/png"
            ),
            "2 MB",
        ),
    ],
)
def test_bad_photo_is_refused_with_input_kept(client, world, english, upload, message):
    office = world["office"]
    login_verified(client, world["admin"])
    data = {
        "field_of_action": world["areas"]["sprache"].pk,
        "person": world["housing"].pk,
        "deputy": world["housing"].pk,  # and the same person twice
        "public_title": "Kept title",
        "photo": upload(),
    }
    response = client.post(contact_url(office, "field_contact_create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "another person" in body
    assert 'value="Kept title"' in body
    assert not FieldContact.objects.filter(office=office, field_of_action=world["areas"]["sprache"]).exists()


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.django_db
def test_contact_of_another_office_is_not_found(client, world, english):
    foreign = FieldContactFactory(office=world["foreign"].office, field_of_action=world["areas"]["wohnen"])
    login_verified(client, world["admin"])
    url = contact_url(world["office"], "field_contact_edit", contact_id=foreign.pk)
    assert client.get(url).status_code == 404
    assert (
        client.post(contact_url(world["office"], "field_contact_delete", contact_id=foreign.pk)).status_code
        == 404
    )
    assert FieldContact.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_inbox_count_is_capped(client, world, english, monkeypatch):
    from fachstelle.network.selectors import inquiries as selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    login_verified(client, world["admin"])
    response = client.get(inbox_url(world["office"]))
    result = response.context["result"]
    assert result.capped and result.count == 3
    assert "More than 3 inquiries" in response.content.decode()
    response = client.get(inbox_url(world["office"], topic="triage"))
    assert not response.context["result"].capped
