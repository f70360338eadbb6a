"""Writes shared by every app: versions of records."""

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Max

from .models import Membership, Revision


def _jsonable(value):
    return (
        DjangoJSONEncoder().default(value)
        if not isinstance(value, str | int | float | bool | type(None))
        else value
    )


def revision_record(*, obj: models.Model, data: dict, by, comment: str = "", office=None) -> Revision:
    """Store a new version of `obj` with the fields that differ from the previous one."""
    content_type = ContentType.objects.get_for_model(obj)
    previous = (
        Revision.objects.filter(content_type=content_type, object_id=obj.pk).order_by("-number").first()
    )
    data = {k: v if isinstance(v, list | dict) else _jsonable(v) for k, v in data.items()}
    changed = sorted(k for k in data if previous is None or previous.data.get(k) != data[k])
    number = (
        Revision.objects.filter(content_type=content_type, object_id=obj.pk).aggregate(n=Max("number"))["n"]
        or 0
    ) + 1
    return Revision.objects.create(
        office=office,
        content_type=content_type,
        object_id=obj.pk,
        number=number,
        data=data,
        changed_fields=changed if previous else [],
        comment=comment[:300],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def revisions_for(obj: models.Model):
    content_type = ContentType.objects.get_for_model(obj)
    return Revision.objects.filter(content_type=content_type, object_id=obj.pk).select_related("created_by")


def membership_grant(*, user, office, role: str, by=None):
    """Give `user` a role in `office` (a staff account: the back office needs is_staff)."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    membership, _created = Membership.objects.update_or_create(
        user=user, office=office, defaults={"role": role}
    )
    return membership
