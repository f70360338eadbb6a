"""Test data of the data-protection tests: a person with every kind of record, every free text marked
"GEHEIM" so that a scan of the raw tables can prove that nothing of it is left."""

import datetime

from django.db import connection

from fachstelle.core import crypto
from fachstelle.core.models import Language, Municipality
from fachstelle.core.tests.factories import OfferFactory, OrganisationFactory
from fachstelle.counselling.models import (
    Case,
    ClientLanguage,
    Consent,
    FollowUp,
    Intake,
    IntakeGoal,
    IntegrationPlan,
    PlanGoal,
    PlanStep,
    Qualification,
    Referral,
    Topic,
)

from .factories import CaseFactory, ClientFactory, CounsellingSessionFactory, InterpreterBookingFactory

MARK = "GEHEIM"
NAME = "Selam Tesfaye Gebremariam"


def full_client(world, *, name: str = NAME, counsellor=None, closed_days_ago: int | None = 1000):
    """A person with languages, intake, qualification, consents, plan, and one case (closed
    `closed_days_ago` days ago, open when None) with a session, referral, follow-up and booking."""
    counsellor = counsellor or world.counsellor
    office = world.office
    municipality = Municipality.objects.get(name="Rothrist")
    tigrinya = Language.objects.get(code="ti")
    german = Language.objects.get(code="de")
    client = ClientFactory(
        office=office,
        counsellor=counsellor,
        name=name,
        year_of_birth=1993,
        gender="female",
        municipality=municipality,
        country_of_origin="ER",
        permit_category="F",
        arrival_date=datetime.date(2019, 8, 14),
        household_adults=2,
        household_children=3,
        phone=f"+41 79 {len(name):03d} 00 00",
        email=f"{name.split()[0].lower()}@example.org",
        address=f"{MARK} Bahnhofstrasse 1, 4852 Rothrist",
    )
    ClientLanguage.objects.create(client=client, language=tigrinya, level="native")
    ClientLanguage.objects.create(client=client, language=german, level="A2")
    intake = Intake.objects.create(
        client=client,
        held_on=datetime.date(2020, 1, 10),
        education=Intake.Education.VOCATIONAL,
        school_years=9,
        work_experience=f"{MARK} Schneiderin in Asmara",
        goals_text=f"{MARK} Arbeit finden",
        notes=f"{MARK} Gesundheit: Rückenschmerzen",
        needs_interpreter=True,
        interpreter_language=tigrinya,
        informed_about_data_protection=True,
    )
    IntakeGoal.objects.create(intake=intake, category="work")
    IntakeGoal.objects.create(intake=intake, category="language")
    Qualification.objects.create(
        client=client, kind="vocational", title=f"{MARK} Schneiderin", country="ER", year=2012
    )
    partner = OrganisationFactory(office=office)
    consent = Consent.objects.create(
        client=client,
        scope="sharing",
        partner=partner,
        given_on=datetime.date(2020, 1, 10),
        method="oral_interpreter",
        note=f"{MARK} mündlich mit Dolmetscherin",
    )
    plan = IntegrationPlan.objects.create(
        client=client, agreed_on=datetime.date(2020, 2, 1), note=f"{MARK} Plan"
    )
    goal = PlanGoal.objects.create(plan=plan, category="work", title=f"{MARK} Stelle im Service", progress=40)
    PlanStep.objects.create(
        goal=goal, description=f"{MARK} Bewerbung schreiben", responsible=f"{MARK} Frau Keller, RAV"
    )
    opened = datetime.date.today() - datetime.timedelta(days=(closed_days_ago or 0) + 200)
    case = CaseFactory(
        office=office,
        client=client,
        counsellor=counsellor,
        municipality=municipality,
        language=german,
        opened_on=opened,
        summary=f"{MARK} Fallzusammenfassung",
        topics=list(Topic.objects.filter(slug__in=["arbeit", "gesundheit"])),
    )
    if closed_days_ago is not None:
        Case.objects.filter(pk=case.pk).update(
            status=Case.Status.CLOSED,
            close_reason=Case.CloseReason.RESOLVED,
            closed_on=datetime.date.today() - datetime.timedelta(days=closed_days_ago),
        )
        case.refresh_from_db()
    CounsellingSessionFactory(case=case, held_on=opened, duration_minutes=50, notes=f"{MARK} Sitzung")
    Referral.objects.create(
        case=case,
        offer=OfferFactory(office=office),
        status="done",
        outcome="success",
        shares_data=True,
        consent=consent,
        note=f"{MARK} Überweisung",
    )
    FollowUp.objects.create(case=case, due_on=opened, note=f"{MARK} Rückruf")
    InterpreterBookingFactory(office=office, case=case, language=tigrinya, note=f"{MARK} Buchung")
    return client, case


def raw_plaintext_dump() -> str:
    """Every text value of the counselling tables, the revisions and the audit log, read with raw SQL and
    decrypted where it is a ciphertext: what an attacker with the database and the key would see."""
    tables = [t for t in connection.introspection.table_names() if t.startswith("counselling_")]
    tables += ["core_revision", "core_auditevent"]
    values = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, dict | list):
                        value = str(value)
                    if not isinstance(value, str) or not value:
                        continue
                    values.append(crypto.decrypt(value) if value.startswith("gAAAA") else value)
    return "\n".join(values)
