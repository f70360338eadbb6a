"""Journey 2, the public: a resident sends an inquiry to the network, someone reports an incident to the
Meldestelle anonymously, and an association applies for a grant through all five steps — in German, with
axe-core on every page."""

import re

import pytest

from fachstelle.grants.models import Application
from fachstelle.network.models import Inquiry, Report

from .support import OFFICE, Walk, exact

pytestmark = pytest.mark.browser

# A minimal PDF: the upload checks the file's type, not its content.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_resident_sends_an_inquiry_and_a_report(page):
    walk = Walk(page, "de")
    page.goto(f"/de/{OFFICE}/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Kontakt").click()
    page.wait_for_url(f"**/de/{OFFICE}/contact/")
    walk.check("contact persons")
    page.get_by_role("link", name="Eine Anfrage senden").click()
    page.wait_for_url(f"**/de/{OFFICE}/inquiry/")
    walk.check("inquiry form")
    page.get_by_label(exact("Thema")).select_option(label="Wohnen")
    page.get_by_label(exact("Gemeinde")).select_option(label="Rothrist")
    page.get_by_label(exact("Betreff")).fill("E2E: Wohnungssuche mit drei Kindern")
    page.get_by_label(exact("Ihre Nachricht")).fill("Wir suchen eine Wohnung. Wer kann uns beraten?")
    page.get_by_label(exact("Ihr Name")).fill("Amina E2E")
    page.get_by_label(exact("E-Mail")).fill("amina.e2e@example.org")
    page.get_by_role("button", name="Anfrage senden").click()
    page.get_by_role("heading", level=1, name="Vielen Dank für Ihre Anfrage").wait_for()
    walk.check("inquiry sent")
    # The receipt names the reference ("A-000042"): the inquiry's number.
    reference = re.search(r"\bA-(\d{6})\b", page.locator("main").inner_text())
    inquiry = Inquiry.objects.get(pk=int(reference[1]))
    assert inquiry.subject == "E2E: Wohnungssuche mit drei Kindern" and inquiry.office.slug == OFFICE

    nav.get_by_role("link", name="Meldestelle").click()
    page.wait_for_url(f"**/de/{OFFICE}/report/")
    walk.check("report form")
    page.get_by_label("Wohnen", exact=True).check()
    page.get_by_label(exact("Gemeinde")).select_option(label="Oftringen")
    page.get_by_label(exact("Was ist passiert?")).fill(
        "E2E: Die Wohnung wurde uns wegen unseres Namens verweigert."
    )
    page.get_by_label("Nein, ich melde anonym").check()
    page.get_by_role("button", name="Meldung senden").click()
    page.get_by_role("heading", level=1, name="Vielen Dank für Ihre Meldung").wait_for()
    walk.check("report sent")
    reference = re.search(r"\bM-(\d{6})\b", page.locator("main").inner_text())
    report = Report.objects.get(pk=int(reference[1]))
    assert report.is_anonymous and report.category == Report.Category.HOUSING
    walk.finish()


def test_association_applies_for_a_grant(page):
    walk = Walk(page, "de")
    page.goto(f"/de/{OFFICE}/")
    page.get_by_role("link", name="Projektförderung für Vereine").click()
    page.wait_for_url(f"**/de/{OFFICE}/grants/")
    walk.check("programmes")
    page.get_by_role("link", name=re.compile("Kleinprojekte Integration")).click()
    page.wait_for_url(re.compile(r"/grants/[-\w]+/apply/$"))
    walk.check("start")
    page.get_by_label(exact("Trägerschaft (Verein, Gruppe, Institution)")).fill("Verein E2E Brittnau")
    page.get_by_label(exact("Kontaktperson")).fill("Eva E2E")
    page.get_by_label(exact("E-Mail")).fill("eva.e2e@example.org")
    page.get_by_role("button", name="Gesuch beginnen").click()
    page.wait_for_url(re.compile(r"/grants/application/[^/]+/$"))
    walk.check("application")

    page.get_by_role("link", name="Gesuch weiterbearbeiten").click()
    page.wait_for_url("**/sponsor/")
    walk.check("sponsor")
    page.get_by_label(exact("Strasse")).fill("Dorfstrasse 5")
    page.get_by_label(exact("PLZ")).fill("4805")
    page.get_by_label(exact("Ort")).fill("Brittnau")
    page.get_by_label(exact("Telefon")).fill("062 000 00 00")
    page.get_by_label(exact("IBAN für Auszahlungen")).fill("CH93 0076 2011 6238 5295 7")
    page.get_by_label(exact("Kontoinhaber/in")).fill("Verein E2E Brittnau")
    page.get_by_role("button", name="Speichern und weiter").click()

    page.wait_for_url("**/project/")
    walk.check("project")
    page.get_by_label(exact("Projekttitel")).fill("Deutsch-Café E2E")
    page.get_by_label(exact("Kurzbeschreibung")).fill("Ein Gesprächscafé auf Deutsch für Frauen.")
    page.get_by_label(exact("Projektbeschreibung")).fill("Jede Woche ein Treffen mit Kinderbetreuung.")
    page.get_by_label(exact("Ziele")).fill("Deutsch sprechen, Kontakte knüpfen.")
    page.get_by_label("Frauen", exact=True).check()
    page.get_by_label(exact("Erwartete Teilnehmende")).fill("15")
    page.get_by_label(exact("Förderbereich (KIP)")).select_option(index=1)
    page.get_by_label("Brittnau", exact=True).check()
    page.get_by_label(exact("Projektbeginn")).fill("2027-03-01")
    page.get_by_label(exact("Projektende")).fill("2027-12-31")
    page.get_by_role("button", name="Speichern und weiter").click()

    page.wait_for_url("**/budget/")
    walk.check("budget")
    page.get_by_label("Beschreibung 1", exact=True).fill("Leitung")
    page.get_by_label("Betrag 1", exact=True).fill("2500")
    page.get_by_label("Kategorie 2", exact=True).select_option("rooms")
    page.get_by_label("Beschreibung 2", exact=True).fill("Raummiete")
    page.get_by_label("Betrag 2", exact=True).fill("1000")
    page.get_by_label(exact("Beantragter Betrag")).fill("3500")
    page.get_by_role("button", name="Speichern und weiter").click()

    page.wait_for_url("**/documents/")
    walk.check("documents")
    for label in ("Statuten", "Jahresrechnung"):
        page.get_by_label(exact("Dokument")).fill(label)
        page.get_by_label(exact("Datei")).set_input_files(
            files=[{"name": f"{label.lower()}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.get_by_role("button", name="Hochladen").click()
        page.locator("main").get_by_role("link", name=label).wait_for()
    page.get_by_role("link", name="Weiter", exact=True).click()

    page.wait_for_url("**/review/")
    walk.check("review")
    page.get_by_label(re.compile("^Wird das Projekt unterstützt")).check()
    page.get_by_role("button", name="Gesuch einreichen").click()
    page.wait_for_url(re.compile(r"/grants/application/[^/]+/$"))
    walk.check("submitted")
    application = Application.objects.get(project_title="Deutsch-Café E2E")
    assert application.status == Application.Status.SUBMITTED
    assert application.requested_amount == 3500 and application.publish_consent
    assert application.reference in page.locator("main").inner_text()
    walk.finish()
