"""Every projects URL × every role, GET and POST. The URL list is read from the URL configuration, so a new
view is checked the moment it exists. Outsiders and statistics-only users get nothing; admins, editors and
counsellors work on projects."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fachstelle.core.tests.otp import login_verified

from .factories import make_project, projects_world

pytestmark = pytest.mark.django_db


def project_urls(office_slug: str, **ids) -> list[tuple[str, str]]:
    urls = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "projects" and pattern.name:
                kwargs = {name: ids.get(name, 1) for name in pattern.pattern.regex.groupindex}
                urls.append(
                    (
                        pattern.name,
                        reverse(f"projects:{pattern.name}", kwargs={"office_slug": office_slug, **kwargs}),
                    )
                )

    walk(get_resolver().url_patterns, None)
    return sorted(set(urls))


def test_outsiders_and_statistics_users_get_nothing(client, vocab):
    world = projects_world()
    urls = project_urls(world.office.slug)
    assert len(urls) >= 13

    for name, url in urls:
        for response in (client.get(url), client.post(url, {})):
            if response.status_code != 405:
                assert response.status_code == 302 and "/staff/login/" in response["Location"], name

    for user in (world.foreign_counsellor, world.statistics):
        login_verified(client, user)
        for name, url in urls:
            for response in (client.get(url), client.post(url, {})):
                if response.status_code != 405:
                    assert response.status_code == 403, (user.username, name, response.status_code)
        client.logout()


@pytest.mark.parametrize("role", ["admin", "editor", "counsellor"])
def test_project_roles_reach_every_page(client, vocab, role):
    world = projects_world()
    project = make_project(office=world.office)
    login_verified(client, getattr(world, role))
    for name in ("project_list", "project_create", "timeline", "milestone_upcoming"):
        assert (
            client.get(reverse(f"projects:{name}", kwargs={"office_slug": world.office.slug})).status_code
            == 200
        )
    for name in ("project_detail", "project_edit"):
        url = reverse(f"projects:{name}", kwargs={"office_slug": world.office.slug, "project_id": project.pk})
        assert client.get(url).status_code == 200, name
