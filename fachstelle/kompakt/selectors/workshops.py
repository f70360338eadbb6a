"""Reading a process's sessions and working group for the workshop pages (always scoped to the office)."""

from django.db.models import QuerySet

from fachstelle.core.models import Office

from ..models import Process, WorkingGroupMember, Workshop


def process_get(*, office: Office, pk: int) -> Process | None:
    return Process.objects.select_related("municipality", "office").filter(office=office, pk=pk).first()


def workshop_get(*, office: Office, pk: int) -> Workshop | None:
    """A session of one of the office's processes (None for another office's)."""
    return (
        Workshop.objects.select_related("process__municipality", "process__office")
        .filter(process__office=office, pk=pk)
        .first()
    )


def workshops_of_process(*, process: Process) -> QuerySet[Workshop]:
    return Workshop.objects.filter(process=process).order_by("starts_at", "pk")


def members_of_process(*, process: Process) -> list[WorkingGroupMember]:
    return list(WorkingGroupMember.objects.filter(process=process).order_by("name", "pk"))


def member_count(*, process: Process) -> int:
    return WorkingGroupMember.objects.filter(process=process).count()
