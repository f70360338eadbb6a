"""Logging in with a second factor in tests (the back office and staff area require it for some roles)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.security import TOTP_DEVICE_NAME


def login_verified(client, user) -> TOTPDevice:
    """`client.force_login(user)`, and the session verified with a confirmed authenticator device, as after
    entering the right code. Needed for superusers, office admins and counsellors; harmless for others."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
