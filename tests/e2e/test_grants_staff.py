"""Journey 5, grants: the office administrator of Region Zofingen opens the demo's submitted application of
the 2027 programme, starts the review, assesses it, writes the recommendation, looks up the programme's
budget left and approves the application within it (an amount above the request is refused first); the
association follows the link of its decision e-mail and files the final report; staff see the report and
accept it — in German, with axe-core on every page."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from fachstelle.core.models import Office
from fachstelle.grants.models import Application, FinalReport, Grant
from fachstelle.grants.services.decisions import format_money

from .support import OFFICE, Walk, exact, log_in, t

pytestmark = pytest.mark.browser

ADMIN = "zofingen-admin"
REFERENCE = "KP-2027-0001"  # demo: "Sprachcafé plus", submitted, CHF 2,600 requested, programme 2027
PROGRAMME = "Kleinprojekte Integration 2027"
APPROVED = Decimal("2500")


def de(msgid: str) -> str:
    return t("de", msgid)


def money(amount: Decimal) -> str:
    """An amount as the German pages show it (the template filter `floatformat:"2g"`)."""
    with translation.override("de"):
        return floatformat(amount, "2g")


def amount_label() -> str:
    return de("Approved amount (%(currency)s)") % {"currency": "CHF"}


def _available(page) -> Decimal:
    """The programme's budget left, as its budget page shows it ("CHF 30.000,00")."""
    term = page.locator("dl.budget-figures dt", has_text=exact(de("Available")))
    text = term.locator("xpath=following-sibling::dd[1]")
    # Always two decimals, whatever the separators of the language: the digits are the amount in cents.
    return Decimal(re.sub(r"\D", "", text.inner_text())) / 100


def _open_budget(page, walk, name: str) -> Decimal:
    page.locator("nav.sub-tabs").get_by_role("link", name=de("Budget"), exact=True).click()
    page.wait_for_url(re.compile(r"/grants/budget/"))
    page.get_by_role("link", name="2027", exact=True).click()
    page.wait_for_url(re.compile(r"/grants/budget/\?year=2027"))
    page.get_by_role("link", name=PROGRAMME, exact=True).click()
    page.wait_for_url(re.compile(r"/grants/programmes/\d+/budget/"))
    walk.check(name)
    return _available(page)


