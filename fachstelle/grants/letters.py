"""The decision letter (approval or rejection) as a PDF on the office's letterhead.

Rendered from `grants/letters/decision.html` with WeasyPrint, which fetches nothing: only inline data:
URLs are allowed. The approval letter is stored on the grant (`Grant.letter`); a rejection letter is
rebuilt on demand from the application (nothing else to store)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from .models import Application, Grant, Payout
from .services.decisions import format_money


def letter_language(application: Application) -> str:
    """Letters go out in the office's language (the application records no language of its own)."""
    return settings.LANGUAGE_CODE.split("-")[0]


def final_report_url(application: Application) -> str:
    """The sponsor's link to the final report (the application page when no report page is routed)."""
    kwargs = {"office_slug": application.office.slug, "token": application.token}
    for name in ("grants_public:final_report", "grants_public:application_detail"):
        try:
            return settings.SITE_URL + reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return settings.SITE_URL + reverse("grants_public:letter_download", kwargs=kwargs).rsplit("/", 2)[0] + "/"


def letter_context(application: Application) -> dict:
    office = application.office
    grant = Grant.objects.filter(application=application).first()
    payouts = list(grant.payouts.exclude(status=Payout.Status.CANCELLED)) if grant else []
    currency = application.programme.currency
    decided_by = application.decided_by
    role = ""
    if decided_by is not None:
        from fachstelle.core.models import Membership

        membership = Membership.objects.filter(user=decided_by, office=office).first()
        role = membership.get_role_display() if membership else ""
    return {
        "office": office,
        "application": application,
        "programme": application.programme,
        "grant": grant,
        "approved": application.status == Application.Status.APPROVED and grant is not None,
        "amount": format_money(grant.amount, currency) if grant else "",
        "requested": format_money(application.requested_amount, currency),
        "payouts": [(p, format_money(p.amount, currency)) for p in payouts],
        "report_url": final_report_url(application),
        "date": timezone.localdate(application.decided_at)
        if application.decided_at
        else timezone.localdate(),
        "signer_name": (decided_by.get_full_name() or decided_by.get_username()) if decided_by else "",
        "signer_role": role,
    }


def letter_html(application: Application) -> str:
    with translation.override(letter_language(application)):
        return render_to_string("grants/letters/decision.html", letter_context(application))


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    # Only inline data: URLs; a letter never loads anything from the network or the disk.
    return URLFetcher(allowed_protocols={"data"})


def letter_document(application: Application):
    """The laid-out letter (a WeasyPrint Document: pages with their boxes)."""
    from weasyprint import HTML  # heavy import, needed only here

    return HTML(
        string=letter_html(application), base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher()
    ).render()


def letter_pdf(application: Application) -> bytes:
    """The decision letter of a decided application as PDF bytes."""
    return letter_document(application).write_pdf()


def letter_filename(application: Application) -> str:
    ref = slugify(application.reference or f"gesuch-{application.pk}")
    return f"entscheid-{ref}.pdf"


def letter_store(grant: Grant) -> bytes:
    """Build the approval letter and keep it on the grant; returns the bytes."""
    pdf = letter_pdf(grant.application)
    if grant.letter:
        grant.letter.delete(save=False)
    grant.letter.save(letter_filename(grant.application), ContentFile(pdf), save=False)
    Grant.objects.filter(pk=grant.pk).update(letter=grant.letter.name)
    return pdf
