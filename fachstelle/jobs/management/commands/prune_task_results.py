"""`manage.py prune_task_results [--dry-run]`: keep the database queue small (daily timer).

Deletes finished results of the django-tasks database backend (successful ones after --min-age-days,
failed ones after --failed-min-age-days: kept longer so someone can look at the error) and warns about tasks
that have been "running" for hours: their worker died (killed, out of memory) and django-tasks-db does not
retry them, so someone has to look. Does nothing when the default backend is not the database backend
(`make run`, tests), so the same timer is harmless everywhere.
"""

from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS


class Command(BaseCommand):
    help = "Delete old finished results of the database task queue and report stuck tasks."

    def add_arguments(self, parser):
        parser.add_argument("--min-age-days", type=int, default=14)
        parser.add_argument("--failed-min-age-days", type=int, default=30)
        parser.add_argument("--stuck-hours", type=int, default=6, help="Warn about tasks running this long.")
        parser.add_argument("--dry-run", action="store_true", help="Count only; delete nothing.")

    def handle(self, *args, min_age_days, failed_min_age_days, stuck_hours, dry_run, **options):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            self.stdout.write("The default task backend is not the database backend: nothing to prune.")
            return
        from django_tasks_db.models import DBTaskResult

        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=min_age_days,
            failed_min_age_days=failed_min_age_days,
            dry_run=dry_run,
            verbosity=options["verbosity"],
            stdout=self.stdout,
        )
        stuck = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lte=timezone.now() - timedelta(hours=stuck_hours)
        ).order_by("started_at")
        for result in stuck:
            worker = result.worker_ids[-1] if result.worker_ids else "?"
            self.stderr.write(
                f"Task {result.id} ({result.task_path}) has been running since "
                f"{result.started_at:%Y-%m-%d %H:%M} on worker {worker}: its worker probably died."
            )
