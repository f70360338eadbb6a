"""Report section "kompakt": processes by status and current phase, workshops held in 2025, measures by
KIP area and status, canton contributions approved and paid in 2025, and the per-municipality rows."""

import datetime
from decimal import Decimal

import pytest

from fachstelle.kompakt.models import CantonContribution, Phase, Process, Workshop
from fachstelle.kompakt.tests.implementation_world import make_measure, make_programme
from fachstelle.reporting.sections import kompakt

from .sections_world import base_world, cells, figure, local, row, table, year

pytestmark = pytest.mark.django_db
P = Process.Status
C = CantonContribution.Status


def _process(office, municipality, status, *, phases=None, created=None):
    """A process created (by default) in June 2024: processes created after the period are not of it."""
    created = created or local(2024, 6, 1)
    process = Process.objects.create(office=office, municipality=municipality, status=status)
    for kind, phase_status in (phases or {}).items():
        Phase.objects.create(process=process, kind=kind, status=phase_status)
    Process.objects.filter(pk=process.pk).update(created_at=created)
    return process


def _workshop(process, starts, status=Workshop.Status.HELD):
    return Workshop.objects.create(
        process=process, kind=Workshop.Kind.EXTRA, starts_at=starts, duration_minutes=120, status=status
    )


@pytest.fixture
def world(vocab):
    w = base_world()
    kip = sorted(vocab["kip"].values(), key=lambda area: area.code)
    w.kip1, w.kip2 = kip[0], kip[1]
    o, r, a = w.oftringen, w.rothrist, w.aarburg
    k = Phase.Kind
    # Oftringen: in implementation, workshops phase in progress (the current phase).
    p1 = _process(
        w.office,
        o,
        P.IMPLEMENTATION,
        phases={k.PLANNING: "done", k.WORKSHOPS: "in_progress", k.PROGRAMME: "open"},
    )
    # Rothrist: running, nothing started yet (current: planning); an earlier cancelled round.
    p2 = _process(w.office, r, P.ACTIVE, phases={k.PLANNING: "open", k.PREPARATION: "open"})
    _process(w.office, r, P.CANCELLED, created=local(2023, 1, 1))
    # Aarburg: completed; a new round started only in 2026 (not of the period).
    p3 = _process(w.office, a, P.COMPLETED)
    _process(w.office, a, P.PLANNED, created=local(2026, 2, 1))
    # Workshops: two held in 2025 (incl. the last hour), one cancelled, one at the first moment of 2026.
    _workshop(p1, local(2025, 3, 1, 18))
    _workshop(p2, local(2025, 12, 31, 23))
    _workshop(p2, local(2025, 6, 1, 18), status=Workshop.Status.CANCELLED)
    _workshop(p1, local(2026, 1, 1, 0))
    # Oftringen's programme 2025–2028 with three measures; Aarburg's old programme (2020–2022).
    programme = make_programme(process=p1, period_start=2025, period_end=2028)
    m1 = make_measure(programme=programme, area=w.kip1, title="Deutschkurs", status="planned")
    m2 = make_measure(programme=programme, area=w.kip1, title="Elterncafé", status="in_progress")
    m3 = make_measure(programme=programme, area=w.kip2, title="Beratung", status="done")
    old = make_programme(process=p3, period_start=2020, period_end=2022)
    m_old = make_measure(programme=old, area=w.kip1, title="Alt")
    d = datetime.date
    # Approved in 2025: 10000; paid in 2025: 5000 (decided in 2024); requested: nothing.
    CantonContribution.objects.create(
        measure=m1, year=2025, amount=Decimal("10000"), status=C.APPROVED, decided_on=d(2025, 2, 1)
    )
    CantonContribution.objects.create(
        measure=m2,
        year=2025,
        amount=Decimal("5000"),
        status=C.PAID,
        decided_on=d(2024, 12, 1),
        paid_on=d(2025, 1, 15),
    )
    CantonContribution.objects.create(measure=m3, year=2025, amount=Decimal("3000"), status=C.REQUESTED)
    CantonContribution.objects.create(
        measure=m_old,
        year=2025,
        amount=Decimal("700"),
        status=C.PAID,
        decided_on=d(2025, 12, 31),
        paid_on=d(2026, 1, 1),
    )
    # The other office: a process in Oftringen with a held workshop — never counted.
    foreign = _process(w.other_office, o, P.ACTIVE, phases={k.PLANNING: "in_progress"})
    _workshop(foreign, local(2025, 3, 1, 18))
    return w


