"""Every staff URL of the network × the roles that must be kept out, GET and POST.

The URL list is read from the URL configuration, so a new network view is checked the moment it exists.
Anonymous visitors go to the login page; staff of another office and statistics-only users get 403 before
any record is looked up (so the ids in the URLs need not exist). What admins, editors and counsellors may
do per page is tested with each view group.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.tests.factories import counselling_world

FILLERS = {"file_type": "csv", "token": "x", "fmt": "svg", "section": "x"}


def network_urls(office_slug: str) -> list[tuple[str, str]]:
    urls = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "network" and pattern.name:
                kwargs = {name: FILLERS.get(name, 1) for name in pattern.pattern.regex.groupindex}
                urls.append(
                    (
                        pattern.name,
                        reverse(f"network:{pattern.name}", kwargs={"office_slug": office_slug, **kwargs}),
                    )
                )

    walk(get_resolver().url_patterns, None)
    return sorted(set(urls))


@pytest.mark.django_db
def test_outsiders_and_statistics_users_get_nothing_of_the_network(client, vocab):
    world = counselling_world()
    urls = network_urls(world.office.slug)
    assert len(urls) > 30  # the whole network staff area

    for name, url in urls:
        for response in (client.get(url), client.post(url, {})):
            if response.status_code == 405:
                continue
            assert response.status_code == 302 and "/staff/login/" in response["Location"], name

    for user in (world.foreign_counsellor, world.statistics):
        login_verified(client, user)
        for name, url in urls:
            for response in (client.get(url), client.post(url, {})):
                if response.status_code == 405:
                    continue
                assert response.status_code == 403, (user.username, name, response.status_code)
        client.logout()


@pytest.mark.django_db
def test_editors_never_reach_the_reporting_point(client, vocab):
    world = counselling_world()
    login_verified(client, world.editor)
    for name, url in network_urls(world.office.slug):
        if not name.startswith("report"):
            continue
        for response in (client.get(url), client.post(url, {})):
            if response.status_code != 405:
                assert response.status_code == 403, (name, response.status_code)
