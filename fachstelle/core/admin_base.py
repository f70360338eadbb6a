"""Office scoping for the back office (the Django admin).

Tenancy rule: no query of one office ever returns another office's data. Every ModelAdmin of office-owned
records derives from `OfficeScopedAdmin`, which

* filters `get_queryset` by the offices of the user (`fachstelle.core.tenancy.office_ids_for_user`), so a
  change URL of another office's record answers like a deleted one (redirect to the admin index);
* limits foreign-key and many-to-many choices to those offices: the office itself, the organisations of
  those offices, the municipalities they serve, the users who belong to them (`OfficeScopedFieldsMixin`,
  shared with inlines). Posting another office's id is a form error ("Select a valid choice"), never a save;
* pre-selects the office for a user with a single office, and refuses (403) any save into an office the
  user may not write to — a second line of defence behind the form.

Permissions come from memberships, not from Django's per-model auth permissions. Django would otherwise
require every editor to be given a dozen `auth.Permission` rows (and keep them in sync with memberships,
per office — which auth permissions cannot express at all). So `has_view/add/change/delete_permission`
and `has_module_permission` are implemented here from `Membership.role`:

=================  =========================================================================
superuser          everything, every office
office admin       like an editor, plus: their office's settings, its memberships and users,
                   deleting office content
editor             view/add/change offers, providers (organisations), locations, translations
                   of their offices; view their office and the shared vocabularies
staff, no office   nothing (the admin index says so)
=================  =========================================================================

Shared vocabularies (fields of action, KIP areas, target groups, languages, municipalities) are edited by
superusers only; members may view them (`ReferenceDataAdmin`).
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet

from .models import Membership, Municipality, Office, User
from .tenancy import office_ids_for_user

EDITOR_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR)  # an office admin is also an editor
ADMIN_ROLES = (Membership.Role.ADMIN,)


def office_ids_for_request(request, roles: tuple[str, ...] | None = None) -> frozenset[int]:
    """The offices the request's user works in (with one of `roles`), memoised on the request.

    The admin asks for permissions dozens of times per page (index, app list, each inline); this keeps
    it at one query per distinct `roles`.
    """
    cache = request.__dict__.setdefault("_fachstelle_office_ids", {})
    # No roles means "the editing roles": counsellors and statistics-only users do not edit the directory.
    key = tuple(sorted(roles or EDITOR_ROLES))
    if key not in cache:
        cache[key] = frozenset(office_ids_for_user(user=request.user, roles=key))
    return cache[key]


def is_member(request) -> bool:
    """A staff user who belongs to at least one office (or a superuser)."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(office_ids_for_request(request))


def has_several_offices(request, roles: tuple[str, ...] | None = None) -> bool:
    return request.user.is_superuser or len(office_ids_for_request(request, roles)) > 1


def scoped_choices(request, model, roles: tuple[str, ...] | None = None) -> QuerySet | None:
    """The records of `model` a non-superuser may pick in a form; None means "not office-owned".

    `roles` narrows the offices (memberships may only be given in offices the user administers).
    """
    if request.user.is_superuser:
        return None
    office_ids = office_ids_for_request(request, roles)
    if model is Office:
        return Office.objects.filter(pk__in=office_ids)
    if model is Municipality:
        served = Office.municipalities.through.objects.filter(office_id__in=office_ids)
        return Municipality.objects.filter(pk__in=served.values("municipality_id"))
    if model is User:
        # Only colleagues of the offices the user administers; nobody else's account is visible.
        admin_of = office_ids_for_request(request, ADMIN_ROLES)
        return User.objects.filter(pk__in=Membership.objects.filter(office_id__in=admin_of).values("user_id"))
    if any(f.name == "office" and f.is_relation for f in model._meta.get_fields()):
        return model._default_manager.filter(office_id__in=office_ids)
    return None


class OfficeScopedFieldsMixin:
    """Foreign-key and many-to-many choices limited to the user's offices (ModelAdmins and inlines)."""

    # Offices whose records may be picked: None = every office the user belongs to.
    choice_roles: tuple[str, ...] | None = None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = scoped_choices(request, db_field.related_model, self.choice_roles)
        if queryset is not None and "queryset" not in kwargs:
            kwargs["queryset"] = queryset
            if db_field.related_model is Office and not has_several_offices(request, self.choice_roles):
                # One office: it is pre-selected and the only choice.
                kwargs["initial"] = next(iter(office_ids_for_request(request, self.choice_roles)), None)
                kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        queryset = scoped_choices(request, db_field.related_model, self.choice_roles)
        if queryset is not None and "queryset" not in kwargs:
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def office_id_of(obj, lookup: str) -> int | None:
    """Follow `lookup` ("office", "offer__office", "pk") from `obj` to an office id."""
    if lookup == "pk":
        return obj.pk
    *path, last = lookup.split("__")
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


