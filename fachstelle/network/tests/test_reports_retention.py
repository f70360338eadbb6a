"""Retention of the reporting point: old closed reports lose their personal text; the rest stays."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.network.models import Report
from fachstelle.network.tests.factories_reports import ReportFactory


def _age(report: Report, days: int) -> None:
    # updated_at is auto_now: set the past through an UPDATE that bypasses save().
    Report.objects.filter(pk=report.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))


@pytest.mark.django_db
def test_old_closed_reports_are_anonymised_and_the_dry_run_changes_nothing():
    office = OfficeFactory()
    old_closed = ReportFactory(office=office, status=Report.Status.CLOSED, contact_email="a@example.org")
    recent_closed = ReportFactory(office=office, status=Report.Status.CLOSED)
    old_open = ReportFactory(office=office, status=Report.Status.IN_REVIEW)
    _age(old_closed, 3 * 365)
    _age(old_open, 3 * 365)

    out = StringIO()
    call_command("anonymise_closed_reports", "--dry-run", stdout=out)
    assert "would anonymise 1 report(s)" in out.getvalue() and old_closed.reference in out.getvalue()
    old_closed.refresh_from_db()
    assert old_closed.anonymised_at is None and old_closed.description

    call_command("anonymise_closed_reports", stdout=StringIO())
    old_closed.refresh_from_db()
    assert old_closed.anonymised_at is not None
    assert old_closed.description == "" and old_closed.contact_email == "" and old_closed.place == ""
    assert old_closed.category == Report.Category.DISCRIMINATION_RACISM  # the statistics keep it
    for untouched in (recent_closed, old_open):
        untouched.refresh_from_db()
        assert untouched.anonymised_at is None and untouched.description
