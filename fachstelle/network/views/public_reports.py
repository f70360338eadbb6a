"""The public reporting point (Meldestelle): report a migration-specific challenge or an experience of
discrimination, anonymously or with contact details.

Like every public form: the honeypot first (bots get the normal confirmation and nothing is stored),
then the rate limit (429, input kept), then the input (messages in the page language, input kept). A form
sent twice (double click, reload) stores one report and shows the same reference.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fachstelle.core.languages import active_language
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.tenancy import office_get_public

from ..forms.reports import ReportForm
from ..selectors.reports import report_municipality_choices
from ..services.reports import report_submit

TEMPLATES = "network/public/"
# Service error keys → the form field that shows them.
RENAMED = {"is_anonymous": "anonymity"}


def _show_errors(form: ReportForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        key = RENAMED.get(key, key)
        form.add_error(key if key in form.fields else None, messages)


@require_http_methods(["GET", "POST"])
def report_create(request, office_slug):
    office = office_get_public(slug=office_slug)
    municipalities = report_municipality_choices(office=office)
    context = {"office": office}
    if request.method == "POST":
        form = ReportForm(request.POST, municipalities=municipalities)
        if form.is_spam():
            return render(request, TEMPLATES + "report_sent.html", {**context, "report": None})
        if rate_limited(request, "report"):
            message = _(
                "You have sent this form too often in a short time. Please wait a while and try again; "
                "what you typed is kept below."
            )
            return render(
                request,
                TEMPLATES + "report_form.html",
                {**context, "form": form, "rate_limited": message},
                status=429,
            )
        if form.is_valid():
            try:
                report, _created = report_submit(
                    office=office, language=active_language(), **form.report_fields()
                )
            except ValidationError as error:
                _show_errors(form, error)
            else:
                return render(request, TEMPLATES + "report_sent.html", {**context, "report": report})
    else:
        form = ReportForm(municipalities=municipalities)
    return render(request, TEMPLATES + "report_form.html", {**context, "form": form})
