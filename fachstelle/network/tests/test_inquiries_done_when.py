"""Issue 5, "done when": a resident submits an inquiry about housing in Zofingen and the housing contact
person gets it, replies from the platform and closes it."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Inquiry, InquiryMessage

from .factories_inquiries import staff_member


@pytest.mark.django_db
def test_resident_asks_about_housing_in_zofingen_and_gets_an_answer(
    client, vocab, english, django_capture_on_commit_callbacks
):
    zofingen = MunicipalityFactory(name="Zofingen", bfs_number=4289)
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen", short_name="Zofingen", municipalities=[zofingen]
    )
    admin = staff_member(office, Membership.Role.ADMIN)
    housing = staff_member(
        office,
        Membership.Role.COUNSELLOR,
        first_name="Vera",
        last_name="Wohnlich",
        email="vera@zofingen.example",
    )
    deputy = staff_member(office, Membership.Role.EDITOR, email="stv@zofingen.example")

    # The office admin names the housing contact person.
    login_verified(client, admin)
    response = client.post(
        reverse("network:field_contact_create", kwargs={"office_slug": office.slug}),
        {
            "field_of_action": vocab["areas"]["wohnen"].pk,
            "person": housing.pk,
            "deputy": deputy.pk,
            "public_title": "Fachperson Wohnen",
            "languages": [vocab["languages"]["de"].pk],
        },
    )
    assert response.status_code == 302
    client.logout()

    # The resident finds the housing contact on the contact page and writes.
    contact_page = client.get(reverse("network_public:contact_page", kwargs={"office_slug": office.slug}))
    assert "Vera Wohnlich" in contact_page.content.decode()
    form_url = reverse("network_public:inquiry_create", kwargs={"office_slug": office.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            form_url,
            {
                "sender_type": "resident",
                "topic": "wohnen",
                "municipality": zofingen.pk,
                "subject": "Wohnung in Zofingen",
                "message": "Wir sind eine Familie mit zwei Kindern und suchen eine Wohnung.",
                "preferred_language": "en",
                "name": "Amina Yusuf",
                "email": "amina@example.org",
                "submission_key": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 200
    inquiry = Inquiry.objects.get(office=office)
    reference = inquiry.reference
    assert re.fullmatch(r"A-\d{6}", reference)
    assert reference in response.content.decode()

    # The housing contact is told by e-mail (deputy in copy); the resident gets a receipt.
    notification = next(message for message in mail.outbox if "vera@zofingen.example" in message.to)
    assert notification.cc == ["stv@zofingen.example"]
    assert reference in notification.subject
    receipt = next(message for message in mail.outbox if message.to == ["amina@example.org"])
    assert reference in receipt.subject
    mail.outbox.clear()

    # She finds it in her inbox, opens it (audited), replies from the platform and closes it.
    login_verified(client, housing)
    inbox = client.get(reverse("network:inquiry_inbox", kwargs={"office_slug": office.slug}) + "?mine=on")
    assert [row.pk for row in inbox.context["result"].inquiries] == [inquiry.pk]
    detail_url = reverse(
        "network:inquiry_detail", kwargs={"office_slug": office.slug, "inquiry_id": inquiry.pk}
    )
    detail = client.get(detail_url)
    assert "Familie mit zwei Kindern" in detail.content.decode()
    assert AuditEvent.objects.filter(
        actor=housing, action=AuditEvent.Action.VIEW, target_id=inquiry.pk
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url + "reply/", {"body": "Dear Ms Yusuf, please come to our housing desk on Tuesday."}
        )
    assert response.status_code == 302
    [answer] = mail.outbox
    assert answer.to == ["amina@example.org"]
    assert reference in answer.subject
    assert "housing desk on Tuesday" in answer.body

    response = client.post(detail_url + "status/", {"status": "closed"})
    assert response.status_code == 302

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CLOSED
    assert inquiry.answered_at is not None and inquiry.closed_at is not None
    assert inquiry.assigned_to == housing
    thread = list(inquiry.messages.values_list("kind", flat=True))
    assert thread == [InquiryMessage.Kind.INCOMING, InquiryMessage.Kind.REPLY]
    assert inquiry.messages.get(kind=InquiryMessage.Kind.REPLY).sent_at is not None
