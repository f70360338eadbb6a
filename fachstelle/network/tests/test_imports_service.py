"""The organisation import (services.imports): validation of the whole file, merging, duplicates, the
update/skip rule, atomic writing and the export round trip."""

import time

import pytest

from fachstelle.core.tabular import TabularError, read_table
from fachstelle.core.tests.factories import OfficeFactory, OrganisationFactory
from fachstelle.network.models import Contact, Organisation
from fachstelle.network.selectors.exports import organisation_export_rows
from fachstelle.network.services.imports import (
    Action,
    ImportRefused,
    Mode,
    organisations_import,
    organisations_import_validate,
)

from .factories_imports import csv_of, region_office, row, xlsx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(vocab, english):
    return region_office()


def validate(office, rows, mode=Mode.SKIP, **kwargs):
    return organisations_import_validate(
        office=office, table=read_table(csv_of(rows, **kwargs), file_type="csv"), mode=mode
    )


def run(office, rows, *, mode=Mode.SKIP, accept=False, file_type="csv"):
    data = csv_of(rows) if file_type == "csv" else xlsx_of(rows)
    return organisations_import(
        office=office, by=None, data=data, file_type=file_type, mode=mode, accept_valid_rows=accept
    )


def errors_of(preview) -> dict[int, list[tuple[str, str]]]:
    return {r.number: r.error_items() for r in preview.rows if not r.is_valid}


# --- A clean file ----------------------------------------------------------------------------------------


def test_a_valid_file_creates_organisations_with_their_contacts(office, vocab):
    rows = [
        row(
            "Verein Begegnung",
            Typ="Verein",
            Strasse="Bahnhofstrasse 1",
            PLZ="4800",
            Gemeinde="Zofingen",
            Website="www.begegnung.ch",
            **{"E-Mail": "info@begegnung.ch", "Telefon": "062 123 45 67"},
            Handlungsfelder="Wohnen, arbeit",
            Tags="Arbeitskreis, Sprache",
            **{
                "Kontakt Name": "Anna Muster",
                "Kontakt Funktion": "Präsidentin",
                "Kontakt E-Mail": "anna@begegnung.ch",
            },
        ),
        # A second contact of the same organisation: name spelt differently, organisation cells empty.
        row("verein  begegnung", **{"Kontakt Name": "Bruno Beispiel", "Kontakt Telefon": "079 1"}),
        row("Sozialdienst Oftringen", Typ="mainstream_service", Gemeinde="4280"),
        row("Kirche Buchs", Typ="Church / religious community", Gemeinde="Buchs (SG)"),
        row("Ohne Typ"),
    ]
    preview = validate(office, rows)
    assert not preview.has_errors
    assert (preview.to_create, preview.to_update, preview.contacts_to_write) == (4, 0, 2)

    outcome = run(office, rows)
    assert (outcome.created, outcome.contacts_created) == (4, 2)
    verein = Organisation.objects.get(office=office, name="Verein Begegnung")
    assert verein.kind == Organisation.Kind.ASSOCIATION
    assert verein.municipality.bfs_number == 4289
    assert verein.website == "https://www.begegnung.ch"
    assert verein.tags == ["Arbeitskreis", "Sprache"]
    assert set(verein.fields_of_action.values_list("slug", flat=True)) == {"wohnen", "arbeit"}
    assert verein.slug == "verein-begegnung"
    contacts = list(verein.contacts.order_by("name"))
    assert [(c.name, c.role, c.is_primary) for c in contacts] == [
        ("Anna Muster", "Präsidentin", True),
        ("Bruno Beispiel", "", False),
    ]
    assert Organisation.objects.get(name="Sozialdienst Oftringen").municipality.name == "Oftringen"
    assert Organisation.objects.get(name="Kirche Buchs").municipality.canton == "SG"
    assert Organisation.objects.get(name="Ohne Typ").kind == Organisation.Kind.OTHER


def test_an_ambiguous_municipality_name_prefers_the_office_canton_else_asks_for_the_canton(vocab, english):
    aargau = region_office()
    preview = validate(aargau, [row("A", Gemeinde="Buchs")])
    assert preview.plans[0].values["municipality"] is not None  # Buchs AG: the office's canton
    bern = OfficeFactory(canton="BE")
    preview = validate(bern, [row("A", Gemeinde="Buchs")])
    assert "Several municipalities" in errors_of(preview)[2][0][1]