class ScopedChangeList(ChangeList):
    """Lets the ModelAdmin shape the changelist's rows (prefetches) without touching the change view."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return self.model_admin.changelist_queryset(request, queryset)


class RolePermissionsMixin:
    """Permissions from memberships: which roles may view, add, change, delete (see module docstring)."""

    office_lookup = "office"
    view_roles: tuple[str, ...] = EDITOR_ROLES
    add_roles: tuple[str, ...] = EDITOR_ROLES
    change_roles: tuple[str, ...] = EDITOR_ROLES
    delete_roles: tuple[str, ...] = ADMIN_ROLES

    def get_office_id(self, obj) -> int | None:
        return office_id_of(obj, self.office_lookup)

    def role_allows(self, request, roles: tuple[str, ...], obj=None) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        if not roles:
            return False
        office_ids = office_ids_for_request(request, roles)
        if obj is None:
            return bool(office_ids)
        return self.get_office_id(obj) in office_ids

    def has_module_permission(self, request):
        return is_member(request)


class OfficeScopedAdmin(OfficeScopedFieldsMixin, RolePermissionsMixin, admin.ModelAdmin):
    """Base ModelAdmin of every office-owned model (set `office_lookup` when the office is not `office`)."""

    # list_display / list_filter entries shown only to users of several offices.
    multi_office_only = ("office",)
    # Staff type "www.example.org"; links are https today (and Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        office_ids = office_ids_for_request(request, self.view_roles)
        return queryset.filter(**{f"{self.office_lookup}__in": office_ids})

    def changelist_queryset(self, request, queryset):
        """Hook: prefetches for the changelist's rows."""
        return queryset

    def get_changelist(self, request, **kwargs):
        return ScopedChangeList

    def get_list_display(self, request):
        fields = super().get_list_display(request)
        if has_several_offices(request):
            return fields
        return [f for f in fields if f not in self.multi_office_only]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if has_several_offices(request):
            return filters
        return [
            f for f in filters if (f[0] if isinstance(f, tuple | list) else f) not in self.multi_office_only
        ]

    def has_view_permission(self, request, obj=None):
        return self.role_allows(request, self.view_roles, obj) or self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self.role_allows(request, self.add_roles)

    def has_change_permission(self, request, obj=None):
        return self.role_allows(request, self.change_roles, obj)

    def has_delete_permission(self, request, obj=None):
        return self.role_allows(request, self.delete_roles, obj)

    def check_office(self, request, obj) -> None:
        """Second line of defence behind the form's choices: never write into a foreign office."""
        if not self.role_allows(request, self.change_roles if obj.pk else self.add_roles, obj):
            raise PermissionDenied

    def save_model(self, request, obj, form, change):
        self.check_office(request, obj)
        super().save_model(request, obj, form, change)


class OfficeScopedInline(OfficeScopedFieldsMixin, RolePermissionsMixin):
    """Mixin for inlines of an office-owned parent: permissions follow the parent's office.

    Inline permission methods receive the *parent* object, so `office_lookup` is the path from the parent.
    """

    def has_view_permission(self, request, obj=None):
        return self.role_allows(request, self.view_roles, obj) or self.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.role_allows(request, self.add_roles, obj)

    def has_change_permission(self, request, obj=None):
        return self.role_allows(request, self.change_roles, obj)

    def has_delete_permission(self, request, obj=None):
        return self.role_allows(request, self.delete_roles, obj)


class ReferenceDataAdmin(admin.ModelAdmin):
    """Shared vocabularies: superusers edit, members of any office look up."""

    def has_module_permission(self, request):
        return is_member(request)

    def has_view_permission(self, request, obj=None):
        return is_member(request)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class OfficeListFilter(admin.RelatedFieldListFilter):
    """ "By office" filter listing only the user's offices (the stock filter would list every office)."""

    def field_choices(self, field, request, model_admin):
        offices = Office.objects.only("pk", "name")
        if not request.user.is_superuser:
            offices = offices.filter(pk__in=office_ids_for_request(request))
        return [(office.pk, str(office)) for office in offices]


def https_formfield(db_field, **kwargs):
    """Meta.formfield_callback for ModelForms declared at import time (same URL rule as the admins)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
