"""Exports of personal data: requested in the browser, built in the background (django-tasks) as an
AES-encrypted zip under settings.PRIVATE_EXPORT_ROOT, downloadable by the requester until they expire.

The archive password is typed by the user and never stored: it travels to the task encrypted with the
field key (`core.crypto.encrypt`) and exists in clear only in memory while the archive is written.
A failed build leaves no file behind (written to `*.part`, renamed when complete).
"""

import csv
import datetime
import io
import json
import logging
import secrets
from pathlib import Path

import pyzipper
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.crypto import encrypt
from fachstelle.core.models import Membership, Office

from ..access import cases_visible_to, membership_role
from ..models import Client, PersonalDataExport
from ..selectors.protection import AuditFilters, audit_events_filtered, subject_access_collect
from ..tasks import personal_data_export_build

logger = logging.getLogger(__name__)

Kind = PersonalDataExport.Kind
Status = PersonalDataExport.Status
Role = Membership.Role

PASSWORD_MIN_LENGTH = 12
# Who may ask for which export (the download is limited to the requester and the office admins).
KIND_ROLES = {
    Kind.CASE_LIST: (Role.ADMIN, Role.COUNSELLOR),
    Kind.SUBJECT_ACCESS: (Role.ADMIN,),
    Kind.AUDIT_LOG: (Role.ADMIN,),
}
# Semicolon and a byte-order mark: what Excel in German and Swiss locales opens without an import dialog.
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}


def export_kinds_for(*, user, office: Office) -> list[str]:
    role = membership_role(user=user, office=office)
    return [kind for kind, roles in KIND_ROLES.items() if role in roles]


def export_request(
    *,
    office: Office,
    by,
    kind: str,
    client: Client | None = None,
    password: str,
    filters: AuditFilters | None = None,
    language: str | None = None,
    request=None,
) -> PersonalDataExport:
    """Record the request and build the archive in the background once the transaction commits."""
    if kind not in export_kinds_for(user=by, office=office):
        raise PermissionDenied
    if len(password or "") < PASSWORD_MIN_LENGTH:
        raise ValidationError(
            _("The password must have at least %(n)s characters.") % {"n": PASSWORD_MIN_LENGTH}
        )
    if kind == Kind.SUBJECT_ACCESS and (client is None or client.office_id != office.pk):
        raise ValidationError(_("Choose a person of this office."))
    with transaction.atomic():
        export = PersonalDataExport.objects.create(
            office=office,
            requested_by=by,
            kind=kind,
            client=client if kind == Kind.SUBJECT_ACCESS else None,
            expires_at=timezone.now() + datetime.timedelta(days=settings.PERSONAL_EXPORT_DAYS),
        )
        audit_record(
            actor=by,
            action=Action.EXPORT,
            office=office,
            target=export,
            target_ref=export_reference(export),
            detail=f"requested {kind}",
            request=request,
        )
        if export.client is not None:
            audit_record(
                actor=by,
                action=Action.EXPORT,
                office=office,
                target=client,
                detail="subject access export requested",
                request=request,
            )
        arguments = {
            "export_id": export.pk,
            "password_token": encrypt(password),
            "language": language or translation.get_language() or settings.LANGUAGE_CODE,
            "filters": (filters or AuditFilters()).to_json(),
        }
        transaction.on_commit(lambda: personal_data_export_build.enqueue(**arguments))
    return export


def export_reference(export: PersonalDataExport) -> str:
    return f"X-{export.pk:06d}"


def export_path(export: PersonalDataExport) -> Path:
    return Path(settings.PRIVATE_EXPORT_ROOT) / export.file_name


def export_download_name(export: PersonalDataExport) -> str:
    return f"{export.kind.replace('_', '-')}-{export.created_at:%Y-%m-%d}-{export.pk}.zip"


# --- Building the archive (runs in the task) ---------------------------------------------------------


def export_build(*, export_id: int, password: str, language: str, filters: dict | None = None) -> None:
    """Write the archive of a pending export and mark it ready; on any error mark it failed and leave no
    file. Runs in the background task; idempotent (an export that is no longer pending is left alone)."""
    export = PersonalDataExport.objects.select_related("office", "requested_by", "client").get(pk=export_id)
    if export.status != Status.PENDING:
        return
    relative = f"{export.office_id}/{export.kind}-{export.pk}-{secrets.token_hex(8)}.zip"
    final = Path(settings.PRIVATE_EXPORT_ROOT) / relative
    partial = final.with_name(final.name + ".part")
    try:
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with (
            translation.override(language),
            pyzipper.AESZipFile(
                partial, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
            ) as archive,
        ):
            archive.setpassword(password.encode())
            _ARCHIVE_WRITERS[export.kind](archive, export, AuditFilters.from_json(filters or {}))
        partial.chmod(0o600)
        partial.replace(final)
    except Exception:
        logger.exception("Export %s (%s) failed", export.pk, export.kind)
        partial.unlink(missing_ok=True)
        PersonalDataExport.objects.filter(pk=export.pk).update(status=Status.FAILED)
        return
    marked = PersonalDataExport.objects.filter(pk=export.pk, status=Status.PENDING).update(
        status=Status.READY, file_name=relative, size=final.stat().st_size
    )
    if not marked:  # discarded meanwhile (the person was anonymised): the archive must not stay
        final.unlink(missing_ok=True)


