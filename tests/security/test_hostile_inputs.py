"""Hostile inputs on every public form and on the public search parameters.

The fields of each form are read from the rendered page (so a field added later is attacked too). Each free
text field gets every payload of tests/security/payloads.py while the other fields stay valid, so what
passes validation is stored; choice fields get a shorter list; wrong content types (JSON, XML, multipart
with an executable) go to every form. Asserted: never a 500 (the test client re-raises exceptions), no
injected header, and no stored payload rendered unescaped on the staff pages that show it or on the
public pages.
"""

import datetime
import re
import uuid

import lxml.html
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.events.models import Registration
from fachstelle.events.tests.factories_public import EventFactory
from fachstelle.grants.models import Application
from fachstelle.grants.tests.public_factories import make_programme
from fachstelle.guide.models import GuidePage, PageFeedback
from fachstelle.network.forms.reports import WITH_CONTACT
from fachstelle.network.models import Inquiry, Report
from fachstelle.network.tests.factories_inquiries import FieldContactFactory, staff_member
from fachstelle.offers.models import OfferIssueReport, OfferProposal

from . import payloads

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("no_rate_limit"),
]

OK_STATUSES = {200, 301, 302, 303, 400, 403, 404, 405, 413, 415, 429}
TEXT_TYPES = {"text", "email", "tel", "url", "date", "number", "search", "textarea", None}


@pytest.fixture
def no_rate_limit():
    # The forms answer 429-like messages after 10 submissions an hour per address; the test sends hundreds.
    with override_settings(PUBLIC_FORM_RATE_LIMIT=1_000_000):
        yield


@pytest.fixture
def site(vocab):
    town = MunicipalityFactory(name="Zofingen")
    office = OfficeFactory(slug="zofingen", municipalities=[town])
    admin = staff_member(office, Membership.Role.ADMIN, email="admin@example.org")
    FieldContactFactory(office=office, field_of_action=vocab["areas"]["wohnen"], person=admin)
    offer = make_offer(office=office, title="Deutschkurs", summary="Deutsch lernen.")
    event = EventFactory(office=office, capacity=100_000, max_people_per_registration=5)
    page = GuidePage.objects.create(office=office, title="Ankommen", status=GuidePage.Status.PUBLISHED)
    programme = make_programme(office)
    return {
        "office": office,
        "town": town,
        "admin": admin,
        "offer": offer,
        "event": event,
        "page": page,
        "programme": programme,
    }


# --- reading a form from its page ---------------------------------------------------------------------