def test_headline_figures(world):
    result = kompakt.section(office=world.office, filters=year())
    assert figure(result, "processes") == 4  # Oftringen, Rothrist ×2, Aarburg (not the 2026 round)
    assert figure(result, "open") == 2
    assert figure(result, "workshops") == 2
    assert figure(result, "measures") == 3
    # Approved in 2025: 10000 (Oftringen) + 700 (Aarburg's old measure, decided 31 Dec); paid: 5000.
    assert figure(result, "contributions_approved") == Decimal("10700")
    assert figure(result, "contributions_paid") == Decimal("5000")


def test_status_and_phase_tables(world):
    result = kompakt.section(office=world.office, filters=year())
    status = table(result, "kompakt_status")
    assert cells(status, "implementation") == ["1"]
    assert cells(status, "active") == ["1"]
    assert cells(status, "completed") == ["1"]
    assert cells(status, "cancelled") == ["1"]
    assert cells(status, "planned") == ["0"]
    phases = table(result, "kompakt_phases")
    assert cells(phases, "workshops") == ["1"]
    assert cells(phases, "planning") == ["1"]
    assert cells(phases, "none") == ["0"]


def test_measures_and_contributions_by_area(world):
    result = kompakt.section(office=world.office, filters=year())
    measures = table(result, "kompakt_measures")
    # Columns: planned, in progress, done, postponed, dropped.
    assert cells(measures, world.kip1.code) == ["1", "1", "0", "0", "0"]
    assert cells(measures, world.kip2.code) == ["0", "0", "1", "0", "0"]
    contributions = table(result, "kompakt_contributions")
    assert contributions.row(world.kip1.code).cells == [10700, 5000]  # whole francs
    assert contributions.row(world.kip2.code).cells == [0, 0]


def test_municipality_filter(world):
    result = kompakt.section(office=world.office, filters=year(world.rothrist))
    assert figure(result, "processes") == 2
    assert figure(result, "workshops") == 1
    assert figure(result, "measures") == 0
    assert figure(result, "contributions_approved") == 0


def test_other_office_scoped(world):
    result = kompakt.section(office=world.other_office, filters=year())
    assert figure(result, "processes") == 1
    assert figure(result, "workshops") == 1
    assert figure(result, "measures") == 0


def test_municipality_rows(world):
    rows = kompakt.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)
    o, r, a = world.oftringen.pk, world.rothrist.pk, world.aarburg.pk
    status = row(rows, "kompakt_status").values
    # The open process wins over the cancelled one; the 2026 round of Aarburg is not of the period.
    assert status == {o: str(P.IMPLEMENTATION.label), r: str(P.ACTIVE.label), a: str(P.COMPLETED.label)}
    assert row(rows, "kompakt_measures").values == {o: 3, r: 0, a: 0}
    assert row(rows, "kompakt_contributions_approved").values == {
        o: Decimal("10000"),
        r: 0,
        a: Decimal("700"),
    }
    assert row(rows, "kompakt_contributions_paid").values == {o: Decimal("5000"), r: 0, a: 0}


def test_query_counts(world, django_assert_num_queries):
    # Processes with their phase, workshops, measures, contributions, promotion areas.
    with django_assert_num_queries(5):
        kompakt.section(office=world.office, filters=year())
    with django_assert_num_queries(3):
        kompakt.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)


def test_every_table_charts(world):
    from fachstelle.core.charts import table_chart

    for item in kompakt.section(office=world.office, filters=year()).tables:
        assert table_chart(item, fmt="svg")
