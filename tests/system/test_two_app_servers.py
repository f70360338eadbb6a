"""Two app servers, one PostgreSQL: the app keeps no state of its own, so registrations for the same event
and approvals against the same budget, sent at the same moment to both servers, neither overbook nor
overspend; a staff session made on one server works on the other.

The servers are real gunicorn processes with the production settings (tests/system/servers.py) on the
committed test data (`transaction=True`). PostgreSQL only: the guarantees come from its row locks.
"""

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core import crypto
from fachstelle.core.security import TOTP_DEVICE_NAME, totp_current_code
from fachstelle.events.models import Registration
from fachstelle.events.tests.factories_public import EventFactory
from fachstelle.grants.models import Application, Grant
from fachstelle.grants.tests.money_factories import (
    Role,
    make_application,
    make_office,
    make_programme,
    make_staff,
)

from .servers import (
    BLIND_INDEX_KEY,
    CACHE_TABLE,
    FIELD_ENCRYPTION_KEY,
    AppServer,
    free_port,
    server_environment,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two app servers need a shared PostgreSQL (set DATABASE_URL=postgres://…)",
    ),
]

PLACES = 5
REGISTRATIONS = 16  # 8 per server
BUDGET = Decimal("10000")
AMOUNT = Decimal("2000")
APPLICATIONS = 10  # CHF 20,000 asked for, CHF 10,000 available
PASSWORD = "two servers share one database"
TIMEOUT = 30
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def production_keys(settings):
    """The test process writes with the keys and the password hasher the servers read with."""
    settings.FIELD_ENCRYPTION_KEYS = [FIELD_ENCRYPTION_KEY]
    settings.BLIND_INDEX_KEY = BLIND_INDEX_KEY
    settings.PASSWORD_HASHERS = ["tests.system.servers.QuickPBKDF2PasswordHasher"]
    crypto.reset_key_cache()
    yield
    crypto.reset_key_cache()


@pytest.fixture
def servers(tmp_path, production_keys):
    cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
    with override_settings(CACHES=cache):
        call_command("createcachetable", verbosity=0)
    env = server_environment(tmp_path)
    pair = []
    ports = set()
    for name in ("A", "B"):
        port = free_port()
        while port in ports:
            port = free_port()
        ports.add(port)
        pair.append(AppServer(name, port, tmp_path / f"{name}-access.log", tmp_path / f"{name}-error.log"))
    try:
        for server in pair:
            server.start(env)
        for server in pair:
            server.wait_ready()
        yield pair
    finally:
        for server in pair:
            server.stop()


