"""Welcome-guide demo data for `make run`: the page tree of Region Zofingen (11 top-level pages, children,
a page of the town of Zofingen, easy-German variants) translated into Arabic, Tigrinya, Farsi, Ukrainian,
Turkish, French and English, and a smaller guide for Allschwil (German, French, English).

Loaded by `manage.py load_demo_data` after the directory demo (its offices and municipalities must exist;
offices that are missing are skipped). Idempotent: a page is looked up by office + parent + municipality +
German title, a translation by page + language; only what is missing is created.

Rows are written directly, not through the guide services: a demo load is not an edit by staff and must
not bump revisions or notify anyone. Each new page gets the snapshot of its German text as revision 1
(GuidePageSourceVersion), and its translations are made from that revision, so they count as up to date.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from fachstelle.core.models import Membership, Municipality, Office

from .demo_content import GUIDES
from .demo_translations import MACHINE_TRANSLATED, TRANSLATIONS
from .models import GuidePage, GuidePageSourceVersion, GuidePageTranslation

# The revision of the German demo texts the translations were made from.
DEMO_REVISION = 1


@dataclass
class GuideDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def tally(self, kind: str, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


def _office_author(office: Office):
    """The office administrator of the directory demo, recorded as the author (None if there is none)."""
    membership = (
        Membership.objects.filter(office=office, role=Membership.Role.ADMIN).select_related("user").first()
    )
    return membership.user if membership else None


def _page(office: Office, spec: dict, parent: GuidePage | None, author, result: GuideDemoResult) -> GuidePage:
    municipality = None
    if spec["municipality"] is not None:
        municipality = Municipality.objects.get(country=office.country, bfs_number=spec["municipality"])
    page = GuidePage.objects.filter(
        office=office, parent=parent, municipality=municipality, title=spec["title"]
    ).first()
    result.tally("guide_pages", page is None)
    if page is not None:
        return page
    page = GuidePage(
        office=office,
        parent=parent,
        municipality=municipality,
        order=spec["order"],
        icon=spec["icon"],
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
        easy_title=spec.get("easy_title", ""),
        easy_body=spec.get("easy_body", ""),
        status=GuidePage.Status.PUBLISHED,
        source_revision=DEMO_REVISION,
        updated_by=author,
    )
    page.full_clean()
    page.save()
    GuidePageSourceVersion.objects.create(
        page=page,
        revision=DEMO_REVISION,
        title=page.title,
        summary=page.summary,
        body=page.body,
        created_by=author,
    )
    return page


def _translations(page: GuidePage, key: str, languages: list[str], author, result: GuideDemoResult) -> None:
    existing = set(page.translations.values_list("language", flat=True))
    for language in languages:
        values = TRANSLATIONS.get(language, {}).get(key)
        if values is None:
            continue
        result.tally("guide_translations", language not in existing)
        if language in existing:
            continue
        machine = (language, key) in MACHINE_TRANSLATED
        translation = GuidePageTranslation(
            page=page,
            language=language,
            state=GuidePageTranslation.State.MACHINE if machine else GuidePageTranslation.State.DONE,
            # Made from the demo text; if staff have changed the German since, it is rightly outdated.
            source_revision=DEMO_REVISION,
            updated_by=author,
            **values,
        )
        translation.full_clean()
        translation.save()


def load_guide_demo() -> GuideDemoResult:
    """Create whatever of the welcome-guide demo is missing."""
    result = GuideDemoResult()
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=list(GUIDES)).order_by("slug"):
            author = _office_author(office)
            # Only the office's own newcomer languages (the public site offers no others).
            languages = [code for code in TRANSLATIONS if code in (office.content_languages or [])]
            pages: dict[str, GuidePage] = {}
            for spec in GUIDES[office.slug]:  # parents come before their children
                parent = pages[spec["parent"]] if spec["parent"] else None
                page = _page(office, spec, parent, author, result)
                pages[spec["key"]] = page
                _translations(page, spec["key"], languages, author, result)
    return result
