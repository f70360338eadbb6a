"""Public self-service: provider proposals, the periodic confirmation, reports on offers.

Thin views: parse, call selfservice services/selectors, render. Every public form checks the honeypot
(bots get the normal success page and nothing is stored), then the rate limit (429, input kept), then
the input (messages in the page language, input kept).
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from fachstelle.core.languages import active_language
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.tenancy import office_get_public

from . import selectors, selfservice
from .forms import IssueReportForm, ProposalForm
from .models import Offer, OfferProposal, ProviderConfirmation

TEMPLATES = "offers/selfservice/"


def _link_invalid(request, office, *, kind: str):
    """A friendly page for unknown, expired or foreign links (404, so robots forget them)."""
    return render(request, TEMPLATES + "link_invalid.html", {"office": office, "kind": kind}, status=404)


def _rate_limit_message() -> str:
    return _(
        "You have sent this form too often in a short time. Please wait a while and try again; "
        "what you typed is kept below."
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = active_language()
    notices = []
    confirmation = None
    if token := request.GET.get("confirmation"):
        try:
            confirmation = selfservice.confirmation_get_valid(office=office, token=token)
        except ProviderConfirmation.DoesNotExist:
            notices.append(_("Your personal link has expired; please confirm your e-mail address once more."))
    change_offer = None
    if "offer" in request.GET:
        change_offer = selfservice.proposal_offer_for_change(
            office=office, offer_id=request.GET["offer"], confirmation=confirmation
        )
        if change_offer is None:
            notices.append(_("The offer to change was not found. You can propose a new offer instead."))
    providers = list(selfservice.providers_for_proposals(office=office))
    preselected = None
    if change_offer is None and (slug := request.GET.get("provider")):
        preselected = next((p for p in providers if p.slug == slug), None)
        if preselected is None:
            notices.append(_("Unknown provider ignored; please choose your organisation below."))
    if change_offer is None and confirmation is not None and preselected is None:
        preselected = next((p for p in providers if p.pk == confirmation.organisation_id), None)

    # The form posts back to a clean URL carrying only the parameters that were valid.
    query = {}
    if change_offer is not None:
        query["offer"] = change_offer.pk
    elif preselected is not None:
        query["provider"] = preselected.slug
    if confirmation is not None:
        query["confirmation"] = confirmation.token
    form_action = reverse("offers:proposal_create", kwargs={"office_slug": office.slug})
    if query:
        form_action += "?" + urlencode(query)

    form_kwargs = {
        "office": office,
        "vocabulary": selectors.vocabulary_load(office=office),
        "providers": providers,
        "language": language,
        "change_offer": change_offer,
    }
    context = {
        "office": office,
        "change_offer": change_offer,
        "confirmation": confirmation,
        "notices": notices,
        "form_action": form_action,
    }
    if request.method == "POST":
        form = ProposalForm(request.POST, **form_kwargs)
        if form.is_spam():
            return render(request, TEMPLATES + "proposal_sent.html", {**context, "verified": False})
        if rate_limited(request, "proposal"):
            return render(
                request,
                TEMPLATES + "proposal_form.html",
                {**context, "form": form, "rate_limited": _rate_limit_message()},
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            keep_locations = []
            if change_offer is not None:
                keep_locations = selfservice.offer_proposal_data(change_offer)["locations"][1:]
            try:
                proposal, _created = selfservice.proposal_submit(
                    office=office,
                    submission_key=data["submission_key"],
                    submitter_name=data["submitter_name"],
                    submitter_email=data["submitter_email"],
                    submitter_phone=data["submitter_phone"],
                    organisation=data.get("organisation"),
                    organisation_name=data.get("organisation_name", ""),
                    organisation_website=data.get("organisation_website", ""),
                    data=form.proposal_data(keep_locations=keep_locations),
                    message=data["message"],
                    offer=change_offer,
                    language=language,
                    confirmation=confirmation,
                )
            except selfservice.SelfServiceError as exc:
                form.add_error(None, exc.message)
            else:
                verified = proposal.status != OfferProposal.Status.UNCONFIRMED
                return render(request, TEMPLATES + "proposal_sent.html", {**context, "verified": verified})
    else:
        initial = {}
        if change_offer is not None:
            initial = ProposalForm.initial_from_data(selfservice.offer_proposal_data(change_offer))
        elif preselected is not None:
            initial["organisation"] = preselected.slug
        if confirmation is not None:
            initial["submitter_email"] = confirmation.email
        form = ProposalForm(initial=initial, **form_kwargs)
    return render(request, TEMPLATES + "proposal_form.html", {**context, "form": form})


def proposal_confirm(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    try:
        proposal = selfservice.proposal_confirm_email(office=office, token=token)
    except OfferProposal.DoesNotExist:
        return _link_invalid(request, office, kind="proposal")
    return render(request, TEMPLATES + "proposal_confirmed.html", {"office": office, "proposal": proposal})


@require_http_methods(["GET", "POST"])
def provider_confirmation(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    try:
        confirmation = selfservice.confirmation_get_valid(office=office, token=token)
    except ProviderConfirmation.DoesNotExist:
        return _link_invalid(request, office, kind="confirmation")
    if request.method == "POST":
        count = selfservice.provider_confirm_offers(confirmation=confirmation)
        text = ngettext(
            "Thank you! %(count)s offer is confirmed as correct.",
            "Thank you! %(count)s offers are confirmed as correct.",
            count,
        )
        messages.success(request, text % {"count": count})
        return HttpResponseRedirect(request.path)
    language = active_language()
    offers = selfservice.confirmation_offers(confirmation=confirmation, language=language)
    return render(
        request,
        TEMPLATES + "provider_confirmation.html",
        {
            "office": office,
            "confirmation": confirmation,
            "organisation": confirmation.organisation,
            "cards": [(offer, selectors.offer_localized(offer, language)) for offer in offers],
            "propose_url": reverse("offers:proposal_create", kwargs={"office_slug": office.slug}),
        },
    )


@require_http_methods(["GET", "POST"])
def issue_report(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    language = active_language()
    offer = Offer.objects.public().filter(office=office, pk=pk).first()
    if offer is None:
        raise Http404("No such offer")
    offer.office = office
    text = selectors.offer_localized(offer, language)
    context = {"office": office, "offer": offer, "text": text}
    if request.method == "POST":
        form = IssueReportForm(request.POST)
        success = _("Thank you for your report. The office will check the offer.")
        if form.is_spam():
            messages.success(request, success)
            return HttpResponseRedirect(offer.get_absolute_url())
        if rate_limited(request, "issue_report"):
            return render(
                request,
                TEMPLATES + "issue_report_form.html",
                {**context, "form": form, "rate_limited": _rate_limit_message()},
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            selfservice.issue_report_submit(
                office=office,
                offer=offer,
                kind=data["kind"],
                message=data["message"],
                reporter_email=data["reporter_email"],
                submission_key=data["submission_key"],
                language=language,
            )
            messages.success(request, success)
            return HttpResponseRedirect(offer.get_absolute_url())
    else:
        form = IssueReportForm()
    return render(request, TEMPLATES + "issue_report_form.html", {**context, "form": form})
