"""Issue 7, "done when", end to end through the real HTTP views.

An association applies for CHF 4,500 for a women's German conversation café in Brittnau, saves a draft,
comes back through the link from the e-mail, submits; two reviewers score it; the lead approves CHF 4,000
with two instalments; the PDF decision letter goes out; both instalments are released and paid; the final
report comes in through the link; the lead accepts it, settles (CHF 200 paid back) and closes. After every
step the programme's budget figures (selector and staff budget page) are checked.

The applicant is anonymous (personal link only); staff are logged in with a verified second factor, each in
their own browser (Client).
"""

import datetime
import html as html_lib
import re
import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.core.models import AuditEvent, TargetGroup
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.grants.letters import letter_html
from fachstelle.grants.models import (
    Application,
    Assessment,
    AssessmentCriterion,
    Attachment,
    BudgetLine,
    FinalReport,
    FundingProgramme,
    Grant,
    Payout,
)
from fachstelle.grants.selectors.budget import programme_budget

from .money_factories import Role, make_office, make_staff
from .public_factories import PDF_BYTES, VALID_IBAN

pytestmark = pytest.mark.django_db

D = Decimal
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PROJECT_TITLE = "Deutsch-Konversationscafé für Frauen"
SPONSOR_NAME = "Verein Frauentreff Brittnau"
APPLICANT_EMAIL = "ayla.demir@example.org"

# requested 4,500 = costs 5,500 − own 600 − third-party 400.
BUDGET_LINES = [
    {"kind": "cost", "category": "personnel", "description": "Gesprächsleitung", "amount": "3000"},
    {"kind": "cost", "category": "rooms", "description": "Raummiete Gemeindesaal", "amount": "1200"},
    {"kind": "cost", "category": "childcare", "description": "Kinderbetreuung", "amount": "1300"},
    {"kind": "own", "category": "volunteers", "description": "Freiwilligenarbeit", "amount": "600"},
    {"kind": "third_party", "category": "other", "description": "Beitrag Gemeinde Brittnau", "amount": "400"},
]
# Actual figures of the final report: costs 4,900 − own 700 − third-party 400 = 3,800 not covered;
# 4,000 were paid, so 200 go back.
ACTUAL_AMOUNTS = {
    "Gesprächsleitung": "2800",
    "Raummiete Gemeindesaal": "1100",
    "Kinderbetreuung": "1000",
    "Freiwilligenarbeit": "700",
    "Beitrag Gemeinde Brittnau": "400",
}


# --- The world -------------------------------------------------------------------------------------------


def build_world(vocab):
    """Region Zofingen with Brittnau, its staff, and the open programme with three weighted criteria."""
    brittnau = MunicipalityFactory(bfs_number=4274, name="Brittnau", district="Zofingen")
    office = make_office(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug="region-zofingen",
        municipalities=[brittnau],
    )
    today = timezone.localdate()
    programme = FundingProgramme.objects.create(
        office=office,
        year=2026,
        name="Kleinprojekte Integration 2026",
        slug="kleinprojekte-integration-2026",
        description="Kleine Beiträge an Integrationsprojekte von Vereinen und Gruppen.",
        eligibility="Vereine, Gruppen und Institutionen der Region.",
        budget=D("30000.00"),
        max_amount=D("5000.00"),
        min_own_share_percent=10,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
        required_documents=["Statutes", "Annual accounts"],
        status=FundingProgramme.Status.OPEN,
    )
    area = vocab["kip"]["2.1"]
    programme.promotion_areas.set([area])
    criteria = [
        AssessmentCriterion.objects.create(programme=programme, name=name, weight=weight, order=order)
        for order, (name, weight) in enumerate(
            [("Relevance for integration", 3), ("Feasibility and budget", 2), ("Reach", 1)]
        )
    ]
    staff = {
        "editor": make_staff(office, Role.EDITOR, first_name="Eva", last_name="Editor"),
        "counsellor": make_staff(office, Role.COUNSELLOR, first_name="Cem", last_name="Berater"),
        "lead": make_staff(office, Role.ADMIN, first_name="Petra", last_name="Leiterin"),
    }
    return office, brittnau, programme, area, criteria, staff


def staff_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_verified(client, user)
    return client


# A request under /de/ leaves German active in the test thread (the locale middleware does not reset it):
# the test's own URLs are always built in English.


