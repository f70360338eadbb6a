"""Public pages of the inquiries: the office's contact persons, and the inquiry form.

The form: the rate limit per client IP first (every POST counts, bots' too: 429, input kept; beyond twice
the limit a short 429 page that costs almost nothing), then the honeypot (a bot gets the normal thank-you
page without a reference and nothing is stored), then the input (messages, input kept). A double submit
(same one-time key) shows the first inquiry's reference and stores nothing more. A flood from one address
therefore leaves at most PUBLIC_FORM_RATE_LIMIT inquiries per window in the inbox.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fachstelle.core.languages import active_language
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.tenancy import office_get_public

from ..forms.inquiries import InquiryForm
from ..selectors import inquiries as selectors
from ..services import inquiries as services

TEMPLATES = "network/public/"
RATE_LIMIT_SCOPE = "inquiry"
FLOOD_SCOPE = "inquiry-refused"


def contact_page(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = active_language()
    contacts = list(selectors.field_contacts_for_office(office=office).filter(person__is_active=True))
    return render(
        request,
        TEMPLATES + "contact_page.html",
        {"office": office, "contacts": contacts, "language": language},
    )


@require_http_methods(["GET", "POST"])
def inquiry_create(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = active_language()
    context = {"office": office}

    def make_form(*args, **kwargs) -> InquiryForm:
        # Built only where a page shows it: a refused flood costs no queries for the choices.
        return InquiryForm(
            *args,
            topics=selectors.inquiry_topics(office=office),
            municipalities=list(office.municipalities.order_by("name")),
            language=language,
            **kwargs,
        )

    if request.method != "POST":
        initial = {}
        # The contact page links to the form with the topic chosen.
        if topic := request.GET.get("topic"):
            initial["topic"] = topic
        form = make_form(initial=initial)
        return render(request, TEMPLATES + "inquiry_form.html", {**context, "form": form})

    # Every POST counts against the limit, bots' too. Refused requests are counted once more: a person
    # who hit the limit gets the form back with the input kept a few times; a flood beyond that gets a
    # short page that costs no form, no queries and no template of the site layout.
    if rate_limited(request, RATE_LIMIT_SCOPE):
        if rate_limited(request, FLOOD_SCOPE):
            return render(request, TEMPLATES + "inquiry_flood.html", {"office": office}, status=429)
        message = _(
            "You have sent this form too often in a short time. Please wait a while and try again; "
            "what you typed is kept below."
        )
        form = make_form(request.POST)
        return render(
            request,
            TEMPLATES + "inquiry_form.html",
            {**context, "form": form, "rate_limited": message},
            status=429,
        )
    form = make_form(request.POST)
    if form.is_spam():
        return render(request, TEMPLATES + "inquiry_sent.html", {**context, "inquiry": None})
    if form.is_valid():
        data = form.cleaned_data
        try:
            inquiry, _created = services.inquiry_submit(
                office=office,
                submission_key=data["submission_key"],
                sender_type=data["sender_type"],
                field_of_action=form.field_of_action(),
                municipality=form.municipality_obj(),
                subject=data["subject"],
                message=data["message"],
                preferred_language=data["preferred_language"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                organisation_name=data["organisation_name"],
                language=language,
            )
        except ValidationError as error:
            for key, texts in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(key if key in form.fields else None, texts)
        else:
            return render(request, TEMPLATES + "inquiry_sent.html", {**context, "inquiry": inquiry})
    return render(request, TEMPLATES + "inquiry_form.html", {**context, "form": form}, status=400)
