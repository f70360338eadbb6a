"""Staff list of brochures (roles, regenerate, generate) and purging superseded brochures."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.guide.brochure import brochures_purge_superseded
from fachstelle.guide.models import Brochure

from .brochure_helpers import make_page, make_ready, make_world

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def world(vocab):
    office, zofingen, _aarburg = make_world()
    page = make_page(office, "Ankommen")
    return {"office": office, "zofingen": zofingen, "page": page}


def staff(client, office, role=Role.EDITOR):
    membership = MembershipFactory(office=office, role=role)
    login_verified(client, membership.user)
    return membership.user


def list_url(office):
    return reverse("guide:brochure_list", kwargs={"office_slug": office.slug})


def regenerate_url(office, brochure):
    return reverse("guide:brochure_regenerate", kwargs={"office_slug": office.slug, "pk": brochure.pk})


def test_list_shows_the_office_brochures(client, world, english, django_assert_num_queries):
    office = world["office"]
    ready = make_ready(office, municipality=world["zofingen"], language="ar", content=b"%PDF" + b"x" * 2048)
    Brochure.objects.create(office=office, language="de", content_key="a" * 64, status="failed", error="Boom")
    make_ready(OfficeFactory(), language="de")  # another office's
    staff(client, office)
    # session, user, 2FA device, office, membership (login and decorator); municipalities (form),
    # brochures with their municipality; session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(list_url(office))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr>") == 3  # head + two rows
    assert "Zofingen" in html and "Whole region" in html and "Boom" in html
    assert "2.0\xa0KB" in html
    assert f"/guide/brochure/{ready.pk}.pdf" in html


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.COUNSELLOR])
def test_content_roles_may_see_the_list(client, world, role):
    staff(client, world["office"], role)
    assert client.get(list_url(world["office"])).status_code == 200


def test_statistics_role_and_other_offices_are_refused(client, world):
    office = world["office"]
    brochure = make_ready(office)
    staff(client, office, Role.STATISTICS)
    assert client.get(list_url(office)).status_code == 403
    assert client.post(regenerate_url(office, brochure)).status_code == 403
    client.logout()
    staff(client, OfficeFactory())  # an editor of another office
    assert client.get(list_url(office)).status_code == 403
    client.logout()
    assert client.get(list_url(office)).status_code == 302  # to the login


def test_regenerate_builds_the_brochure_again(client, world, django_capture_on_commit_callbacks):
    office = world["office"]
    brochure = make_ready(office)
    staff(client, office)
    assert client.get(regenerate_url(office, brochure)).status_code == 405
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(regenerate_url(office, brochure))
    assert response.status_code == 302 and response["Location"] == list_url(office)
    brochure.refresh_from_db()
    assert brochure.status == "pending" and brochure.file  # the old file is served until replaced
    assert len(callbacks) == 1


def test_regenerate_of_another_office_brochure_is_not_found(client, world):
    foreign = make_ready(OfficeFactory())
    staff(client, world["office"])
    assert client.post(regenerate_url(world["office"], foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "ready"


def test_staff_generate_a_brochure(client, world, english, django_capture_on_commit_callbacks):
    office = world["office"]
    staff(client, office)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(list_url(office), {"municipality": world["zofingen"].pk, "language": "ti"})
    assert response.status_code == 302
    assert Brochure.objects.get().language == "ti" and len(callbacks) == 1
    response = client.post(list_url(office), {"municipality": "region", "language": "uk"})
    assert response.status_code == 400
    assert Brochure.objects.count() == 1


# --- Purge ---------------------------------------------------------------------------------------------


def test_purge_deletes_superseded_brochures_and_their_files(world):
    office = world["office"]
    old = make_ready(office)
    old_name = old.file.name
    world["page"].body = "Neu."
    world["page"].save()
    current = make_ready(office)  # the new content's brochure
    recent_old = make_ready(office, language="ar")
    Brochure.objects.filter(pk=recent_old.pk).update(content_key="outdated")
    failed = Brochure.objects.create(office=office, language="ti", content_key="f", status="failed")
    long_ago = timezone.now() - timedelta(days=2)
    Brochure.objects.filter(pk__in=[old.pk, current.pk, failed.pk]).update(requested_at=long_ago)

    assert brochures_purge_superseded(dry_run=True) == 2
    assert Brochure.objects.count() == 4
    assert brochures_purge_superseded() == 2
    assert set(Brochure.objects.values_list("pk", flat=True)) == {current.pk, recent_old.pk}
    assert not old.file.storage.exists(old_name)
    assert current.file.storage.exists(current.file.name)


def test_purge_command(world):
    make_ready(world["office"])
    out = io.StringIO()
    call_command("purge_brochures", "--dry-run", stdout=out)
    assert "Would delete 0" in out.getvalue()
