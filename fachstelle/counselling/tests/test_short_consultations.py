"""Short consultations (Kurzberatung): the service's rules, the quick form with remembered choices, undo,
totals per topic, role access and query pins."""

import datetime
import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import Language
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import Channel, ShortConsultation, Topic
from fachstelle.counselling.selectors.short_consultations import (
    short_consultation_languages,
    short_consultation_totals,
)
from fachstelle.counselling.services.short_consultations import (
    short_consultation_delete,
    short_consultation_record,
)
from fachstelle.counselling.tests.factories import ShortConsultationFactory, counselling_world

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def world(english):
    return counselling_world()


@pytest.fixture
def lang():
    return {language.code: language for language in Language.objects.all()}


@pytest.fixture
def topics():
    return {topic.slug: topic for topic in Topic.objects.all()}


def url(world, name, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def rothrist(world):
    return world.office.municipalities.get()


def record(world, topics, lang, **overrides):
    values = {
        "office": world.office,
        "by": world.counsellor,
        "held_on": TODAY,
        "topic": topics["arbeit"],
        "duration_minutes": 10,
        "language": lang["ti"],
        "municipality": rothrist(world),
        "channel": Channel.IN_PERSON,
    }
    values.update(overrides)
    return short_consultation_record(**values)


# --- Service -------------------------------------------------------------------------------------------


def test_record_saves_no_personal_data(world, topics, lang):
    entry = record(world, topics, lang)
    assert (entry.topic, entry.duration_minutes, entry.recorded_by) == (
        topics["arbeit"],
        10,
        world.counsellor,
    )
    fields = {f.name for f in ShortConsultation._meta.get_fields()}
    assert not fields & {"client", "case", "name", "note", "notes"}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_on": TODAY + datetime.timedelta(days=1)}, "held_on", "The date cannot be in the future."),
        (
            {"held_on": TODAY - datetime.timedelta(days=400)},
            "held_on",
            "The date cannot be more than a year ago.",
        ),
        ({"held_on": None}, "held_on", "Enter the date."),
        ({"duration_minutes": 0}, "duration_minutes", "The duration must be between 1 and 240 minutes."),
        ({"duration_minutes": 241}, "duration_minutes", "The duration must be between 1 and 240 minutes."),
        ({"topic": None}, "topic", "Choose the topic."),
        ({"channel": "pigeon"}, "channel", "Choose how the conversation took place."),
    ],
)
def test_record_bad_input(world, topics, lang, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        record(world, topics, lang, **overrides)
    assert excinfo.value.message_dict[field] == [message]
    assert not ShortConsultation.objects.exists()


def test_record_edges_are_allowed(world, topics, lang):
    record(world, topics, lang, held_on=TODAY - datetime.timedelta(days=365), duration_minutes=1)
    record(world, topics, lang, duration_minutes=240, language=None, municipality=None)
    assert ShortConsultation.objects.count() == 2


def test_municipality_must_be_served_by_the_office(world, topics, lang):
    elsewhere = MunicipalityFactory(name="Basel")
    with pytest.raises(ValidationError) as excinfo:
        record(world, topics, lang, municipality=elsewhere)
    assert excinfo.value.message_dict["municipality"] == ["Your office does not serve this municipality."]


@pytest.mark.parametrize("role", ["editor", "statistics", "foreign_counsellor"])
def test_only_counsellors_and_admins_record(world, topics, lang, role):
    with pytest.raises(ValidationError) as excinfo:
        record(world, topics, lang, by=getattr(world, role))
    assert NON_FIELD_ERRORS in excinfo.value.message_dict
    assert not ShortConsultation.objects.exists()


def test_admin_records(world, topics, lang):
    assert record(world, topics, lang, by=world.admin).recorded_by == world.admin


def test_undo_only_own_entry_within_ten_minutes(world, topics, lang):
    entry = record(world, topics, lang)
    with pytest.raises(ValidationError):
        short_consultation_delete(consultation=entry, by=world.colleague)
    old = record(world, topics, lang)
    ShortConsultation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with pytest.raises(ValidationError) as excinfo:
        short_consultation_delete(consultation=old, by=world.counsellor)
    assert "within 10 minutes" in excinfo.value.messages[0]
    short_consultation_delete(consultation=entry, by=world.counsellor)
    assert list(ShortConsultation.objects.values_list("pk", flat=True)) == [old.pk]


def test_frequent_languages_of_the_office_come_first(world, topics, lang):
    for code, times in [("ar", 3), ("ti", 5), ("fa", 1)]:
        for _ in range(times):
            ShortConsultationFactory(office=world.office, language=lang[code])
    ShortConsultationFactory.create_batch(9, office=world.other_office, language=lang["uk"])
    ShortConsultationFactory(
        office=world.office, language=lang["ru"], held_on=TODAY - datetime.timedelta(days=400)
    )
    frequent, others = short_consultation_languages(office=world.office)
    assert [language.code for language in frequent] == ["ti", "ar", "fa"]
    assert {language.code for language in others} == set(lang) - {"ti", "ar", "fa"}


def test_totals_per_topic_for_a_period(world, topics):
    for slug, minutes, days_ago in [
        ("arbeit", 10, 1),
        ("arbeit", 20, 3),
        ("wohnen", 15, 2),
        ("wohnen", 5, 40),
    ]:
        ShortConsultationFactory(
            office=world.office,
            topic=topics[slug],
            duration_minutes=minutes,
            held_on=TODAY - datetime.timedelta(days=days_ago),
        )
    ShortConsultationFactory(office=world.other_office, topic=topics["arbeit"], held_on=TODAY)
    totals = short_consultation_totals(
        office=world.office, date_from=TODAY - datetime.timedelta(days=7), date_to=TODAY
    )
    by_slug = {row.topic.slug: (row.count, row.minutes) for row in totals.topics}
    assert by_slug["arbeit"] == (2, 30)
    assert by_slug["wohnen"] == (1, 15)
    assert by_slug["deutsch"] == (0, 0)
    assert (totals.count, totals.minutes) == (3, 45)
    assert len(totals.topics) == Topic.objects.count()


# --- Views ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("counsellor", 200), ("editor", 403), ("statistics", 403), ("foreign_counsellor", 403)],
)
def test_role_access(client, world, role, status):
    login_verified(client, getattr(world, role))
    assert client.get(url(world, "short_consultation_create")).status_code == status
    assert client.get(url(world, "short_consultation_totals")).status_code == status


