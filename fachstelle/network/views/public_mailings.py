"""The public unsubscribe page of mailings: /<lang>/<office_slug>/unsubscribe/<token>/.

GET only shows the address and a button (link scanners of mail servers open links; they must not
unsubscribe anybody); POST records the opt-out. The view is exempt from CSRF on purpose: mail programs
send the one-click unsubscribe of RFC 8058 as a POST without a cookie, and the signed token already
proves that the request comes from the e-mail's recipient.
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from fachstelle.core.tenancy import office_get_public

from ..services.mailings import mailing_unsubscribe, unsubscribe_token_email

TEMPLATES = "network/public/"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, office_slug: str, token: str):
    office = office_get_public(slug=office_slug)
    email = unsubscribe_token_email(office=office, token=token)
    if email is None:
        return render(request, TEMPLATES + "unsubscribe_invalid.html", {"office": office}, status=404)
    if request.method == "POST":
        mailing_unsubscribe(office=office, email=email)
        return render(request, TEMPLATES + "unsubscribe_done.html", {"office": office, "email": email})
    return render(request, TEMPLATES + "unsubscribe.html", {"office": office, "email": email})
