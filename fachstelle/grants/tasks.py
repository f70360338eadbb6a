"""Background tasks of the grants (django-tasks; enqueued after commit by the services)."""

from django_tasks import task


@task()
def decision_letter_send(*, application_id: int) -> None:
    """Build the decision letter and e-mail it to the applicant with the PDF attached."""
    from .emails_decisions import decision_mail_send

    decision_mail_send(application_id=application_id)


@task()
def final_report_returned_send(*, application_id: int) -> None:
    from .emails_decisions import final_report_returned_mail_send

    final_report_returned_mail_send(application_id=application_id)
