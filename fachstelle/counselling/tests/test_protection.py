"""Anonymisation, subject access and deletion on request (services and their pages)."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import Case, Client, PersonalDataExport
from fachstelle.counselling.selectors.protection import access_log_for, subject_access_collect
from fachstelle.counselling.services.exports import subject_access_pdf
from fachstelle.counselling.services.protection import (
    case_anonymise,
    client_anonymise,
    client_delete_on_request,
)

from .factories import counselling_world
from .protection_fixtures import MARK, NAME, full_client, raw_plaintext_dump

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    return counselling_world()


def url(world, name, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


# --- Anonymisation ---------------------------------------------------------------------------------


def test_case_anonymise_is_idempotent_and_audited_without_personal_data(world):
    client, case = full_client(world)

    case_anonymise(case=case, by=world.admin, reason="anonymised by office admin")
    case_anonymise(case=case, by=world.admin, reason="anonymised by office admin")

    entries = AuditEvent.objects.filter(action=Action.ANONYMISE, target_type="counselling.case")
    assert entries.count() == 1
    assert entries.get().actor == world.admin
    assert NAME not in entries.get().detail
    case.refresh_from_db()
    assert case.version == 2  # a form opened before cannot save over the anonymised case
    client.refresh_from_db()
    assert client.anonymised_at is None  # the person is a separate step


def test_client_anonymise_leaves_cases_to_case_anonymise(world):
    client, case = full_client(world, closed_days_ago=None)

    client_anonymise(client=client, reason="x")

    client.refresh_from_db()
    case.refresh_from_db()
    assert client.name == "anonymisiert" and client.is_pseudonym
    assert case.summary.startswith(MARK)


# --- Subject access --------------------------------------------------------------------------------


def test_subject_access_collects_every_part(world):
    client, case = full_client(world, closed_days_ago=None)
    audit_record(actor=world.counsellor, action=Action.VIEW, target=client)
    audit_record(actor=world.colleague, action=Action.DENIED, office=world.office, target=case)

    with translation.override("en"):
        data = subject_access_collect(client=client)

    assert set(data) >= {
        "client",
        "languages",
        "intake",
        "qualifications",
        "consents",
        "integration_plan",
        "cases",
        "access_log",
    }
    assert data["client"]["name"] == NAME
    assert data["client"]["email"] == "selam@example.org"
    assert {entry["level"] for entry in data["languages"]} == {"mother tongue", "A2"}
    assert data["intake"]["goals_text"] == f"{MARK} Arbeit finden"
    assert set(data["intake"]["goals"]) == {"Work", "Language"}
    assert data["qualifications"][0]["title"] == f"{MARK} Schneiderin"
    assert data["consents"][0]["scope"] == "Sharing data with a partner"
    assert data["integration_plan"]["goals"][0]["steps"][0]["description"] == f"{MARK} Bewerbung schreiben"
    (case_data,) = data["cases"]
    assert case_data["reference"] == case.reference
    assert case_data["sessions"][0]["notes"] == f"{MARK} Sitzung"
    assert case_data["referrals"][0]["note"] == f"{MARK} Überweisung"
    assert case_data["follow_ups"][0]["note"] == f"{MARK} Rückruf"
    assert case_data["interpreter_bookings"][0]["note"] == f"{MARK} Buchung"
    assert [(e["user"], e["action"]) for e in data["access_log"]] == [
        ("beraterin", "viewed"),
        ("berater2", "access denied"),
    ]
    # JSON-able as exported.
    assert NAME in json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_subject_access_of_another_person_has_nothing_of_the_first(world):
    full_client(world)
    other, _ = full_client(world, name="Other Person")

    data = subject_access_collect(client=other)

    assert NAME not in json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_subject_access_pdf_is_a_pdf(world):
    client, _ = full_client(world)
    data = subject_access_collect(client=client)

    pdf = subject_access_pdf(data=data, office=world.office)

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000


def test_subject_access_pdf_template_has_letterhead_and_data(world):
    client, _ = full_client(world)
    with translation.override("en"):
        html_en = render_to_string(
            "counselling/protection/subject_access_pdf.html",
            {"data": subject_access_collect(client=client), "office": world.office},
        )
    assert "Information about your stored data" in html_en
    assert NAME in html_en
    assert world.office.name in html_en


# --- Deletion on request ---------------------------------------------------------------------------


def test_delete_on_request_closes_and_anonymises_everything(world, django_capture_on_commit_callbacks):
    client, open_case = full_client(world, closed_days_ago=None)

    with django_capture_on_commit_callbacks(execute=True):
        client_delete_on_request(client=client, by=world.admin)

    open_case.refresh_from_db()
    client.refresh_from_db()
    assert open_case.status == Case.Status.CLOSED
    assert open_case.close_reason == Case.CloseReason.CLIENT_ENDED
    assert open_case.anonymised_at is not None
    assert client.anonymised_at is not None
    dump = raw_plaintext_dump()
    assert NAME not in dump and MARK not in dump
    entry = AuditEvent.objects.get(action=Action.DELETE)
    assert (entry.target_type, entry.target_id, entry.target_ref) == (
        "counselling.client",
        client.pk,
        client.reference,
    )
    assert entry.detail == "deleted on request"
    assert entry.actor == world.admin


def test_delete_on_request_is_for_office_admins_only(world):
    client, _ = full_client(world, counsellor=world.counsellor)

    with pytest.raises(PermissionDenied):
        client_delete_on_request(client=client, by=world.counsellor)

    client.refresh_from_db()
    assert client.anonymised_at is None


def test_delete_on_request_page(world, client, english):
    person, _ = full_client(world, closed_days_ago=None)
    login_verified(client, world.admin)
    page = url(world, "client_delete_on_request", client_id=person.pk)

    response = client.get(page)
    assert response.status_code == 200
    assert "1 open case is closed" in response.content.decode()

    wrong = client.post(page, {"confirm_reference": "P-999999"})
    assert wrong.status_code == 400
    assert "This is not the reference" in wrong.content.decode()
    assert 'value="P-999999"' in wrong.content.decode()  # what the user typed is kept
    assert Client.objects.get(pk=person.pk).anonymised_at is None

    done = client.post(page, {"confirm_reference": person.reference.lower()}, follow=True)
    assert done.status_code == 200
    assert Client.objects.get(pk=person.pk).anonymised_at is not None
    assert f"The personal data of {person.reference} has been deleted" in done.content.decode()
    assert NAME not in done.content.decode()


@pytest.mark.parametrize("who", ["counsellor", "editor", "statistics", "foreign_counsellor"])
def test_delete_on_request_page_refused(world, client, who):
    person, _ = full_client(world, counsellor=world.counsellor)
    login_verified(client, getattr(world, who))

    response = client.post(
        url(world, "client_delete_on_request", client_id=person.pk), {"confirm_reference": person.reference}
    )

    assert response.status_code == 403
    assert Client.objects.get(pk=person.pk).anonymised_at is None


def test_subject_access_page_requests_export(world, client, english, settings, tmp_path):
    settings.PRIVATE_EXPORT_ROOT = tmp_path
    person, _ = full_client(world)
    login_verified(client, world.admin)
    page = url(world, "subject_access_export", client_id=person.pk)

    assert client.get(page).status_code == 200
    mismatch = client.post(page, {"password": "a-long-password-1", "password_confirm": "other-password-1"})
    assert mismatch.status_code == 400
    assert "The two passwords differ." in mismatch.content.decode()
    assert not PersonalDataExport.objects.exists()

    response = client.post(page, {"password": "a-long-password-1", "password_confirm": "a-long-password-1"})
    assert response.status_code == 302
    export = PersonalDataExport.objects.get()
    assert (export.kind, export.client, export.requested_by) == ("subject_access", person, world.admin)


def test_access_log_include_lists_who_looked(world):
    person, _ = full_client(world)
    audit_record(actor=world.counsellor, action=Action.VIEW, target=person)
    audit_record(actor=world.admin, action=Action.UPDATE, target=person, detail="phone")

    with translation.override("en"):
        html = render_to_string(
            "counselling/protection/_access_log.html", {"events": access_log_for(target=person)}
        )

    assert html.index("leitung") < html.index("beraterin")  # newest first
    assert "viewed" in html and "changed" in html and "phone" in html
