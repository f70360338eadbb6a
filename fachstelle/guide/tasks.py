"""Background tasks of the welcome guide (django-tasks; enqueued after commit by the services)."""

from django_tasks import task


@task()
def brochure_build_task(*, brochure_id: int) -> None:
    """Render one welcome brochure to PDF (see guide.brochure.brochure_build)."""
    from .brochure import brochure_build  # brochure.py enqueues this task

    brochure_build(brochure_id=brochure_id)
