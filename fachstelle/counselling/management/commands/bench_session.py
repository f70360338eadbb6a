"""`manage.py bench_session <username> --i-know-this-is-a-benchmark`: a logged-in, second-factor-verified
session for the load test, printed as its key (or `name=value` with --cookie).

wrk cannot log in (password, TOTP code, CSRF): bench/counselling.sh sends this session's cookie instead.
The session holds what `django.contrib.auth.login` and `django_otp.login` store (user id, backend, session
hash, the device's persistent id), so the app treats it exactly like a real verified login. The user gets a
confirmed authenticator device if it has none. Anyone who can run this can act as any user: it refuses
without the explicit flag.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.security import TOTP_DEVICE_NAME, totp_device_confirmed

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Command(BaseCommand):
    help = "Print the key of a new OTP-verified session of a user (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--i-know-this-is-a-benchmark", action="store_true", dest="confirmed")
        parser.add_argument("--cookie", action="store_true", help="Print name=value for a Cookie header.")

    def handle(self, *args, username, confirmed, cookie, **options):
        if not confirmed:
            raise CommandError(
                "This creates a logged-in session without password or second factor. "
                "Add --i-know-this-is-a-benchmark if that is what you want."
            )
        user = get_user_model()._default_manager.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        device = totp_device_confirmed(user)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = MODEL_BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        key = store.session_key
        self.stdout.write(f"{settings.SESSION_COOKIE_NAME}={key}" if cookie else key)
