"""The network demo of `make run`: idempotent, findable key persons, every record inside its own office."""

import pytest
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from fachstelle.core.models import Membership
from fachstelle.counselling.demo import load_counselling_demo
from fachstelle.network.demo import load_network_demo
from fachstelle.network.models import (
    ActionItem,
    Assignment,
    Contact,
    FieldContact,
    Inquiry,
    InquiryMessage,
    KeyPerson,
    KeyPersonLanguage,
    Mailing,
    MailingRecipient,
    MeetingInvitation,
    NetworkMeeting,
    Organisation,
    Relation,
    Report,
)
from fachstelle.offers.demo.loader import demo_data_load

pytestmark = pytest.mark.django_db

COUNTED = [
    Organisation,
    Contact,
    Relation,
    KeyPerson,
    KeyPersonLanguage,
    Assignment,
    FieldContact,
    Inquiry,
    InquiryMessage,
    Report,
    NetworkMeeting,
    MeetingInvitation,
    ActionItem,
    Mailing,
    MailingRecipient,
    Membership,
]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (the directory and counselling demos take seconds) inside a transaction
    that is rolled back at the end; every test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data_load()
        load_counselling_demo()
        yield load_network_demo()
        transaction.set_rollback(True)


def test_a_second_load_creates_nothing(demo):
    before = _counts()
    again = load_network_demo()
    assert _counts() == before
    assert sum(again.created.values()) == 0
    # Every kind the first run created is reported as existing the second time.
    assert {"organisations", "key_persons", "field_contacts", "meetings", "mailings"} <= set(again.existing)


def test_a_tigrinya_speaking_key_person_in_rothrist(demo):
    found = KeyPerson.objects.filter(
        office__slug="region-zofingen",
        languages__language__code="ti",
        municipalities__name="Rothrist",
        consent_contact=True,
    )
    assert found.exists()
    # Allschwil's Tigrinya speakers do not serve Rothrist.
    assert not found.exclude(office__slug="region-zofingen").exists()
    assert Assignment.objects.filter(key_person__office__slug="region-zofingen").exists()


def test_providers_get_fields_contacts_and_tags_and_the_network_grows(demo):
    zofingen = Organisation.objects.filter(office__slug="region-zofingen")
    providers = zofingen.filter(pk__in=zofingen.filter(offers__isnull=False).values("pk"))
    assert providers.exists()
    assert not providers.annotate(n=Count("contacts")).filter(Q(n=0) | Q(n__gt=3)).exists()
    assert not providers.annotate(n=Count("fields_of_action")).filter(n=0).exists()
    assert not providers.filter(tags=[]).exists()
    kinds = set(zofingen.values_list("kind", flat=True))
    assert {"mainstream_service", "migrant_association", "employer", "church", "volunteer_group"} <= kinds
    assert zofingen.filter(name="Eritreischer Verein Zofingen").exists()
    assert zofingen.filter(name="Tamilischer Kulturverein Region Zofingen").exists()
    # Relations and key persons stay inside their office.
    assert Relation.objects.exists()
    assert not Relation.objects.exclude(source__office=F("office")).exists()
    assert not Relation.objects.exclude(target__office=F("office")).exists()
    assert KeyPerson.objects.filter(office__slug="region-zofingen").count() >= 15
    assert KeyPerson.objects.filter(office__slug="allschwil").count() >= 15
    assert not KeyPerson.objects.exclude(municipalities__offices=F("office")).exists()
    # The public-profile constraint holds for every key person.
    assert not KeyPerson.objects.filter(public_profile=True, consent_listed=False).exists()


def test_loerrach_has_the_five_fields_with_their_own_staff(demo):
    contacts = FieldContact.objects.filter(office__slug="loerrach").select_related(
        "field_of_action", "person"
    )
    assert {c.field_of_action.slug for c in contacts} == {
        "wohnen",
        "sprache",
        "zusammenleben",
        "bildung",
        "arbeit",
    }
    assert {c.person.username for c in contacts} == {
        "loerrach-wohnen",
        "loerrach-sprache",
        "loerrach-gesellschaft",
        "loerrach-bildung",
        "loerrach-arbeit",
    }
    for contact in contacts:
        assert contact.person.memberships.filter(office__slug="loerrach").exists()
    # Zofingen's housing inquiries reach a housing contact person.
    assert FieldContact.objects.filter(
        office__slug="region-zofingen", field_of_action__slug="wohnen"
    ).exists()


def test_inquiries_in_every_state_with_readable_personal_data(demo):
    inquiries = Inquiry.objects.filter(office__slug="region-zofingen")
    assert set(inquiries.values_list("status", flat=True)) == {"new", "in_progress", "answered", "closed"}
    assert inquiries.filter(field_of_action__isnull=True).exists()  # the triage inbox
    housing = inquiries.filter(field_of_action__slug="wohnen").exclude(assigned_to=None).first()
    assert (
        housing.assigned_to
        == FieldContact.objects.get(office=housing.office, field_of_action__slug="wohnen").person
    )
    first = inquiries.order_by("pk").first()
    assert first.name and "@" in first.email and first.message  # decrypted by the model fields
    assert not Inquiry.objects.filter(status="closed", closed_at=None).exists()
    assert not Inquiry.objects.filter(status__in=["answered", "closed"], answered_at=None).exists()
    assert (
        not Inquiry.objects.exclude(assigned_to=None)
        .exclude(assigned_to__memberships__office=F("office"))
        .exists()
    )
    assert InquiryMessage.objects.filter(kind="reply", inquiry__office__slug="loerrach").exists()


def test_six_anonymous_reports_five_in_one_category_this_year(demo):
    reports = Report.objects.filter(office__slug="region-zofingen")
    assert reports.count() == 6
    assert not reports.filter(is_anonymous=False).exists()
    by_category = dict(reports.values_list("category").annotate(n=Count("id")))
    assert max(by_category.values()) == 5
    year = timezone.localdate().year
    assert reports.filter(occurred_on__year=year).count() == 6
    assert reports.first().description


def test_meetings_past_and_upcoming_and_a_sent_mailing(demo):
    now = timezone.now()
    meetings = NetworkMeeting.objects.filter(office__slug="loerrach", title="Arbeitskreis Migration")
    past = meetings.filter(starts_at__lt=now).get()
    assert past.minutes and past.decisions
    assert past.action_items.count() == 3
    assert past.invitations.filter(attended=True).exists()
    assert meetings.filter(starts_at__gt=now).exists()
    mailing = Mailing.objects.get(office__slug="region-zofingen", status="sent")
    assert mailing.recipients.count() >= 5
    assert not mailing.recipients.exclude(status="sent").exists()
