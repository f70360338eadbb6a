"""Test data for the decision/payout/settlement tests: a programme, a submitted application with a
balanced budget, and staff of every role (no hard-coded primary keys)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from fachstelle.grants.models import Application, BudgetLine, FundingProgramme

Role = Membership.Role


def make_office(**fields):
    fields.setdefault("street", "Bahnhofstrasse 1")
    fields.setdefault("postcode", "4800")
    fields.setdefault("city", "Zofingen")
    fields.setdefault("phone", "062 745 00 00")
    return OfficeFactory(**fields)


def make_staff(office, role=Role.ADMIN, **user_fields):
    return MembershipFactory(office=office, role=role, user=UserFactory(**user_fields)).user


def make_programme(office, *, budget="30000", max_amount="5000", year=None, **fields) -> FundingProgramme:
    today = timezone.localdate()
    year = year or today.year
    fields.setdefault("name", f"Kleinprojekte Integration {year}")
    fields.setdefault("slug", f"kleinprojekte-{year}-{FundingProgramme.objects.count()}")
    return FundingProgramme.objects.create(
        office=office,
        year=year,
        budget=Decimal(budget),
        max_amount=Decimal(max_amount) if max_amount is not None else None,
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today + datetime.timedelta(days=60),
        status=FundingProgramme.Status.OPEN,
        **fields,
    )


_counter = [0]


def make_application(
    programme,
    *,
    requested="4500",
    status=Application.Status.SUBMITTED,
    costs="6000",
    own="1500",
    ends_on=None,
    **fields,
) -> Application:
    _counter[0] += 1
    n = _counter[0]
    fields.setdefault("organisation_name", "Verein Frauentreff Brittnau")
    fields.setdefault("project_title", "Deutsch-Konversationscafé für Frauen")
    fields.setdefault("contact_name", "Anna Muster")
    fields.setdefault("contact_email", "anna@example.org")
    fields.setdefault("street", "Dorfstrasse 5")
    fields.setdefault("postcode", "4805")
    fields.setdefault("city", "Brittnau")
    fields.setdefault("iban", "CH93 0076 2011 6238 5295 7")
    fields.setdefault("account_holder", "Verein Frauentreff Brittnau")
    application = Application.objects.create(
        programme=programme,
        office=programme.office,
        reference=f"G-{programme.year}-{n:04d}",
        status=status,
        requested_amount=Decimal(requested),
        submitted_at=timezone.now() if status != Application.Status.DRAFT else None,
        ends_on=ends_on,
        **fields,
    )
    BudgetLine.objects.create(
        application=application, kind=BudgetLine.Kind.COST, description="Kursleitung", amount=Decimal(costs)
    )
    BudgetLine.objects.create(
        application=application, kind=BudgetLine.Kind.OWN, description="Eigenleistung", amount=Decimal(own)
    )
    return application