def staff_url(name, office, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"grants:{name}", kwargs={"office_slug": office.slug, **kwargs})


def public_url(name, application, **kwargs) -> str:
    with translation.override("en"):
        return reverse(
            f"grants_public:{name}",
            kwargs={"office_slug": application.office.slug, "token": application.token, **kwargs},
        )


def path_of(url: str) -> str:
    assert url.startswith("http://testserver/"), url
    return url.removeprefix("http://testserver")


def links_in(text: str) -> list[str]:
    return [path_of(url) for url in re.findall(r"http://testserver/\S+", text)]


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def text_of(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html
    )
    assert match, f"no hidden input {name}"
    return match.group(1)


def chf(amount) -> str:
    """How the English staff pages print money (floatformat "2g")."""
    return f"CHF {D(amount):,.2f}"


def budget_post(lines, requested, action) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(len(lines) + 1),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "60",
        "requested_amount": requested,
        "action": action,
    }
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{index}-{key}"] = value
    # The empty row the page always sends along.
    data[f"lines-{len(lines)}-kind"] = "cost"
    data[f"lines-{len(lines)}-category"] = "other"
    return data


FIGURE_LABELS = {
    "requested": "Requested (pending)",
    "committed": "Committed",
    "paid": "Paid",
    "returned": "Returned",
    "available": "Available",
}


def assert_budget(programme, lead, *, requested, committed, paid, returned, available, step):
    """The selector's figures and the staff budget page (as the lead sees it) agree with the expectation."""
    expected = {
        "requested": D(requested),
        "committed": D(committed),
        "paid": D(paid),
        "returned": D(returned),
        "available": D(available),
    }
    figures = programme_budget(programme)
    actual = {key: getattr(figures, key) for key in expected}
    assert actual == expected, step
    assert figures.budget == D("30000") and figures.currency == "CHF", step

    response = lead.get(staff_url("programme_budget_detail", programme.office, pk=programme.pk))
    assert response.status_code == 200, step
    page = response.content.decode()
    block = re.search(r'<dl class="[^"]*budget-figures[^"]*">(.*?)</dl>', page, re.S)
    assert block, step
    shown = {
        text_of(dt): text_of(dd)
        for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block.group(1), re.S)
    }
    assert shown["Budget"] == chf("30000"), step
    for key, label in FIGURE_LABELS.items():
        # "Committed" carries a progress bar whose fallback text follows the amount.
        assert shown[label].startswith(chf(expected[key])), (step, label, shown[label])


def audit_details(office) -> list[str]:
    return list(
        AuditEvent.objects.filter(office=office).order_by("at", "pk").values_list("detail", flat=True)
    )


# --- The journey ---------------------------------------------------------------------------------------