# --- Errors ----------------------------------------------------------------------------------------------


def test_every_row_error_is_reported_with_row_and_column(office):
    rows = [
        row("Gut", Gemeinde="Zofingen"),
        row("Schlechter Typ", Typ="Sportclub"),
        row("Schlechte Mail", **{"E-Mail": "info(at)verein.ch"}),
        row("Unbekannte Gemeinde", Gemeinde="Atlantis"),
        row("Unbekanntes Feld", Handlungsfelder="Wohnen, Raumfahrt"),
        row("Kontakt ohne Name", **{"Kontakt E-Mail": "x@y.ch"}),
        row("", Typ="Verein"),
        row("Schlechte Website", Website="http://"),
        row("Zu lang", PLZ="12345678901"),
    ]
    preview = validate(office, rows)
    errors = errors_of(preview)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert errors[3][0][0] == "Typ" and "Sportclub" in errors[3][0][1]
    assert errors[4][0][0] == "E-Mail"
    assert errors[5][0][0] == "Gemeinde" and "Atlantis" in errors[5][0][1]
    assert errors[6][0][0] == "Handlungsfelder" and "Raumfahrt" in errors[6][0][1]
    assert "Wohnen" not in errors[6][0][1].split(":")[1]  # only the unknown one is named as unknown
    assert errors[7][0][0] == "Kontakt Name"
    assert errors[8][0][0] == "Name"
    assert errors[9][0][0] == "Website"
    assert errors[10][0][0] == "PLZ"
    assert [plan.name for plan in preview.plans] == ["Gut"]


def test_rows_of_one_organisation_must_agree_and_emails_belong_to_one_organisation(office):
    rows = [
        row(
            "Verein A",
            Website="www.a.ch",
            **{"E-Mail": "info@a.ch", "Kontakt Name": "Eva", "Kontakt E-Mail": "eva@a.ch"},
        ),
        row("Verein A", Website="www.anders.ch", **{"Kontakt Name": "Max"}),  # conflict
        row("Verein B", **{"E-Mail": "INFO@a.ch"}),  # e-mail of Verein A
        row("Verein A", **{"Kontakt Name": "Eva M.", "Kontakt E-Mail": "Eva@a.ch"}),  # same contact twice
        row("Verein A", Website="https://www.a.ch", **{"Kontakt Name": "Ida"}),  # same value is fine
    ]
    preview = validate(office, rows)
    errors = errors_of(preview)
    assert sorted(errors) == [3, 4, 5]
    assert errors[3] == [("Website", errors[3][0][1])] and "row 2" in errors[3][0][1]
    assert errors[4][0][0] == "E-Mail" and "Verein A" in errors[4][0][1]
    assert errors[5][0][0] == "Kontakt E-Mail"
    (plan,) = preview.plans
    assert [c["name"] for c in plan.contacts] == ["Eva", "Ida"]


def test_header_without_name_column_is_refused(office):
    with pytest.raises(TabularError, match="Name"):
        validate(office, [{"Typ": "Verein"}], headers=("Typ", "PLZ"))


def test_nothing_is_written_while_rows_have_errors_unless_the_valid_rows_are_accepted(office):
    rows = [row("Gut A"), row("Kaputt", Typ="???"), row("Gut B", **{"Kontakt Name": "Ida"})]
    with pytest.raises(ImportRefused):
        run(office, rows)
    assert not Organisation.objects.filter(office=office).exists()
    outcome = run(office, rows, accept=True)
    assert outcome.created == 2
    assert sorted(Organisation.objects.filter(office=office).values_list("name", flat=True)) == [
        "Gut A",
        "Gut B",
    ]
    assert Contact.objects.filter(organisation__office=office).count() == 1


def test_the_import_refuses_when_the_plan_changed_since_the_preview(office):
    rows = [row("Verein A"), row("Verein B")]
    fingerprint = validate(office, rows).fingerprint()
    OrganisationFactory(office=office, name="Verein B")  # someone added it meanwhile
    with pytest.raises(ImportRefused, match="changed since the preview"):
        organisations_import(
            office=office, by=None, data=csv_of(rows), file_type="csv", expected_fingerprint=fingerprint
        )
    assert not Organisation.objects.filter(office=office, name="Verein A").exists()


