"""The database task queue (django-tasks-db): tasks of the app are stored at commit, run by `db_worker`, and
their outcome (success, or failure with its error) is recorded; several workers never run a task twice."""

import signal
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from fachstelle.events.emails import registration_mail_task
from fachstelle.events.models import Registration
from fachstelle.events.services.registrations import registration_create
from fachstelle.events.tests.factories_public import EventFactory, RegistrationFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue():
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


@pytest.fixture
def run_worker():
    """`manage.py db_worker --batch`: run every waiting task, then return. The worker installs its own
    SIGINT/SIGTERM handlers (graceful stop); pytest's are put back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--queue-name=*",
            verbosity=0,
        )

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


# Transactional: the worker sees committed rows only, as in production, and recycles its connection between
# tasks (close_old_connections), which would end a test wrapped in one transaction.
@pytest.mark.django_db(transaction=True)
def test_registration_mail_waits_in_the_queue_until_a_worker_sends_it(
    database_queue, run_worker, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event=event, name="Amina Tesfay", email="amina@example.org")

    stored = DBTaskResult.objects.get()
    assert stored.task_path == "fachstelle.events.emails.registration_mail_task"
    assert stored.status == TaskResultStatus.READY
    assert stored.args_kwargs["kwargs"]["registration_id"] == registration.pk
    # Nothing ran inside the request: the e-mail waits for a worker.
    assert mail.outbox == []

    run_worker()

    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    stored.refresh_from_db()
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.finished_at is not None
    result = registration_mail_task.get_result(str(stored.id))
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.errors == []

    # A second worker run finds nothing left to do: no second e-mail.
    run_worker()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_recorded_with_its_error_and_the_worker_goes_on(database_queue, run_worker):
    registration = RegistrationFactory(email="ok@example.org")
    missing_id = Registration.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    failing = registration_mail_task.enqueue(registration_id=missing_id, kind="confirmed")
    working = registration_mail_task.enqueue(registration_id=registration.pk, kind="confirmed")

    run_worker()

    failed = registration_mail_task.get_result(failing.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path.endswith("Registration.DoesNotExist")
    assert "matching query does not exist" in failed.errors[0].traceback
    assert registration_mail_task.get_result(working.id).status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [["ok@example.org"]]


@pytest.mark.django_db
def test_immediate_backend_of_the_tests_and_make_run_stores_nothing(django_capture_on_commit_callbacks):
    """Without the override the tests (and `make run`) keep the immediate backend: no queue, no worker."""
    event = EventFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, name="Amina Tesfay", email="amina@example.org")
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
def test_two_workers_share_the_queue_and_run_each_task_exactly_once(database_queue):
    """Two workers (as on two machines) drain one queue concurrently: SELECT … FOR UPDATE SKIP LOCKED hands
    each task to exactly one of them, so every registrant gets exactly one e-mail."""
    registrations = RegistrationFactory.create_batch(30)
    for registration in registrations:
        registration_mail_task.enqueue(registration_id=registration.pk, kind="confirmed")
    start = threading.Barrier(2)
    errors = []

    def work(worker_id):
        try:
            start.wait()
            Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            ).run()
        except Exception as exc:  # reported below; a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"machine-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    results = list(DBTaskResult.objects.all())
    assert len(results) == 30
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    # Each task was claimed once, by one worker.
    assert all(len(result.worker_ids) == 1 for result in results)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in registrations)