def _csrf(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


class Tally:
    """Counts every answer per server as the clients saw it (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()

    def send(self, server: AppServer, method: str, path: str, session=None, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        response = (session or requests).request(method, server.url + path, timeout=TIMEOUT, **kwargs)
        with self.lock:
            server.sent[response.status_code] += 1
        return response


def _staff_login(tally: Tally, server: AppServer, username: str, device: TOTPDevice) -> requests.Session:
    """Password and authenticator code through the real forms of `server`."""
    browser = requests.Session()
    page = tally.send(server, "GET", "/de/staff/login/", browser)
    assert page.status_code == 200
    response = tally.send(
        server,
        "POST",
        "/de/staff/login/",
        browser,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
    )
    assert response.status_code == 302 and "/two-factor/verify/" in response.headers["Location"]
    page = tally.send(server, "GET", "/de/staff/two-factor/verify/", browser)  # the token rotated at login
    response = tally.send(
        server,
        "POST",
        "/de/staff/two-factor/verify/",
        browser,
        data={"token": totp_current_code(device), "csrfmiddlewaretoken": _csrf(page.text)},
    )
    assert response.status_code == 302, response.text[:2000]
    return browser


def test_registrations_and_approvals_on_two_servers_never_overbook_or_overspend(servers):
    server_a, server_b = servers
    tally = Tally()

    office = make_office()
    event = EventFactory(office=office, capacity=PLACES)
    programme = make_programme(office, budget=str(BUDGET), max_amount=str(AMOUNT))
    applications = [
        make_application(programme, requested=str(AMOUNT), costs=str(AMOUNT), own="0")
        for _ in range(APPLICATIONS)
    ]
    admin = make_staff(office, Role.ADMIN)
    admin.set_password(PASSWORD)
    admin.save()
    device = TOTPDevice.objects.create(user=admin, name=TOTP_DEVICE_NAME, confirmed=True)

    # A session made on A works on B: only the cookies travel, as behind a load balancer.
    on_a = _staff_login(tally, server_a, admin.username, device)
    cookies = {name: on_a.cookies[name] for name in ("sessionid", "csrftoken")}
    staff = f"/de/staff/{office.slug}/grants/applications"
    page_b = tally.send(server_b, "GET", f"{staff}/{applications[0].pk}/decision/", cookies=cookies)
    assert page_b.status_code == 200, page_b.headers.get("Location")
    page_a = tally.send(server_a, "GET", f"{staff}/{applications[0].pk}/decision/", cookies=cookies)
    assert page_a.status_code == 200
    staff_csrf = {server_a.name: _csrf(page_a.text), server_b.name: _csrf(page_b.text)}

    event_path = event.get_absolute_url()
    # Everyone sends at the same moment; a failure before that breaks the barrier instead of hanging.
    barrier = threading.Barrier(REGISTRATIONS + APPLICATIONS, timeout=TIMEOUT * 2)

    def register(index: int) -> int:
        # Each registrant fetches the form (CSRF cookie and token) from the server they will post to.
        server = servers[index % 2]
        browser = requests.Session()
        page = tally.send(server, "GET", event_path, browser)
        if page.status_code != 200:
            barrier.abort()
            raise AssertionError(f"event page on {server.name}: {page.status_code}")
        data = {
            "name": f"Person {index}",
            "email": f"person{index}@example.org",
            "phone": "",
            "people": "1",
            "language": "de",
            "needs": "",
            "submission_key": str(uuid.uuid4()),
            "website_url": "",
            "csrfmiddlewaretoken": _csrf(page.text),
        }
        barrier.wait()
        with browser:
            return tally.send(server, "POST", event_path, browser, data=data).status_code

    def approve(index: int) -> tuple[int, str]:
        server = servers[index % 2]
        data = {"amount": str(AMOUNT), "conditions": "", "csrfmiddlewaretoken": staff_csrf[server.name]}
        barrier.wait()
        response = tally.send(
            server, "POST", f"{staff}/{applications[index].pk}/approve/", data=data, cookies=cookies
        )
        return response.status_code, response.text

    with ThreadPoolExecutor(max_workers=REGISTRATIONS + APPLICATIONS) as pool:
        registered = [pool.submit(register, index) for index in range(REGISTRATIONS)]
        approved = [pool.submit(approve, index) for index in range(APPLICATIONS)]
        registration_statuses = [future.result(timeout=TIMEOUT * 2) for future in registered]
        approval_answers = [future.result(timeout=TIMEOUT * 2) for future in approved]

    # Every registration was taken (302 to the personal page): the first five hold the places, the rest wait.
    assert registration_statuses == [302] * REGISTRATIONS
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == PLACES
    assert statuses.count(Registration.Status.WAITLISTED) == REGISTRATIONS - PLACES
    assert len(statuses) == REGISTRATIONS

    # Exactly the budget was approved; the others were refused with the form (400), not an error.
    approval_codes = sorted(code for code, _text in approval_answers)
    accepted = int(BUDGET / AMOUNT)
    assert approval_codes == [302] * accepted + [400] * (APPLICATIONS - accepted), approval_codes
    assert all("CHF 0.00" in text for code, text in approval_answers if code == 400)
    granted = Grant.objects.filter(programme=programme).aggregate(total=Sum("amount"))["total"]
    assert granted == BUDGET
    assert (
        Application.objects.filter(programme=programme, status=Application.Status.APPROVED).count()
        == accepted
    )

    # Both servers did part of the work, none answered with an error, and their logs match what the
    # clients received, request for request.
    for server in servers:
        assert server.sent[302] >= REGISTRATIONS // 2, server.sent
        assert not [code for code in server.sent if code >= 500], server.sent
        assert server.answered() == server.sent, (server.name, server.answered(), server.sent)
    assert sum(server_a.sent.values()) + sum(server_b.sent.values()) == (
        REGISTRATIONS * 2 + APPLICATIONS + 4 + 2  # forms and posts, approvals, login, the two decision pages
    )
