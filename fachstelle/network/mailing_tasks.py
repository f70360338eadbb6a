"""Background tasks of meetings and mailings (django-tasks; enqueued after commit by the services).

The tasks are thin: the work lives in the services, which tests and management commands call directly.
"""

from django_tasks import task


@task()
def mailing_deliver_task(*, mailing_id: int) -> None:
    """Send a mailing's queued recipients in batches."""
    from .services.mailings import mailing_deliver  # the services enqueue this task

    mailing_deliver(mailing_id=mailing_id)


@task()
def meeting_invitations_task(*, meeting_id: int, invitation_ids: list[int]) -> None:
    """Send the invitations of a meeting, each with its calendar file."""
    from .services.meetings import meeting_invitations_deliver

    meeting_invitations_deliver(meeting_id=meeting_id, invitation_ids=invitation_ids)
