"""Network demo data for `make run`: organisations with contacts and relations, key persons with
languages and assignments, contact persons per field of action, inquiries, reports, meetings, a mailing.

Loaded by `manage.py load_demo_data` after the directory and counselling demos (their offices, providers,
offers and staff must exist; offices that are missing are skipped). Idempotent: organisations are looked up
by office + slug, key persons by office + name, field contacts by office + field, meetings by office +
title + date, the mailing by office + subject; a provider gets its contacts, fields and tags only while it
has none; inquiries and reports of an office are created once, when it has none. Dates are relative to today.

Rows are written directly, not through the services: the services audit every write and send e-mails, and
a demo load is neither something staff did nor something anyone should be notified about. Encrypted
fields (inquiries, reports) are encrypted by their model fields on save. All names are invented.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from fachstelle.core.models import FieldOfAction, Language, Membership, Municipality, Office
from fachstelle.core.security import otp_device_for_demo, totp_device_confirmed
from fachstelle.counselling.demo import DEMO_TOTP_KEY  # the demo authenticator of every demo login
from fachstelle.offers.demo.offices import DEMO_PASSWORD
from fachstelle.offers.demo.providers import PROVIDERS
from fachstelle.offers.models import Offer

from . import demo_data as data
from .models import (
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
from .services.inquiries import inquiry_due_on

OFFICES = ["region-zofingen", "allschwil", "loerrach"]


@dataclass
class NetworkDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, office)

    def tally(self, kind: str, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


class _OfficeDemo:
    """The network demo of one office; `rng` is seeded with the office slug, so reruns draw the same."""

    def __init__(self, office: Office, result: NetworkDemoResult, today: datetime.date):
        self.office, self.result, self.today = office, result, today
        self.rng = random.Random(f"network-demo-{office.slug}")
        self.is_german = office.country == "DE"
        self.fields = {f.slug: f for f in FieldOfAction.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.municipalities = {m.bfs_number: m for m in Municipality.objects.filter(country=office.country)}
        self.organisations: dict[str, Organisation] = {}

    # --- organisations ---------------------------------------------------------------------------

    def providers(self) -> None:
        """Fields of action and municipalities served from the provider's offers, tags and contacts."""
        for item in PROVIDERS.get(self.office.slug, []):
            organisation = Organisation.objects.filter(
                office=self.office, slug=slugify(item["name"])[:120]
            ).first()
            if organisation is None:
                continue
            self.organisations[organisation.name] = organisation
            if organisation.contacts.exists():
                self.result.existing["provider_details"] += 1
                continue
            offers = Offer.objects.filter(provider=organisation)
            organisation.fields_of_action.set(FieldOfAction.objects.filter(offers__in=offers).distinct())
            served = Municipality.objects.filter(offers__in=offers).distinct()
            organisation.municipalities_served.set(
                served or [m for m in [organisation.municipality] if m is not None]
            )
            organisation.tags = data.PROVIDER_TAGS.get(item["key"], [])
            organisation.save(update_fields=["tags", "updated_at"])
            self._contacts(organisation, self.rng.randint(1, 3))
            self.result.created["provider_details"] += 1

    def organisations_extra(self) -> None:
        for item in data.ORGANISATIONS.get(self.office.slug, []):
            slug = slugify(item["name"])[:120]
            domain = f"{slug[:40].strip('-')}.example.{'de' if self.is_german else 'ch'}"
            organisation, created = Organisation.objects.get_or_create(
                office=self.office,
                slug=slug,
                defaults={
                    "name": item["name"],
                    "kind": item["kind"],
                    "municipality": self.municipalities.get(item["municipality"]),
                    "street": item["street"],
                    "postcode": item["postcode"],
                    "description": item["description"],
                    "email": f"info@{domain}",
                    "website": f"https://www.{domain}",
                    "phone": self._phone(),
                    "tags": item["tags"],
                    # Employers and authorities are partners, not entries of the public directory.
                    "is_public": item["kind"] not in {"employer", "authority"},
                },
            )
            self.organisations[organisation.name] = organisation
            self.result.tally("organisations", created)
            if created:
                organisation.fields_of_action.set(
                    [self.fields[s] for s in item["fields"] if s in self.fields]
                )
                organisation.municipalities_served.set(
                    [self.municipalities[n] for n in item["served"] if n in self.municipalities]
                )
                self._contacts(organisation, self.rng.randint(1, 3))

    def _phone(self) -> str:
        if self.is_german:
            return f"+49 7621 {self.rng.randint(100, 999)} {self.rng.randint(10, 99)}"
        return f"+41 62 {self.rng.randint(700, 799)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"

    def _contacts(self, organisation: Organisation, count: int) -> None:
        first = data.CONTACT_FIRST_DE if self.is_german else data.CONTACT_FIRST
        last = data.CONTACT_LAST_DE if self.is_german else data.CONTACT_LAST
        roles = data.CONTACT_ROLES.get(organisation.kind, data.CONTACT_ROLES["other"])
        domain = (organisation.email.partition("@")[2]) or "example.ch"
        for n in range(count):
            given, family = self.rng.choice(first), self.rng.choice(last)
            local = slugify(f"{given}.{family}").replace("-", ".")
            Contact.objects.create(
                organisation=organisation,
                name=f"{given} {family}",
                role=roles[n % len(roles)],
                email=f"{local}@{domain}",
                phone=self._phone(),
                is_primary=n == 0,
            )
            self.result.created["contacts"] += 1

    def relations(self) -> None:
        for source, target, topic, field_slug, years in data.RELATIONS.get(self.office.slug, []):
            if source not in self.organisations or target not in self.organisations:
                continue
            _relation, created = Relation.objects.get_or_create(
                source=self.organisations[source],
                target=self.organisations[target],
                topic=topic,
                defaults={
                    "office": self.office,
                    "field_of_action": self.fields.get(field_slug),
                    "since": self.today.replace(month=1, day=1).replace(year=self.today.year - years),
                },
            )
            self.result.tally("relations", created)

    # --- key persons -----------------------------------------------------------------------------

    def key_persons(self) -> list[KeyPerson]:
        people = []
        rate = Decimal("25") if self.is_german else Decimal("50")  # compensation per hour (EUR / CHF)
        for index, item in enumerate(data.KEY_PERSONS.get(self.office.slug, [])):
            email_local = slugify(item["name"]).replace("-", ".")
            listed = index % 4 != 3  # most agreed to be listed; a few only to be contacted
            person, created = KeyPerson.objects.get_or_create(
                office=self.office,
                name=item["name"],
                defaults={
                    "email": f"{email_local}@example.com",
                    "phone": self._phone(),
                    "countries": item["countries"],
                    "communities": item["communities"],
                    "availability": item["availability"],
                    "trainings": item["trainings"],
                    "consent_contact": True,
                    "consent_listed": listed,
                    "public_profile": listed and bool(item["public_bio"]),
                    "public_bio": item["public_bio"] if listed else "",
                },
            )
            self.result.tally("key_persons", created)
            people.append(person)
            if not created:
                continue
            person.municipalities.set(
                [self.municipalities[n] for n in item["municipalities"] if n in self.municipalities]
            )
            person.topics.set([self.fields[s] for s in item["topics"] if s in self.fields])
            KeyPersonLanguage.objects.bulk_create(
                [
                    KeyPersonLanguage(key_person=person, language=self.languages[code], level=level)
                    for code, level in item["languages"]
                    if code in self.languages
                ]
            )
            self._assignments(person, item, rate)
        return people

    def _assignments(self, person: KeyPerson, item: dict, rate: Decimal) -> None:
        """0–4 assignments over the past year, in the person's first language and a municipality of theirs."""
        language = self.languages.get(item["languages"][0][0])
        places = [self.municipalities[n] for n in item["municipalities"] if n in self.municipalities]
        for _n in range(self.rng.randint(0, 4)):
            hours = Decimal(self.rng.choice(["1", "1.5", "2", "2", "3"]))
            Assignment.objects.create(
                key_person=person,
                date=self.today - datetime.timedelta(days=self.rng.randint(3, 360)),
                purpose=self.rng.choice(data.ASSIGNMENT_PURPOSES),
                hours=hours,
                compensation=hours * rate,
                language=language,
                municipality=self.rng.choice(places) if places else None,
            )
            self.result.created["assignments"] += 1

    # --- field contacts and inquiries --------------------------------------------------------------

    def staff(self) -> dict[str, object]:
        """The office's staff by username (demo staff of the other demos, plus the network's own)."""
        user_model = get_user_model()
        for username, first, last in data.NETWORK_STAFF.get(self.office.slug, []):
            user = user_model.objects.filter(username=username).first()
            self.result.tally("users", user is None)
            if user is None:
                user = user_model.objects.create_user(
                    username=username,
                    email=f"{username}@example.de",
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    is_staff=True,
                )
            membership, created = Membership.objects.get_or_create(
                user=user, office=self.office, defaults={"role": Membership.Role.COUNSELLOR}
            )
            self.result.tally("memberships", created)
            # Counsellors read personal data: they log in with a second factor (the demo authenticator).
            if totp_device_confirmed(user) is None:
                otp_device_for_demo(user, DEMO_TOTP_KEY)
            self.result.logins.append((username, str(membership.get_role_display()), self.office.name))
        memberships = Membership.objects.filter(office=self.office).select_related("user")
        return {m.user.username: m.user for m in memberships}

    def field_contacts(self, staff: dict) -> None:
        for slug, person, deputy, title, languages in data.FIELD_CONTACTS.get(self.office.slug, []):
            user = staff.get(person) or self.office_admin(staff)
            if user is None or slug not in self.fields:
                continue
            contact, created = FieldContact.objects.get_or_create(
                office=self.office,
                field_of_action=self.fields[slug],
                defaults={
                    "person": user,
                    "deputy": staff.get(deputy),
                    "public_title": title,
                    "public_phone": self.office.phone,
                    "public_email": f"{slug}@{self.office.email.partition('@')[2] or 'example.ch'}",
                },
            )
            self.result.tally("field_contacts", created)
            if created:
                contact.languages.set([self.languages[c] for c in languages.split() if c in self.languages])

    def office_admin(self, staff: dict):
        """The office administrator when a named demo user is missing (e.g. no counselling demo)."""
        admin = Membership.objects.filter(office=self.office, role=Membership.Role.ADMIN).first()
        return admin.user if admin else next(iter(staff.values()), None)

    def inquiries(self) -> None:
        if Inquiry.objects.filter(office=self.office).exists():
            self.result.existing["inquiries"] += 1
            return
        contacts = {
            c.field_of_action.slug: c for c in self.office.field_contacts.select_related("field_of_action")
        }
        now = timezone.now()
        for row in data.INQUIRIES.get(self.office.slug, []):
            slug, sender, name, email, org, language, subject, message, status, days, bfs = row
            received = now - datetime.timedelta(days=days, hours=self.rng.randint(0, 8))
            contact = contacts.get(slug)
            assigned = contact.person if contact else None
            if status == Inquiry.Status.NEW and self.rng.random() < 0.5:
                assigned = None  # not yet taken over
            inquiry = Inquiry.objects.create(
                office=self.office,
                field_of_action=self.fields.get(slug) if slug else None,
                municipality=self.municipalities.get(bfs),
                sender_type=sender,
                name=name,
                email=email,
                phone=self._phone() if self.rng.random() < 0.5 else "",
                organisation_name=org,
                preferred_language=language,
                subject=subject,
                message=message,
                status=status,
                assigned_to=assigned,
                due_on=inquiry_due_on(timezone.localtime(received).date()),
            )
            answered = closed = None
            messages = [InquiryMessage(inquiry=inquiry, kind=InquiryMessage.Kind.INCOMING, body=message)]
            if status in {Inquiry.Status.ANSWERED, Inquiry.Status.CLOSED}:
                answered = received + datetime.timedelta(days=self.rng.randint(1, 4))
                messages.append(
                    InquiryMessage(
                        inquiry=inquiry,
                        kind=InquiryMessage.Kind.REPLY,
                        body=data.REPLY,
                        author=assigned,
                        sent_at=answered,
                    )
                )
            if status == Inquiry.Status.IN_PROGRESS:
                messages.append(
                    InquiryMessage(
                        inquiry=inquiry,
                        kind=InquiryMessage.Kind.NOTE,
                        author=assigned,
                        body="Rückfrage bei der Partnerorganisation läuft.",
                    )
                )
            if status == Inquiry.Status.CLOSED:
                closed = answered + datetime.timedelta(days=self.rng.randint(1, 10))
            InquiryMessage.objects.bulk_create(messages)
            # created_at is auto_now_add: backdate it (and the thread) with an UPDATE.
            Inquiry.objects.filter(pk=inquiry.pk).update(
                created_at=received,
                updated_at=closed or answered or received,
                answered_at=answered,
                closed_at=closed,
            )
            InquiryMessage.objects.filter(inquiry=inquiry, kind=InquiryMessage.Kind.INCOMING).update(
                created_at=received
            )
            InquiryMessage.objects.filter(inquiry=inquiry).exclude(kind=InquiryMessage.Kind.INCOMING).update(
                created_at=answered or received + datetime.timedelta(days=1)
            )
            self.result.created["inquiries"] += 1

    # --- reports, meetings, mailing --------------------------------------------------------------

    def reports(self) -> None:
        if self.office.slug != "region-zofingen":
            return
        if Report.objects.filter(office=self.office).exists():
            self.result.existing["reports"] += 1
            return
        now = timezone.now()
        start_of_year = self.today.replace(month=1, day=1)
        for category, status, bfs, place, days, description in data.REPORTS:
            # Within the current year (for the yearly statistics), however early in January we run.
            occurred = max(start_of_year, self.today - datetime.timedelta(days=days))
            report = Report.objects.create(
                office=self.office,
                category=category,
                municipality=self.municipalities.get(bfs),
                place=place,
                occurred_on=occurred,
                description=description,
                is_anonymous=True,
                status=status,
                triage_note="Mit der Fachstelle besprochen." if status != Report.Status.NEW else "",
            )
            received = max(
                timezone.make_aware(datetime.datetime.combine(occurred, datetime.time(9))),
                now - datetime.timedelta(days=days),
            )
            Report.objects.filter(pk=report.pk).update(created_at=min(received, now))
            self.result.created["reports"] += 1

    def meetings(self, people: list[KeyPerson]) -> None:
        tz = timezone.get_current_timezone()
        for title, slug, days, hours, place, agenda, actions in data.MEETINGS:
            if slug != self.office.slug:
                continue
            day = self.today + datetime.timedelta(days=days)
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)), tz)
            past = days < 0
            # Past meetings were announced three weeks ahead; the next one just now, the one after not yet.
            if past:
                sent = starts - datetime.timedelta(days=21)
            else:
                sent = timezone.now() - datetime.timedelta(days=2) if days < 30 else None
            meeting, created = NetworkMeeting.objects.get_or_create(
                office=self.office,
                title=title,
                starts_at__date=day,
                defaults={
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=hours),
                    "place": place,
                    "agenda": agenda,
                    "minutes": data.MEETING_MINUTES if past else "",
                    "decisions": data.MEETING_DECISIONS if past else "",
                    "invitations_sent_at": sent,
                },
            )
            self.result.tally("meetings", created)
            if not created:
                continue
            self._invitations(meeting, people, past)
            for description, owner, due_in, done in actions:
                due = self.today + datetime.timedelta(days=due_in)
                ActionItem.objects.create(
                    meeting=meeting,
                    description=description,
                    owner=owner,
                    due_on=due,
                    done_on=min(due, self.today) if done and due else None,
                )
                self.result.created["action_items"] += 1

    def _invitations(self, meeting: NetworkMeeting, people: list[KeyPerson], past: bool) -> None:
        """The primary contacts of the office's organisations tagged for the working group, key persons."""
        contacts = list(
            Contact.objects.filter(organisation__office=self.office, is_primary=True).select_related(
                "organisation"
            )
        )
        contacts = [c for c in contacts if any(t.startswith("Arbeitskreis") for t in c.organisation.tags)]
        sent = meeting.invitations_sent_at
        invitations = []
        for contact in contacts:
            response = self.rng.choice(["accepted", "accepted", "accepted", "declined", "pending"])
            invitations.append(
                MeetingInvitation(
                    meeting=meeting,
                    organisation=contact.organisation,
                    contact=contact,
                    email=contact.email,
                    response=response if sent else "pending",
                    attended=(response == "accepted") if past else None,
                    sent_at=sent,
                )
            )
        for person in people[:4]:
            invitations.append(
                MeetingInvitation(
                    meeting=meeting,
                    key_person=person,
                    email=person.email,
                    response="accepted" if sent else "pending",
                    attended=True if past else None,
                    sent_at=sent,
                )
            )
        MeetingInvitation.objects.bulk_create(invitations)
        self.result.created["invitations"] += len(invitations)

    def mailing(self, author) -> None:
        spec = data.MAILING
        if spec["office"] != self.office.slug:
            return
        sent_at = timezone.now() - datetime.timedelta(days=spec["days_ago"])
        mailing, created = Mailing.objects.get_or_create(
            office=self.office,
            subject=spec["subject"],
            defaults={
                "body": spec["body"],
                "segment": spec["segment"],
                "status": Mailing.Status.SENT,
                "created_by": author,
                "sent_at": sent_at,
            },
        )
        self.result.tally("mailings", created)
        if not created:
            return
        kinds = spec["segment"]["kinds"]
        organisations = Organisation.objects.filter(office=self.office, kind__in=kinds, is_active=True)
        recipients, seen = [], set()
        for organisation in organisations.prefetch_related("contacts").order_by("name"):
            candidates = [(organisation.email, organisation.name, f"organisation:{organisation.pk}")]
            candidates += [(c.email, c.name, f"contact:{c.pk}") for c in organisation.contacts.all()]
            for email, name, source in candidates:
                if email and email not in seen:
                    seen.add(email)
                    recipients.append(
                        MailingRecipient(
                            mailing=mailing,
                            email=email,
                            name=name,
                            source=source,
                            status=MailingRecipient.Status.SENT,
                            sent_at=sent_at,
                        )
                    )
        MailingRecipient.objects.bulk_create(recipients)
        self.result.created["mailing_recipients"] += len(recipients)


def load_network_demo() -> NetworkDemoResult:
    """Create whatever of the network demo is missing (offices of the demo that do not exist are skipped)."""
    result = NetworkDemoResult()
    today = timezone.localdate()
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=OFFICES).order_by("slug"):
            demo = _OfficeDemo(office, result, today)
            demo.providers()
            demo.organisations_extra()
            demo.relations()
            people = demo.key_persons()
            staff = demo.staff()
            demo.field_contacts(staff)
            demo.inquiries()
            demo.reports()
            demo.meetings(people)
            demo.mailing(demo.office_admin(staff))
    return result
