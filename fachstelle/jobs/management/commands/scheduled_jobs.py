"""`manage.py scheduled_jobs [--write-systemd DIR]`: the periodic jobs of fachstelle (jobs/schedule.py).

Without options it lists each job with its cadence and reason. `--write-systemd DIR` writes one .service
and one .timer per job (install-debian.sh writes them into /etc/systemd/system; deploy/systemd/ holds a
copy for review).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from fachstelle.jobs.schedule import SCHEDULE
from fachstelle.jobs.systemd import Layout, systemd_units_write


class Command(BaseCommand):
    help = "List the scheduled jobs, or write their systemd units (--write-systemd DIR)."

    def add_arguments(self, parser):
        defaults = Layout()
        parser.add_argument("--write-systemd", metavar="DIR", help="Write one .service and .timer per job.")
        parser.add_argument("--app-dir", default=defaults.app_dir, help="Checkout with .venv (units only).")
        parser.add_argument("--env-file", default=defaults.env_file, help="EnvironmentFile= of the units.")
        parser.add_argument("--user", default=defaults.user, help="System user the jobs run as.")
        parser.add_argument("--data-dir", default=defaults.data_dir, help="Writable directory of that user.")

    def handle(self, *args, write_systemd, app_dir, env_file, user, data_dir, **options):
        if write_systemd:
            layout = Layout(app_dir=app_dir, env_file=env_file, user=user, data_dir=data_dir)
            paths = systemd_units_write(
                directory=Path(write_systemd), layout=layout, time_zone=settings.TIME_ZONE
            )
            for path in paths:
                self.stdout.write(str(path))
            self.stdout.write(f"{len(paths)} unit file(s) written for {len(SCHEDULE)} job(s).")
            return
        for job in SCHEDULE:
            self.stdout.write(f"{job.command:<32} {job.on_calendar} ({settings.TIME_ZONE})")
            self.stdout.write(f"    {job.why}")
