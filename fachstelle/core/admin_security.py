"""Back office for the login security: devices, login attempts, and the "reset two-factor" action on users.

The device lists of django-otp and the login attempts of django-axes are for superusers only: read-only
(secrets hidden by OTP_ADMIN_HIDE_SENSITIVE_DATA) and without "add" — a device typed in by somebody else
would be a second factor that person knows. Deleting an attempt lifts a lockout. Office admins reset the
second factor of the accounts they manage through the action on the user list (the same accounts whose
password they may set: `UserAdmin.has_change_permission`).
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security import two_factor_reset


class SuperuserReadDeleteMixin:
    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SecureTOTPDeviceAdmin(SuperuserReadDeleteMixin, TOTPDeviceAdmin):
    pass


class SecureStaticDeviceAdmin(SuperuserReadDeleteMixin, StaticDeviceAdmin):
    pass


for model, model_admin in ((TOTPDevice, SecureTOTPDeviceAdmin), (StaticDevice, SecureStaticDeviceAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

# axes registers its own admins (AXES_ENABLE_ADMIN); they ask Django's per-model permissions, which this
# project does not use (and which cost two queries on every admin page). Same rule as the devices.
for model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        axes_admin = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(axes_admin.__name__, (SuperuserReadDeleteMixin, axes_admin), {}))


@admin.action(description=_("Reset two-factor authentication (lost phone)"), permissions=["change"])
def reset_two_factor(modeladmin, request, queryset):
    """Deletes the authenticator and backup codes; the user sets up a new app at the next login."""
    done = 0
    for user in queryset:
        if modeladmin.has_change_permission(request, user):
            two_factor_reset(user=user, by=request.user, request=request)
            done += 1
    skipped = len(queryset) - done
    if done:
        modeladmin.message_user(
            request,
            ngettext(
                "Two-factor authentication reset for %(count)s account; it is set up at the next login.",
                "Two-factor authentication reset for %(count)s accounts; it is set up at the next login.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)s account was skipped: you may not manage it.",
                "%(count)s accounts were skipped: you may not manage them.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )
