"""Writing and reading the audit log of confidential records (see `AuditEvent`).

Every read and write of a client or case goes through `audit_record`, in the same transaction as the write
itself, so the log never misses a change that happened (nor records one that was rolled back).
"""

from django.conf import settings
from django.db.models import QuerySet

from .models import AuditEvent, Office

Action = AuditEvent.Action


def client_ip(request) -> str | None:
    """The client's address, not spoofable by a client-sent header.

    Behind TRUSTED_PROXY_COUNT proxies each appends the address it saw to X-Forwarded-For; the entry the
    outermost proxy appended is the client. Earlier entries come from the client and are ignored.
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def target_label(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def audit_record(
    *,
    actor,
    action: str,
    office: Office | None = None,
    target=None,
    target_type: str = "",
    target_id: int | None = None,
    target_ref: str = "",
    detail: str = "",
    request=None,
) -> AuditEvent:
    """Append one entry. `target` (a model instance) fills type, id and reference (`obj.reference`)."""
    if target is not None:
        target_type = target_type or target_label(target)
        target_id = target_id or target.pk
        target_ref = target_ref or getattr(target, "reference", "") or ""
        if office is None:
            office = getattr(target, "office", None)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        office=office,
        actor=user,
        actor_name=user.get_username() if user else "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_ref=target_ref[:40],
        detail=detail[:300],
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""),
    )


def audit_events_for_office(*, office: Office) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(office=office).select_related("actor")


def audit_events_for_target(*, target) -> QuerySet[AuditEvent]:
    """The access log shown on a record: who looked at it or changed it."""
    return AuditEvent.objects.filter(target_type=target_label(target), target_id=target.pk).select_related(
        "actor"
    )
