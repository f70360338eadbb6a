"""The security gate: staff login, throttling, second factor, backup codes, session timeout, audit."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.security import backup_codes_create, otp_device_for_demo, totp_current_code
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from fachstelle.core.tests.otp import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # asserts English msgids

PASSWORD = "correct horse battery staple"  # UserFactory's
DEMO_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key


@pytest.fixture
def office(db):
    return OfficeFactory(slug="region-a", short_name="Region A")


@pytest.fixture
def counsellor(office):
    return MembershipFactory(office=office, role=Membership.Role.COUNSELLOR, user__username="berta").user


@pytest.fixture
def office_admin(office):
    return MembershipFactory(office=office, role=Membership.Role.ADMIN, user__username="anna").user


@pytest.fixture
def editor(office):
    return MembershipFactory(office=office, role=Membership.Role.EDITOR, user__username="emil").user


def login(client, username, password=PASSWORD, **fields):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **fields})


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def setup_url(next_url=None):
    return reverse("accounts:two_factor_setup") + (
        f"?next={next_url.replace('/', '%2F')}" if next_url else ""
    )


def verify_url(next_url=None):
    return reverse("accounts:two_factor_verify") + (
        f"?next={next_url.replace('/', '%2F')}" if next_url else ""
    )


# --- Password step and throttling -----------------------------------------------------------------------


def test_login_page_has_labelled_fields_with_browser_hints(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_username">' in content and '<label for="id_password">' in content
    assert 'autocomplete="username"' in content and 'autocomplete="current-password"' in content


def test_wrong_password_says_so_and_keeps_the_username(client, editor):
    response = login(client, "emil", "wrong password entirely")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please enter a correct username and password" in content
    assert 'value="emil"' in content
    assert "wrong password entirely" not in content
    assert not is_logged_in(client)


def test_fifth_failure_locks_the_username_from_that_address_with_429(client, editor):
    for _attempt in range(4):
        assert login(client, "emil", "not the password").status_code == 200
    fifth = login(client, "emil", "not the password")
    assert fifth.status_code == 429
    assert "Too many login attempts" in fifth.content.decode()
    assert "15 minutes" in fifth.content.decode()
    # The sixth attempt is refused even with the right password.
    sixth = login(client, "emil")
    assert sixth.status_code == 429
    assert not is_logged_in(client)
    # The lock is for this username from this address: the same account from elsewhere still gets in.
    other = client.post(
        reverse("accounts:login"), {"username": "emil", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert other.status_code == 302
    assert is_logged_in(client)


def test_successful_login_resets_the_failure_count(client, editor):
    for _attempt in range(4):
        login(client, "emil", "not the password")
    assert login(client, "emil").status_code == 302
    client.logout()
    for _attempt in range(4):
        assert login(client, "emil", "not the password").status_code == 200


def test_editor_is_not_asked_for_a_second_factor(client, editor):
    response = login(client, "emil", next="/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_login_without_next_goes_to_the_staff_area(client, editor):
    response = login(client, "emil")
    assert response["Location"] == reverse("staff_home")


def test_login_ignores_a_next_to_another_site(client, editor):
    response = login(client, "emil", next="https://evil.example/")
    assert response["Location"] == reverse("staff_home")


def test_admin_login_redirects_to_the_staff_login_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/offers/offer/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fadmin%2Foffers%2Foffer%2F"
    # The admin itself sends anonymous visitors there (via its login URL).
    assert client.get("/admin/", follow=True).redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_logout_is_post_only(client, editor):
    client.force_login(editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert is_logged_in(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not is_logged_in(client)


# --- Audit ----------------------------------------------------------------------------------------------


def test_login_and_failed_login_are_audited_without_the_password(client, editor):
    login(client, "emil", "Secret-Guess-4711")
    login(client, "nobody-here", "Other-Guess-0815")
    login(client, "emil")
    failed_known, failed_unknown = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).order_by(
        "pk"
    )
    assert (failed_known.actor, failed_known.detail, failed_known.ip_address) == (
        editor,
        "wrong password",
        "127.0.0.1",
    )
    # An unknown name is not written down (it may be a password typed into the wrong field).
    assert (failed_unknown.actor, failed_unknown.actor_name, failed_unknown.detail) == (
        None,
        "",
        "unknown username",
    )
    success = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (success.actor, success.detail, success.ip_address) == (editor, "password", "127.0.0.1")
    for event in AuditEvent.objects.all():
        flat = " ".join(str(value) for value in vars(event).values())
        assert "Secret-Guess-4711" not in flat and "Other-Guess-0815" not in flat and PASSWORD not in flat


def test_empty_fields_are_a_form_error_not_an_audited_attempt(client, editor):
    response = login(client, "emil", "")
    assert "This field is required." in response.content.decode()
    assert not AuditEvent.objects.exists()


# --- Second factor: setup -------------------------------------------------------------------------------


def test_counsellor_is_sent_to_set_up_the_second_factor_keeping_next(client, counsellor):
    response = login(client, "berta", next="/en/staff/")
    assert response.status_code == 302
    assert response["Location"] == setup_url("/en/staff/")
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in content and "QR code for your authenticator app" in content
    assert 'autocomplete="one-time-code"' in content and 'inputmode="numeric"' in content
    device = TOTPDevice.objects.get(user=counsellor)
    assert not device.confirmed
    # The key for typing it in, in base32 groups (the QR code holds the same otpauth:// URI).
    secret = re.search(r'<code class="secret" translate="no">([A-Z2-7 ]+)</code>', content).group(1)
    assert secret.replace(" ", "") in device.config_url
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    # Until it is set up, neither the staff area nor the back office opens.
    assert client.get("/en/staff/")["Location"] == setup_url("/en/staff/")


def test_setup_with_a_wrong_code_shows_an_error_and_confirms_nothing(client, counsellor):
    client.force_login(counsellor)
    client.get(setup_url())
    device = TOTPDevice.objects.get(user=counsellor)
    wrong = str((int(totp_current_code(device)) + 500000) % 1000000).zfill(6)
    response = client.post(setup_url(), {"token": wrong})
    assert response.status_code == 200
    assert "This code was not accepted." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not StaticDevice.objects.filter(user=counsellor).exists()
    response = client.post(setup_url(), {"token": "12ab"})
    assert "Enter the 6-digit code shown in your authenticator app." in response.content.decode()
    assert 'value="12ab"' in response.content.decode()


def test_setup_with_the_right_code_confirms_and_shows_ten_backup_codes_once(client, counsellor):
    client.force_login(counsellor)
    client.get(setup_url())
    device = TOTPDevice.objects.get(user=counsellor)
    response = client.post(
        setup_url("/en/staff/"), {"token": totp_current_code(device), "next": "/en/staff/"}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=counsellor).values_list("token", flat=True)
    )
    assert 'href="/en/staff/"' in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    # The session is verified: the staff area opens; the setup page does not show anything again.
    assert client.get("/en/staff/").status_code == 200
    again = client.get(setup_url())
    assert again.status_code == 302 and "<code>" not in again.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, target_id=counsellor.pk, detail="two-factor authentication set up"
    ).exists()


def test_setup_is_refused_once_a_device_exists(client, counsellor):
    """Otherwise the password alone would be enough to enrol a new phone."""
    otp_device_for_demo(counsellor, DEMO_KEY)
    client.force_login(counsellor)
    response = client.get(setup_url())
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert TOTPDevice.objects.filter(user=counsellor).count() == 1


# --- Second factor: verify ------------------------------------------------------------------------------


def test_counsellor_with_a_device_enters_a_code_after_the_password(client, counsellor):
    device = otp_device_for_demo(counsellor, DEMO_KEY)
    response = login(client, "berta", next="/en/staff/")
    assert response["Location"] == verify_url("/en/staff/")
    assert client.get("/en/staff/")["Location"] == verify_url("/en/staff/")
    response = client.post(verify_url(), {"token": totp_current_code(device), "next": "/en/staff/"})
    assert response.status_code == 302 and response["Location"] == "/en/staff/"
    assert client.get("/en/staff/").status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN, detail="second factor (authenticator app)"
    ).exists()


def test_wrong_code_is_refused_and_throttled(client, counsellor):
    device = otp_device_for_demo(counsellor, DEMO_KEY)
    client.force_login(counsellor)
    wrong = str((int(totp_current_code(device)) + 1) % 1000000).zfill(6)
    response = client.post(verify_url(), {"token": wrong})
    assert response.status_code == 200
    assert "This code was not accepted." in response.content.decode()
    # django-otp's throttling: right after a wrong code even the right one waits.
    response = client.post(verify_url(), {"token": totp_current_code(device)})
    assert "wait 1 second and try again" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, actor=counsellor).count() == 2


def test_backup_code_works_once(client, counsellor):
    otp_device_for_demo(counsellor, DEMO_KEY)
    first, *_others = backup_codes_create(user=counsellor)
    client.force_login(counsellor)
    response = client.post(verify_url(), {"backup_code": first.upper()}, follow=True)
    assert response.redirect_chain[0][0] == reverse("staff_home")
    assert "You used a backup code. 9 backup codes are left." in response.content.decode()
    client.post(reverse("accounts:logout"))
    client.force_login(counsellor)
    response = client.post(verify_url(), {"backup_code": first})
    assert response.status_code == 200
    assert "This code was not accepted." in response.content.decode()
    assert "<details open>" in response.content.decode()


def test_verify_form_needs_one_of_the_codes(client, counsellor):
    otp_device_for_demo(counsellor, DEMO_KEY)
    client.force_login(counsellor)
    response = client.post(verify_url(), {"token": "", "backup_code": ""})
    assert "Enter the code from your authenticator app or a backup code." in response.content.decode()


# --- The gate in front of the back office and the staff area --------------------------------------------


def test_admin_pages_are_closed_to_an_unverified_office_admin(client, office_admin):
    client.force_login(office_admin)
    response = client.get("/admin/core/office/")
    assert response.status_code == 302
    assert response["Location"] == setup_url("/admin/core/office/")
    otp_device_for_demo(office_admin, DEMO_KEY)
    assert client.get("/admin/core/office/")["Location"] == verify_url("/admin/core/office/")
    login_verified(client, office_admin)
    assert client.get("/admin/core/office/").status_code == 200


def test_superuser_needs_the_second_factor_too(client):
    superuser = UserFactory(username="root", is_superuser=True)
    client.force_login(superuser)
    assert client.get("/admin/")["Location"] == setup_url("/admin/")


def test_public_pages_do_not_look_at_sessions_users_or_roles(client, office, django_assert_num_queries):
    # directory versions of the offices (page cache key), offices with annotated counts — nothing else.
    with django_assert_num_queries(2):
        response = client.get(reverse("offers:start"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_a_logged_in_counsellor_still_sees_public_pages_without_role_checks(client, counsellor, office):
    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("offers:start")).status_code == 200
    assert not any("core_membership" in query["sql"] for query in queries.captured_queries)


# --- Session timeout ------------------------------------------------------------------------------------


def test_staff_sessions_expire_after_idle_time_renewed_by_each_request(client, editor):
    assert settings.SESSION_COOKIE_AGE == 1800  # SESSION_IDLE_SECONDS, default 30 minutes
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    login(client, "emil")
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=session.expire_date.replace(year=2000))
    # An expired session is gone: the next page asks for the login again.
    assert client.get(reverse("staff_home"))["Location"] == reverse("accounts:login") + "?next=/en/staff/"


def test_each_request_of_a_logged_in_user_pushes_the_expiry(client, editor):
    login(client, "emil")
    almost_expired = timezone.now() + timedelta(seconds=60)
    Session.objects.update(expire_date=almost_expired)
    response = client.get(reverse("staff_home"))
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 1800
    assert Session.objects.get().expire_date > almost_expired + timedelta(seconds=1500)


# --- Password ---------------------------------------------------------------------------------------------


def test_password_change_rejects_weak_passwords_and_audits_the_change(client, editor):
    client.force_login(editor)
    url = reverse("accounts:password_change")
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"}
    )
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    new = "Quiet-river-stones-2026"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:password_change_done")
    editor.refresh_from_db()
    assert editor.check_password(new)
    assert is_logged_in(client)  # the session survives its own password change
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, detail="password changed").exists()


# --- Reset, device admin, demo support ----------------------------------------------------------------------


def test_office_admin_resets_the_second_factor_of_a_colleague_only(client, office, office_admin, counsellor):
    otp_device_for_demo(counsellor, DEMO_KEY)
    backup_codes_create(user=counsellor)
    stranger = MembershipFactory(role=Membership.Role.COUNSELLOR, user__username="fremd").user
    otp_device_for_demo(stranger, DEMO_KEY)
    login_verified(client, office_admin)
    response = client.post(
        reverse("admin:core_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [counsellor.pk, stranger.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=counsellor).exists()
    assert not StaticDevice.objects.filter(user=counsellor).exists()
    # Another office's counsellor is not even in the office admin's user list.
    assert TOTPDevice.objects.filter(user=stranger).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert (event.actor, event.target_id, event.detail) == (
        office_admin,
        counsellor.pk,
        "two-factor authentication reset",
    )


def test_device_lists_are_for_superusers_only(client, office_admin):
    login_verified(client, office_admin)
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    superuser = UserFactory(username="root", is_superuser=True)
    login_verified(client, superuser)
    response = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=superuser)
    assert device.key not in response.content.decode()
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403


def test_demo_device_is_idempotent_and_otp_code_prints_its_code(capsys, counsellor, settings):
    device = otp_device_for_demo(counsellor, DEMO_KEY)
    assert otp_device_for_demo(counsellor, DEMO_KEY) == device
    assert TOTPDevice.objects.filter(user=counsellor, confirmed=True).count() == 1
    settings.DEBUG = True
    call_command("otp_code", "berta")
    assert capsys.readouterr().out.strip() == totp_current_code(device)


def test_otp_code_is_refused_without_debug_or_force(capsys, counsellor, settings):
    device = otp_device_for_demo(counsellor, DEMO_KEY)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("otp_code", "berta")
    assert capsys.readouterr().out == ""
    call_command("otp_code", "berta", "--force")
    assert capsys.readouterr().out.strip() == totp_current_code(device)
    with pytest.raises(CommandError, match="no confirmed authenticator"):
        call_command("otp_code", UserFactory(username="ida").username, "--force")