def test_statistics_user_cannot_post(client, world, topics):
    login_verified(client, world.statistics)
    response = client.post(
        url(world, "short_consultation_create"),
        {
            "topic": topics["arbeit"].pk,
            "duration": "10",
            "channel": "in_person",
            "held_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 403
    assert not ShortConsultation.objects.exists()


def form_data(topic, **overrides):
    data = {"topic": topic.pk, "duration": "10", "channel": "in_person", "held_on": TODAY.isoformat()}
    data.update(overrides)
    return data


def test_save_redirects_to_an_empty_form_and_remembers_choices(client, world, topics, lang):
    login_verified(client, world.counsellor)
    municipality = rothrist(world)
    response = client.post(
        url(world, "short_consultation_create"),
        form_data(
            topics["wohnen"],
            duration="other",
            duration_other="25",
            language=lang["ti"].pk,
            municipality=municipality.pk,
            channel="phone",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "short_consultation_create")
    entry = ShortConsultation.objects.get()
    assert (entry.topic, entry.duration_minutes, entry.language, entry.municipality, entry.channel) == (
        topics["wohnen"],
        25,
        lang["ti"],
        municipality,
        "phone",
    )
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "Saved: Housing, 25 min." in content
    assert "Today: 1 short consultation by you" in content
    form = page.context["form"]
    # The next entry: topic + save. The rest is preselected.
    assert form.initial["language"] == lang["ti"].pk
    assert form.initial["municipality"] == municipality.pk
    assert form.initial["channel"] == "phone"
    assert (form.initial["duration"], form.initial["duration_other"]) == ("other", 25)
    assert form.initial["held_on"] == timezone.localdate()
    assert "topic" not in form.initial
    assert f'<option value="{lang["ti"].pk}" selected>' in content
    assert re.search(r'<input type="radio" name="channel" value="phone"[^>]*checked', content)
    # Two clicks: only the topic, everything else as preselected.
    data = {
        "topic": topics["arbeit"].pk,
        "duration": form.initial["duration"],
        "duration_other": form.initial["duration_other"],
        "language": form.initial["language"],
        "municipality": form.initial["municipality"],
        "channel": form.initial["channel"],
        "held_on": form.initial["held_on"].isoformat(),
    }
    assert client.post(url(world, "short_consultation_create"), data).status_code == 302
    assert ShortConsultation.objects.filter(
        topic=topics["arbeit"], language=lang["ti"], channel="phone"
    ).exists()


def test_defaults_are_per_office_and_start_sensible(client, world, topics):
    login_verified(client, world.counsellor)
    form = client.get(url(world, "short_consultation_create")).context["form"]
    assert (form.initial["duration"], form.initial["channel"], form.initial["language"]) == (
        "10",
        "in_person",
        None,
    )


def test_form_bad_input_keeps_the_choices(client, world, topics, lang):
    login_verified(client, world.counsellor)
    elsewhere = MunicipalityFactory(name="Basel")
    response = client.post(
        url(world, "short_consultation_create"),
        form_data(
            topics["arbeit"],
            duration="other",
            duration_other="",
            language=lang["ar"].pk,
            municipality=elsewhere.pk,
            held_on=(TODAY + datetime.timedelta(days=2)).isoformat(),
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter the duration in minutes." in content
    assert "Select a valid choice." in content  # a municipality the office does not serve is not offered
    assert f'<option value="{lang["ar"].pk}" selected>' in content
    assert not ShortConsultation.objects.exists()
    response = client.post(
        url(world, "short_consultation_create"),
        form_data(topics["arbeit"], held_on=(TODAY + datetime.timedelta(days=2)).isoformat()),
    )
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    response = client.post(
        url(world, "short_consultation_create"), form_data(topics["arbeit"], duration="999")
    )
    assert response.status_code == 400
    response = client.post(url(world, "short_consultation_create"), {"duration": "10"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ShortConsultation.objects.exists()


def test_undo_from_the_page(client, world, topics, lang):
    login_verified(client, world.counsellor)
    client.post(url(world, "short_consultation_create"), form_data(topics["arbeit"]))
    entry = ShortConsultation.objects.get()
    page = client.get(url(world, "short_consultation_create"))
    undo = url(world, "short_consultation_undo", consultation_id=entry.pk)
    assert undo in page.content.decode()
    # A colleague cannot delete it (it is not theirs: "no longer exists" for them).
    login_verified(client, world.colleague)
    client.post(undo)
    assert ShortConsultation.objects.filter(pk=entry.pk).exists()
    login_verified(client, world.counsellor)
    response = client.post(undo, follow=True)
    assert "The entry was deleted." in response.content.decode()
    assert not ShortConsultation.objects.exists()


def test_old_entry_has_no_undo_button_and_cannot_be_deleted(client, world, topics, lang):
    entry = record(world, topics, lang)
    ShortConsultation.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=15)
    )
    login_verified(client, world.counsellor)
    undo = url(world, "short_consultation_undo", consultation_id=entry.pk)
    assert undo not in client.get(url(world, "short_consultation_create")).content.decode()
    response = client.post(undo, follow=True)
    assert "within 10 minutes" in response.content.decode()
    assert ShortConsultation.objects.filter(pk=entry.pk).exists()


def test_recording_page_query_pin(client, world, topics, lang, django_assert_num_queries):
    for n in range(12):
        record(
            world, topics, lang, topic=list(topics.values())[n % 10], language=lang["ar" if n % 2 else "ti"]
        )
    ShortConsultationFactory.create_batch(3, office=world.office, recorded_by=world.colleague)
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership, frequent languages, languages, topics,
    # municipalities of the office, the user's last 10 entries (with topic, language, municipality),
    # today's counts (one aggregate); savepoint, session renewal, release.
    with django_assert_num_queries(14):
        response = client.get(url(world, "short_consultation_create"))
    assert len(response.context["recent"]) == 10
    assert "Today: 12 short consultations by you" in response.content.decode()
    assert "15 in the office" in response.content.decode()


def test_totals_page(client, world, topics, django_assert_num_queries):
    ShortConsultationFactory(office=world.office, topic=topics["arbeit"], duration_minutes=30)
    ShortConsultationFactory(office=world.office, topic=topics["arbeit"], duration_minutes=15)
    login_verified(client, world.admin)
    # session, user, OTP device, office, membership, the aggregate per topic, the topics;
    # savepoint, session renewal, release.
    with django_assert_num_queries(10):
        response = client.get(url(world, "short_consultation_totals"))
    content = response.content.decode()
    assert '<th scope="row">Work</th><td class="num">2</td><td class="num">45</td>' in content
    response = client.get(
        url(world, "short_consultation_totals"), {"date_from": "2025-05-01", "date_to": "2025-01-01"}
    )
    assert "The period was not understood" in response.content.decode()
