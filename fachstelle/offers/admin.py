"""Back office for the offer directory: offers with their locations and translations.

Every write goes through `fachstelle.offers.services`: the admin's form sets the fields, then
`offer_save_edited` stamps and saves the offer, the related rows follow, and `offer_record_change` runs
last (search index, version, German revision). Translations are saved through `offer_translation_save`
*after* that, so a translation edited together with the German text counts as made from the new text.
"""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fachstelle.core.admin_base import (
    EDITOR_ROLES,
    OfficeListFilter,
    OfficeScopedAdmin,
    OfficeScopedInline,
    https_formfield,
    office_ids_for_request,
)
from fachstelle.core.admin_versions import VersionHistoryMixin
from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE
from fachstelle.core.models import Municipality, Office
from fachstelle.core.translation import TranslationStatus, translation_status

# Proposals, issue reports and confirmation requests (provider self-service) register themselves there.
from fachstelle.offers import services

from . import admin_selfservice  # noqa: F401
from .models import Location, Offer, OfferTranslation

# One sign per translation status, for the compact coverage column and the overview matrix.
STATUS_SIGNS = {
    TranslationStatus.UP_TO_DATE: "✓",
    TranslationStatus.OUTDATED: "⚠",
    TranslationStatus.IN_TRANSLATION: "✎",
    TranslationStatus.MACHINE: "⚙",
    TranslationStatus.MISSING: "–",
}
# Fields of the offer form that are not offer fields.
FORM_ONLY_FIELDS = {"minor_change", "version_comment"}


def offer_languages(offer: Offer, translations) -> list[str]:
    """The office's content languages, then any further language the offer happens to be translated into."""
    codes = [code for code in offer.office.content_languages or [] if code != SOURCE_LANGUAGE]
    return codes + sorted({t.language for t in translations} - set(codes))


def translation_cells(offer: Offer, languages: list[str], translations) -> list[dict]:
    by_language = {t.language: t for t in translations}
    cells = []
    for code in languages:
        status = translation_status(offer, by_language.get(code))
        cells.append(
            {
                "code": code,
                "status": status.value,
                "sign": STATUS_SIGNS[status],
                "label": "%s: %s" % (NATIVE_NAMES.get(code, code), status.label),
            }
        )
    return cells


