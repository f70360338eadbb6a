"""Back office of the self-service: the review queue of proposals, reports on offers, confirmation requests.

Imported by offers/admin.py. Scoping and permissions come from core.admin_base.OfficeScopedAdmin: staff
see the records of their own offices only (superusers: all), access follows office membership. Every
decision goes through the services in offers.selfservice.
The offers admin's own `NeedsConfirmationFilter` (offers/admin.py) shows offers flagged or hidden by the
confirmation cycle; `selfservice.issue_reports_open_count_by_offer` gives it open-report counts.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fachstelle.core.admin_base import OfficeListFilter, OfficeScopedAdmin
from fachstelle.core.languages import active_language

from . import selfservice
from .models import OfferIssueReport, OfferProposal, ProviderConfirmation


def _admin_link(url_name: str, obj, text=None) -> str:
    if obj is None:
        return "–"
    try:
        return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), text or str(obj))
    except NoReverseMatch:
        return str(text or obj)


class SelfServiceAdmin(OfficeScopedAdmin):
    """Rows of the user's offices only (OfficeScopedAdmin); nobody adds them here, they come from the
    public site; office admins may delete (e.g. spam that got through)."""

    add_roles = ()

    def has_add_permission(self, request):
        return False


class ProposalStatusFilter(admin.SimpleListFilter):
    """The queue opens on proposals waiting for review."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*OfferProposal.Status.choices, (self.ALL, _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or OfferProposal.Status.PENDING
        if value == self.ALL:
            return queryset
        if value not in OfferProposal.Status.values:
            return queryset.none()
        return queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or OfferProposal.Status.PENDING
        for value, title in self.lookup_choices:
            yield {
                "selected": current == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": title,
            }


class IssueReportStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("resolved", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class ConfirmationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Waiting for answer")), ("overdue", _("Overdue")), ("confirmed", _("Confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(confirmed_at__isnull=True, overdue_flagged_at__isnull=True)
        if self.value() == "overdue":
            return queryset.filter(confirmed_at__isnull=True, overdue_flagged_at__isnull=False)
        if self.value() == "confirmed":
            return queryset.filter(confirmed_at__isnull=False)
        return queryset


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Sent with the decision by e-mail."),
    )

    def __init__(self, *args, decision: str, **kwargs):
        super().__init__(*args, **kwargs)
        if decision == "reject":
            self.fields["message"].required = True
            self.fields["message"].help_text = _("Please tell the submitter why (sent by e-mail).")


DECISIONS = {
    "publish": _("Approve and publish"),
    "draft": _("Approve as draft"),
    "reject": _("Reject"),
}


