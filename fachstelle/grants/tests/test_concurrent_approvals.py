"""Concurrency proof on PostgreSQL: approvals lock the programme row, so 50 simultaneous approvals of
CHF 1,000 against a budget of CHF 20,000 approve exactly 20; two simultaneous payments of one instalment
pay it once. SQLite serialises writers differently and is skipped."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from fachstelle.grants.models import Application, Grant, Payout
from fachstelle.grants.selectors.budget import programme_budget
from fachstelle.grants.services.decisions import application_approve
from fachstelle.grants.services.payouts import payout_mark_paid, payout_release

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _run_together(count: int, work) -> list:
    """Run `work(index)` in `count` threads started at the same moment; each uses (and closes) its own
    database connection. Returns the outcomes ("ok" or the error message)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def runner(index):
        try:
            with translation.override("en"):
                barrier.wait()
                work(index)
            results[index] = "ok"
        except ValidationError as exc:
            results[index] = " ".join(exc.messages)
        except Exception as exc:
            results[index] = f"unexpected: {exc!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_simultaneous_approvals_never_exceed_the_budget():
    office = make_office()
    programme = make_programme(office, budget="20000", max_amount="1000")
    admin = make_staff(office, Role.ADMIN)
    applications = [make_application(programme, requested="1000", costs="1000", own="0") for _ in range(50)]

    results = _run_together(
        50, lambda index: application_approve(application=applications[index], by=admin, amount="1000")
    )

    assert results.count("ok") == 20, results
    refused = [r for r in results if r != "ok"]
    assert len(refused) == 30
    assert all(r == "Only CHF 0.00 of the budget is still available." for r in refused), refused
    assert Grant.objects.filter(programme=programme).count() == 20
    assert Application.objects.filter(programme=programme, status=Application.Status.APPROVED).count() == 20
    figures = programme_budget(programme)
    assert figures.committed == figures.budget == Decimal("20000.00")


def test_two_simultaneous_payments_of_one_instalment_pay_once():
    office = make_office()
    programme = make_programme(office)
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(
        application=make_application(programme),
        by=admin,
        amount="4000",
        payout_plan=[("4000", datetime.date.today())],
    )
    payout = grant.payouts.get()
    payout_release(payout=payout, by=admin)

    results = _run_together(
        2,
        lambda index: payout_mark_paid(
            payout=payout, by=admin, paid_on=datetime.date.today(), booking_reference=f"B-{index}"
        ),
    )

    assert sorted(results) == ["This instalment is already paid.", "ok"], results
    assert Payout.objects.filter(grant=grant, status=Payout.Status.PAID).count() == 1


def test_the_same_application_approved_twice_at_once_gives_one_grant():
    office = make_office()
    programme = make_programme(office)
    admin = make_staff(office, Role.ADMIN)
    application = make_application(programme)
    results = _run_together(
        2, lambda index: application_approve(application=application, by=admin, amount="4000")
    )
    assert sorted(results) == ["This application has already been approved.", "ok"], results
    assert Grant.objects.filter(application=application).count() == 1
