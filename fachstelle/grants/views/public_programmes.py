"""Grants: the office's open and upcoming funding programmes, and the start of an application.

The start form creates a DRAFT and e-mails the personal link; the link is also shown on the next page
("bookmark it"), so an applicant with a mistyped address does not lose the draft.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import active_language
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.richtext import render_markdown
from fachstelle.core.tenancy import office_get_public
from fachstelle.network.models import Organisation

from ..forms_public import StartForm
from ..selectors.applicant import programme_get_public, programmes_public
from ..services.applications import application_start, programme_closed_message, today_zurich

TEMPLATES = "grants/public/"


def rate_limit_text() -> str:
    return _(
        "You have sent this form too often in a short time. Please wait a while and try again; "
        "what you typed is kept below."
    )


def _programme_card(programme, language: str) -> dict:
    return {
        "programme": programme,
        "description_html": render_markdown(programme.description) if programme.description else "",
        "eligibility_html": render_markdown(programme.eligibility) if programme.eligibility else "",
        "areas": [(area.code, area.label(language)) for area in programme.promotion_areas.all()],
        "documents": [label for label in programme.required_documents or [] if isinstance(label, str)],
    }


@require_GET
def programme_list(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = active_language()
    programmes = programmes_public(office=office, today=today_zurich())
    context = {
        "office": office,
        "public_nav": "grants",
        "open_programmes": [_programme_card(p, language) for p in programmes.open],
        "upcoming_programmes": [_programme_card(p, language) for p in programmes.upcoming],
        # Programme texts are written in German only.
        "source_fallback": language != "de",
    }
    return render(request, TEMPLATES + "programme_list.html", context)


def _organisations(office) -> list:
    return list(
        Organisation.objects.filter(office=office, is_public=True, is_active=True)
        .select_related("municipality")
        .order_by("name")
    )


@require_http_methods(["GET", "POST"])
def application_start_view(request, office_slug, programme_slug):
    office = office_get_public(slug=office_slug)
    programme = programme_get_public(office=office, slug=programme_slug)
    closed = programme_closed_message(programme)
    organisations = _organisations(office)
    context = {"office": office, "public_nav": "grants", "programme": programme, "closed": closed}
    if closed:
        return render(
            request,
            TEMPLATES + "application_start.html",
            context,
            status=200 if request.method == "GET" else 409,
        )
    if request.method == "GET":
        context["form"] = StartForm(organisations=organisations)
        return render(request, TEMPLATES + "application_start.html", context)

    form = StartForm(request.POST, organisations=organisations)
    context["form"] = form
    if form.is_spam():
        # Bots see the list again; nothing is stored, nothing is sent.
        return redirect("grants_public:programme_list", office_slug=office.slug)
    if rate_limited(request, "grant-application-start"):
        context["rate_limited"] = rate_limit_text()
        return render(request, TEMPLATES + "application_start.html", context, status=429)
    if not form.is_valid():
        return render(request, TEMPLATES + "application_start.html", context, status=400)
    data = form.cleaned_data
    try:
        application = application_start(
            programme=programme,
            organisation=data.get("organisation"),
            organisation_name=data["organisation_name"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            submission_key=data["submission_key"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return render(request, TEMPLATES + "application_start.html", context, status=409)
    messages.success(
        request,
        _(
            "Your application has been created. We have sent the personal link to %(email)s; "
            "please bookmark this page as well."
        )
        % {"email": application.contact_email},
    )
    return redirect("grants_public:application_detail", office_slug=office.slug, token=application.token)


urlpatterns = [
    path("<slug:office_slug>/grants/", programme_list, name="programme_list"),
    path(
        "<slug:office_slug>/grants/<slug:programme_slug>/apply/",
        application_start_view,
        name="application_start",
    ),
]
