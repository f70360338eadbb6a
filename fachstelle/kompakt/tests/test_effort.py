"""The effort estimate: the seed's ≈22 person-days for 10 members, growth with members and session length,
overrides and their validation, and the page (what-if, saving, reset, role matrix, scoping, query pin)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import WorkingGroupMember
from fachstelle.kompakt.services.effort import (
    effort_assumptions_reset,
    effort_assumptions_save,
    effort_assumptions_validate,
    effort_estimate,
)
from fachstelle.kompakt.tests.workshop_world import workshop_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english):
    return workshop_world(members=False)


def url(world, **kwargs):
    return reverse(
        "kompakt:effort_estimate",
        kwargs={"office_slug": world.office.slug, "pk": kwargs.pop("pk", world.process.pk)},
    )


# --- The model -----------------------------------------------------------------------------------------


def test_ten_members_give_about_22_person_days(world):
    estimate = effort_estimate(process=world.process)
    assert estimate.members == 10 and estimate.members_source == "default"
    assert Decimal("21.5") <= estimate.total_days <= Decimal("22.5")
    assert estimate.total_days == effort_estimate().total_days  # without a process: the seed's defaults
    assert {row.phase for row in estimate.rows} == {"planning", "preparation", "workshops", "programme"}
    assert sum(row.hours for row in estimate.rows) == estimate.total_hours
    keys = {a.key for a in estimate.assumptions}
    assert {"hours_per_day", "member_preparation_hours", "start_session_hours", "session_hours"} <= keys
    assert all(a.explanation for a in estimate.assumptions)


def test_grows_with_members_and_session_length(world):
    ten = effort_estimate(process=world.process, members=10).total_days
    eleven = effort_estimate(process=world.process, members=11).total_days
    twenty = effort_estimate(process=world.process, members=20).total_days
    assert ten < eleven < twenty
    world.process.session_hours = Decimal("5")
    assert effort_estimate(process=world.process, members=10).total_days > ten


def test_members_come_from_the_working_group(world):
    for n in range(4):
        WorkingGroupMember.objects.create(process=world.process, name=f"Mitglied {n}")
    estimate = effort_estimate(process=world.process)
    assert estimate.members == 4 and estimate.members_source == "group"


def test_overrides_are_used_and_stored_only_when_different(world):
    stored = effort_assumptions_save(
        process=world.process,
        values={"hours_per_day": Decimal("8.4"), "travel_hours": Decimal("1")},
        by=world.editor,
    )
    assert stored == {"travel_hours": "1"}
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {"travel_hours": "1"}
    estimate = effort_estimate(process=world.process)
    assert estimate.total_days > effort_estimate().total_days
    changed = [a.key for a in estimate.assumptions if not a.is_default]
    assert changed == ["travel_hours"]
    effort_assumptions_reset(process=world.process, by=world.editor)
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {}
    assert AuditEvent.objects.filter(target_id=world.process.pk, office=world.office).count() == 2


def test_bad_overrides_are_refused_with_clear_messages(english):
    with pytest.raises(ValidationError) as info:
        effort_assumptions_validate(
            {"hours_per_day": "0", "travel_hours": "-1", "council_hours": "viel", "coffee_breaks": 3}
        )
    errors = info.value.message_dict
    assert errors["hours_per_day"] == ["Enter a number greater than 0."]
    assert errors["travel_hours"] == ["Enter a number of 0 or more."]
    assert errors["council_hours"] == ["Enter a number."]
    assert errors["__all__"] == ["Unknown assumption: coffee_breaks."]
    assert effort_assumptions_validate({"travel_hours": "0,5"}) == {"travel_hours": Decimal("0.5")}


def test_invalid_stored_overrides_are_ignored(world):
    world.process.effort_assumptions = {"travel_hours": "abc", "unknown": 1, "member_review_hours": 3}
    world.process.save()
    estimate = effort_estimate(process=world.process)
    assert [a.key for a in estimate.assumptions if not a.is_default] == ["member_review_hours"]


def test_what_if_member_count_is_bounded(world):
    with pytest.raises(ValidationError):
        effort_estimate(process=world.process, members=0)


# --- The page ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ("admin", "editor", "counsellor", "statistics", "foreign_editor"))
def test_read_matrix(client, world, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world))
    assert response.status_code == (403 if role == "foreign_editor" else 200)
    if role == "statistics":
        html = response.content.decode()
        assert 'name="travel_hours"' not in html and "Reset to defaults" not in html


def test_statistics_role_cannot_change_assumptions(client, world):
    login_verified(client, world.statistics)
    assert client.post(url(world), {"action": "save", "travel_hours": "3"}).status_code == 403
    assert client.post(url(world), {"action": "reset"}).status_code == 403
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {}


def test_other_offices_process_is_404(client, world):
    login_verified(client, world.editor)
    assert client.get(url(world, pk=world.other_process.pk)).status_code == 404


def test_page_shows_the_estimate(client, world, django_assert_num_queries):
    login_verified(client, world.editor)
    client.get(url(world))
    # session, user, OTP device, office, membership, process, member count;
    # savepoint, session renewal, release.
    with django_assert_num_queries(10):
        response = client.get(url(world))
    html = response.content.decode()
    assert 'data-total-days="22.0"' in html
    assert 'data-members-source="default"' in html and "assumes 10 members" in html
    assert html.count("data-phase=") == 7
    assert 'data-assumption="hours_per_day"' in html and "42-hour week" in html


def test_what_if_and_bad_member_count(client, world):
    login_verified(client, world.statistics)
    html = client.get(url(world) + "?members=20").content.decode()
    assert 'data-members-source="what_if"' in html and "20 members" in html
    html = client.get(url(world) + "?members=abc").content.decode()
    assert "Enter a whole number." in html and 'data-members-source="default"' in html
    html = client.get(url(world) + "?members=0").content.decode()
    assert "greater than or equal to 1" in html


def assumptions_post(**overrides):
    data = {
        "action": "save",
        "hours_per_day": "8.4",
        "planning_persons": "3",
        "planning_hours": "2",
        "coordinator_preparation_hours": "12",
        "member_preparation_hours": "1",
        "travel_hours": "0.25",
        "coordinator_session_hours": "2",
        "member_review_hours": "1.5",
        "coordinator_programme_hours": "6",
        "council_persons": "5",
        "council_hours": "1.5",
    }
    data.update(overrides)
    return data


def test_save_and_reset_assumptions(client, world):
    login_verified(client, world.editor)
    response = client.post(url(world), assumptions_post(travel_hours="1"))
    assert response.status_code == 302
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {"travel_hours": "1"}
    html = client.get(response["Location"]).content.decode()
    assert 'data-assumption="travel_hours" data-changed="true"' in html
    response = client.post(url(world), {"action": "reset"})
    assert response.status_code == 302
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    (
        ("travel_hours", "-1", "greater than or equal to 0"),
        ("council_hours", "viel", "Enter a number."),
        ("hours_per_day", "0", "Enter a number greater than 0."),
        ("planning_hours", "", "This field is required."),
    ),
)
def test_bad_assumptions_keep_input_and_save_nothing(client, world, field, value, message):
    login_verified(client, world.editor)
    response = client.post(url(world), assumptions_post(**{"travel_hours": "0.75", field: value}))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    if field != "travel_hours":
        assert 'value="0.75"' in html
    world.process.refresh_from_db()
    assert world.process.effort_assumptions == {}