@admin.register(OfferProposal)
class OfferProposalAdmin(SelfServiceAdmin):
    list_display = (
        "proposal_title",
        "kind",
        "organisation_name",
        "submitter_name",
        "status",
        "created_at",
        "office",
    )
    list_filter = (ProposalStatusFilter, "kind", ("office", OfficeListFilter), "created_at")
    list_select_related = ("office",)
    search_fields = ("organisation_name", "submitter_name", "submitter_email", "data__title")
    actions = ("approve_publish", "approve_draft", "reject")
    change_form_template = "offers/selfservice/admin/proposal_change_form.html"
    fieldsets = (
        (None, {"fields": ("status", "kind", "office", "offer_link", "created_at", "confirmed_at")}),
        (
            _("Submitted by"),
            {
                "fields": (
                    "organisation_name",
                    "organisation_website",
                    "organisation",
                    "submitter_name",
                    "submitter_email",
                    "submitter_phone",
                    "message",
                )
            },
        ),
        (_("Proposed content"), {"fields": ("proposed_content",)}),
        (_("Review"), {"fields": ("reviewed_at", "reviewed_by", "review_message", "resulting_offer_link")}),
    )
    readonly_fields = (
        "status",
        "kind",
        "office",
        "offer_link",
        "created_at",
        "confirmed_at",
        "organisation_name",
        "organisation_website",
        "organisation",
        "submitter_name",
        "submitter_email",
        "submitter_phone",
        "message",
        "proposed_content",
        "reviewed_at",
        "reviewed_by",
        "review_message",
        "resulting_offer_link",
    )

    @admin.display(description=_("title"), ordering="created_at")
    def proposal_title(self, obj):
        return obj.data.get("title") or "–"

    @admin.display(description=_("offer"))
    def offer_link(self, obj):
        return _admin_link("admin:offers_offer_change", obj.offer)

    @admin.display(description=_("resulting offer"))
    def resulting_offer_link(self, obj):
        return _admin_link("admin:offers_offer_change", obj.resulting_offer)

    @admin.display(description=_("proposed content"))
    def proposed_content(self, obj):
        language = active_language()
        if obj.kind == OfferProposal.Kind.CHANGE and obj.offer_id:
            rows = selfservice.proposal_diff(proposal=obj, language=language)
            body = format_html_join(
                "",
                '<tr{}><th scope="row">{}{}</th><td>{}</td><td>{}</td></tr>',
                (
                    (
                        format_html(' class="{}"', "proposal-changed") if row.changed else "",
                        row.label,
                        format_html(" <strong>({})</strong>", gettext("changed")) if row.changed else "",
                        linebreaksbr(row.current, autoescape=True),
                        linebreaksbr(row.proposed, autoescape=True),
                    )
                    for row in rows
                ),
            )
            return format_html(
                '<table class="proposal-diff"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
                '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
                gettext("Field"),
                gettext("Current offer"),
                gettext("Proposed"),
                body,
            )
        rows = selfservice.proposal_display(data=obj.data, office=obj.office, language=language)
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            ((label, linebreaksbr(text, autoescape=True)) for _name, label, text in rows),
        )
        return format_html('<table class="proposal-content"><tbody>{}</tbody></table>', body)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "decisions": DECISIONS,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/review/<str:decision>/",
                self.admin_site.admin_view(self.review_view),
                name="{}_{}_review".format(*info),
            ),
            *super().get_urls(),
        ]

    # --- Decisions ----------------------------------------------------------------------------------

    def _decide(self, request, proposals, decision: str, message: str) -> None:
        done, refused = 0, []
        for proposal in proposals:
            try:
                if decision == "reject":
                    selfservice.proposal_reject(proposal=proposal, by=request.user, message=message)
                else:
                    selfservice.proposal_approve(
                        proposal=proposal, by=request.user, publish=decision == "publish", message=message
                    )
                done += 1
            except selfservice.SelfServiceError as exc:
                refused.append(f"{proposal}: {exc.message}")
        if done:
            text = {
                "publish": ngettext(
                    "%(count)d proposal approved and published.",
                    "%(count)d proposals approved and published.",
                    done,
                ),
                "draft": ngettext(
                    "%(count)d proposal approved as draft.", "%(count)d proposals approved as drafts.", done
                ),
                "reject": ngettext("%(count)d proposal rejected.", "%(count)d proposals rejected.", done),
            }[decision]
            self.message_user(request, text % {"count": done}, messages.SUCCESS)
        for text in refused:
            self.message_user(request, text, messages.ERROR)

    def _review_page(self, request, proposals, decision: str, form, *, action: str = ""):
        context = {
            **self.admin_site.each_context(request),
            "title": DECISIONS[decision],
            "opts": self.model._meta,
            "proposals": proposals,
            "decision": decision,
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "offers/selfservice/admin/review.html", context)

    def _action(self, request, queryset, decision: str, action: str):
        """A changelist action with a small intermediate page for the message to the submitter."""
        if "apply" in request.POST:
            form = ReviewForm(request.POST, decision=decision)
            if form.is_valid():
                self._decide(request, list(queryset), decision, form.cleaned_data["message"])
                return None
        else:
            form = ReviewForm(decision=decision)
        return self._review_page(request, list(queryset), decision, form, action=action)

    @admin.action(description=_("Approve and publish"), permissions=["change"])
    def approve_publish(self, request, queryset):
        return self._action(request, queryset, "publish", "approve_publish")

    @admin.action(description=_("Approve as draft"), permissions=["change"])
    def approve_draft(self, request, queryset):
        return self._action(request, queryset, "draft", "approve_draft")

    @admin.action(description=_("Reject with a message"), permissions=["change"])
    def reject(self, request, queryset):
        return self._action(request, queryset, "reject", "reject")

    def review_view(self, request, object_id, decision):
        """The same decision for one proposal, from the buttons of its change page."""
        if decision not in DECISIONS:
            raise Http404
        proposal = self.get_object(request, object_id)
        if proposal is None:
            raise Http404
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        info = self.model._meta.app_label, self.model._meta.model_name
        if request.method == "POST":
            form = ReviewForm(request.POST, decision=decision)
            if form.is_valid():
                self._decide(request, [proposal], decision, form.cleaned_data["message"])
                return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
        else:
            form = ReviewForm(decision=decision)
        return self._review_page(request, [proposal], decision, form)


@admin.register(OfferIssueReport)
class OfferIssueReportAdmin(SelfServiceAdmin):
    list_display = ("offer", "kind", "created_at", "is_resolved", "office")
    list_filter = (IssueReportStateFilter, "kind", ("office", OfficeListFilter), "created_at")
    list_select_related = ("offer", "office")
    search_fields = ("message", "offer__title", "reporter_email")
    actions = ("mark_resolved",)
    fields = (
        "office",
        "offer_links",
        "kind",
        "message",
        "reporter_email",
        "created_at",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields

    @admin.display(description=_("resolved"), boolean=True, ordering="resolved_at")
    def is_resolved(self, obj):
        return obj.resolved_at is not None

    @admin.display(description=_("offer"))
    def offer_links(self, obj):
        return format_html(
            '{} · <a href="{}">{}</a>',
            _admin_link("admin:offers_offer_change", obj.offer),
            obj.offer.get_absolute_url(),
            gettext("public page"),
        )

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = selfservice.issue_report_resolve(reports=queryset, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d report marked as resolved.", "%(count)d reports marked as resolved.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ProviderConfirmation)
class ProviderConfirmationAdmin(SelfServiceAdmin):
    list_display = (
        "organisation",
        "email",
        "sent_at",
        "due_at",
        "confirmed_at",
        "overdue_flagged_at",
        "office",
    )
    list_filter = (ConfirmationStateFilter, ("office", OfficeListFilter), "sent_at")
    list_select_related = ("organisation", "office")
    search_fields = ("organisation__name", "email")
    fields = ("office", "organisation", "email", "sent_at", "due_at", "confirmed_at", "overdue_flagged_at")
    readonly_fields = fields
