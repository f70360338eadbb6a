"""Background tasks of reporting (django-tasks; enqueued after commit by `services.annual`)."""

from django_tasks import task


@task()
def annual_report_build_task(*, report_id: int) -> None:
    """Build one annual report (PDF and DOCX, see services.annual.annual_report_build)."""
    from .services.annual import annual_report_build  # services.annual enqueues this task

    annual_report_build(report_id=report_id)
