"""Back office for organisations (the providers of offers), scoped to the user's offices."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from fachstelle.core.admin_base import OfficeListFilter, OfficeScopedAdmin
from fachstelle.offers.services import provider_record_change

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(OfficeScopedAdmin):
    list_display = ("name", "kind", "municipality", "office", "offer_count", "is_public", "last_confirmed_at")
    list_select_related = ("municipality", "office")
    list_filter = ("kind", ("office", OfficeListFilter), "is_public")
    search_fields = ("name", "email", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("last_confirmed_at", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "office", "description", "is_public")}),
        (
            _("Address and contact"),
            {"fields": ("street", "postcode", "municipality", "website", "email", "phone")},
        ),
        (_("Confirmation of offers"), {"fields": ("confirmation_email", "last_confirmed_at")}),
        (_("Record"), {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # One aggregate in the page's query, not a count per row. GROUP BY queries drop Meta.ordering.
        return super().get_queryset(request).annotate(offer_count=Count("offers")).order_by("name", "pk")

    @admin.display(description=_("offers"), ordering="offer_count")
    def offer_count(self, obj):
        return obj.offer_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # checks the office
        # The provider's name is in its offers' search text; the directory caches must forget it.
        provider_record_change(provider=obj, changed_fields=form.changed_data)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None
