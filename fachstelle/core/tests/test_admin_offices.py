"""Back office for offices, memberships, users and vocabularies: office admins run their own office only."""

import pytest
from django.urls import reverse

from fachstelle.core.models import FieldOfAction, Membership, Office, User
from fachstelle.core.tests.admin_world import admin_form_data, build_world
from fachstelle.core.tests.factories import MembershipFactory
from fachstelle.core.tests.otp import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def office_url(office):
    return reverse("admin:core_office_change", args=[office.pk])


def test_admin_index_shows_the_apps_to_members_and_nothing_to_staff_without_office(client, world):
    client.force_login(world.a_editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    apps = {
        app["app_label"]: {m["object_name"] for m in app["models"]} for app in response.context["app_list"]
    }
    assert apps["offers"] >= {"Offer"}
    assert apps["network"] == {"Organisation"}
    assert "User" not in apps["core"] and "Membership" not in apps["core"]
    from django.contrib import admin
    from django.utils import translation

    with translation.override("de"):  # the admin follows the browser's language; German by default
        assert str(admin.site.site_header) in response.content.decode()

    client.force_login(world.staff_without_office)
    assert client.get(reverse("admin:index")).context["app_list"] == []


def test_office_admin_edits_settings_but_not_the_operator_fields(client, world):
    login_verified(client, world.a_admin)
    data = admin_form_data(client.get(office_url(world.office_a)))
    data.update(
        {
            "content_languages": ["ti", "uk"],
            "primary_color": "#1a5e20",
            "slug": "gekapert",
            "confirmation_grace_weeks": "8",
        }
    )
    response = client.post(office_url(world.office_a), data)
    assert response.status_code == 302
    office = Office.objects.get(pk=world.office_a.pk)
    assert office.content_languages == ["ti", "uk"]
    assert office.primary_color == "#1a5e20"
    assert office.confirmation_grace_weeks == 8
    assert office.slug == world.office_a.slug  # read-only for office admins


def test_unknown_content_language_is_a_form_error(client, world):
    login_verified(client, world.a_admin)
    data = admin_form_data(client.get(office_url(world.office_a)))
    data.update({"content_languages": ["xx"]})
    response = client.post(office_url(world.office_a), data)
    assert response.status_code == 200
    assert "content_languages" in response.context["adminform"].form.errors
    assert Office.objects.get(pk=world.office_a.pk).content_languages == ["fr", "ar", "ti"]


def test_editor_views_the_office_but_cannot_change_it(client, world):
    client.force_login(world.a_editor)
    response = client.get(office_url(world.office_a))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert client.post(office_url(world.office_a), {"name": "Neu"}).status_code == 403
    assert Office.objects.get(pk=world.office_a.pk).name == world.office_a.name


def test_office_list_shows_only_own_offices(client, world):
    login_verified(client, world.a_admin)
    response = client.get(reverse("admin:core_office_changelist"))
    assert list(response.context["cl"].result_list) == [world.office_a]
    assert client.get(office_url(world.office_b)).status_code == 302


def test_office_admin_creates_a_staff_user_for_their_office(client, world):
    login_verified(client, world.a_admin)
    add_url = reverse("admin:core_user_add")
    form = client.get(add_url).context["adminform"].form
    assert list(form.fields["office"].queryset) == [world.office_a]
    response = client.post(
        add_url,
        {
            "username": "neu",
            "first_name": "Nina",
            "last_name": "Neu",
            "email": "nina@example.org",
            "office": world.office_a.pk,
            "role": "editor",
            "usable_password": "true",
            "password1": "ein langes Passwort 42",
            "password2": "ein langes Passwort 42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="neu")
    assert user.is_staff and not user.is_superuser
    assert list(user.memberships.values_list("office", "role")) == [(world.office_a.pk, "editor")]
    # The new colleague can work right away.
    client.force_login(user)
    assert client.get(reverse("admin:offers_offer_changelist")).status_code == 200


def test_office_admin_cannot_create_a_user_for_another_office(client, world):
    login_verified(client, world.a_admin)
    response = client.post(
        reverse("admin:core_user_add"),
        {
            "username": "eindringling",
            "office": world.office_b.pk,
            "role": "admin",
            "usable_password": "true",
            "password1": "ein langes Passwort 42",
            "password2": "ein langes Passwort 42",
        },
    )
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="eindringling").exists()


def test_office_admin_sees_only_their_staff_and_cannot_touch_foreign_accounts(client, world):
    login_verified(client, world.a_admin)
    response = client.get(reverse("admin:core_user_changelist"))
    assert {u.username for u in response.context["cl"].result_list} == {"a_admin", "a_editor"}
    assert client.get(reverse("admin:core_user_change", args=[world.b_editor.pk])).status_code == 302

    # A superuser or a colleague who also works for office B stays out of reach, even as a member of A.
    MembershipFactory(user=world.superuser, office=world.office_a)
    MembershipFactory(user=world.b_editor, office=world.office_a)
    for user in (world.superuser, world.b_editor):
        assert client.get(reverse("admin:auth_user_password_change", args=[user.pk])).status_code == 403
        response = client.get(reverse("admin:core_user_change", args=[user.pk]))
        assert response.context["has_change_permission"] is False
    # Their own editor: yes.
    assert client.get(reverse("admin:auth_user_password_change", args=[world.a_editor.pk])).status_code == 200


def test_user_change_form_hides_superuser_and_permission_fields_from_office_admins(client, world):
    login_verified(client, world.a_admin)
    form = client.get(reverse("admin:core_user_change", args=[world.a_editor.pk])).context["adminform"].form
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields)


def test_membership_admin_offers_only_own_office_and_colleagues(client, world):
    login_verified(client, world.a_admin)
    add_url = reverse("admin:core_membership_add")
    form = client.get(add_url).context["adminform"].form
    assert list(form.fields["office"].queryset) == [world.office_a]
    assert set(form.fields["user"].queryset) == {world.a_admin, world.a_editor}
    response = client.post(add_url, {"user": world.a_editor.pk, "office": world.office_b.pk, "role": "admin"})
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    response = client.post(
        add_url, {"user": world.b_editor.pk, "office": world.office_a.pk, "role": "editor"}
    )
    assert "user" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(office=world.office_b, user=world.a_editor).exists()
    assert not Membership.objects.filter(office=world.office_a, user=world.b_editor).exists()


def test_office_admin_of_one_office_and_editor_of_another_cannot_grant_in_the_other(client, world):
    MembershipFactory(user=world.a_admin, office=world.office_b, role=Membership.Role.EDITOR)
    login_verified(client, world.a_admin)
    form = client.get(reverse("admin:core_membership_add")).context["adminform"].form
    assert list(form.fields["office"].queryset) == [world.office_a]
    response = client.get(reverse("admin:core_membership_changelist"))
    assert {m.office_id for m in response.context["cl"].result_list} == {world.office_a.pk}


def test_office_admin_cannot_remove_their_own_admin_role(client, world):
    login_verified(client, world.a_admin)
    own = Membership.objects.get(user=world.a_admin)
    url = reverse("admin:core_membership_change", args=[own.pk])
    assert (
        client.post(
            url, {"user": world.a_admin.pk, "office": world.office_a.pk, "role": "editor"}
        ).status_code
        == 403
    )
    # Nor through the office page's membership list.
    page = client.get(office_url(world.office_a))
    data = admin_form_data(page)
    formset = page.context["inline_admin_formsets"][0].formset
    index = next(i for i, form in enumerate(formset.forms) if form.instance.pk == own.pk)
    data[f"memberships-{index}-role"] = "editor"
    response = client.post(office_url(world.office_a), data)
    assert response.status_code == 200
    assert Membership.objects.get(pk=own.pk).role == "admin"


def test_office_admin_changes_a_colleagues_role_on_the_office_page(client, world):
    login_verified(client, world.a_admin)
    page = client.get(office_url(world.office_a))
    data = admin_form_data(page)
    formset = page.context["inline_admin_formsets"][0].formset
    index = next(i for i, form in enumerate(formset.forms) if form.instance.user_id == world.a_editor.pk)
    data[f"memberships-{index}-role"] = "admin"
    assert client.post(office_url(world.office_a), data).status_code == 302
    assert Membership.objects.get(user=world.a_editor).role == "admin"


def test_editors_do_not_see_the_membership_inline(client, world):
    client.force_login(world.a_editor)
    assert client.get(office_url(world.office_a)).context["inline_admin_formsets"] == []


def test_vocabularies_are_read_only_for_members(client, world):
    area = FieldOfAction.objects.order_by("pk").first()
    url = reverse("admin:core_fieldofaction_change", args=[area.pk])
    login_verified(client, world.a_admin)
    assert (
        client.post(url, {"slug": area.slug, "name": "Umbenannt", "names": "{}", "order": 0}).status_code
        == 403
    )
    login_verified(client, world.superuser)
    assert (
        client.post(url, {"slug": area.slug, "name": "Umbenannt", "names": "{}", "order": 0}).status_code
        == 302
    )
    assert FieldOfAction.objects.get(pk=area.pk).name == "Umbenannt"


def test_municipality_search_by_number_and_name(client, world):
    aarburg = world.offer_a.municipalities.get()
    client.force_login(world.a_editor)
    url = reverse("admin:core_municipality_changelist")
    assert list(client.get(url, {"q": str(aarburg.bfs_number)}).context["cl"].result_list) == [aarburg]
    assert list(client.get(url, {"q": "aarb"}).context["cl"].result_list) == [aarburg]
