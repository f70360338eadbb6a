"""The audit log is append-only: the ORM refuses changes, and on PostgreSQL a trigger refuses them in SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from fachstelle.core.audit import Action, audit_events_for_target, audit_record, client_ip
from fachstelle.core.models import AuditEvent
from fachstelle.counselling.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(actor=None, action=Action.LOGIN_FAILED, detail="username")


def test_record_fills_target_and_office(rf):
    person = ClientFactory()
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Firefox")
    request.user = person.counsellor

    entry = audit_record(actor=person.counsellor, action=Action.VIEW, target=person, request=request)

    assert (entry.target_type, entry.target_id, entry.target_ref) == (
        "counselling.client",
        person.pk,
        person.reference,
    )
    assert entry.office == person.office
    assert entry.actor_name == person.counsellor.username
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.5", "Firefox")
    assert list(audit_events_for_target(target=person)) == [entry]


def test_client_ip_is_not_spoofable(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1  # behind nginx: the address nginx appended
    assert client_ip(request) == "198.51.100.7"
    assert client_ip(None) is None


def test_orm_refuses_to_change_an_entry(event):
    event.detail = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_orm_refuses_bulk_update_and_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == "username"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET detail = 'changed' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_postgresql_trigger_refuses_raw_sql(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).detail == "username"
