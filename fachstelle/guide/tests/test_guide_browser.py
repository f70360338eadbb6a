"""The read-aloud button in a real browser. Speech synthesis is stubbed (no audio): the stub records what
the page asked the browser to say, and in which language."""

import pytest

from fachstelle.guide.tests.guide_factories import make_office, page_create, translate

pytestmark = pytest.mark.browser

# A stand-in for the Web Speech API, installed before any page script runs.
SPEECH_STUB = """
window.__spoken = [];
window.__calls = [];
class FakeUtterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
window.SpeechSynthesisUtterance = FakeUtterance;
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  getVoices: () => [{ lang: "de-CH", name: "Deutsch" }, { lang: "ar-SA", name: "Arabic" }],
  speak: (u) => { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); },
  cancel: () => window.__calls.push("cancel"),
  pause: () => window.__calls.push("pause"),
  resume: () => window.__calls.push("resume"),
}});
"""


@pytest.fixture
def guide_page(transactional_db):
    office = make_office(slug="region-zofingen")
    guide = page_create(office, "Ankommen", body="Willkommen in der Region Zofingen.")
    translate(guide, "ar", title="الوصول", body="مرحبا بكم في منطقة زوفينغن.")
    return guide


def test_read_aloud_speaks_the_page_in_its_language(page, guide_page):
    page.add_init_script(SPEECH_STUB)
    page.goto(f"/ar/region-zofingen/guide/{guide_page.pk}-{guide_page.slug}/")
    controls = page.locator("[data-read-aloud]")
    controls.wait_for(state="visible")
    controls.locator('[data-action="play"]').click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    assert spoken[0]["lang"] == "ar" and spoken[0]["voice"] == "Arabic"
    assert "مرحبا بكم في منطقة زوفينغن." in spoken[0]["text"]
    assert "Willkommen" not in spoken[0]["text"]
    controls.locator('[data-action="pause"]').click()
    controls.locator('[data-action="play"]').click()  # resumes
    controls.locator('[data-action="stop"]').click()
    assert page.evaluate("window.__calls")[-3:] == ["pause", "resume", "cancel"]
    assert page.js_errors == []


def test_read_aloud_is_hidden_without_speech_synthesis(page, guide_page):
    page.add_init_script(
        'Object.defineProperty(window, "speechSynthesis", { configurable: true, value: undefined });'
        "window.SpeechSynthesisUtterance = undefined;"
    )
    page.goto(f"/de/region-zofingen/guide/{guide_page.pk}-{guide_page.slug}/")
    page.locator("h1").wait_for()
    assert page.locator("[data-read-aloud]").is_hidden()
    assert page.js_errors == []
