"""Back office of counselling: the interpreter pool and the office's counselling settings.

Only office admins (and superusers) see these; counsellors work in the staff area, editors and
statistics-only users have no business with either. Cases and clients are deliberately not in the admin:
their reads must be audited and their access rules live in `fachstelle.counselling.access`.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fachstelle.core.admin_base import ADMIN_ROLES, OfficeListFilter, OfficeScopedAdmin, OfficeScopedInline

from .models import CounsellingSettings, Interpreter, InterpreterLanguage


class AdminOnlyMixin:
    """Visible and editable for the office's admins only (every role attribute of OfficeScopedAdmin)."""

    view_roles = add_roles = change_roles = delete_roles = ADMIN_ROLES

    def has_module_permission(self, request):
        return self.role_allows(request, ADMIN_ROLES)


class InterpreterLanguageInline(AdminOnlyMixin, OfficeScopedInline, admin.TabularInline):
    model = InterpreterLanguage
    extra = 1
    fields = ("language", "dialect")
    office_lookup = "office"  # the parent is the interpreter


@admin.register(Interpreter)
class InterpreterAdmin(AdminOnlyMixin, OfficeScopedAdmin):
    list_display = ("name", "office", "qualification", "hourly_rate", "is_active")
    list_filter = (("office", OfficeListFilter), "qualification", "is_active")
    search_fields = ("name", "email")
    fields = ("office", "name", "email", "phone", "qualification", "hourly_rate", "availability", "is_active")
    inlines = [InterpreterLanguageInline]


def validate_permit_categories(value) -> list[list[str]]:
    """[["code", "name"], …] with unique, short codes; anything else is refused with the expected shape."""
    shape = _('Expected a list of pairs like [["B", "B – residence"], ["C", "C – settlement"]].')
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise forms.ValidationError(shape)
    seen = set()
    for position, entry in enumerate(value, start=1):
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 2
            or not all(isinstance(part, str) and part.strip() for part in entry)
        ):
            raise forms.ValidationError(
                _("Entry %(position)s is not a pair of code and name. %(shape)s")
                % {"position": position, "shape": shape}
            )
        code = entry[0].strip()
        if len(code) > 8:
            raise forms.ValidationError(
                _("The code “%(code)s” is too long (at most 8 characters).") % {"code": code}
            )
        if code in seen:
            raise forms.ValidationError(_("The code “%(code)s” is listed twice.") % {"code": code})
        seen.add(code)
    return [[code.strip(), name.strip()] for code, name in value]


class CounsellingSettingsForm(forms.ModelForm):
    class Meta:
        model = CounsellingSettings
        fields = ("office", "retention_months", "intake_notice", "permit_categories")

    def clean_permit_categories(self):
        return validate_permit_categories(self.cleaned_data.get("permit_categories"))


@admin.register(CounsellingSettings)
class CounsellingSettingsAdmin(AdminOnlyMixin, OfficeScopedAdmin):
    form = CounsellingSettingsForm
    list_display = ("office", "retention_months")
    # One row per office, created once; removing it would silently fall back to the defaults.
    delete_roles = ()