def test_office_approves_an_application_within_the_budget_and_the_association_files_its_final_report(page):
    walk = Walk(page, "de")
    application = Application.objects.get(reference=REFERENCE)
    assert application.status == Application.Status.SUBMITTED
    page.goto("/de/staff/login/")
    walk.check("login")
    log_in(page, ADMIN)
    walk.check("staff area")
    office_name = Office.objects.get(slug=OFFICE).name
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=office_name, exact=True))
    card.get_by_role("link", name=de("Counselling: my desk")).click()
    page.wait_for_url(f"**/staff/{OFFICE}/counselling/")

    staff_nav = page.get_by_role("navigation", name=de("Staff navigation"))
    staff_nav.get_by_role("link", name=de("Grants"), exact=True).click()
    page.wait_for_url(f"**/staff/{OFFICE}/grants/**")
    walk.check("grants")
    available_before = _open_budget(page, walk, "budget before")

    # The review list: search the project, open the application from its row.
    staff_nav.get_by_role("link", name=de("Grants"), exact=True).click()
    page.wait_for_url(f"**/staff/{OFFICE}/grants/")
    page.locator("nav.sub-tabs").get_by_role("link", name=de("Applications"), exact=True).click()
    page.wait_for_url("**/grants/applications/")
    walk.check("applications")
    page.get_by_label(exact(de("Reference, title or sponsor"))).fill("Sprachcafé plus")
    page.get_by_role("button", name=de("Filter"), exact=True).click()
    page.wait_for_url(re.compile(r"/applications/\?"))
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name=REFERENCE, exact=True))
    expect(row).to_contain_text(de("Submitted"))
    walk.check("applications filtered")
    row.get_by_role("link", name=REFERENCE).click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    walk.check("application")

    head = page.locator(".page-head")
    head.get_by_role("button", name=de("Start review")).click()
    expect(page.get_by_text(de("The application is now in review."))).to_be_visible()
    expect(head.locator(".badge")).to_have_text(de("In review"))
    walk.check("in review")

    # My assessment: a score for every criterion, the recommendation and the proposed amount.
    head.get_by_role("link", name=de("Assess")).click()
    page.wait_for_url("**/assessment/")
    walk.check("assessment")
    criteria = page.locator("fieldset.grants-criterion")
    assert criteria.count() >= 3
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label("4", exact=True).check()
    page.get_by_label(de("Approve a lower amount"), exact=True).check()
    page.get_by_label(exact(de("Proposed amount"))).fill("2500")
    page.get_by_label(exact(de("Comment"))).fill("Gutes Projekt; Flyer über die Gemeinde verteilen.")
    page.get_by_role("button", name=de("Save assessment")).click()
    page.wait_for_url(re.compile(rf"/applications/{application.pk}/(#assessments)?$"))
    expect(page.get_by_text(de("Your assessment was saved."))).to_be_visible()
    assessments = page.locator("#assessments table")
    expect(assessments).to_contain_text("80")  # 4 of 5 on every criterion: weighted score 80
    walk.check("assessed")

    recommendation = page.locator("#recommendation form")
    recommendation.get_by_label(exact(de("Recommendation"))).fill("Bewilligen mit CHF 2'500 (ohne Flyer).")
    recommendation.get_by_label(exact(de("Recommended amount"))).fill("2500")
    recommendation.get_by_role("button", name=de("Save recommendation")).click()
    expect(page.get_by_text(de("The recommendation was saved."))).to_be_visible()
    walk.check("recommended")

    # The decision: more than requested is refused and nothing is approved; the recommended amount is.
    decision = page.locator("section.decision-panel")
    amount = decision.get_by_label(exact(amount_label()))
    expect(amount).to_have_value("2500.00")
    amount.fill("3000")
    decision.get_by_role("button", name=de("Approve and send the letter")).click()
    page.wait_for_url(f"**/applications/{application.pk}/approve/")
    expect(page.locator("#id_amount_error")).to_be_visible()
    walk.check("approval refused")
    assert not Grant.objects.filter(application=application).exists()
    decision = page.locator("section.decision-panel")
    decision.get_by_label(exact(amount_label())).fill("2500")
    decision.get_by_label(exact(de("Conditions"))).fill("Schlussbericht mit Fotos.")
    decision.get_by_role("button", name=de("Approve and send the letter")).click()
    page.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    approved = de("Approved: %(amount)s. The decision letter is being sent.").split(":")[0]
    expect(page.locator(".messages")).to_contain_text(f"{approved}: {format_money(APPROVED, 'CHF')}")
    expect(page.locator(".page-head .badge")).to_have_text(de("Approved"))
    expect(page.locator("section.decision-panel")).to_contain_text(f"CHF {money(APPROVED)}")
    walk.check("approved")
    grant = Grant.objects.get(application=application)
    assert grant.amount == APPROVED and grant.conditions == "Schlussbericht mit Fotos."

    # The budget left went down by exactly the approved amount.
    available_after = _open_budget(page, walk, "budget after")
    assert available_after == available_before - APPROVED, (available_before, available_after)

    # The association: the decision e-mail carries the link to the final report.
    letters = [m for m in mail.outbox if application.contact_email in m.to and "/report/" in m.body]
    assert len(letters) == 1, [m.subject for m in mail.outbox]
    link = re.search(r"https?://\S+?(/de/\S+/report/)", letters[0].body)
    # Same browser, another actor: the public page asks for nothing but the link's token.
    page.goto(link[1])
    walk.check("final report")
    texts = {
        "what was done": "28 Treffen mit je 12 Eltern, Kinderecke betreut.",
        "goals reached": "Die Eltern sprechen im Alltag mehr Deutsch.",
        "participants reached": "21",
        "lessons learned": "Mehr Werbung über die Spielgruppe.",
    }
    for label, text in texts.items():
        page.get_by_label(exact(capfirst(de(label)))).fill(text)
    for line in application.budget_lines.all():
        page.get_by_label(line.description, exact=True).fill(f"{line.amount:.2f}")
    page.get_by_role("button", name=de("Submit the final report")).click()
    expect(page.get_by_text(de("Thank you! Your final report has been submitted."))).to_be_visible()
    expect(page.locator(".status-badge")).to_have_text(de("Submitted"))
    expect(page.get_by_role("button", name=de("Submit the final report"))).to_have_count(0)
    walk.check("final report submitted")
    report = FinalReport.objects.get(grant=grant)
    assert report.status == FinalReport.Status.SUBMITTED and report.participants_reached == 21

    # Staff: the application page links the final report; it is shown and can be accepted.
    page.goto(f"/de/staff/{OFFICE}/grants/applications/{application.pk}/")
    page.get_by_role("link", name=de("Final report and settlement")).click()
    page.wait_for_url(f"**/applications/{application.pk}/final-report/")
    panel = page.locator("section[aria-labelledby=report-heading]")
    expect(panel).to_contain_text("28 Treffen mit je 12 Eltern")
    expect(panel).to_contain_text("21")
    walk.check("final report review")
    panel.get_by_role("button", name=de("Accept the report")).click()
    expect(page.get_by_text(de("The final report has been accepted."))).to_be_visible()
    walk.check("final report accepted")
    report.refresh_from_db()
    assert report.status == FinalReport.Status.ACCEPTED
    walk.finish()
