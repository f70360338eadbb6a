"""Journey 4, network staff: a resident sends an inquiry that nobody is responsible for yet ("I don't know")
and reports an incident anonymously; the office administrator of Region Zofingen logs in with the second
factor, finds the inquiry in the inbox, gives it to a counsellor, answers it and closes it, then opens the
report in the Meldestelle's list, triages it (status, assignee, note) and sees the change in the list — in
German and in French, with axe-core on every page."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from fachstelle.core.models import Office
from fachstelle.network.models import Inquiry, InquiryMessage, Report

from .support import OFFICE, Walk, exact, log_in, t

pytestmark = pytest.mark.browser

ADMIN = "zofingen-admin"
# The counsellor who is given the inquiry and the report (any inquiry staff member of the office would do).
COLLEAGUE = "zofingen-beratung"


def _name(username: str) -> str:
    """How the staff pages show a user: full name, else the user name."""
    user = get_user_model().objects.get(username=username)
    return user.get_full_name() or user.get_username()


def _send_inquiry(page, walk, language: str, subject: str) -> Inquiry:
    page.goto(f"/{language}/{OFFICE}/inquiry/")
    walk.check("inquiry form")
    # "I don't know": the inquiry lands unassigned in the triage inbox, so the office has to route it.
    page.get_by_label(exact(t(language, "Topic"))).select_option(label=t(language, "I don't know"))
    page.get_by_label(exact(t(language, "Subject"))).fill(subject)
    page.get_by_label(exact(t(language, "Your message"))).fill("Wer hilft uns beim Ausfüllen der Formulare?")
    page.get_by_label(exact(t(language, "Your name"))).fill(f"Noah E2E {language}")
    page.get_by_label(exact(t(language, "E-mail"))).fill(f"noah.e2e.{language}@example.org")
    page.get_by_role("button", name=t(language, "Send inquiry")).click()
    page.get_by_role("heading", level=1, name=t(language, "Thank you for your inquiry")).wait_for()
    walk.check("inquiry sent")
    reference = re.search(r"\bA-(\d{6})\b", page.locator("main").inner_text())
    inquiry = Inquiry.objects.get(pk=int(reference[1]))
    assert inquiry.subject == subject and inquiry.assigned_to is None and inquiry.status == Inquiry.Status.NEW
    return inquiry


def _send_report(page, walk, language: str, description: str) -> Report:
    page.goto(f"/{language}/{OFFICE}/report/")
    walk.check("report form")
    page.get_by_label(t(language, "Work and training"), exact=True).check()
    page.get_by_label(exact(t(language, "What happened?"))).fill(description)
    page.get_by_label(t(language, "No, I report anonymously")).check()
    page.get_by_role("button", name=t(language, "Send report")).click()
    page.get_by_role("heading", level=1, name=t(language, "Thank you for your report")).wait_for()
    walk.check("report sent")
    reference = re.search(r"\bM-(\d{6})\b", page.locator("main").inner_text())
    report = Report.objects.get(pk=int(reference[1]))
    assert report.description == description and report.status == Report.Status.NEW
    return report


@pytest.mark.parametrize("language", ["de", "fr"])
def test_office_admin_routes_answers_and_closes_an_inquiry_and_triages_a_report(page, language):
    walk = Walk(page, language)
    subject = f"E2E-{language}: Hilfe mit Formularen der Gemeinde"
    inquiry = _send_inquiry(page, walk, language, subject)
    report = _send_report(page, walk, language, f"E2E-{language}: Bei der Lehrstellensuche abgewiesen.")
    colleague = _name(COLLEAGUE)

    page.goto(f"/{language}/staff/login/")
    walk.check("login")
    log_in(page, ADMIN, language=language)
    walk.check("staff area")
    # The staff area's start lists the user's offices; the office's pages carry the staff navigation.
    office_name = Office.objects.get(slug=OFFICE).name
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=office_name, exact=True))
    card.get_by_role("link", name=t(language, "Counselling: my desk")).click()
    page.wait_for_url(f"**/staff/{OFFICE}/counselling/")
    staff_nav = page.get_by_role("navigation", name=t(language, "Staff navigation"))

    # The inbox: search the subject, open the inquiry from its row.
    staff_nav.get_by_role("link", name=t(language, "Inquiries"), exact=True).click()
    page.wait_for_url(f"**/staff/{OFFICE}/network/inquiries/")
    walk.check("inbox")
    page.get_by_label(exact(t(language, "Search subject"))).fill(f"E2E-{language}")
    page.get_by_role("button", name=t(language, "Apply"), exact=True).click()
    page.wait_for_url(re.compile(r"/inquiries/\?"))
    row = page.locator("tbody tr").filter(has_text=subject)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(t(language, "nobody"))
    walk.check("inbox filtered")
    row.get_by_role("link", name=inquiry.reference).click()
    page.wait_for_url(f"**/network/inquiries/{inquiry.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{inquiry.reference}: {subject}")
    walk.check("inquiry")

    # Route it to a counsellor: a new inquiry that gets someone is in progress.
    page.get_by_label(exact(t(language, "Assign to"))).select_option(label=colleague)
    page.get_by_role("button", name=t(language, "Assign"), exact=True).click()
    expect(page.get_by_text(t(language, "Assignment saved."))).to_be_visible()
    status_badge = page.locator(".page-head .badge").first
    expect(status_badge).to_have_text(t(language, "In progress"))
    walk.check("inquiry assigned")

    # Answer the sender: the reply is in the thread and the inquiry is answered.
    answer = f"Guten Tag, kommen Sie am Dienstag in unsere Sprechstunde ({language})."
    page.get_by_label(exact(t(language, "Reply to the sender"))).fill(answer)
    page.get_by_role("button", name=t(language, "Send reply")).click()
    expect(page.get_by_text(t(language, "Reply sent to the sender."))).to_be_visible()
    expect(status_badge).to_have_text(t(language, "Answered"))
    expect(page.locator(".follow-up-list")).to_contain_text(answer)
    walk.check("inquiry answered")

    # Close it.
    page.get_by_role("combobox", name=exact(t(language, "Status"))).select_option(label=t(language, "Closed"))
    page.get_by_role("button", name=t(language, "Change status")).click()
    expect(page.get_by_text(t(language, "Status saved."))).to_be_visible()
    expect(status_badge).to_have_text(t(language, "Closed"))
    # A closed inquiry takes no more replies.
    expect(page.get_by_role("button", name=t(language, "Send reply"))).to_have_count(0)
    walk.check("inquiry closed")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CLOSED and inquiry.assigned_to.username == COLLEAGUE
    replies = InquiryMessage.objects.filter(inquiry=inquiry, kind=InquiryMessage.Kind.REPLY)
    assert [reply.body for reply in replies] == [answer]

    # The inbox shows the change in the inquiry's row.
    page.get_by_role("navigation", name=t(language, "Breadcrumb")).get_by_role(
        "link", name=t(language, "Inquiries")
    ).click()
    page.wait_for_url(f"**/staff/{OFFICE}/network/inquiries/")
    row = page.locator("tbody tr").filter(has_text=subject)
    expect(row).to_contain_text(t(language, "Closed"))
    expect(row).to_contain_text(colleague)
    walk.check("inbox after closing")

    # The Meldestelle: the new report is in the list; triage it.
    staff_nav.get_by_role("link", name=t(language, "Reports"), exact=True).click()
    page.wait_for_url(f"**/staff/{OFFICE}/network/reports/")
    walk.check("reports")
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name=report.reference, exact=True))
    expect(row).to_contain_text(t(language, "New"))
    expect(row).to_contain_text(t(language, "anonymous"))
    row.get_by_role("link", name=report.reference).click()
    page.wait_for_url(f"**/network/reports/{report.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(report.reference)
    expect(page.locator(".report-description")).to_contain_text(report.description)
    walk.check("report")

    triage = page.locator("form").filter(has=page.locator("select[name=status]"))
    triage.get_by_label(exact(t(language, "Status"))).select_option(label=t(language, "Being reviewed"))
    triage.get_by_label(exact(t(language, "Assigned to"))).select_option(label=colleague)
    note = f"Mit der Berufsberatung klären ({language})."
    triage.get_by_label(exact(t(language, "Internal note"))).fill(note)
    triage.get_by_role("button", name=t(language, "Save"), exact=True).click()
    saved = t(language, "Report %(reference)s saved.") % {"reference": report.reference}
    expect(page.get_by_text(saved)).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text(t(language, "Being reviewed"))
    expect(page.locator("section[aria-labelledby=report-facts] dl")).to_contain_text(colleague)
    walk.check("report triaged")
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW and report.assigned_to.username == COLLEAGUE

    # The list shows the new status and the assignee.
    staff_nav.get_by_role("link", name=t(language, "Reports"), exact=True).click()
    page.wait_for_url(f"**/staff/{OFFICE}/network/reports/")
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name=report.reference, exact=True))
    expect(row).to_contain_text(t(language, "Being reviewed"))
    expect(row).to_contain_text(colleague)
    walk.check("reports after triage")
    walk.finish()
