"""Documents of an application and of its final report, checked before they are stored.

Checks, in this order (the cheap ones first, nothing is read of a file that is refused by its size):

1. size: at most ``settings.GRANTS_ATTACHMENT_MAX_BYTES`` (default 20 MB) per file, from ``upload.size``;
   at most ``MAX_FILES`` files per application;
2. type from the content (magic bytes), not from the name: PDF, PNG, JPEG, GIF, WebP, Office OOXML
   (.docx/.xlsx/.pptx), OpenDocument (.odt/.ods/.odp), legacy Office (.doc/.xls/.ppt), plain text/CSV;
   the file name's extension must match what the content is ("an .exe renamed .pdf" is refused with
   "This file is not a PDF");
3. a virus scan, if configured: ``settings.GRANTS_VIRUS_SCANNER`` is the dotted path of a callable that
   takes the uploaded file and raises ``django.core.exceptions.ValidationError`` when it is infected.
   Default ``None`` (no scan). A clamd hook, for example (package ``clamd``)::

       def scan(upload):
           import clamd
           upload.seek(0)
           result = clamd.ClamdUnixSocket().instream(upload)["stream"]
           if result[0] == "FOUND":
               raise ValidationError(_("This file contains a virus (%(name)s).") % {"name": result[1]})

       GRANTS_VIRUS_SCANNER = "myproject.scanning.scan"

Files are stored under a random name (the original name is kept in the row for the download), and
are served only as downloads (``attachment_response``): never inline, never sniffed by the browser.
"""

import secrets
import zipfile

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ..models import Application, Attachment

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 20
HEAD_BYTES = 8192

# Detected kind → (MIME type, extensions the name may have, name shown in messages).
KINDS = {
    "pdf": ("application/pdf", ("pdf",), "PDF"),
    "png": ("image/png", ("png",), "PNG"),
    "jpeg": ("image/jpeg", ("jpg", "jpeg"), "JPEG"),
    "gif": ("image/gif", ("gif",), "GIF"),
    "webp": ("image/webp", ("webp",), "WebP"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",), "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",), "Excel"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
        "PowerPoint",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", ("odt",), "OpenDocument"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ("ods",), "OpenDocument"),
    "odp": ("application/vnd.oasis.opendocument.presentation", ("odp",), "OpenDocument"),
    "ole": ("application/octet-stream", ("doc", "xls", "ppt"), "Office (97–2003)"),
    "text": ("text/plain", ("txt", "csv"), "text"),
}
# What a file name's extension promises (for the message when the content is something else).
EXTENSION_KIND = {ext: kind for kind, (_mime, exts, _label) in KINDS.items() for ext in exts}
OLE_MIME = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
CSV_MIME = "text/csv"
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def max_bytes() -> int:
    return getattr(settings, "GRANTS_ATTACHMENT_MAX_BYTES", None) or DEFAULT_MAX_BYTES


def allowed_extensions() -> str:
    return ", ".join(f".{ext}" for ext in EXTENSION_KIND)


def _zip_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # A multi-byte character cut at the end of the head is fine.
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        printable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
        return printable >= len(text) * 0.95
    return False


def detect_kind(upload) -> str | None:
    """The kind of the file from its first bytes (and, for ZIP containers, its table of contents)."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if _looks_like_text(head):
        return "text"
    return None


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def attachment_check(upload) -> tuple[str, str]:
    """(content type, extension) of an acceptable upload, or ValidationError on "file"."""
    size = getattr(upload, "size", None)
    if size is None:
        raise ValidationError({"file": [_("The file could not be read.")]})
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            {
                "file": [
                    _("This file is too large (%(size)s MB); at most %(max)s MB per file.")
                    % {"size": round(size / 1024 / 1024, 1), "max": limit // (1024 * 1024)}
                ]
            }
        )
    if size == 0:
        raise ValidationError({"file": [_("This file is empty.")]})
    name = upload.name or ""
    extension = _extension(name)
    promised = EXTENSION_KIND.get(extension)
    if promised is None:
        raise ValidationError(
            {
                "file": [
                    _("This file type is not accepted. Allowed: %(types)s.") % {"types": allowed_extensions()}
                ]
            }
        )
    detected = detect_kind(upload)
    if detected != promised:
        raise ValidationError(
            {
                "file": [
                    _("This file is not a %(kind)s: its content does not match the file name.")
                    % {"kind": KINDS[promised][2]}
                ]
            }
        )
    scanner = getattr(settings, "GRANTS_VIRUS_SCANNER", None)
    if scanner:
        upload.seek(0)
        try:
            import_string(scanner)(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        upload.seek(0)
    if detected == "ole":
        content_type = OLE_MIME[extension]
    elif detected == "text" and extension == "csv":
        content_type = CSV_MIME
    else:
        content_type = KINDS[detected][0]
    return content_type, extension


def _ensure_stage_editable(application: Application, stage: str) -> None:
    if stage == Attachment.Stage.APPLICATION:
        if application.status != Application.Status.DRAFT:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("This application has been submitted and can no longer be changed.")]}
            )
        return
    from .final_reports import final_report_editable

    if not final_report_editable(application):
        raise ValidationError({NON_FIELD_ERRORS: [_("The final report can no longer be changed.")]})


def attachment_add(
    *, application: Application, upload, label: str, stage: str = Attachment.Stage.APPLICATION
) -> Attachment:
    """Check and store `upload` (an UploadedFile) as a document of `application`."""
    label = (label or "").strip()
    if stage not in Attachment.Stage.values:
        raise ValidationError({NON_FIELD_ERRORS: [_("Unknown document stage.")]})
    errors = {}
    if not label:
        errors["label"] = [_("Please say what this document is (e.g. Statutes).")]
    elif len(label) > Attachment._meta.get_field("label").max_length:
        errors["label"] = [_("The description is too long.")]
    if upload is None:
        errors["file"] = [_("Please choose a file.")]
    if errors:
        raise ValidationError(errors)
    content_type, extension = attachment_check(upload)
    original_name = (upload.name or "document")[-255:]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _ensure_stage_editable(locked, stage)
        if locked.attachments.count() >= MAX_FILES:
            raise ValidationError(
                {
                    "file": [
                        _("At most %(count)s documents per application; please delete one first.")
                        % {"count": MAX_FILES}
                    ]
                }
            )
        attachment = Attachment(
            application=locked,
            stage=stage,
            label=label,
            original_name=original_name,
            content_type=content_type,
            size=upload.size,
        )
        upload.seek(0)
        attachment.file.save(f"{secrets.token_hex(16)}.{extension}", upload, save=False)
        stored = attachment.file.name
        # A failing row must not leave its file behind.
        try:
            attachment.full_clean(exclude=["application", "file"])
            attachment.save()
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    return attachment


def attachment_delete(*, application: Application, attachment_id: int) -> None:
    """Delete one of the application's documents while its stage can still be edited."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        attachment = locked.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise ValidationError({NON_FIELD_ERRORS: [_("This document does not exist (any more).")]})
        _ensure_stage_editable(locked, attachment.stage)
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


def attachment_response(attachment: Attachment) -> FileResponse:
    """The document as a download: never displayed inline, never type-sniffed by the browser."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
