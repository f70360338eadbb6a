"""`manage.py generate_bench_network` with tiny numbers: the requested counts, consistent rows."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Membership
from fachstelle.network.bench import SLUG_PREFIX, bench_network_offices
from fachstelle.network.models import (
    Assignment,
    Contact,
    FieldContact,
    Inquiry,
    InquiryMessage,
    KeyPerson,
    KeyPersonLanguage,
    Organisation,
    Relation,
)
from fachstelle.network.services.inquiries import OPEN_STATUSES

pytestmark = pytest.mark.django_db

SMALL = ["--organisations", "45", "--contacts", "100", "--key-persons", "30", "--inquiries", "400"]
SMALL += ["--staff", "2", "--relations", "12", "--assignments", "20"]


def _generate(*extra):
    out = io.StringIO()
    call_command("generate_bench_network", *SMALL, *extra, stdout=out)
    return out.getvalue()


def test_creates_exactly_the_requested_counts_in_three_bench_offices(vocab):
    _generate()
    offices = bench_network_offices()
    assert offices.count() == 3
    assert Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count() == 45
    assert Contact.objects.count() == 100
    assert Relation.objects.count() == 12
    assert KeyPerson.objects.count() == 30
    assert Assignment.objects.count() == 20
    assert Inquiry.objects.count() == 400
    # Every inquiry opens with its question; answered and closed ones have a reply.
    assert InquiryMessage.objects.filter(kind="incoming").count() == 400
    replied = Inquiry.objects.filter(status__in=["answered", "closed"]).count()
    assert InquiryMessage.objects.filter(kind="reply").count() == replied
    # Two counsellors per office answer the inquiries; every field of action has a contact person.
    counsellors = Membership.objects.filter(office__in=offices, role="counsellor")
    assert counsellors.count() == 6
    assert FieldContact.objects.filter(office__in=offices).count() == 3 * FieldOfAction.objects.count()


def test_rows_are_consistent(vocab):
    _generate()
    organisations = Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
    # 100 contacts over 45 organisations: at least one each, the first one primary.
    assert not organisations.annotate(n=Count("contacts")).filter(n=0).exists()
    assert Contact.objects.filter(is_primary=True).count() == 45
    assert not organisations.annotate(n=Count("fields_of_action")).filter(n=0).exists()
    assert not Relation.objects.exclude(source__office=F("office")).exists()
    assert not Relation.objects.exclude(target__office=F("office")).exists()
    assert not Relation.objects.filter(source=F("target")).exists()
    # Key persons: a native language each, municipalities of their own office.
    assert KeyPersonLanguage.objects.filter(level="native").count() == 30
    assert not KeyPerson.objects.annotate(n=Count("municipalities")).filter(n=0).exists()
    assert not KeyPerson.objects.exclude(municipalities__offices=F("office")).exists()
    assert not KeyPerson.objects.filter(public_profile=True, consent_listed=False).exists()
    # Inquiries: assigned to staff of their office, dates in order, some overdue.
    inquiries = Inquiry.objects.all()
    assert (
        not inquiries.exclude(assigned_to=None).exclude(assigned_to__memberships__office=F("office")).exists()
    )
    assert not inquiries.filter(status="closed", closed_at=None).exists()
    assert not inquiries.filter(answered_at__lt=F("created_at")).exists()
    assert not inquiries.filter(closed_at__lt=F("answered_at")).exists()
    assert not inquiries.filter(created_at__gt=timezone.now()).exists()
    assert inquiries.filter(field_of_action=None).exists()  # the triage inbox
    assert inquiries.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()).exists()
    # Encrypted columns read back through the ORM.
    inquiry = inquiries.first()
    assert " " in inquiry.name and "@" in inquiry.email
    assert inquiry.message.startswith(("Guten", "Wir", "Sehr", "Hallo"))
    # The sequences continue after the generated ids: an ORM insert does not collide.
    Contact.objects.create(organisation=organisations.first(), name="Neu")
    InquiryMessage.objects.create(inquiry=inquiry, kind="note", body="Notiz")


def test_refuses_a_second_run_and_replaces_the_data_with_reset(vocab):
    _generate()
    with pytest.raises(CommandError):
        _generate()
    _generate("--reset", "--seed", "9")
    assert Inquiry.objects.count() == 400
    assert Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count() == 45


def test_delete_keeps_the_directory_providers_offices_and_users(vocab):
    _generate()
    office = bench_network_offices().first()
    provider = Organisation.objects.create(office=office, name="Anbieter", slug="anbieter")
    users = Membership.objects.count()
    call_command("generate_bench_network", "--delete", stdout=io.StringIO())
    assert not Inquiry.objects.exists()
    assert not KeyPerson.objects.exists()
    assert not FieldContact.objects.exists()
    assert list(Organisation.objects.all()) == [provider]
    assert bench_network_offices().count() == 3
    assert Membership.objects.count() == users
