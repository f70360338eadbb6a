"""Version history in the back office for any model whose writes call `core.services.revision_record`.

`VersionHistoryMixin` adds to a ModelAdmin: a list of an object's versions (number, who, when, which
fields changed, comment), a field-by-field comparison of a version with the one before it, and — when the
ModelAdmin implements `version_restore` — restoring an old version. Values are shown as people read them:
names instead of ids, choice labels, dates in the local format. Related names are loaded in one query per
related model, whatever the number of versions.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import Revision
from .services import revisions_for

EMPTY = "—"


def _field_for_key(opts, key: str):
    """The model field a snapshot key stands for (attname `provider_id` or name `municipalities`)."""
    try:
        return opts.get_field(key)
    except FieldDoesNotExist:
        pass
    for field in opts.concrete_fields:
        if field.attname == key:
            return field
    return None


class SnapshotFormatter:
    """Turns snapshot values into readable text; resolves ids of related records in bulk."""

    def __init__(self, model, snapshots: list[dict]):
        self.opts = model._meta
        wanted: dict[type[models.Model], set] = {}
        for data in snapshots:
            for key, value in data.items():
                field = _field_for_key(self.opts, key)
                self._collect(field, value, wanted)
        self.names = {
            related: {pk: str(obj) for pk, obj in related._default_manager.in_bulk(list(ids)).items()}
            for related, ids in wanted.items()
            if ids
        }

    @staticmethod
    def _collect(field, value, wanted) -> None:
        if field is None or value in (None, "", []):
            return
        if field.many_to_many and isinstance(value, list):
            wanted.setdefault(field.related_model, set()).update(v for v in value if isinstance(v, int))
        elif field.many_to_one and not field.auto_created:
            wanted.setdefault(field.related_model, set()).add(value)
        elif field.one_to_many and isinstance(value, list):
            # A reverse relation stored inline (e.g. an offer's locations): resolve their foreign keys too.
            for row in value:
                for sub_key, sub_value in (row or {}).items():
                    SnapshotFormatter._collect(
                        _field_for_key(field.related_model._meta, sub_key), sub_value, wanted
                    )

    def label(self, key: str) -> str:
        field = _field_for_key(self.opts, key)
        if field is None:
            return key
        if field.one_to_many:
            return capfirst(field.related_model._meta.verbose_name_plural)
        return capfirst(field.verbose_name)

    def value(self, key: str, value, opts=None) -> str:
        field = _field_for_key(opts or self.opts, key)
        if value is None or value == "" or value == []:
            return EMPTY
        if field is None:
            return str(value)
        if field.many_to_many:
            names = self.names.get(field.related_model, {})
            return ", ".join(names.get(pk, "#%s" % pk) for pk in value)
        if field.many_to_one:
            return self.names.get(field.related_model, {}).get(value, "#%s" % value)
        if field.one_to_many:
            related_opts = field.related_model._meta
            return "\n".join(
                " · ".join(
                    self.value(k, v, related_opts) for k, v in row.items() if v not in (None, "", False)
                )
                for row in value
            )
        if field.flatchoices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return gettext("Yes") if value else gettext("No")
        if isinstance(field, models.DateTimeField):
            moment = parse_datetime(str(value))
            return formats.localize(timezone.localtime(moment)) if moment else str(value)
        if isinstance(field, models.DateField):
            day = parse_date(str(value))
            return formats.localize(day) if day else str(value)
        return str(value)


class VersionHistoryMixin:
    """ModelAdmin mixin: /<id>/versions/, /<id>/versions/<n>/ and (optional) restoring a version."""

    # Bookkeeping that changes with every save and says nothing to the reader.
    version_hidden_fields = {"source_revision", "updated_by_id", "created_by_id"}
    version_list_template = "admin/versions/version_list.html"
    version_detail_template = "admin/versions/version_detail.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/versions/", wrap(self.versions_view), name="%s_%s_versions" % info),
            path(
                "<path:object_id>/versions/<int:number>/",
                wrap(self.version_view),
                name="%s_%s_version" % info,
            ),
            path(
                "<path:object_id>/versions/<int:number>/restore/",
                wrap(self.version_restore_view),
                name="%s_%s_version_restore" % info,
            ),
            *super().get_urls(),
        ]

    def version_restore(self, request, obj, revision: Revision) -> None:
        """Override to allow restoring; write through the model's services."""
        raise NotImplementedError

    def can_restore_versions(self) -> bool:
        return type(self).version_restore is not VersionHistoryMixin.version_restore

    def _versioned_object(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))  # scoped: another office's object is None
        if obj is not None and not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def _field_names(self, formatter: SnapshotFormatter, keys) -> list[str]:
        return [formatter.label(k) for k in keys if k not in self.version_hidden_fields]

    def versions_view(self, request, object_id):
        obj = self._versioned_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        revisions = list(revisions_for(obj).order_by("-number"))
        formatter = SnapshotFormatter(self.model, [])
        rows = [
            {
                "revision": r,
                "fields": self._field_names(formatter, r.changed_fields),
                "is_first": i == len(revisions) - 1,
            }
            for i, r in enumerate(revisions)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": gettext("Versions of “%(object)s”") % {"object": obj},
            "subtitle": None,
            "rows": rows,
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.version_list_template, context)

    def version_view(self, request, object_id, number):
        obj = self._versioned_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        # This version and the one before it, in one query.
        pair = list(revisions_for(obj).filter(number__lte=number).order_by("-number")[:2])
        if not pair or pair[0].number != number:
            messages.warning(request, gettext("This version does not exist."))
            return HttpResponseRedirect(
                reverse("admin:%s_%s_versions" % (self.opts.app_label, self.opts.model_name), args=[obj.pk])
            )
        revision = pair[0]
        previous = pair[1] if len(pair) > 1 else None
        formatter = SnapshotFormatter(self.model, [revision.data, previous.data if previous else {}])
        keys = [k for k in revision.data if k not in self.version_hidden_fields]
        changed = [k for k in keys if previous is None or previous.data.get(k) != revision.data.get(k)]
        rows = [
            {
                "label": formatter.label(k),
                "before": formatter.value(k, previous.data.get(k)) if previous else EMPTY,
                "after": formatter.value(k, revision.data.get(k)),
                "changed": k in changed,
            }
            for k in keys
        ]
        is_latest = not revisions_for(obj).filter(number__gt=number).exists()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": gettext("Version %(number)s of “%(object)s”") % {"number": number, "object": obj},
            "subtitle": None,
            "revision": revision,
            "previous": previous,
            "changed_rows": [row for row in rows if row["changed"]],
            "other_rows": [row for row in rows if not row["changed"]],
            "can_restore": (
                self.can_restore_versions() and not is_latest and self.has_change_permission(request, obj)
            ),
        }
        return TemplateResponse(request, self.version_detail_template, context)

    def version_restore_view(self, request, object_id, number):
        obj = self._versioned_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if (
            request.method != "POST"
            or not self.can_restore_versions()
            or not self.has_change_permission(request, obj)
        ):
            raise PermissionDenied
        revision = revisions_for(obj).filter(number=number).first()
        if revision is None:
            messages.warning(request, gettext("This version does not exist."))
        else:
            self.version_restore(request, obj, revision)
            messages.success(
                request, gettext("Version %(number)s was restored as a new version.") % {"number": number}
            )
        return HttpResponseRedirect(
            reverse("admin:%s_%s_versions" % (self.opts.app_label, self.opts.model_name), args=[obj.pk])
        )