# --- Existing organisations ------------------------------------------------------------------------------


def test_existing_organisations_are_skipped_by_default(office):
    existing = OrganisationFactory(office=office, name="Verein Alt", phone="062 000", email="alt@verein.ch")
    rows = [row("VEREIN ALT", Telefon="062 999"), row("Neu", **{"E-Mail": "neu@verein.ch"})]
    preview = validate(office, rows)
    assert [(p.name, p.action) for p in preview.plans] == [
        ("VEREIN ALT", Action.SKIP),
        ("Neu", Action.CREATE),
    ]
    outcome = run(office, rows)
    assert (outcome.created, outcome.updated, outcome.skipped) == (1, 0, 1)
    existing.refresh_from_db()
    assert existing.phone == "062 000"


def test_update_mode_overwrites_filled_cells_and_adds_contacts_fields_and_tags(office, vocab):
    existing = OrganisationFactory(
        office=office,
        name="Verein Alt",
        phone="062 000",
        street="Alte Gasse 1",
        email="alt@verein.ch",
        tags=["Alt"],
    )
    existing.fields_of_action.add(vocab["areas"]["wohnen"])
    anna = Contact.objects.create(organisation=existing, name="Anna", email="anna@verein.ch", is_primary=True)
    rows = [
        # Matched by e-mail although the name differs; the name stays.
        row(
            "Verein Alt (Zofingen)",
            Telefon="062 999",
            Handlungsfelder="Arbeit und Beruf",
            Tags="alt, Neu",
            **{
                "E-Mail": "ALT@verein.ch",
                "Kontakt Name": "Anna Muster",
                "Kontakt E-Mail": "anna@verein.ch",
                "Kontakt Funktion": "Leitung",
            },
        ),
        row("Verein Alt (Zofingen)", **{"Kontakt Name": "Ben"}),
    ]
    preview = validate(office, rows, mode=Mode.UPDATE)
    (plan,) = preview.plans
    assert (plan.action, plan.existing_id, plan.matched_by) == (Action.UPDATE, existing.pk, "email")
    outcome = run(office, rows, mode=Mode.UPDATE)
    assert (outcome.created, outcome.updated, outcome.contacts_created, outcome.contacts_updated) == (
        0,
        1,
        1,
        1,
    )
    existing.refresh_from_db()
    assert existing.name == "Verein Alt"
    assert existing.phone == "062 999"
    assert existing.street == "Alte Gasse 1"  # empty cell: unchanged
    assert existing.tags == ["Alt", "Neu"]
    assert set(existing.fields_of_action.values_list("slug", flat=True)) == {"wohnen", "arbeit"}
    anna.refresh_from_db()
    assert (anna.name, anna.role, anna.is_primary) == ("Anna Muster", "Leitung", True)
    assert existing.contacts.get(name="Ben").is_primary is False


def test_name_and_email_pointing_at_two_existing_organisations_is_an_error(office):
    OrganisationFactory(office=office, name="Verein A", email="a@verein.ch")
    OrganisationFactory(office=office, name="Verein B", email="b@verein.ch")
    preview = validate(
        office, [row("Verein A", **{"E-Mail": "b@verein.ch"}), row("Verein C", **{"E-Mail": "a@verein.ch"})]
    )
    errors = errors_of(preview)
    assert errors[2][0][0] == "E-Mail" and "Verein B" in errors[2][0][1]
    # Row 3 points at Verein A by e-mail; since row 2 failed, nobody else claims it.
    assert 3 not in errors


def test_two_file_organisations_cannot_point_at_the_same_existing_one(office):
    OrganisationFactory(office=office, name="Verein A", email="a@verein.ch")
    preview = validate(office, [row("Verein A"), row("Verein A Neu", **{"E-Mail": "a@verein.ch"})])
    errors = errors_of(preview)
    assert list(errors) == [3] and "Verein A" in errors[3][0][1]


