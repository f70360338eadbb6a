"""The one list of scheduled jobs: every entry is a real command with a valid cadence, every periodic command
of the project is in it, and the systemd units (written by the command and committed in deploy/systemd/)
match it."""

import configparser
import io
import shlex
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from fachstelle.events.emails import registration_mail_task
from fachstelle.jobs.schedule import NOT_SCHEDULED, SCHEDULE
from fachstelle.jobs.systemd import Layout, systemd_units

REPO = Path(settings.BASE_DIR)
DEPLOY_SYSTEMD = REPO / "deploy" / "systemd"


def project_commands() -> set[str]:
    paths = REPO.glob("fachstelle/*/management/commands/*.py")
    return {path.stem for path in paths if path.stem != "__init__"}


def read_unit(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keep the case of systemd's keys
    parser.read_string(text)
    return parser


def test_every_scheduled_command_exists_and_is_listed_once():
    commands = get_commands()
    names = [job.command for job in SCHEDULE]
    assert len(names) == len(set(names))
    assert [name for name in names if name not in commands] == []


def test_every_command_of_the_project_is_scheduled_or_says_why_not():
    scheduled = {job.command for job in SCHEDULE}
    assert scheduled.isdisjoint(NOT_SCHEDULED)
    assert sorted(project_commands() - scheduled - set(NOT_SCHEDULED)) == []
    # No stale reasons for commands that are gone.
    assert sorted(set(NOT_SCHEDULED) - project_commands()) == []


def test_cadences_are_valid_systemd_calendar_expressions():
    for job in SCHEDULE:
        assert job.why.strip(), job.command
        fields = job.on_calendar.split()
        assert len(fields) == 2 and fields[0] == "*-*-*", job.on_calendar
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed: only the shape was checked")
    expressions = [f"{job.on_calendar} {settings.TIME_ZONE}" for job in SCHEDULE]
    done = subprocess.run(["systemd-analyze", "calendar", *expressions], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Normalized form:") == len(SCHEDULE)


def test_listing_shows_every_job_with_cadence_and_reason():
    out = io.StringIO()
    call_command("scheduled_jobs", stdout=out)
    text = out.getvalue()
    for job in SCHEDULE:
        assert f"{job.command:<32} {job.on_calendar} ({settings.TIME_ZONE})" in text
        assert job.why in text


def test_written_units_run_the_scheduled_command_on_its_calendar(tmp_path):
    (tmp_path / "fachstelle-job-removed-long-ago.timer").write_text("stale")
    out = io.StringIO()
    call_command("scheduled_jobs", "--write-systemd", str(tmp_path), "--app-dir", "/opt/fs", stdout=out)

    assert not (tmp_path / "fachstelle-job-removed-long-ago.timer").exists()
    assert len(list(tmp_path.iterdir())) == 2 * len(SCHEDULE)
    commands = get_commands()
    for job in SCHEDULE:
        service = read_unit((tmp_path / f"{job.unit_name}.service").read_text())
        timer = read_unit((tmp_path / f"{job.unit_name}.timer").read_text())
        argv = shlex.split(service["Service"]["ExecStart"])
        assert argv[:2] == ["/opt/fs/.venv/bin/python", "manage.py"]
        assert argv[2:] == job.argv and argv[2] in commands
        assert service["Service"]["WorkingDirectory"] == "/opt/fs"
        assert service["Service"]["Type"] == "oneshot"
        assert timer["Timer"]["OnCalendar"] == f"{job.on_calendar} {settings.TIME_ZONE}"
        assert timer["Timer"]["Unit"] == f"{job.unit_name}.service"
        assert timer["Install"]["WantedBy"] == "timers.target"


def test_committed_units_in_deploy_match_the_schedule():
    """deploy/systemd/ is what reviewers read; regenerate with
    `manage.py scheduled_jobs --write-systemd deploy/systemd` after changing schedule.py."""
    expected = systemd_units(layout=Layout(), time_zone=settings.TIME_ZONE)
    committed = {path.name: path.read_text() for path in DEPLOY_SYSTEMD.glob("fachstelle-job-*")}
    assert sorted(committed) == sorted(expected)
    assert [name for name, text in expected.items() if committed[name] != text] == []


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_prune_task_results_deletes_old_results_keeps_failed_longer_and_reports_stuck_tasks():
    now = timezone.now()

    def stored(status, *, days_ago):
        result = registration_mail_task.enqueue(registration_id=1, kind="confirmed")
        when = now - timedelta(days=days_ago)
        DBTaskResult.objects.filter(id=result.id).update(
            status=status, started_at=when, finished_at=None if status == TaskResultStatus.RUNNING else when
        )
        return result.id

    old_ok = stored(TaskResultStatus.SUCCESSFUL, days_ago=20)
    young_ok = stored(TaskResultStatus.SUCCESSFUL, days_ago=2)
    failed_20 = stored(TaskResultStatus.FAILED, days_ago=20)
    failed_40 = stored(TaskResultStatus.FAILED, days_ago=40)
    waiting = registration_mail_task.enqueue(registration_id=1, kind="confirmed").id
    stuck = stored(TaskResultStatus.RUNNING, days_ago=1)

    err = io.StringIO()
    call_command("prune_task_results", stdout=io.StringIO(), stderr=err)

    left = {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)}
    assert left == {str(young_ok), str(failed_20), str(waiting), str(stuck)}
    assert str(old_ok) not in left and str(failed_40) not in left
    assert str(stuck) in err.getvalue() and "probably died" in err.getvalue()


@pytest.mark.django_db
def test_prune_task_results_is_harmless_without_the_database_queue():
    out = io.StringIO()
    call_command("prune_task_results", stdout=out)
    assert "not the database backend" in out.getvalue()
