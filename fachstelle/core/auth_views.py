"""Staff login: password (throttled by django-axes), second factor (django-otp), logout, password change.

The rules live in `security.py`; these views ask the user, call it, and say what happened.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeDoneView, PasswordChangeView
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from .audit import Action, audit_record
from .auth_forms import StaffLoginForm, TotpCodeForm, VerifyForm
from .security import (
    backup_codes_left,
    qr_code_svg,
    secret_for_manual_entry,
    totp_device_confirmed,
    two_factor_confirm,
    two_factor_pending_device,
    two_factor_redirect,
    two_factor_required,
    two_factor_verify,
    verify_wait_seconds,
    with_next,
)


def safe_next(request) -> str:
    """The `next` parameter if it points to this site, else ""."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


def after_login_url(request) -> str:
    return safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    form_class = StaffLoginForm

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)  # new session key: no session fixation
        audit_record(actor=user, action=Action.LOGIN, detail="password", request=self.request)
        if two_factor_required(self.request):
            return two_factor_redirect(self.request, self.get_redirect_url())
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        username, password = form.data.get("username", ""), form.data.get("password", "")
        if username and password:  # a real attempt, not an empty field
            # The account that was tried, if it exists. Never the password; an unknown name is not written
            # down either (people type their password into the wrong field).
            user = get_user_model()._default_manager.filter(username=username).first()
            locked = getattr(self.request, "axes_locked_out", False)
            audit_record(
                actor=user,
                action=Action.LOGIN_FAILED,
                detail=("locked out" if locked else "wrong password") if user else "unknown username",
                request=self.request,
            )
        return super().form_invalid(form)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer after too many failed logins: our page, HTTP 429 (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


class StaffLogoutView(LogoutView):
    """POST only (Django refuses GET): a link or an image tag cannot log anybody out."""

    next_page = "accounts:login"


def admin_login_redirect(request):
    """/admin/login/ → the staff login (with its throttling and second factor), keeping `next`."""
    return redirect(with_next(reverse("accounts:login"), request.GET.get("next") or reverse("admin:index")))


@never_cache
@login_required
def two_factor_setup(request):
    """Scan the QR code (or type the key), confirm with a first code, receive the backup codes once."""
    user = request.user
    if not two_factor_required(request) or user.is_verified():
        return redirect(after_login_url(request))
    if totp_device_confirmed(user):
        # Only a reset (by an administrator) allows a new device; otherwise the password alone would do.
        return redirect(with_next(reverse("accounts:two_factor_verify"), safe_next(request)))
    device = two_factor_pending_device(user=user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor_confirm(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            request.session.cycle_key()
            return render(
                request, "accounts/backup_codes.html", {"codes": codes, "next_url": after_login_url(request)}
            )
        device.refresh_from_db()
        form.add_error("token", wrong_code_message(verify_wait_seconds(device)))
    context = {
        "form": form,
        "qr_svg": qr_code_svg(device.config_url),
        "secret": secret_for_manual_entry(device),
        "next_url": safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def wrong_code_message(wait_seconds: int) -> str:
    if wait_seconds:
        return ngettext(
            "This code was not accepted. After several wrong codes, wait %(seconds)s second and try again.",
            "This code was not accepted. After several wrong codes, wait %(seconds)s seconds and try again.",
            wait_seconds,
        ) % {"seconds": wait_seconds}
    return _(
        "This code was not accepted. Check that the clock of your phone is right and enter the current code."
    )


@never_cache
@login_required
def two_factor_verify_view(request):
    user = request.user
    if user.is_verified():
        return redirect(after_login_url(request))
    if not totp_device_confirmed(user):
        if two_factor_required(request):
            return redirect(with_next(reverse("accounts:two_factor_setup"), safe_next(request)))
        return redirect(after_login_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        backup_code = form.cleaned_data["backup_code"]
        ok, wait = two_factor_verify(
            request=request, token=form.cleaned_data["token"], backup_code=backup_code
        )
        if ok:
            request.session.cycle_key()
            if backup_code:
                left = backup_codes_left(user=user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a backup code. %(count)s backup code is left.",
                        "You used a backup code. %(count)s backup codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(after_login_url(request))
        field = "backup_code" if backup_code else "token"
        form.add_error(field, wrong_code_message(wait))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next_url": safe_next(request)})


class StaffPasswordChangeView(PasswordChangeView):
    """Django's password change (old password, new one twice, AUTH_PASSWORD_VALIDATORS); session stays."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        audit_record(
            actor=user, action=Action.UPDATE, target=user, detail="password changed", request=self.request
        )
        return response


class StaffPasswordChangeDoneView(PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