def test_organisations_of_other_offices_are_neither_matched_nor_touched(office):
    other = OrganisationFactory(name="Verein A", email="a@verein.ch")  # another office
    outcome = run(office, [row("Verein A", **{"E-Mail": "a@verein.ch"})], mode=Mode.UPDATE)
    assert outcome.created == 1
    assert Organisation.objects.filter(name="Verein A").count() == 2
    assert other.contacts.count() == 0


def test_new_slugs_are_unique_in_the_office(office):
    OrganisationFactory(office=office, name="Verein A-Z", slug="verein-a")
    run(office, [row("Verein A"), row("Verein  A!")], accept=True)  # the second merges into the first
    assert list(
        Organisation.objects.filter(office=office, name="Verein A").values_list("slug", flat=True)
    ) == ["verein-a-2"]


# --- Speed -----------------------------------------------------------------------------------------------


def test_validation_makes_no_query_per_row(office, django_assert_max_num_queries):
    OrganisationFactory(office=office, name="Verein 1")
    rows = [
        row(f"Verein {n}", Gemeinde="Zofingen", Handlungsfelder="Wohnen", **{"Kontakt Name": f"Person {n}"})
        for n in range(300)
    ]
    table = read_table(csv_of(rows), file_type="csv")
    # Office municipalities, all municipalities, fields of action, existing organisations.
    with django_assert_max_num_queries(4):
        preview = organisations_import_validate(office=office, table=table)
    assert len(preview.plans) == 300


def test_ten_thousand_rows_validate_within_ten_seconds(office):
    rows = [
        row(
            f"Organisation {n}",
            Typ="Verein",
            Strasse=f"Weg {n}",
            PLZ="4800",
            Gemeinde="Zofingen",
            Website=f"www.org{n}.ch",
            Handlungsfelder="Wohnen, Arbeit und Beruf",
            Tags="A, B",
            **{
                "E-Mail": f"info@org{n}.ch",
                "Telefon": "062 123 45 67",
                "Kontakt Name": f"Person {n}",
                "Kontakt Funktion": "Leitung",
                "Kontakt E-Mail": f"p{n}@org{n}.ch",
            },
        )
        for n in range(10_000)
    ]
    data = csv_of(rows)
    started = time.perf_counter()
    preview = organisations_import_validate(office=office, table=read_table(data, file_type="csv"))
    elapsed = time.perf_counter() - started
    assert not preview.has_errors
    assert elapsed < 10, elapsed


# --- Export round trip -----------------------------------------------------------------------------------


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_an_export_imports_into_another_office_unchanged(vocab, english, file_type):
    source = region_office()
    run(
        source,
        [
            row(
                "Verein Begegnung",
                Typ="Verein",
                Strasse="Bahnhofstrasse 1",
                PLZ="4800",
                Gemeinde="Zofingen",
                Website="https://www.begegnung.ch",
                Handlungsfelder="Wohnen, Arbeit und Beruf",
                Tags="Arbeitskreis, =x",
                **{
                    "E-Mail": "info@begegnung.ch",
                    "Telefon": "+41 62 123 45 67",
                    "Kontakt Name": "Anna",
                    "Kontakt Funktion": "Präsidentin",
                    "Kontakt E-Mail": "anna@begegnung.ch",
                    "Kontakt Telefon": "079",
                },
            ),
            row("Verein Begegnung", **{"Kontakt Name": "Bruno"}),
            row("Kirche Buchs", Typ="Kirche", Gemeinde="Buchs (ZH)"),
            row("Ohne alles"),
        ],
    )
    headers, rows = organisation_export_rows(office=source)
    exported = list(rows)
    assert len(exported) == 4  # one row per contact, one for each organisation without contacts

    from fachstelle.core.tabular import csv_bytes, xlsx_bytes

    data = (csv_bytes if file_type == "csv" else xlsx_bytes)(headers=headers, rows=exported)
    target = OfficeFactory(canton="AG")
    outcome = organisations_import(office=target, by=None, data=data, file_type=file_type)
    assert (outcome.created, outcome.contacts_created) == (3, 2)
    assert list(organisation_export_rows(office=target)[1]) == exported
    assert Organisation.objects.get(office=target, name="Kirche Buchs").municipality.canton == "ZH"