class NeedsConfirmationFilter(admin.SimpleListFilter):
    title = _("confirmation by the provider")
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("hidden", _("Hidden as unconfirmed")),
            ("never", _("Never confirmed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(confirmation_overdue_since__isnull=False)
        if self.value() == "hidden":
            return queryset.filter(hidden_unconfirmed_at__isnull=False)
        if self.value() == "never":
            return queryset.filter(last_confirmed_at__isnull=True)
        return queryset


class OfferAdminForm(forms.ModelForm):
    minor_change = forms.BooleanField(
        label=_("Minor change (translations stay up to date)"),
        required=False,
        help_text=_(
            "Tick for corrections that do not change the meaning (typos, punctuation). Otherwise the "
            "translations are marked as outdated when the German text changes."
        ),
    )
    version_comment = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=300,
        help_text=_("Optional; shown in the version history."),
    )

    class Meta:
        model = Offer
        formfield_callback = https_formfield
        fields = (
            "title",
            "summary",
            "description",
            "provider",
            "office",
            "fields_of_action",
            "promotion_areas",
            "target_groups",
            "languages",
            "municipalities",
            "is_online",
            "cost_type",
            "cost_amount",
            "cost_note",
            "childcare",
            "childcare_note",
            "barrier_free",
            "accessibility_note",
            "start_date",
            "end_date",
            "schedule_text",
            "registration_required",
            "registration_url",
            "registration_email",
            "registration_phone",
            "registration_note",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
        )

    def clean(self):
        cleaned = super().clean()
        office, provider = cleaned.get("office"), cleaned.get("provider")
        if office and provider and provider.office_id != office.pk:
            self.add_error("provider", _("This provider belongs to another office."))
        return cleaned


class LocationInline(OfficeScopedInline, admin.TabularInline):
    model = Location
    extra = 0
    fields = ("name", "street", "postcode", "municipality", "opening_hours", "by_appointment", "order")
    delete_roles = EDITOR_ROLES  # removing a place is part of editing the offer


class OfferTranslationForm(forms.ModelForm):
    class Meta:
        model = OfferTranslation
        # Not source_revision: offer_translation_save sets it from the offer's current revision.
        fields = ("language", "state", *Offer.TRANSLATED_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The service keys translations by language; changing it would create a second row.
            self.fields["language"].disabled = True
        for name in Offer.TRANSLATED_FIELDS:
            self.fields[name].widget.attrs["dir"] = "auto"  # Arabic, Farsi… are typed right-to-left


class OfferTranslationInline(OfficeScopedInline, admin.StackedInline):
    model = OfferTranslation
    form = OfferTranslationForm
    extra = 0
    delete_roles = EDITOR_ROLES
    readonly_fields = ("status_display", "german_source")
    fields = ("language", "state", "status_display", "german_source", *Offer.TRANSLATED_FIELDS)

    @admin.display(description=_("status"))
    def status_display(self, obj):
        offer = getattr(obj, "offer", None)
        if offer is None or offer.pk is None:
            return TranslationStatus.MISSING.label
        status = translation_status(offer, obj if obj.pk else None)
        return format_html(
            '<span class="tr-status tr-{}">{} {}</span>', status.value, STATUS_SIGNS[status], status.label
        )

    @admin.display(description=_("German text"))
    def german_source(self, obj):
        offer = getattr(obj, "offer", None)
        if offer is None or offer.pk is None:
            return "—"
        items = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            (
                (capfirst(Offer._meta.get_field(name).verbose_name), value)
                for name, value in offer.source_values().items()
                if value
            ),
        )
        return format_html(
            '<details class="german-source"><summary>{}</summary><dl>{}</dl></details>',
            gettext("Show the German text for comparison"),
            items,
        )


@admin.register(Offer)
class OfferAdmin(VersionHistoryMixin, OfficeScopedAdmin):
    form = OfferAdminForm
    list_display = (
        "title",
        "provider",
        "office",
        "status",
        "municipality_summary",
        "translation_coverage",
        "last_confirmed_at",
        "updated_at",
    )
    list_select_related = ("provider", "office")
    list_filter = (
        "status",
        ("office", OfficeListFilter),
        "fields_of_action",
        "cost_type",
        "childcare",
        NeedsConfirmationFilter,
    )
    search_fields = ("title", "summary", "provider__name")
    autocomplete_fields = ("provider",)
    filter_horizontal = (
        "fields_of_action",
        "promotion_areas",
        "target_groups",
        "languages",
        "municipalities",
    )
    list_per_page = 50
    readonly_fields = (
        "published_at",
        "last_confirmed_at",
        "confirmation_overdue_since",
        "hidden_unconfirmed_at",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    )
    fieldsets = (
        (_("Content"), {"fields": ("title", "summary", "description", "provider", "office")}),
        (
            _("Classification"),
            {
                "fields": (
                    "fields_of_action",
                    "promotion_areas",
                    "target_groups",
                    "languages",
                    "municipalities",
                    "is_online",
                )
            },
        ),
        (
            _("Cost and access"),
            {
                "fields": (
                    "cost_type",
                    "cost_amount",
                    "cost_note",
                    "childcare",
                    "childcare_note",
                    "barrier_free",
                    "accessibility_note",
                )
            },
        ),
        (
            _("Schedule and registration"),
            {
                "fields": (
                    ("start_date", "end_date"),
                    "schedule_text",
                    "registration_required",
                    "registration_url",
                    "registration_email",
                    "registration_phone",
                    "registration_note",
                )
            },
        ),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    "published_at",
                    "last_confirmed_at",
                    "confirmation_overdue_since",
                    "hidden_unconfirmed_at",
                )
            },
        ),
        (_("Saving"), {"fields": ("minor_change", "version_comment")}),
        (
            _("Record"),
            {"classes": ("collapse",), "fields": ("created_at", "created_by", "updated_at", "updated_by")},
        ),
    )
    inlines = [LocationInline, OfferTranslationInline]
    actions = ["publish", "archive", "back_to_draft", "mark_confirmed"]

    # --- List ---------------------------------------------------------------------------------------------

    def changelist_queryset(self, request, queryset):
        # Two prefetch queries for the page, whatever the number of rows.
        return queryset.prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.only("id", "name")),
            Prefetch(
                "translations",
                queryset=OfferTranslation.objects.only(
                    "id", "offer_id", "language", "state", "source_revision"
                ),
            ),
        )

    @admin.display(description=_("municipalities"))
    def municipality_summary(self, obj):
        names = [m.name for m in obj.municipalities.all()]
        if len(names) > 3:
            return gettext("%(names)s and %(count)s more") % {
                "names": ", ".join(names[:2]),
                "count": len(names) - 2,
            }
        return ", ".join(names) or "—"

    @admin.display(description=_("translations"))
    def translation_coverage(self, obj):
        translations = list(obj.translations.all())
        cells = translation_cells(obj, offer_languages(obj, translations), translations)
        if not cells:
            return "—"
        return format_html_join(
            " ",
            '<span class="tr-status tr-{}" title="{}">{} {}</span>',
            ((c["status"], c["label"], c["code"], c["sign"]) for c in cells),
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    # --- Saving through the services ------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        self.check_office(request, obj)
        services.offer_save_edited(offer=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        offer = form.instance
        changed = set(form.changed_data) - FORM_ONLY_FIELDS
        translation_formsets = []
        for formset in formsets:
            if formset.model is OfferTranslation:
                translation_formsets.append(formset)
                continue
            self.save_formset(request, form, formset, change=change)
            if formset.has_changed():
                changed.add("locations")
        services.offer_record_change(
            offer=offer,
            by=request.user,
            changed_fields=changed,
            minor_change=form.cleaned_data.get("minor_change", False),
            comment=form.cleaned_data.get("version_comment", ""),
        )
        # After the German revision is settled: a translation saved now is made from the current text.
        for formset in translation_formsets:
            self.save_translations(request, offer, formset)

    def save_translations(self, request, offer, formset):
        rows = formset.save(commit=False)  # fills new/changed/deleted_objects for the change message
        for translation in formset.deleted_objects:
            services.offer_translation_delete(translation=translation, by=request.user)
        for row in rows:
            services.offer_translation_save(
                offer=offer,
                language=row.language,
                by=request.user,
                state=row.state,
                values={name: getattr(row, name) for name in Offer.TRANSLATED_FIELDS},
            )

    def delete_model(self, request, obj):
        services.offer_delete(offer=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for offer in queryset:
            services.offer_delete(offer=offer, by=request.user)

    # --- Actions -------------------------------------------------------------------------------------

    def _set_status(self, request, queryset, status: str) -> int:
        done = 0
        for offer in queryset.select_related("office").exclude(status=status):
            try:
                services.offer_set_status(offer=offer, status=status, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("“%(offer)s” was not changed: %(error)s")
                    % {"offer": offer, "error": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                done += 1
        return done

    @admin.action(description=_("Publish selected offers"), permissions=["change"])
    def publish(self, request, queryset):
        done = self._set_status(request, queryset, Offer.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d offer published.", "%(count)d offers published.", done) % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Archive selected offers"), permissions=["change"])
    def archive(self, request, queryset):
        done = self._set_status(request, queryset, Offer.Status.ARCHIVED)
        self.message_user(
            request,
            ngettext("%(count)d offer archived.", "%(count)d offers archived.", done) % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Set selected offers back to draft"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        done = self._set_status(request, queryset, Offer.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d offer set back to draft.", "%(count)d offers set back to draft.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected offers as confirmed (still correct)"), permissions=["change"])
    def mark_confirmed(self, request, queryset):
        count = services.offers_confirm(
            offers=list(queryset.select_related(None).only("id", "office_id")), by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d offer confirmed.", "%(count)d offers confirmed.", count) % {"count": count},
            messages.SUCCESS,
        )

    # --- Extra pages ---------------------------------------------------------------------------------

    def version_restore(self, request, obj, revision):
        services.offer_restore_version(offer=obj, data=revision.data, number=revision.number, by=request.user)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "translations/",
                self.admin_site.admin_view(self.translation_overview_view),
                name="%s_%s_translations" % info,
            ),
            *super().get_urls(),
        ]

    def translation_overview_view(self, request):
        """Offers of one office × its content languages, with each translation's status (3 queries)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        offices = Office.objects.only("id", "name", "content_languages")
        if not request.user.is_superuser:
            offices = offices.filter(pk__in=office_ids_for_request(request))
        offices = list(offices)
        chosen = request.GET.get("office", "")
        office = next((o for o in offices if str(o.pk) == chosen), offices[0] if offices else None)
        languages = [c for c in (office.content_languages or []) if c != SOURCE_LANGUAGE] if office else []
        offers = []
        if office is not None:
            offers = list(
                Offer.objects.filter(office=office)
                .exclude(status=Offer.Status.ARCHIVED)
                .only("id", "title", "status", "source_revision", "office_id")
                .prefetch_related(
                    Prefetch(
                        "translations",
                        queryset=OfferTranslation.objects.only(
                            "id", "offer_id", "language", "state", "source_revision"
                        ),
                    )
                )
            )
        rows, totals = [], {code: Counter() for code in languages}
        for offer in offers:
            cells = translation_cells(offer, languages, offer.translations.all())
            for cell in cells:
                totals[cell["code"]][cell["status"]] += 1
            rows.append(
                {"offer": offer, "url": reverse("admin:offers_offer_change", args=[offer.pk]), "cells": cells}
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Translation overview"),
            "subtitle": office.name if office else None,
            "offices": offices,
            "office": office,
            "languages": [
                {"code": c, "name": NATIVE_NAMES.get(c, c), "up_to_date": totals[c]["up_to_date"]}
                for c in languages
            ],
            "rows": rows,
            "legend": [(STATUS_SIGNS[s], s.value, s.label) for s in TranslationStatus],
        }
        return TemplateResponse(request, "admin/offers/offer/translation_overview.html", context)
