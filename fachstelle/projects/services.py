"""The office's own projects: create and edit a project with its links (partners, KIP areas, municipalities,
grant applications, events), milestones with owners and due dates, and documents.

Everything a project links to must belong to the project's office: the forms only offer the office's
records, and the services check again, so a forged id never links another office's data.
"""

import datetime
import io
from pathlib import PurePath
from uuid import uuid4

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Membership, Office
from fachstelle.core.validation import FieldErrors
from fachstelle.events.models import Event
from fachstelle.grants.models import Application
from fachstelle.grants.services import attachments
from fachstelle.network.models import Organisation

from .models import Milestone, Project, ProjectDocument

PROJECT_FIELDS = (
    "title",
    "goal",
    "description",
    "role",
    "status",
    "starts_on",
    "ends_on",
    "lead",
    "currency",
    "budget",
)
PROJECT_LINKS = ("promotion_areas", "municipalities", "partners", "grant_applications", "events")


# --- Who and what may be linked ------------------------------------------------------------------------


def _is_member(*, office: Office, user) -> bool:
    return user is None or Membership.objects.filter(office=office, user=user).exists()


def _foreign_ids(*, objects, allowed_qs) -> set:
    """The ids among `objects` that are not in `allowed_qs` (records of another office)."""
    ids = {obj.pk for obj in objects}
    if not ids:
        return set()
    return ids - set(allowed_qs.filter(pk__in=ids).values_list("pk", flat=True))


def _check_links(errors: FieldErrors, *, office: Office, links: dict) -> None:
    allowed = {
        "municipalities": office.municipalities.all(),
        "partners": Organisation.objects.filter(office=office),
        "grant_applications": Application.objects.filter(office=office),
        "events": Event.objects.filter(office=office),
    }
    for name, queryset in allowed.items():
        if name in links and _foreign_ids(objects=links[name], allowed_qs=queryset):
            errors.add(name, _("Only records of your office can be linked."))


# --- Projects ------------------------------------------------------------------------------------------


def _project_save(project: Project, *, fields: dict, links: dict) -> Project:
    for name in PROJECT_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    errors = FieldErrors()
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        errors.add("ends_on", _("The project cannot end before it starts."))
    if project.lead is not None and not _is_member(office=project.office, user=project.lead):
        errors.add("lead", _("The project lead must work in your office."))
    _check_links(errors, office=project.office, links=links)
    errors.add_model_errors(project, exclude=["office", "lead"])
    errors.raise_if_any()
    project.save()
    for name in PROJECT_LINKS:
        if name in links:
            getattr(project, name).set(links[name])
    return project


@transaction.atomic
def project_create(*, office: Office, fields: dict, links: dict | None = None) -> Project:
    """A new project of `office`. `fields`: the model fields by name; `links`: the many-to-many
    relations by name (lists of objects)."""
    return _project_save(Project(office=office), fields=fields, links=links or {})


@transaction.atomic
def project_update(*, project: Project, fields: dict, links: dict | None = None) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    return _project_save(project, fields=fields, links=links or {})


# --- Milestones ----------------------------------------------------------------------------------------


def milestone_date_warning(*, project: Project, due_on: datetime.date | None) -> str | None:
    """A due date outside the project's dates is allowed (plans change), but worth a second look."""
    if due_on is None:
        return None
    if project.starts_on and due_on < project.starts_on:
        return str(_("The milestone is due before the project starts. Saved anyway; please check the dates."))
    if project.ends_on and due_on > project.ends_on:
        return str(_("The milestone is due after the project ends. Saved anyway; please check the dates."))
    return None


def _milestone_get(*, project: Project, milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(project=project, pk=milestone_id).first()
    if milestone is None:
        raise ValidationError({NON_FIELD_ERRORS: [_("This milestone does not exist (any more).")]})
    return milestone


def _milestone_save(milestone: Milestone, *, fields: dict) -> Milestone:
    for name in ("title", "due_on", "owner", "note", "done_on"):
        if name in fields:
            value = fields[name]
            setattr(milestone, name, value.strip() if isinstance(value, str) else value)
    errors = FieldErrors()
    if milestone.owner is not None and not _is_member(office=milestone.project.office, user=milestone.owner):
        errors.add("owner", _("The person responsible must work in your office."))
    errors.add_model_errors(milestone, exclude=["project", "owner"])
    errors.raise_if_any()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_add(
    *,
    project: Project,
    title: str,
    due_on: datetime.date,
    owner=None,
    note: str = "",
    done_on: datetime.date | None = None,
) -> Milestone:
    fields = {"title": title, "due_on": due_on, "owner": owner, "note": note, "done_on": done_on}
    return _milestone_save(Milestone(project=project), fields=fields)


@transaction.atomic
def milestone_update(*, project: Project, milestone_id: int, **fields) -> Milestone:
    """Changes `fields` (title, due_on, owner, note, done_on) of one of the project's milestones."""
    milestone = _milestone_get(project=project, milestone_id=milestone_id)
    milestone.project = project
    return _milestone_save(milestone, fields=fields)


@transaction.atomic
def milestone_set_done(
    *, project: Project, milestone_id: int, done: bool, today: datetime.date | None = None
) -> Milestone:
    milestone = _milestone_get(project=project, milestone_id=milestone_id)
    if done and milestone.done_on is None:
        milestone.done_on = today or timezone.localdate()
    elif not done:
        milestone.done_on = None
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def milestone_delete(*, project: Project, milestone_id: int) -> None:
    _milestone_get(project=project, milestone_id=milestone_id).delete()


# --- Documents ---------------------------------------------------------------------------------------
# The same checks as grant attachments (one place for "a careful app"): size first, then the type from the
# content, which the file name's extension must match — an .exe renamed .pdf is refused.

MAX_DOCUMENT_BYTES = attachments.DEFAULT_MAX_BYTES


def document_check(upload) -> list[str]:
    """Why `upload` cannot be stored (empty list: fine)."""
    try:
        attachments.attachment_check(upload)
    except ValidationError as error:
        return [str(message) for message in error.messages]
    return []


def _safe_name(name: str) -> str:
    return PurePath(name or "document").name[:255] or "document"


@transaction.atomic
def document_add(*, project: Project, title: str, upload, by=None) -> ProjectDocument:
    errors = FieldErrors()
    for message in document_check(upload):
        errors.add("file", message)
    title = (title or "").strip() or PurePath(_safe_name(upload.name)).stem
    document = ProjectDocument(
        project=project,
        title=title[:200],
        original_name=_safe_name(upload.name),
        size=upload.size,
        uploaded_by=by,
    )
    errors.add_model_errors(document, exclude=["project", "file", "uploaded_by"])
    errors.raise_if_any()
    # A random stored name: the original name is kept for the download only.
    ending = PurePath(document.original_name).suffix.lower()
    document.file.save(f"{uuid4().hex}{ending}", upload, save=False)
    stored = document.file.name
    try:
        document.save()
    except Exception:
        # No row, no file.
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def document_delete(*, project: Project, document_id: int) -> None:
    document = ProjectDocument.objects.filter(project=project, pk=document_id).first()
    if document is None:
        raise ValidationError({NON_FIELD_ERRORS: [_("This document does not exist (any more).")]})
    storage, name = document.file.storage, document.file.name
    document.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name))


def document_open(*, document: ProjectDocument) -> io.IOBase:
    document.file.open("rb")
    return document.file
