"""E-mails of the self-service: plain text from templates/offers/email/<name>.txt and <name>_subject.txt.

Mails to the public (submitter, provider) are written in the language the person used on the site (German
when that language has no interface catalogue) and answer to the office (Reply-To). Mails to the office
are written in German, the office's working language, and answer to the person who wrote, when known.
Links are absolute (settings.SITE_URL) and keep the person's page language. Called after commit.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django_tasks import task

from ..models import OfferIssueReport, OfferProposal, ProviderConfirmation

logger = logging.getLogger(__name__)


def mail_language(code: str | None) -> str:
    return code if code in settings.UI_LANGUAGES else settings.LANGUAGE_CODE


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def public_url(name: str, language: str | None, **kwargs) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, kwargs=kwargs))


def admin_url(name: str, *args) -> str:
    try:
        return absolute_url(reverse(name, args=args))
    except NoReverseMatch:  # admin not registered (e.g. a trimmed-down deployment)
        return absolute_url("/admin/")


def send_mail_from_template(
    *,
    office,
    to: list[str],
    template: str,
    context: dict,
    language: str | None,
    reply_to: list[str] | None = None,
) -> None:
    """Render subject and body in `language` and send one message; the subject names the office."""
    context = {"office": office, "site_url": settings.SITE_URL, **context}
    with translation.override(mail_language(language)):
        subject = " ".join(render_to_string(f"offers/email/{template}_subject.txt", context).split())
        body = render_to_string(f"offers/email/{template}.txt", context)
    EmailMessage(
        subject=f"[{office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[address for address in reply_to or [] if address] or None,
    ).send()


def _submitter_language(proposal: OfferProposal) -> str:
    return (proposal.data or {}).get("submitter_language") or settings.LANGUAGE_CODE


@task()
def proposal_send_confirmation_link(*, proposal_id: int) -> None:
    from .proposals import PROPOSAL_CONFIRMATION_DAYS

    proposal = OfferProposal.objects.select_related("office", "offer").get(pk=proposal_id)
    language = _submitter_language(proposal)
    send_mail_from_template(
        office=proposal.office,
        to=[proposal.submitter_email],
        template="proposal_confirm",
        language=language,
        reply_to=[proposal.office.email],
        context={
            "proposal": proposal,
            "title": proposal.data.get("title", ""),
            "days": PROPOSAL_CONFIRMATION_DAYS,
            "url": public_url(
                "offers:proposal_confirm", language, office_slug=proposal.office.slug, token=proposal.token
            ),
        },
    )


@task()
def proposal_notify_office(*, proposal_id: int) -> None:
    proposal = OfferProposal.objects.select_related("office", "offer").get(pk=proposal_id)
    if not proposal.office.email:
        logger.warning(
            "Office %s has no e-mail address; proposal %s not announced", proposal.office.slug, proposal.pk
        )
        return
    send_mail_from_template(
        office=proposal.office,
        to=[proposal.office.email],
        template="proposal_new",
        language=settings.LANGUAGE_CODE,
        reply_to=[proposal.submitter_email],
        context={
            "proposal": proposal,
            "title": proposal.data.get("title", ""),
            "submitter_language": _submitter_language(proposal),
            "url": admin_url("admin:offers_offerproposal_change", proposal.pk),
        },
    )


@task()
def proposal_send_outcome(*, proposal_id: int) -> None:
    proposal = OfferProposal.objects.select_related("office", "resulting_offer").get(pk=proposal_id)
    language = _submitter_language(proposal)
    offer = proposal.resulting_offer
    offer_url = ""
    if offer is not None and offer.is_public:
        offer_url = public_url(
            "offers:offer_detail", language, office_slug=proposal.office.slug, pk=offer.pk, slug=offer.slug
        )
    send_mail_from_template(
        office=proposal.office,
        to=[proposal.submitter_email],
        language=language,
        template="proposal_approved"
        if proposal.status == OfferProposal.Status.APPROVED
        else "proposal_rejected",
        reply_to=[proposal.office.email],
        context={"proposal": proposal, "title": proposal.data.get("title", ""), "offer_url": offer_url},
    )


def confirmation_send_request(*, confirmation_id: int) -> None:
    from .confirmations import confirmation_offers

    confirmation = ProviderConfirmation.objects.select_related("office", "organisation").get(
        pk=confirmation_id
    )
    language = settings.LANGUAGE_CODE  # sent by the scheduled command, not by a visitor
    send_mail_from_template(
        office=confirmation.office,
        to=[confirmation.email],
        template="confirmation_request",
        language=language,
        reply_to=[confirmation.office.email],
        context={
            "confirmation": confirmation,
            "organisation": confirmation.organisation,
            "offers": confirmation_offers(confirmation=confirmation, language=language),
            "url": public_url(
                "offers:provider_confirmation",
                language,
                office_slug=confirmation.office.slug,
                token=confirmation.token,
            ),
        },
    )


@task()
def issue_report_notify_office(*, report_id: int, language: str) -> None:
    report = OfferIssueReport.objects.select_related("office", "offer").get(pk=report_id)
    if not report.office.email:
        logger.warning(
            "Office %s has no e-mail address; report %s not announced", report.office.slug, report.pk
        )
        return
    send_mail_from_template(
        office=report.office,
        to=[report.office.email],
        template="issue_report_new",
        language=settings.LANGUAGE_CODE,
        reply_to=[report.reporter_email],
        context={
            "report": report,
            "offer": report.offer,
            "reporter_language": language,
            "offer_url": public_url(
                "offers:offer_detail",
                settings.LANGUAGE_CODE,
                office_slug=report.office.slug,
                pk=report.offer.pk,
                slug=report.offer.slug,
            ),
            "url": admin_url("admin:offers_offerissuereport_change", report.pk),
        },
    )
