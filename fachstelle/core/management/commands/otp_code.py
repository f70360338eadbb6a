"""`manage.py otp_code <username>`: the current authenticator code of a user, for demos and reviewers.

Anyone who can run it can pass the second factor of that user, so it refuses unless DEBUG is on or
`--force` is given (a reviewer's machine without an authenticator app).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fachstelle.core.security import totp_current_code, totp_device_confirmed


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's confirmed authenticator device (DEBUG or --force only)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--force", action="store_true", help="Run without DEBUG (it reveals a second factor: demos only)."
        )

    def handle(self, *args, username, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "Refusing to print a login code without DEBUG: it is a second factor. "
                "Use --force on a demo installation only."
            )
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        device = totp_device_confirmed(user)
        if device is None:
            raise CommandError(f"{username} has no confirmed authenticator device (not set up yet).")
        self.stdout.write(totp_current_code(device))
