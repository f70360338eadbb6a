"""Role × page matrix of the back office: who may open which admin page (memberships, not auth perms)."""

import pytest
from django.urls import reverse

from fachstelle.core.models import FieldOfAction, Municipality
from fachstelle.core.tests.admin_world import build_world
from fachstelle.core.tests.otp import login_verified

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "superuser", "a_admin", "a_editor", "b_editor", "staff_without_office")

# Pages; "{offer}" etc. are objects of office A (or shared vocabulary).
PAGES = {
    "offer_list": ("admin:offers_offer_changelist", None),
    "offer_add": ("admin:offers_offer_add", None),
    "offer_change": ("admin:offers_offer_change", "offer_a"),
    "offer_versions": ("admin:offers_offer_versions", "offer_a"),
    "translation_overview": ("admin:offers_offer_translations", None),
    "organisation_list": ("admin:network_organisation_changelist", None),
    "organisation_add": ("admin:network_organisation_add", None),
    "organisation_change": ("admin:network_organisation_change", "provider_a"),
    "office_list": ("admin:core_office_changelist", None),
    "office_add": ("admin:core_office_add", None),
    "office_change": ("admin:core_office_change", "office_a"),
    "membership_list": ("admin:core_membership_changelist", None),
    "membership_add": ("admin:core_membership_add", None),
    "user_list": ("admin:core_user_changelist", None),
    "user_add": ("admin:core_user_add", None),
    "field_of_action_list": ("admin:core_fieldofaction_changelist", None),
    "field_of_action_add": ("admin:core_fieldofaction_add", None),
    "field_of_action_change": ("admin:core_fieldofaction_change", "field_of_action"),
    "municipality_list": ("admin:core_municipality_changelist", None),
    "municipality_change": ("admin:core_municipality_change", "municipality"),
}

# Expected status per page, in the order of ROLES.
# 302 for anonymous: to the login page. 302 for b_editor on A's objects: "does not exist" (scoped
# queryset) back to the admin index — the object is not even admitted to exist. 403: no permission.
EXPECTED = {
    #                          anon  super a_adm a_ed  b_ed  staff
    "offer_list":             (302, 200, 200, 200, 200, 403),
    "offer_add":              (302, 200, 200, 200, 200, 403),
    "offer_change":           (302, 200, 200, 200, 302, 403),
    "offer_versions":         (302, 200, 200, 200, 302, 403),
    "translation_overview":   (302, 200, 200, 200, 200, 403),
    "organisation_list":      (302, 200, 200, 200, 200, 403),
    "organisation_add":       (302, 200, 200, 200, 200, 403),
    "organisation_change":    (302, 200, 200, 200, 302, 403),
    "office_list":            (302, 200, 200, 200, 200, 403),
    "office_add":             (302, 200, 403, 403, 403, 403),
    "office_change":          (302, 200, 200, 200, 302, 403),
    "membership_list":        (302, 200, 200, 403, 403, 403),
    "membership_add":         (302, 200, 200, 403, 403, 403),
    "user_list":              (302, 200, 200, 403, 403, 403),
    "user_add":               (302, 200, 200, 403, 403, 403),
    "field_of_action_list":   (302, 200, 200, 200, 200, 403),
    "field_of_action_add":    (302, 200, 403, 403, 403, 403),
    "field_of_action_change": (302, 200, 200, 200, 200, 403),
    "municipality_list":      (302, 200, 200, 200, 200, 403),
    "municipality_change":    (302, 200, 200, 200, 200, 403),
}  # fmt: skip


@pytest.fixture
def world(db):
    return build_world()


def _url(world, page):
    name, target = PAGES[page]
    if target is None:
        return reverse(name)
    objects = {
        "offer_a": world.offer_a,
        "provider_a": world.provider_a,
        "office_a": world.office_a,
        "field_of_action": FieldOfAction.objects.order_by("pk").first(),
        "municipality": Municipality.objects.order_by("pk").first(),
    }
    return reverse(name, args=[objects[target].pk])


@pytest.mark.parametrize("role", ROLES)
def test_role_page_matrix(client, world, role):
    if role != "anonymous":
        login_verified(client, getattr(world, role))
    got = {page: client.get(_url(world, page)).status_code for page in PAGES}
    expected = {page: EXPECTED[page][ROLES.index(role)] for page in PAGES}
    assert got == expected