def valid_text(name: str, input_type: str | None) -> str:
    """A value a real person would type, by the field's type and name."""
    if input_type == "email" or "email" in name:
        return "person@example.org"
    if input_type == "url" or "website" in name or name.endswith("_url"):
        return "https://example.org/"
    if input_type == "date" or name.endswith(("_on", "_date")):
        return (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    if input_type == "number" or name in {"people"}:
        return "1"
    if "amount" in name:
        return "100"
    if "postcode" in name:
        return "4800"
    if "phone" in name:
        return "+41 62 000 00 00"
    return "Ein ganz normaler Text"


class PublicForm:
    """The POST form of a page: its action, a valid baseline and which fields are free text or choices."""

    def __init__(self, url: str, html: str):
        doc = lxml.html.fromstring(html)
        forms = [
            f for f in doc.forms if (f.method or "").upper() == "POST" and f.inputs.keys() and _is_public(f)
        ]
        assert forms, f"no public POST form on {url}"
        form = forms[0]
        self.action = form.get("action") or url
        self.baseline: dict[str, object] = {}
        self.text_fields: list[str] = []
        self.choice_fields: list[str] = []
        self.file_fields: list[str] = []
        for element in form.inputs:
            name = element.get("name")
            if not name or name in {"csrfmiddlewaretoken", "website_url"}:
                continue
            tag = element.tag
            input_type = (element.get("type") or "text").lower() if tag == "input" else None
            if tag == "select":
                values = [o.get("value") for o in element.iter("option") if o.get("value")]
                if values:
                    self.baseline[name] = values[0]
                self.choice_fields.append(name)
            elif input_type in {"checkbox", "radio"}:
                if name not in self.baseline:
                    self.baseline[name] = element.get("value") or "on"
                    self.choice_fields.append(name)
            elif input_type == "hidden":
                self.baseline[name] = element.get("value") or ""
            elif input_type == "file":
                self.file_fields.append(name)
            elif input_type in {"submit", "button"}:
                continue
            else:
                self.baseline[name] = valid_text(name, input_type)
                self.text_fields.append(name)

    def data(self, **overrides) -> dict:
        data = {**self.baseline, **overrides}
        if "submission_key" in data:
            data["submission_key"] = str(uuid.uuid4())  # every post is a new submission
        data["website_url"] = ""
        return data


def _is_public(form) -> bool:
    # The language switcher and the search box are GET forms; logout is not on public pages.
    return "i18n" not in (form.get("action") or "")


def assert_answer(response) -> None:
    assert response.status_code in OK_STATUSES, response.status_code
    for name, value in response.items():
        assert "h5crlf" not in name.lower() and "\n" not in value and "\r" not in value, (name, value)
    assert "h5crlf" not in str(response.cookies)


def assert_escaped(response, where: str) -> None:
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    for marker in payloads.RAW_MARKERS:
        assert marker not in html, f"unescaped payload on {where}: {marker}"
    # A Markdown link or attribute must never turn a payload into a live javascript: URL.
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:[^"'>]*h5xss""", html, re.I), where


def attack(client, url: str, *, expect_stored, valid=None) -> tuple[PublicForm, int]:
    """Posts the valid baseline (must be stored), then every payload into each field. Returns the count."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = PublicForm(url, response.content.decode())
    form.baseline.update(valid or {})
    before = expect_stored()
    assert_answer(client.post(form.action, form.data()))
    assert expect_stored() == before + 1, f"the valid baseline was not stored by {form.action}"
    sent = 1
    for field in form.text_fields:
        for payload in payloads.ALL:
            assert_answer(client.post(form.action, form.data(**{field: payload})))
            sent += 1
    for field in form.choice_fields:
        for payload in payloads.SHORT:
            assert_answer(client.post(form.action, form.data(**{field: payload})))
            sent += 1
    # Every field hostile at once, and bodies the form does not expect.
    for payload in payloads.SHORT:
        hostile = dict.fromkeys([*form.text_fields, *form.choice_fields], payload)
        assert_answer(client.post(form.action, form.data(**hostile)))
        sent += 1
    for content_type, body in [
        ("application/json", '{"name": "<script>alert(1)</script>", "email": ["x"]}'),
        (
            "application/xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        ),
        ("text/plain", "name=x&email=y"),
        ("multipart/form-data; boundary=broken", "--broken\r\nContent-Disposition: form-data\r\n\r\nx"),
        ("application/x-www-form-urlencoded", "%ZZ=%%&name=" + "%00" * 100),
    ]:
        assert_answer(client.generic("POST", form.action, body, content_type=content_type))
        sent += 1
    # A file the form does not ask for (or one of the wrong type where it does).
    executable = SimpleUploadedFile("../../evil.exe", b"MZ\x90\x00" * 100, content_type="image/png")
    svg = SimpleUploadedFile("x.svg", b'<svg onload="alert(1)"/>', content_type="image/svg+xml")
    files = dict.fromkeys(form.file_fields, svg) or {"upload": svg}
    assert_answer(client.post(form.action, {**form.data(), **files, "attachment": executable}))
    sent += 1
    return form, sent


def _staff(name, **kwargs):
    return lambda site: [reverse(name, kwargs={"office_slug": site["office"].slug, **kwargs})]


def _staff_each(name, id_name, queryset):
    return lambda site: [
        reverse(name, kwargs={"office_slug": site["office"].slug, id_name: pk})
        for pk in queryset().values_list("pk", flat=True)[:60]
    ]


# name: (form page, stored count, valid values the generic guess gets wrong, staff pages showing the rows)
FORMS = {
    "inquiry": (
        lambda site: reverse("network_public:inquiry_create", kwargs={"office_slug": site["office"].slug}),
        Inquiry.objects.count,
        {},
        lambda site: (
            _staff("network:inquiry_inbox")(site)
            + _staff_each("network:inquiry_detail", "inquiry_id", Inquiry.objects.all)(site)
        ),
    ),
    "report": (
        lambda site: reverse("network_public:report_create", kwargs={"office_slug": site["office"].slug}),
        Report.objects.count,
        {"anonymity": WITH_CONTACT},
        lambda site: (
            _staff("network:report_list")(site)
            + _staff_each("network:report_detail", "report_id", Report.objects.all)(site)
        ),
    ),
    "event registration": (
        lambda site: site["event"].get_absolute_url(),
        Registration.objects.count,
        {},
        lambda site: _staff("events:participants", event_id=site["event"].pk)(site),
    ),
    "guide feedback": (
        lambda site: site["page"].get_absolute_url(),
        PageFeedback.objects.count,
        {},
        _staff("guide:feedback_list"),
    ),
    "offer issue report": (
        lambda site: reverse(
            "offers:issue_report", kwargs={"office_slug": site["office"].slug, "pk": site["offer"].pk}
        ),
        OfferIssueReport.objects.count,
        {},
        lambda site: [],  # reviewed in the admin, which escapes everything
    ),
    "offer proposal": (
        lambda site: reverse("offers:proposal_create", kwargs={"office_slug": site["office"].slug}),
        OfferProposal.objects.count,
        {"cost_type": "fee"},
        lambda site: [],  # reviewed in the admin, which escapes everything
    ),
    "grant application": (
        lambda site: reverse(
            "grants_public:application_start",
            kwargs={"office_slug": site["office"].slug, "programme_slug": site["programme"].slug},
        ),
        Application.objects.count,
        {},
        lambda site: [],  # a started application is a draft: staff see it once it is submitted
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_public_form_never_fails_nor_shows_a_payload_unescaped(
    client, site, name, django_capture_on_commit_callbacks
):
    url, count, valid, staff_pages = FORMS[name]
    with django_capture_on_commit_callbacks(execute=True):
        _form, sent = attack(client, url(site), expect_stored=count, valid=valid)
    assert sent >= 50  # dozens to hundreds of hostile requests per form, not a token few
    # Mails (confirmations, notifications) carry no injected header, and plain text is not HTML-escaped.
    for message in mail.outbox:
        assert "&lt;" not in message.subject and "&#x27;" not in message.subject, message.subject
        for header, folded in message.message().items():
            value = re.sub(r"\r?\n[ \t]", " ", folded)  # long headers are folded, which is fine
            assert "h5crlf" not in header.lower() and "\n" not in value.strip("\n"), (header, value)
    # What was stored is shown escaped wherever staff read it, and on the public page of the form.
    public = client.get(url(site))
    assert_escaped(public, url(site))
    pages = staff_pages(site)
    if not pages:
        return
    login_verified(client, site["admin"])
    escaped_seen = False
    for page in pages:
        response = client.get(page)
        assert_escaped(response, page)
        # No raw payload (checked above) but the marker: a payload shown escaped.
        escaped_seen |= "h5xss" in response.content.decode()
    # The payloads really were stored and shown (so the check above had something to escape).
    assert escaped_seen, f"no staff page showed a stored payload of the {name} form"


SEARCH_PARAMETERS = {
    "offers:search_all": (
        {},
        ["q", "area", "kip", "target_group", "language", "municipality", "free", "page"],
    ),
    "offers:offer_list": (
        {"office_slug": "zofingen"},
        ["q", "area", "kip", "target_group", "language", "municipality", "childcare", "page", "sort"],
    ),
    "events_public:event_list": ({"office_slug": "zofingen"}, ["q", "field", "language", "month", "page"]),
    "news_public:news_list": ({"office_slug": "zofingen"}, ["page", "q"]),
    "grants_public:funded_list": ({"office_slug": "zofingen"}, ["year", "q", "programme", "page"]),
    "guide_public:guide_index": ({"office_slug": "zofingen"}, ["municipality", "q"]),
    "network_public:inquiry_create": ({"office_slug": "zofingen"}, ["topic", "back", "next"]),
}


def test_search_parameters_never_fail_or_reflect_a_payload(client, site):
    sent = 0
    for name, (kwargs, parameters) in SEARCH_PARAMETERS.items():
        url = reverse(name, kwargs=kwargs)
        for parameter in parameters:
            for payload in [*payloads.SHORT, *payloads.XSS[2:6]]:
                response = client.get(url, {parameter: payload})
                assert_answer(response)
                if response.status_code == 200 and "html" in response["Content-Type"]:
                    assert_escaped(response, f"{url}?{parameter}=…")
                sent += 1
        # Repeated parameters and a raw, badly encoded query string.
        assert_answer(
            client.get(url + "?q=%ZZ&q=%00&page=%2e%2e%2f&" + "&".join(f"area={i}" for i in range(500)))
        )
    assert sent >= 200
