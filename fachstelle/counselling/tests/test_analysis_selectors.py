"""Needs analysis aggregates: the figures of a known data set, what is hidden, the period and municipality
filters, anonymous cases, anonymised records, and nothing of another office or another period."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from fachstelle.core.models import Language, Municipality
from fachstelle.core.statistics import PRIMARY, SECONDARY, is_suppressed
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.counselling.models import (
    Case,
    Client,
    ClientLanguage,
    CounsellingSession,
    Intake,
    IntakeGoal,
    Qualification,
    ShortConsultation,
    Topic,
)
from fachstelle.counselling.selectors.analysis import AnalysisFilters, default_filters, needs_analysis

from .factories import CaseFactory, ClientFactory, counselling_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

YEAR = 2024


def day(month: int, day_of_month: int) -> datetime.date:
    return datetime.date(YEAR, month, day_of_month)


@dataclass
class AnalysisWorld:
    world: object
    rothrist: Municipality
    aarburg: Municipality
    clients: list


def _person(world, *, i, municipality, german, education, permit, country, interpreter, languages):
    client = ClientFactory(
        office=world.office,
        counsellor=world.counsellor,
        municipality=municipality,
        permit_category=permit,
        country_of_origin=country,
    )
    if german:
        ClientLanguage.objects.create(client=client, language=languages["de"], level=german)
    ClientLanguage.objects.create(client=client, language=languages["ti"], level="native")
    Intake.objects.create(
        client=client,
        held_on=day(3, 1 + i),
        education=education,
        needs_interpreter=interpreter is not None,
        interpreter_language=languages.get(interpreter),
    )
    return client


def build_analysis_world(languages) -> AnalysisWorld:
    """Twelve persons with an intake and a case in March 2024, chosen so that some cells reach 5 and some
    do not (per index: German, education, municipality, permit, country, goals, qualifications…)."""
    world = counselling_world()
    rothrist = world.office.municipalities.get()
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg")
    world.office.municipalities.add(aarburg)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    german = ["A1"] * 6 + ["B1"] * 3 + ["native"] + [None] * 2
    education = ["vocational"] * 6 + ["upper_secondary"] * 5 + ["tertiary"]
    clients = []
    for i in range(12):
        client = _person(
            world,
            i=i,
            municipality=rothrist if i < 9 else aarburg,
            german=german[i],
            education=education[i],
            permit="F" if i < 7 else "B",
            country="ER" if i < 7 else "AF",
            interpreter="ti" if i < 5 else ("ar" if i == 5 else None),
            languages=languages,
        )
        intake = client.intake
        if i < 8:
            IntakeGoal.objects.create(intake=intake, category="language")
        if i < 5:
            IntakeGoal.objects.create(intake=intake, category="work")
        if i >= 10:
            IntakeGoal.objects.create(intake=intake, category="housing")
        if i < 5:
            Qualification.objects.create(client=client, kind="vocational", recognition="recognised")
        elif i < 7:
            Qualification.objects.create(client=client, kind="vocational", recognition="in_progress")
        elif i == 7:
            Qualification.objects.create(client=client, kind="university", recognition="refused")
        case = CaseFactory(
            office=world.office,
            counsellor=world.counsellor,
            client=client,
            municipality=client.municipality,
            opened_on=day(3, 1 + i),
            topics=[topics["deutsch"], topics["arbeit"]] if i < 4 else [topics["deutsch"]],
        )
        if i < 5:
            # Person 0 has three interpreted sessions: still one person.
            for _ in range(3 if i == 0 else 1):
                CounsellingSession.objects.create(
                    case=case,
                    held_on=day(4, 1),
                    duration_minutes=30,
                    interpreter_used=True,
                    language=languages["ti"],
                )
        clients.append(client)
    # A second case of person 0 in the period: counted once.
    CaseFactory(
        office=world.office,
        counsellor=world.counsellor,
        client=clients[0],
        municipality=rothrist,
        opened_on=day(5, 1),
        topics=[topics["deutsch"]],
    )
    # Three anonymous cases on work: each counts as one person in the topics.
    for _ in range(3):
        CaseFactory(
            office=world.office,
            counsellor=world.counsellor,
            client=None,
            municipality=rothrist,
            opened_on=day(6, 1),
            topics=[topics["arbeit"]],
        )
    # Short consultations: 6 on German, 2 on housing (Rothrist).
    for topic, n in [("deutsch", 6), ("wohnen", 2)]:
        for _ in range(n):
            ShortConsultation.objects.create(
                office=world.office,
                held_on=day(7, 1),
                topic=topics[topic],
                duration_minutes=10,
                municipality=rothrist,
            )
    # Persons 10 and 11 were anonymised: their statistics stay.
    Client.objects.filter(pk__in=[clients[10].pk, clients[11].pk]).update(anonymised_at=timezone.now())
    Case.objects.filter(client__in=[clients[10], clients[11]]).update(anonymised_at=timezone.now())
    # Noise that must never be counted in 2024: another office's person, a person of 2023.
    foreign = ClientFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    ClientLanguage.objects.create(client=foreign, language=languages["de"], level="A1")
    Intake.objects.create(client=foreign, held_on=day(3, 1), education="vocational")
    CaseFactory(
        office=world.other_office, counsellor=world.foreign_counsellor, client=foreign, opened_on=day(3, 1)
    )
    old = ClientFactory(office=world.office, counsellor=world.counsellor, municipality=rothrist)
    ClientLanguage.objects.create(client=old, language=languages["de"], level="A1")
    Intake.objects.create(client=old, held_on=datetime.date(YEAR - 1, 6, 1), education="vocational")
    CaseFactory(
        office=world.office, counsellor=world.counsellor, client=old, opened_on=datetime.date(YEAR - 1, 6, 1)
    )
    return AnalysisWorld(world=world, rothrist=rothrist, aarburg=aarburg, clients=clients)


@pytest.fixture
def data(vocab):
    return build_analysis_world(vocab["languages"])


def year_filters(**kwargs) -> AnalysisFilters:
    return AnalysisFilters(date_from=day(1, 1), date_to=day(12, 31), **kwargs)


def cells(table, key):
    return table.row(key).cells


def test_german_levels_show_cells_of_five_and_more_and_hide_the_others(data):
    analysis = needs_analysis(office=data.world.office, filters=year_filters())
    german = analysis.table("german")
    assert cells(german, "A1") == [6]
    assert cells(german, "B1") == [PRIMARY]
    assert cells(german, "native") == [PRIMARY]
    assert cells(german, "unknown") == [PRIMARY]  # two persons without German recorded
    assert cells(german, "C2") == [0]
    # 12 − 6 leaves 6 for three hidden cells of 1–4 each: not derivable, the total stays.
    assert german.total.cells == [12]
    assert analysis.persons == 12


def test_a_single_small_cell_gets_complements_until_it_cannot_be_derived(data):
    education = needs_analysis(office=data.world.office, filters=year_filters()).table("education")
    # 6 vocational, 5 upper secondary, 1 tertiary: hiding the 1 and the 5 would still leave 1 + 5 = 6.
    assert cells(education, "tertiary") == [PRIMARY]
    assert cells(education, "upper_secondary") == [SECONDARY]
    assert cells(education, "vocational") == [SECONDARY]
    assert education.total.cells == [12]


def test_goals_qualifications_permits_and_countries(data):
    analysis = needs_analysis(office=data.world.office, filters=year_filters())
    goals = analysis.table("goals")
    assert cells(goals, "language") == [8]
    assert cells(goals, "work") == [5]
    assert cells(goals, "housing") == [PRIMARY]
    assert goals.total.cells == [10]  # persons with at least one goal
    qualifications = analysis.table("qualifications")
    assert qualifications.columns[-1] == "Persons"
    # Columns: not needed, not applied for, in progress, recognised, partially, refused | persons.
    # 7 persons, 5 recognised: the 2 in progress are at least 7 − 5 = 2 — not pinned down, all stays.
    assert cells(qualifications, "vocational") == [0, 0, PRIMARY, 5, 0, 0, 7]
    assert cells(qualifications, "university") == [0, 0, 0, 0, 0, PRIMARY, PRIMARY]
    assert qualifications.total is None
    permits = analysis.table("permits")
    assert cells(permits, "F") == [7] and cells(permits, "B") == [5] and cells(permits, "N") == [0]
    countries = analysis.table("countries")
    assert [row.key for row in countries.rows] == ["AF", "ER", "other", "unknown"]
    assert cells(countries, "ER") == [7] and cells(countries, "AF") == [5]
    assert cells(countries, "other") == [0]


def test_municipalities_protect_the_small_one(data):
    municipalities = needs_analysis(office=data.world.office, filters=year_filters()).table("municipalities")
    # Aarburg 3 would be 12 − 9: Rothrist is hidden as well; the total stays.
    assert cells(municipalities, str(data.aarburg.pk)) == [PRIMARY]
    assert cells(municipalities, str(data.rothrist.pk)) == [SECONDARY]
    assert municipalities.total.cells == [12]


def test_topics_count_persons_once_and_anonymous_cases_as_persons(data):
    analysis = needs_analysis(office=data.world.office, filters=year_filters())
    topics = analysis.table("topics")
    # 12 persons on German (person 0 with two cases counts once), 4 persons + 3 anonymous cases on work.
    assert cells(topics, "deutsch")[0] == 12
    assert cells(topics, "arbeit")[0] == 7
    assert topics.total.cells[0] == 15
    # Short consultations: 2 on housing hidden, and the 6 with them (8 − 6 would give the 2).
    assert cells(topics, "wohnen")[1] == PRIMARY
    assert cells(topics, "deutsch")[1] == SECONDARY
    assert topics.total.cells[1] == 8
    assert analysis.cases == 16 and analysis.short_consultations == 8


def test_interpreting_from_intake_and_sessions(data):
    interpreting = needs_analysis(office=data.world.office, filters=year_filters()).table("interpreting")
    ti, ar = (str(Language.objects.get(code=code).pk) for code in ("ti", "ar"))
    # Intake: 5 need Tigrinya, 1 Arabic. The 1 is hidden, then the 5 (6 − 5); then 6 = x + y with x ≥ 5
    # would still give 1 + 5: the total goes too. Sessions: 5 persons (one of them had three sessions).
    assert cells(interpreting, ti) == [SECONDARY, 5]
    assert cells(interpreting, ar) == [PRIMARY, 0]
    assert interpreting.total.cells == [SECONDARY, 5]
    assert [row.key for row in interpreting.rows][-1] == "none"


def test_the_municipality_filter_counts_only_its_persons_and_cases(data):
    analysis = needs_analysis(office=data.world.office, filters=year_filters(municipality=data.rothrist))
    german = analysis.table("german")
    # Rothrist: 6 × A1 and 3 × B1 → the 3 alone would be 9 − 6: both hidden, total 9.
    assert cells(german, "A1") == [SECONDARY] and cells(german, "B1") == [PRIMARY]
    assert german.total.cells == [9]
    assert [row.key for row in analysis.table("municipalities").rows] == [str(data.rothrist.pk), "unknown"]
    topics = analysis.table("topics")
    assert cells(topics, "deutsch")[0] == 9
    assert cells(topics, "arbeit")[0] == 7  # 4 persons of Rothrist + 3 anonymous cases there
    aarburg = needs_analysis(office=data.world.office, filters=year_filters(municipality=data.aarburg))
    assert aarburg.table("german").total.cells == [PRIMARY]
    assert aarburg.table("topics").total.cells == [PRIMARY, 0]


def test_the_period_filter(data):
    march_first_week = AnalysisFilters(date_from=day(3, 1), date_to=day(3, 6))
    analysis = needs_analysis(office=data.world.office, filters=march_first_week)
    assert analysis.table("german").total.cells == [6]
    assert cells(analysis.table("german"), "A1") == [6]
    assert analysis.short_consultations == 0
    last_year = needs_analysis(
        office=data.world.office,
        filters=AnalysisFilters(
            date_from=datetime.date(YEAR - 1, 1, 1), date_to=datetime.date(YEAR - 1, 12, 31)
        ),
    )
    assert last_year.persons == PRIMARY  # the one person of 2023, hidden


def test_another_office_sees_none_of_it(data):
    analysis = needs_analysis(office=data.world.other_office, filters=year_filters())
    assert analysis.persons == PRIMARY  # its own single person only
    assert analysis.table("topics").total.cells == [PRIMARY, 0]


def test_no_hidden_value_survives_in_any_cell(data):
    analysis = needs_analysis(office=data.world.office, filters=year_filters())
    for table in analysis.tables:
        for row in table.all_rows:
            for cell in row.cells:
                assert is_suppressed(cell) or cell == 0 or cell >= 5, (table.key, row.label, cell)


def test_default_filters_are_the_current_calendar_year():
    filters = default_filters(today=datetime.date(2026, 5, 17))
    assert (filters.date_from, filters.date_to, filters.municipality) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
        None,
    )