def _csv_member(archive, name: str):
    """A text stream writing one CSV member of the archive (streamed: no full copy in memory)."""
    stream = io.TextIOWrapper(archive.open(name, "w"), encoding="utf-8-sig", newline="")
    return stream, csv.writer(stream, **CSV_DIALECT)


def _write_case_list(archive, export: PersonalDataExport, filters) -> None:
    language = translation.get_language()
    cases = (
        cases_visible_to(user=export.requested_by, office=export.office)
        .select_related("client", "counsellor", "municipality")
        .prefetch_related("topics")
        .order_by("-opened_on", "-pk")
    )
    stream, writer = _csv_member(archive, "cases.csv")
    with stream:
        writer.writerow(
            [
                _gettext("Reference"),
                _gettext("Status"),
                _gettext("Topics"),
                _gettext("Counsellor"),
                _gettext("Opened"),
                _gettext("Closed"),
                _gettext("Municipality"),
                _gettext("Person"),
            ]
        )
        for case in cases.iterator(chunk_size=1000):
            writer.writerow(
                [
                    case.reference,
                    case.get_status_display(),
                    ", ".join(topic.label(language) for topic in case.topics.all()),
                    case.counsellor.get_full_name() or case.counsellor.get_username(),
                    case.opened_on.isoformat(),
                    case.closed_on.isoformat() if case.closed_on else "",
                    case.municipality.name if case.municipality else "",
                    (case.client.name if case.client else _gettext("anonymous")),
                ]
            )


def _write_audit_log(archive, export: PersonalDataExport, filters) -> None:
    events = audit_events_filtered(office=export.office, filters=filters)
    stream, writer = _csv_member(archive, "audit-log.csv")
    with stream:
        writer.writerow(
            [
                _gettext("Time"),
                _gettext("User"),
                _gettext("Action"),
                _gettext("Record type"),
                _gettext("Record id"),
                _gettext("Reference"),
                _gettext("Detail"),
                _gettext("IP address"),
                _gettext("Browser"),
            ]
        )
        for event in events.iterator(chunk_size=2000):
            writer.writerow(
                [
                    timezone.localtime(event.at).isoformat(timespec="seconds"),
                    event.actor_name,
                    event.get_action_display(),
                    event.target_type,
                    event.target_id or "",
                    event.target_ref,
                    event.detail,
                    event.ip_address or "",
                    event.user_agent,
                ]
            )


def _write_subject_access(archive, export: PersonalDataExport, filters) -> None:
    data = subject_access_collect(client=export.client)
    reference = data["client"]["reference"]
    archive.writestr(
        f"{reference}.json",
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(),
    )
    archive.writestr(f"{reference}.pdf", subject_access_pdf(data=data, office=export.office))


_ARCHIVE_WRITERS = {
    Kind.CASE_LIST: _write_case_list,
    Kind.AUDIT_LOG: _write_audit_log,
    Kind.SUBJECT_ACCESS: _write_subject_access,
}


def subject_access_pdf(*, data: dict, office: Office) -> bytes:
    """The subject-access report as PDF (WeasyPrint), with the office's letterhead."""
    from weasyprint import HTML  # heavy import, needed only here

    html = render_to_string(
        "counselling/protection/subject_access_pdf.html", {"data": data, "office": office}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


# --- Clean-up ----------------------------------------------------------------------------------------


def _discard(export: PersonalDataExport) -> None:
    PersonalDataExport.objects.filter(pk=export.pk).update(status=Status.EXPIRED, file_name="", size=0)
    if export.file_name:
        # The file goes once the row says so for good (a rolled-back anonymisation keeps both).
        path = export_path(export)
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


def exports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of expired exports and mark them expired; also removes `*.part` leftovers of
    builds that died (older than a day). Returns the number of exports purged."""
    now = now or timezone.now()
    expired = PersonalDataExport.objects.filter(expires_at__lte=now).exclude(status=Status.EXPIRED)
    count = 0
    for export in expired.iterator():
        _discard(export)
        count += 1
    root = Path(settings.PRIVATE_EXPORT_ROOT)
    if root.is_dir():
        day_ago = (now - datetime.timedelta(days=1)).timestamp()
        for leftover in root.glob("*/*.part"):
            if leftover.stat().st_mtime < day_ago:
                leftover.unlink(missing_ok=True)
    return count


def exports_discard_for_client(*, client_id: int) -> None:
    """Subject-access archives of a person go when the person's data goes (anonymisation, deletion)."""
    exports = PersonalDataExport.objects.filter(client_id=client_id).exclude(status=Status.EXPIRED)
    for export in exports:
        _discard(export)
