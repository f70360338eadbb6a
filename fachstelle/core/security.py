"""The security gate in front of personal data: second factor (TOTP), backup codes, login throttling.

Who needs a second factor is decided by `tenancy.user_requires_two_factor` (superusers, office admins,
counsellors). `RequireTwoFactorMiddleware` keeps such a user, once logged in with the password, out of the
back office (/admin/) and the staff area (/<lang>/staff/) until the session is verified with a code from an
authenticator app (django-otp's TOTPDevice) or a one-time backup code (StaticDevice). Public pages are not
looked at: the middleware decides on the path before it touches the user or the database.
"""

import re
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, key_validator

from .audit import Action, audit_record, client_ip
from .tenancy import user_requires_two_factor

BACKUP_CODE_COUNT = 10
# Names of the devices a user sees (and an admin sees when resetting them).
TOTP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"

# The back office and the staff area (every language prefix); everything else is public.
PROTECTED_PATH = re.compile(r"^/(admin/|[a-z]{2,3}(-[a-z]+)?/staff/)")
# Pages a password-only session may open: the way in, and out.
EXEMPT_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "admin_login",
        "admin:logout",
    }
)


def login_client_ip(request) -> str | None:
    """The address logins are counted per (django-axes): the same rule as the audit log's."""
    return client_ip(request)


def two_factor_required(request) -> bool:
    """`user_requires_two_factor` for the request's user, memoised on the request (one query at most)."""
    if not hasattr(request, "_two_factor_required"):
        request._two_factor_required = user_requires_two_factor(request.user)
    return request._two_factor_required


def totp_device_confirmed(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def two_factor_redirect(request, next_url: str | None):
    """Where a password-only session of a user who needs a second factor goes: set it up, or enter a code."""
    name = (
        "accounts:two_factor_verify" if totp_device_confirmed(request.user) else "accounts:two_factor_setup"
    )
    return redirect(with_next(reverse(name), next_url))


class RequireTwoFactorMiddleware:
    """Sends a not yet verified session of a superuser, office admin or counsellor to the second factor.

    Runs after django-otp's OTPMiddleware (which sets `user.is_verified()`). Works in `process_view` so
    that the resolved view name decides the exemptions, not string matching on localised paths.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The path first: public pages never touch the session, the user or the database here.
        if not PROTECTED_PATH.match(request.path_info):
            return None
        if request.resolver_match and request.resolver_match.view_name in EXEMPT_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not two_factor_required(request):
            return None
        return two_factor_redirect(request, request.get_full_path())


# --- Enrolment and verification (services) ---------------------------------------------------------------


def two_factor_pending_device(*, user) -> TOTPDevice:
    """The unconfirmed authenticator device being set up (created on first use, then reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def backup_codes_create(*, user) -> list[str]:
    """Fresh backup codes; earlier ones stop working. Returns the codes in clear (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device being set up with a code from the app; returns the new backup codes, or None.

    A wrong code counts towards django-otp's throttling of the device (growing wait between attempts).
    """
    user = request.user
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, pk=device.pk, confirmed=False).first()
        )
        if device is None or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One authenticator per user: a reset left nothing else behind, but a second tab may have.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = backup_codes_create(user=user)
        audit_record(
            actor=user,
            action=Action.UPDATE,
            target=user,
            detail="two-factor authentication set up",
            request=request,
        )
    otp_login(request, device)
    return codes


def verify_wait_seconds(device) -> int:
    """Seconds until django-otp's throttling allows the next attempt on this device (0: now)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


def two_factor_verify(*, request, token: str = "", backup_code: str = "") -> tuple[bool, int]:
    """Verify the session with a TOTP code or a backup code (which is used up). Returns (ok, wait seconds).

    The wait is django-otp's throttling: after a wrong code the device refuses even a right one for a
    growing number of seconds; the caller tells the user how long.
    """
    user = request.user
    model, value, how = (
        (StaticDevice, backup_code.strip().lower().replace(" ", ""), "backup code")
        if backup_code
        else (TOTPDevice, token.strip().replace(" ", ""), "authenticator app")
    )
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            ok, wait = False, 0
        else:
            wait = verify_wait_seconds(device)
            ok = wait == 0 and device.verify_token(value)
            if not ok and wait == 0:
                wait = verify_wait_seconds(device)
        audit_record(
            actor=user,
            action=Action.LOGIN if ok else Action.LOGIN_FAILED,
            detail=f"second factor ({how})" if ok else f"wrong second factor ({how})",
            request=request,
        )
    if ok:
        otp_login(request, device)
    return ok, (0 if ok else wait)


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_reset(*, user, by, request=None) -> int:
    """Remove a user's authenticator and backup codes (lost phone): the next login sets up a new one.

    Sessions that were verified with the old device lose their verification on their next request
    (OTPMiddleware finds no device). Returns the number of devices removed.
    """
    with transaction.atomic():
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        static, _detail = StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=by,
            action=Action.DELETE,
            target=user,
            detail="two-factor authentication reset",
            request=request,
        )
    return removed + static


def qr_code_svg(uri: str) -> str:
    """The otpauth:// URI as an inline SVG QR code (no image file, no JavaScript)."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=4, title=_("QR code for your authenticator app")
    )


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The device key in base32 as authenticator apps expect it, in groups of four for reading aloud."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- Demo and reviewers ---------------------------------------------------------------------------------


def otp_device_for_demo(user, key_hex: str) -> TOTPDevice:
    """A confirmed authenticator device with a known key, so demo logins work with `manage.py otp_code`.

    Idempotent: the same user and key give the same device.
    """
    key_validator(key_hex)
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, key=key_hex.lower(), defaults={"name": TOTP_DEVICE_NAME, "confirmed": True}
    )
    return device


def totp_current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows right now (zero-padded)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)
