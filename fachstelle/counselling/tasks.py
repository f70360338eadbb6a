"""Background tasks of counselling (django-tasks; enqueued after commit by the services)."""

from django_tasks import task

from fachstelle.core.crypto import decrypt


@task()
def personal_data_export_build(*, export_id: int, password_token: str, language: str, filters: dict) -> None:
    """Build the password-protected archive of one export. The password arrives encrypted with the field
    key (the task queue may store its arguments) and is decrypted only here."""
    from .services.exports import export_build  # services enqueue this task

    export_build(export_id=export_id, password=decrypt(password_token), language=language, filters=filters)