def test_done_when_the_whole_grant_journey(vocab, english, django_capture_on_commit_callbacks):
    office, brittnau, programme, area, criteria, staff = build_world(vocab)
    lead = staff_client(staff["lead"])
    today = timezone.localdate()
    figures = {"requested": 0, "committed": 0, "paid": 0, "returned": 0, "available": 30000}
    assert_budget(programme, lead, **figures, step="programme opened")

    # 1. The association finds the programme and starts an application.
    applicant = Client(HTTP_ACCEPT_LANGUAGE="en")
    listing = applicant.get(reverse("grants_public:programme_list", kwargs={"office_slug": office.slug}))
    assert listing.status_code == 200 and "Kleinprojekte Integration 2026" in listing.content.decode()
    start_url = reverse(
        "grants_public:application_start",
        kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
    )
    assert applicant.get(start_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(
            start_url,
            {
                "organisation_name": SPONSOR_NAME,
                "contact_name": "Ayla Demir",
                "contact_email": APPLICANT_EMAIL,
                "submission_key": str(uuid.uuid4()),
                "website_url": "",
            },
        )
    application = Application.objects.get(programme=programme)
    assert response.status_code == 302
    assert response["Location"] == public_url("application_detail", application)
    assert application.status == Application.Status.DRAFT and application.reference == ""
    [link_mail] = mails_to(APPLICANT_EMAIL)
    [personal_link] = links_in(link_mail.body)
    assert application.token in personal_link
    assert applicant.get(response["Location"]).status_code == 200

    # 2. The five steps.
    sponsor = {
        "organisation_name": SPONSOR_NAME,
        "legal_form": Application.LegalForm.ASSOCIATION,
        "street": "Dorfstrasse 12",
        "postcode": "4805",
        "city": "Brittnau",
        "website": "",
        "contact_name": "Ayla Demir",
        "contact_email": APPLICANT_EMAIL,
        "contact_phone": "062 751 00 00",
        "iban": VALID_IBAN,
        "account_holder": SPONSOR_NAME,
        "action": "continue",
    }
    response = applicant.post(public_url("application_step", application, step="sponsor"), sponsor)
    assert response.status_code == 302
    assert response["Location"] == public_url("application_step", application, step="project")

    women = TargetGroup.objects.get(slug="frauen")
    project = {
        "project_title": PROJECT_TITLE,
        "summary": "Ein wöchentliches Gesprächscafé auf Deutsch für Frauen in Brittnau.",
        "description": "Jeden Mittwochmorgen üben Frauen Deutsch im Gespräch; Kinderbetreuung vor Ort.",
        "goals": "Alltagsdeutsch sprechen, Kontakte im Dorf knüpfen.",
        "target_groups": [str(women.pk)],
        "target_group_text": "Frauen mit wenig Deutschkenntnissen",
        "expected_participants": "15",
        "promotion_area": str(area.pk),
        "municipalities": [str(brittnau.pk)],
        "starts_on": (today + datetime.timedelta(days=14)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=200)).isoformat(),
        "schedule": "Mittwochs 9–11 Uhr, 30 Treffen",
        "partners": "Gemeinde Brittnau, Bibliothek",
        "action": "continue",
    }
    response = applicant.post(public_url("application_step", application, step="project"), project)
    assert response.status_code == 302
    assert response["Location"] == public_url("application_step", application, step="budget")

    response = applicant.post(
        public_url("application_step", application, step="budget"),
        budget_post(BUDGET_LINES, "4500", "continue"),
    )
    assert response.status_code == 302
    assert response["Location"] == public_url("application_step", application, step="documents")

    for label, name in (("Statutes", "statuten.pdf"), ("Annual accounts", "jahresrechnung-2025.pdf")):
        upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
        response = applicant.post(
            public_url("application_step", application, step="documents"), {"label": label, "file": upload}
        )
        assert response.status_code == 302, label
    assert application.attachments.filter(stage=Attachment.Stage.APPLICATION).count() == 2

    review_url = public_url("application_step", application, step="review")
    review = applicant.get(review_url)
    assert review.status_code == 200
    assert "Your application is complete and can be submitted." in review.content.decode()

    # 3. She leaves: "Save draft" on the last step. A draft counts nowhere in the budget.
    response = applicant.post(
        review_url,
        {"action": "draft", "publish_consent": "on", "submission_key": str(uuid.uuid4())},
    )
    assert response.status_code == 302 and response["Location"] == review_url
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and application.publish_consent
    assert_budget(programme, lead, **figures, step="draft saved")

    # 4. She comes back days later in another browser, through the link in her e-mail: all is kept.
    applicant = Client(HTTP_ACCEPT_LANGUAGE="en")
    detail = applicant.get(personal_link)
    assert detail.status_code == 200
    assert PROJECT_TITLE in detail.content.decode()
    sponsor_page = applicant.get(public_url("application_step", application, step="sponsor")).content.decode()
    assert "Dorfstrasse 12" in sponsor_page and SPONSOR_NAME in sponsor_page
    budget_page = applicant.get(public_url("application_step", application, step="budget")).content.decode()
    assert "Raummiete Gemeindesaal" in budget_page and "Beitrag Gemeinde Brittnau" in budget_page
    documents_page = applicant.get(public_url("application_step", application, step="documents"))
    assert "statuten.pdf" in documents_page.content.decode()
    application.refresh_from_db()
    assert application.requested_amount == D("4500.00")
    assert sorted(application.budget_lines.values_list("description", "amount")) == sorted(
        (line["description"], D(line["amount"])) for line in BUDGET_LINES
    )
    assert list(application.municipalities.all()) == [brittnau]
    assert application.iban.replace(" ", "") == VALID_IBAN.replace(" ", "")

    # 5. She submits: a reference, a receipt with it, the office is told.
    review = applicant.get(review_url).content.decode()
    assert "Your application is complete and can be submitted." in review
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(
            review_url,
            {
                "action": "submit",
                "publish_consent": "on",
                "submission_key": hidden_value(review, "submission_key"),
            },
        )
    assert response.status_code == 302 and response["Location"] == public_url(
        "application_detail", application
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    reference = application.reference
    assert reference == "KI-2026-0001"
    [receipt] = mails_to(APPLICANT_EMAIL)
    assert reference in receipt.subject and reference in receipt.body
    assert "4,500.00" in receipt.body and "5,500.00" in receipt.body
    assert personal_link.split("/application/")[1] in receipt.body
    assert mails_to(office.email), "the office is told about the new application"
    assert reference in applicant.get(personal_link).content.decode()
    figures.update(requested=4500)
    assert_budget(programme, lead, **figures, step="submitted")

    # 6. Two reviewers score every criterion.
    pk = application.pk
    scores = {
        "editor": ("reduce", "4000", (5, 4, 4), D("90.0")),  # (15 + 8 + 4) / 30
        "counsellor": ("approve", "", (4, 4, 3), D("76.7")),  # (12 + 8 + 3) / 30
    }
    for role, (recommendation, proposed, points, _score) in scores.items():
        reviewer = staff_client(staff[role])
        listing = reviewer.get(staff_url("application_list", office))
        assert listing.status_code == 200 and reference in listing.content.decode(), role
        assert reviewer.get(staff_url("application_detail", office, pk=pk)).status_code == 200, role
        form_page = reviewer.get(staff_url("application_assessment", office, pk=pk))
        assert form_page.status_code == 200, role
        data = {
            "recommendation": recommendation,
            "proposed_amount": proposed,
            "comment": f"Assessment by {role}",
        }
        for criterion, point in zip(criteria, points, strict=True):
            data[f"score_{criterion.pk}"] = str(point)
            data[f"comment_{criterion.pk}"] = f"{criterion.name}: {point}"
        response = reviewer.post(staff_url("application_assessment", office, pk=pk), data)
        assert response.status_code == 302, (role, response.content.decode()[:2000])
        assert_budget(programme, lead, **figures, step=f"assessed by the {role}")
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assessments = {a.reviewer_id: a for a in Assessment.objects.filter(application=application)}
    assert len(assessments) == 2
    for role, (recommendation, _proposed, points, score) in scores.items():
        assessment = assessments[staff[role].pk]
        assert assessment.recommendation == recommendation and assessment.weighted_score == score
        assert sorted(assessment.scores.values_list("score", flat=True)) == sorted(points)
    detail_page = lead.get(staff_url("application_detail", office, pk=pk)).content.decode()
    assert "90.0" in detail_page and "76.7" in detail_page

    # 7. The lead approves CHF 4,000 in two instalments; the letter goes out as a PDF.
    decision_page = lead.get(staff_url("decision", office, pk=pk))
    assert decision_page.status_code == 200
    assert "Approve and send the letter" in decision_page.content.decode()
    second_date = today + datetime.timedelta(days=60)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(
            staff_url("decision_approve", office, pk=pk),
            {
                "amount": "4000",
                "conditions": "Please mention the office on the flyers.",
                "plan_amount_1": "2500",
                "plan_date_1": today.isoformat(),
                "plan_amount_2": "1500",
                "plan_date_2": second_date.isoformat(),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert lead.get(response["Location"]).status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED and application.decided_by == staff["lead"]
    grant = Grant.objects.get(application=application)
    assert grant.amount == D("4000.00") and grant.status == Grant.Status.APPROVED
    assert grant.publish  # the sponsor agreed
    first, second = grant.payouts.order_by("number")
    assert (first.amount, first.planned_on) == (D("2500.00"), today)
    assert (second.amount, second.planned_on) == (D("1500.00"), second_date)

    [decision_mail] = mails_to(APPLICANT_EMAIL)
    assert reference in decision_mail.subject
    [(filename, pdf, mimetype)] = decision_mail.attachments
    assert mimetype == "application/pdf" and filename.endswith(".pdf")
    assert pdf.startswith(b"%PDF")
    grant.refresh_from_db()
    assert grant.letter_sent_at is not None
    with grant.letter.open("rb") as stored:
        assert stored.read() == pdf, "the letter sent is the letter kept"
    letter = html_lib.unescape(letter_html(application))
    assert "CHF 4'000.00" in letter and "CHF 4'500.00" in letter
    assert "CHF 2'500.00" in letter and "CHF 1'500.00" in letter
    assert reference in letter and SPONSOR_NAME in letter and "Petra Leiterin" in letter
    report_links = [link for link in links_in(decision_mail.body) if link.endswith("/report/")]
    [report_link] = report_links
    assert report_link.endswith(f"/{office.slug}/grants/application/{application.token}/report/")

    staff_letter = lead.get(staff_url("decision_letter", office, pk=pk))
    assert staff_letter.status_code == 200 and staff_letter.content == pdf
    public_letter = applicant.get(public_url("letter_download", application))
    assert public_letter.status_code == 200 and public_letter.content == pdf
    applicant_page = text_of(applicant.get(personal_link).content.decode())
    assert "Approved amount CHF 4,000.00" in applicant_page
    assert public_url("final_report", application) in applicant.get(personal_link).content.decode()
    figures.update(requested=0, committed=4000, available=26000)
    assert_budget(programme, lead, **figures, step="approved")

    # 8. Both instalments are released and paid.
    payouts_page = lead.get(staff_url("grant_payouts", office, pk=grant.pk))
    assert payouts_page.status_code == 200
    assert "2,500.00" in payouts_page.content.decode() and "1,500.00" in payouts_page.content.decode()
    paid_total = D(0)
    for payout in (first, second):
        response = lead.post(staff_url("payout_action", office, pk=payout.pk, action="release"))
        assert response.status_code == 302
        payout.refresh_from_db()
        assert payout.status == Payout.Status.RELEASED and payout.released_by == staff["lead"]
        assert_budget(programme, lead, **figures, step=f"instalment {payout.number} released")

        response = lead.post(
            staff_url("payout_action", office, pk=payout.pk, action="pay"),
            {"paid_on": today.isoformat(), "booking_reference": f"FIBU-{payout.number}"},
        )
        assert response.status_code == 302
        payout.refresh_from_db()
        assert payout.status == Payout.Status.PAID and payout.paid_on == today
        paid_total += payout.amount
        figures.update(paid=paid_total)
        assert_budget(programme, lead, **figures, step=f"instalment {payout.number} paid")
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORT_DUE
    # Paying twice changes nothing.
    lead.post(
        staff_url("payout_action", office, pk=first.pk, action="pay"),
        {"paid_on": today.isoformat(), "booking_reference": "again"},
    )
    assert_budget(programme, lead, **figures, step="second click on pay")

    # 9. The final report comes in through the link from the decision e-mail.
    applicant = Client(HTTP_ACCEPT_LANGUAGE="en")
    report_page = applicant.get(report_link)
    assert report_page.status_code == 200
    lines = {line.description: line for line in application.budget_lines.all()}
    report = {
        "activities": "30 Treffen mit durchschnittlich 12 Frauen, Kinderbetreuung an jedem Treffen.",
        "goals_reached": "Die Teilnehmerinnen sprechen sicherer Deutsch; zwei besuchen nun einen Kurs.",
        "participants_reached": "18",
        "lessons": "Die Kinderbetreuung war entscheidend.",
    }
    for description, amount in ACTUAL_AMOUNTS.items():
        report[f"actual_{lines[description].pk}"] = amount
    response = applicant.post(report_link, {**report, "action": "save"})
    assert response.status_code == 302
    photo = SimpleUploadedFile("cafe.png", PNG_BYTES, content_type="image/png")
    response = applicant.post(report_link, {"action": "upload", "label": "Photo", "file": photo})
    assert response.status_code == 302
    assert application.attachments.filter(stage=Attachment.Stage.FINAL_REPORT).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(report_link, {**report, "action": "submit"})
    assert response.status_code == 302
    final_report = FinalReport.objects.get(grant=grant)
    assert final_report.status == FinalReport.Status.SUBMITTED and final_report.participants_reached == 18
    assert {line.description: line.actual_amount for line in application.budget_lines.all()} == {
        description: D(amount) for description, amount in ACTUAL_AMOUNTS.items()
    }
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORT_SUBMITTED
    assert mails_to(office.email), "the office is told about the final report"
    assert_budget(programme, lead, **figures, step="final report submitted")

    # 10. The lead accepts the report, settles (200 back), records the repayment and closes.
    review_url = staff_url("final_report_review", office, pk=pk)
    review_page = lead.get(review_url)
    assert review_page.status_code == 200
    assert "CHF 200.00" in text_of(review_page.content.decode())  # the suggested repayment
    response = lead.post(review_url, {"action": "accept"})
    assert response.status_code == 302
    final_report.refresh_from_db()
    assert final_report.status == FinalReport.Status.ACCEPTED
    assert_budget(programme, lead, **figures, step="final report accepted")

    response = lead.post(review_url, {"action": "settle", "repayment_amount": "", "reason": ""})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == Grant.Status.SETTLED and grant.repayment_amount == D("200.00")
    assert_budget(programme, lead, **figures, step="settled")

    response = lead.post(review_url, {"action": "repayment", "amount": "200", "on": today.isoformat()})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.repaid_amount == D("200.00")
    figures.update(returned=200, available=26200)
    assert_budget(programme, lead, **figures, step="repayment received")

    response = lead.post(review_url, {"action": "close"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == Grant.Status.CLOSED
    assert_budget(programme, lead, **figures, step="closed")
    assert lead.get(review_url).status_code == 200
    assert applicant.get(report_link).status_code == 200
    assert "Closed" in text_of(applicant.get(personal_link).content.decode())
    overview = lead.get(staff_url("budget_overview", office) + "?year=2026")
    assert overview.status_code == 200 and "26,200.00" in overview.content.decode()

    # 11. Every money change is in the audit log, in order.
    details = audit_details(office)
    expected = [
        "grant approved: CHF 4'000.00; 2 instalment(s) planned",
        "instalment 1 released: CHF 2'500.00",
        f"instalment 1 paid on {today.isoformat()}: CHF 2'500.00 FIBU-1",
        "instalment 2 released: CHF 1'500.00",
        f"instalment 2 paid on {today.isoformat()}: CHF 1'500.00 FIBU-2",
        "final report accepted",
        "grant settled: repayment CHF 200.00",
        f"repayment received on {today.isoformat()}: CHF 200.00",
        "grant closed",
    ]
    money_details = [detail for detail in details if detail in expected]
    assert money_details == expected, details
    grant_events = AuditEvent.objects.filter(target_id=grant.pk, target_ref=reference)
    assert grant_events.filter(actor=staff["lead"]).count() >= len(expected)


# --- Who may decide ------------------------------------------------------------------------------------


def test_a_counsellor_cannot_approve(vocab, english, django_capture_on_commit_callbacks):
    office, brittnau, programme, area, _criteria, staff = build_world(vocab)
    application = Application.objects.create(
        programme=programme,
        office=office,
        reference="KI-2026-0001",
        status=Application.Status.IN_REVIEW,
        organisation_name=SPONSOR_NAME,
        contact_name="Ayla Demir",
        contact_email=APPLICANT_EMAIL,
        project_title=PROJECT_TITLE,
        requested_amount=D("4500.00"),
        promotion_area=area,
        submitted_at=timezone.now(),
    )
    application.municipalities.set([brittnau])
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, order=index, **{**line, "amount": D(line["amount"])})
        for index, line in enumerate(BUDGET_LINES)
    )
    lead = staff_client(staff["lead"])
    before = (programme_budget(programme), AuditEvent.objects.count(), application.updated_at)
    assert before[0].requested == D("4500") and before[0].available == D("30000")

    counsellor = staff_client(staff["counsellor"])
    page = counsellor.get(staff_url("decision", office, pk=application.pk))
    assert page.status_code == 200
    assert "The office administrator decides on this application." in page.content.decode()
    assert 'name="amount"' not in page.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = counsellor.post(
            staff_url("decision_approve", office, pk=application.pk),
            {
                "amount": "4000",
                "conditions": "",
                "plan_amount_1": "4000",
                "plan_date_1": timezone.localdate().isoformat(),
            },
        )
    assert response.status_code == 403
    assert callbacks == [] and mail.outbox == []
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert application.decided_at is None and application.decided_by is None
    assert application.updated_at == before[2]
    assert not Grant.objects.exists() and not Payout.objects.exists()
    assert AuditEvent.objects.count() == before[1]
    assert programme_budget(programme) == before[0]
    assert_budget(
        programme, lead, requested=4500, committed=0, paid=0, returned=0, available=30000, step="refused"
    )
