"""Back office for offices, their staff and the shared vocabularies (see admin_base for the rules)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .admin_base import (
    ADMIN_ROLES,
    EDITOR_ROLES,
    OfficeListFilter,
    OfficeScopedAdmin,
    OfficeScopedInline,
    ReferenceDataAdmin,
    https_formfield,
    is_member,
    office_ids_for_request,
)
from .admin_security import reset_two_factor
from .languages import SOURCE_LANGUAGE
from .models import (
    FieldOfAction,
    Language,
    Membership,
    Municipality,
    Office,
    PromotionArea,
    TargetGroup,
    User,
)
from .services import membership_grant

# Roles come from memberships (admin_base); auth groups are not used, so they are not offered either.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

admin.site.site_header = _("fachstelle – back office")
admin.site.site_title = _("fachstelle back office")
admin.site.index_title = _("Offers, providers and translations")


# --- Offices and memberships ----------------------------------------------------------------------------


class OfficeAdminForm(forms.ModelForm):
    content_languages = forms.MultipleChoiceField(
        label=_("Content languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (code, "%s (%s)" % (name, code))
            for code, name, _rtl in settings.CONTENT_LANGUAGES
            if code != SOURCE_LANGUAGE
        ],
        help_text=_(
            "The languages the office translates its offers into; the translation overview shows them."
        ),
    )

    class Meta:
        model = Office
        formfield_callback = https_formfield
        fields = (
            "name", "short_name", "slug", "kind", "country", "canton", "municipalities", "intro", "email",
            "phone", "website", "street", "postcode", "city", "primary_color", "content_languages",
            "confirmation_interval_days", "confirmation_grace_weeks", "auto_hide_unconfirmed", "is_active",
        )  # fmt: skip
        widgets = {"primary_color": forms.TextInput(attrs={"type": "color"})}


class OwnMembershipFormSet(BaseInlineFormSet):
    """An office admin may not remove or demote their own administrator role (no locking oneself out)."""

    current_user = None

    def clean(self):
        super().clean()
        user = self.current_user
        if user is None or user.is_superuser:
            return
        for form in self.forms:
            # form.instance already carries the posted values; the initial ones say what it was.
            was_own_admin = (
                form.instance.pk
                and form.initial.get("user") == user.pk
                and (form.initial.get("role") == Membership.Role.ADMIN)
            )
            if not was_own_admin:
                continue
            removed = self.can_delete and self._should_delete_form(form)
            if (
                removed
                or form.cleaned_data.get("role") != Membership.Role.ADMIN
                or (form.cleaned_data.get("user") != user)
            ):
                raise ValidationError(_("You cannot remove your own administrator role."))


class MembershipInline(OfficeScopedInline, admin.TabularInline):
    model = Membership
    formset = OwnMembershipFormSet
    fields = ("user", "role")
    extra = 0
    office_lookup = "pk"  # the parent is the office
    view_roles = add_roles = change_roles = delete_roles = ADMIN_ROLES
    choice_roles = ADMIN_ROLES

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"current_user": request.user})


@admin.register(Office)
class OfficeAdmin(OfficeScopedAdmin):
    """Members see their offices; office admins edit their settings; superusers create offices."""

    form = OfficeAdminForm
    office_lookup = "pk"
    view_roles = EDITOR_ROLES
    change_roles = ADMIN_ROLES
    add_roles = delete_roles = ()
    list_display = ("name", "short_name", "kind", "canton", "slug", "municipality_count", "is_active")
    list_filter = ("kind", "country", "is_active")
    search_fields = ("name", "short_name", "slug")
    filter_horizontal = ("municipalities",)
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "country", "canton", "is_active")}),
        (_("Area"), {"fields": ("municipalities",)}),
        (_("Public site"), {"fields": ("intro", "primary_color", "content_languages")}),
        (_("Contact"), {"fields": ("email", "phone", "website", "street", "postcode", "city")}),
        (_("Confirmation by providers"), {"fields": (
            "confirmation_interval_days", "confirmation_grace_weeks", "auto_hide_unconfirmed")}),
    )  # fmt: skip
    # Set by the platform operator: the public address, the area served (it decides which municipalities
    # the office's staff may pick) and whether the office is online.
    operator_fields = ("slug", "kind", "country", "canton", "municipalities", "is_active")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(municipality_count=Count("municipalities"))
        return queryset.order_by("name", "pk")  # GROUP BY queries drop Meta.ordering

    @admin.display(description=_("municipalities"), ordering="municipality_count")
    def municipality_count(self, obj):
        return obj.municipality_count

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return self.operator_fields

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}


@admin.register(Membership)
class MembershipAdmin(OfficeScopedAdmin):
    list_display = ("user", "user_name", "office", "role")
    list_select_related = ("user", "office")
    list_filter = ("role", ("office", OfficeListFilter))
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name")
    fields = ("user", "office", "role")
    view_roles = add_roles = change_roles = delete_roles = ADMIN_ROLES
    choice_roles = ADMIN_ROLES

    @admin.display(description=_("name"))
    def user_name(self, obj):
        return obj.user.get_full_name()

    def has_change_permission(self, request, obj=None):
        # One's own administrator membership is not editable (no locking oneself out).
        if obj is not None and obj.user_id == request.user.pk and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.user_id == request.user.pk and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


# --- Users ---------------------------------------------------------------------------------------------


class OfficeUserCreationForm(AdminUserCreationForm):
    """New staff account created by an office admin: it joins one of their offices at once."""

    office = forms.ModelChoiceField(label=_("office"), queryset=Office.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR)
    office_ids: frozenset[int] = frozenset()

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(pk__in=self.office_ids)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Superusers manage every account; an office admin manages the accounts of their offices' staff."""

    actions = [reset_two_factor]

    office_admin_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    office_admin_add_fieldsets = (
        (None, {"classes": ("wide",), "fields": (
            "username", "first_name", "last_name", "email", "office", "role", "usable_password", "password1",
            "password2")}),
    )  # fmt: skip

    def _admin_office_ids(self, request) -> frozenset[int]:
        return office_ids_for_request(request, ADMIN_ROLES)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        members = Membership.objects.filter(office_id__in=self._admin_office_ids(request)).values("user_id")
        return queryset.filter(pk__in=members)

    def has_module_permission(self, request):
        return is_member(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return request.user.is_active
        if not (request.user.is_staff and self._admin_office_ids(request)):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return request.user.is_active and (request.user.is_superuser or bool(self._admin_office_ids(request)))

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return request.user.is_active
        if not (request.user.is_staff and self._admin_office_ids(request)):
            return False
        if obj is None:
            return True
        # Only accounts that work in no office other than those the admin administers, never a superuser:
        # otherwise an office admin could take over a colleague's access elsewhere.
        offices = set(obj.memberships.values_list("office_id", flat=True))
        return not obj.is_superuser and bool(offices) and offices <= self._admin_office_ids(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.office_admin_add_fieldsets if obj is None else self.office_admin_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = type("OfficeUserCreationForm", (OfficeUserCreationForm,), {
                "office_ids": self._admin_office_ids(request)})  # fmt: skip
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        office = form.cleaned_data.get("office") if not change else None
        if office is not None:
            obj.is_staff = True
        super().save_model(request, obj, form, change)
        if office is not None:
            membership_grant(user=obj, office=office, role=form.cleaned_data["role"], by=request.user)


# --- Shared vocabularies --------------------------------------------------------------------------------


@admin.register(Municipality)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ("name", "bfs_number", "canton", "district", "country")
    list_filter = ("country", "canton")
    search_fields = ("name", "=bfs_number", "district")


class TaxonomyAdmin(ReferenceDataAdmin):
    list_display = ("name", "slug", "order")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(FieldOfAction)
class FieldOfActionAdmin(TaxonomyAdmin):
    pass


@admin.register(TargetGroup)
class TargetGroupAdmin(TaxonomyAdmin):
    pass


@admin.register(PromotionArea)
class PromotionAreaAdmin(TaxonomyAdmin):
    list_display = ("code", "name", "order")
    search_fields = ("code", "name")


@admin.register(Language)
class LanguageAdmin(ReferenceDataAdmin):
    list_display = ("name", "native_name", "code", "order")
    search_fields = ("name", "native_name", "code")
