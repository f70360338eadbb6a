"""Mailings to segments of the network: list, compose, preview, send (in the background), per-recipient
status. The send view only freezes the recipients and enqueues the delivery; no request waits for the
e-mails."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import staff_office_view

from ..forms.mailings import MailingForm
from ..models import Mailing, MailingRecipient
from ..selectors import mailings as selectors
from ..services import mailings as services
from .meetings import NETWORK_ROLES, error_text

TEMPLATES = "network/mailings/"
RECIPIENTS_SHOWN = 500  # rows of the per-recipient table; the counts above it cover all


def _to_detail(request, mailing):
    return redirect("network:mailing_detail", office_slug=request.office.slug, mailing_id=mailing.pk)


@never_cache
@staff_office_view(NETWORK_ROLES)
def mailing_list(request):
    mailings = list(selectors.mailing_list(office=request.office)[:200])
    return render(request, TEMPLATES + "list.html", {"nav": "network", "mailings": mailings})


def _mailing_form_page(request, mailing=None):
    data = request.POST if request.method == "POST" else None
    initial = MailingForm.initial_for(mailing) if mailing else None
    form = MailingForm(data, initial=initial, office=request.office)
    if request.method == "POST" and form.is_valid():
        fields = {"subject": form.cleaned_data["subject"], "body": form.cleaned_data["body"]}
        try:
            if mailing is None:
                mailing = services.mailing_create(
                    office=request.office, by=request.user, segment=form.segment(), **fields
                )
            else:
                services.mailing_update(mailing=mailing, segment=form.segment(), **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as a draft. Check the preview, then send."))
            return _to_detail(request, mailing)
    return render(
        request,
        TEMPLATES + "form.html",
        {"nav": "network", "form": form, "mailing": mailing},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def mailing_create(request):
    return _mailing_form_page(request)


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def mailing_edit(request, mailing_id: int):
    mailing = selectors.mailing_get(office=request.office, mailing_id=mailing_id)
    if mailing.status != Mailing.Status.DRAFT:
        messages.error(request, _("This mailing has been sent and can no longer be changed."))
        return _to_detail(request, mailing)
    return _mailing_form_page(request, mailing)


@never_cache
@staff_office_view(NETWORK_ROLES)
def mailing_detail(request, mailing_id: int):
    """A draft: the preview (how many, the first addresses, the e-mail as sent). Sent: who got it."""
    mailing = selectors.mailing_get(office=request.office, mailing_id=mailing_id)
    context = {"nav": "network", "mailing": mailing}
    if mailing.status == Mailing.Status.DRAFT:
        plan = selectors.mailing_recipient_plan(office=request.office, segment=mailing.segment)
        sample = plan.to_send[0].email if plan.to_send else "name@example.org"
        context |= {
            "plan": plan,
            "first_addresses": plan.to_send[: selectors.PREVIEW_ADDRESSES],
            "message": services.mailing_message(mailing=mailing, email=sample),
        }
    else:
        status = request.GET.get("status")
        status = status if status in MailingRecipient.Status.values else ""
        context |= {
            "status": status,
            "statuses": MailingRecipient.Status.choices,
            "recipients": list(
                selectors.mailing_recipients(mailing=mailing, status=status)[:RECIPIENTS_SHOWN]
            ),
            "shown": RECIPIENTS_SHOWN,
        }
    return render(request, TEMPLATES + "detail.html", context)


@staff_office_view(NETWORK_ROLES)
@require_POST
def mailing_send(request, mailing_id: int):
    mailing = selectors.mailing_get(office=request.office, mailing_id=mailing_id)
    try:
        count = services.mailing_send(mailing=mailing, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        text = ngettext(
            "The mailing is being sent to %(count)s address in the background.",
            "The mailing is being sent to %(count)s addresses in the background.",
            count,
        )
        messages.success(request, text % {"count": count})
    return _to_detail(request, mailing)


@staff_office_view(NETWORK_ROLES)
@require_POST
def mailing_delete(request, mailing_id: int):
    mailing = selectors.mailing_get(office=request.office, mailing_id=mailing_id)
    try:
        services.mailing_delete(mailing=mailing)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _to_detail(request, mailing)
    messages.success(request, _("The draft was deleted."))
    return redirect("network:mailing_list", office_slug=request.office.slug)


urlpatterns = [
    path("mailings/", mailing_list, name="mailing_list"),
    path("mailings/new/", mailing_create, name="mailing_create"),
    path("mailings/<int:mailing_id>/", mailing_detail, name="mailing_detail"),
    path("mailings/<int:mailing_id>/edit/", mailing_edit, name="mailing_edit"),
    path("mailings/<int:mailing_id>/send/", mailing_send, name="mailing_send"),
    path("mailings/<int:mailing_id>/delete/", mailing_delete, name="mailing_delete"),
]
