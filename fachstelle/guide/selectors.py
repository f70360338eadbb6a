"""Reads of the welcome guide: the public tree and pages, the staff tree with translation status, the
translation matrix and diffs, feedback and the yearly view statistic.

The tree of an office is small (tens, at most a few hundred pages): it is read as one "skeleton" (pages
without their long texts) plus the translations of their titles, and walked in memory. Long texts are
only loaded for the page being shown.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE
from fachstelle.core.models import Municipality, Office
from fachstelle.core.translation import Localized, TranslationStatus, localize

from .models import GuidePage, GuidePageSourceVersion, GuidePageTranslation, PageFeedback, PageViewCount

State = GuidePageTranslation.State
# Fields of the skeleton: enough for tiles, breadcrumbs, lists of sub-pages and the staff tree.
SKELETON_FIELDS = (
    "office_id",
    "parent_id",
    "municipality_id",
    "order",
    "icon",
    "title",
    "summary",
    "status",
    "in_brochure",
    "source_revision",
)
CARD_FIELDS = ("title", "summary")


class _Card:
    """Stand-in for a page in `localize` with only title and summary (the body is not loaded)."""

    TRANSLATED_FIELDS = CARD_FIELDS

    def __init__(self, page: GuidePage):
        self.source_revision = page.source_revision
        self._values = {"title": page.title, "summary": page.summary}

    def source_values(self) -> dict[str, str]:
        return dict(self._values)


def office_languages(office: Office) -> list[str]:
    """The office's newcomer languages (without German), in the office's order, known codes only."""
    seen = []
    for code in office.content_languages or []:
        if code in NATIVE_NAMES and code != SOURCE_LANGUAGE and code not in seen:
            seen.append(code)
    return seen


def _translations_prefetch(language: str, *, fields: tuple[str, ...] | None = None) -> Prefetch:
    queryset = GuidePageTranslation.objects.filter(language=language)
    if fields:
        queryset = queryset.only("id", "page_id", "language", "state", "source_revision", *fields)
    return Prefetch("translations", queryset=queryset, to_attr="active_translations")


def _wanted(page: GuidePage):
    translations = getattr(page, "active_translations", None) or []
    return translations[0] if translations else None


def _card_text(page: GuidePage, language: str) -> Localized:
    return localize(_Card(page), _wanted(page), language)


def _depth_first(pages: list[GuidePage]) -> list[tuple[GuidePage, int]]:
    """Pages in tree order (siblings by order, title) with their depth; orphans of a hidden parent are
    left out (their branch is not visible)."""
    children: dict[int | None, list[GuidePage]] = defaultdict(list)
    for page in pages:
        children[page.parent_id].append(page)
    for members in children.values():
        members.sort(key=lambda p: (p.order, p.title.lower(), p.pk))
    result: list[tuple[GuidePage, int]] = []

    def walk(parent_id, depth):
        for page in children.get(parent_id, ()):
            result.append((page, depth))
            walk(page.pk, depth + 1)

    walk(None, 0)
    return result


def _skeleton(office: Office, *, public: bool = True):
    queryset = GuidePage.objects.filter(office=office).only(*SKELETON_FIELDS)
    return queryset.public() if public else queryset


# --- Public --------------------------------------------------------------------------------------------


def municipality_by_bfs(*, office: Office, bfs: str | int | None) -> Municipality | None:
    """The office's municipality with this official number, or None (unknown or not a number)."""
    raw = str(bfs or "").strip()
    if not raw.isdigit():
        return None
    return office.municipalities.filter(bfs_number=int(raw)).first()


@dataclass
class PageCard:
    page: GuidePage
    text: Localized
    depth: int = 0


def guide_index(*, office: Office, language: str, municipality: Municipality | None) -> list[PageCard]:
    """The top-level published pages (the tiles of the guide's start page). Queries: pages, translations."""
    pages = (
        _skeleton(office)
        .for_municipality(municipality.pk if municipality else None)
        .filter(parent__isnull=True)
        .prefetch_related(_translations_prefetch(language, fields=CARD_FIELDS))
        .order_by("order", "title", "pk")
    )
    cards = []
    for page in pages:
        page.office = office  # already loaded: no query for the page's URL
        cards.append(PageCard(page, _card_text(page, language)))
    return cards


@dataclass
class PageDetail:
    page: GuidePage
    text: Localized
    breadcrumbs: list[PageCard]
    children: list[PageCard]


def guide_page_public(
    *, office: Office, pk: int, language: str, municipality: Municipality | None, preview: bool = False
) -> PageDetail:
    """A published page with its text in `language`, its ancestors and its visible sub-pages; 404 when it
    or one of its ancestors is not published (unless `preview`: staff see drafts too).
    Queries: the page and its translation, one per ancestor, the children, the card translations of
    ancestors and children together — independent of the size of the office's guide."""
    pages = GuidePage.objects.filter(office=office)
    if not preview:
        pages = pages.public()
    try:
        page = pages.prefetch_related(_translations_prefetch(language)).get(pk=pk)
    except GuidePage.DoesNotExist as exc:
        raise Http404("No such guide page") from exc
    page.office = office
    skeleton = _skeleton(office, public=not preview)
    ancestors: list[GuidePage] = []
    seen = {page.pk}
    parent_id = page.parent_id
    while parent_id is not None and parent_id not in seen:  # `seen`: a cycle written past the services
        parent = skeleton.filter(pk=parent_id).first()
        if parent is None:
            raise Http404("The branch of this page is not published")
        ancestors.append(parent)
        seen.add(parent.pk)
        parent_id = parent.parent_id
    ancestors.reverse()
    visible = [None, municipality.pk if municipality else None]
    children = sorted(
        skeleton.filter(parent=page).filter(
            Q(municipality__isnull=True) | Q(municipality_id__in=[pk for pk in visible if pk])
        ),
        key=lambda p: (p.order, p.title.lower(), p.pk),
    )
    cards = ancestors + children
    if language != SOURCE_LANGUAGE and cards:
        translations = {
            translation.page_id: translation
            for translation in GuidePageTranslation.objects.filter(
                language=language, page_id__in=[node.pk for node in cards]
            ).only("id", "page_id", "language", "state", "source_revision", *CARD_FIELDS)
        }
    else:
        translations = {}
    for node in cards:
        node.office = office
        node.active_translations = [translations[node.pk]] if node.pk in translations else []
    return PageDetail(
        page=page,
        text=localize(page, _wanted(page), language),
        breadcrumbs=[PageCard(node, _card_text(node, language)) for node in ancestors],
        children=[PageCard(child, _card_text(child, language)) for child in children],
    )


def guide_page_public_stub(*, office: Office, pk: int) -> GuidePage:
    """A published page's title and id (for the short URL's redirect), or 404."""
    try:
        page = GuidePage.objects.public().only("id", "title", "office_id").get(office=office, pk=pk)
    except GuidePage.DoesNotExist as exc:
        raise Http404("No such guide page") from exc
    page.office = office
    return page


def guide_pages_for_print(
    *, office: Office, municipality: Municipality | None, language: str
) -> list[tuple[GuidePage, Localized, int]]:
    """The pages of the printed brochure: published, marked for the brochure, of the whole office and of
    `municipality`, depth first with their depth (0 = top level) and their text in `language`. A page
    below a page left out is left out too. Queries: pages, translations."""
    pages = list(
        GuidePage.objects.filter(office=office)
        .public()
        .for_municipality(municipality.pk if municipality else None)
        .filter(in_brochure=True)
        .prefetch_related(_translations_prefetch(language))
    )
    result = []
    for page, depth in _depth_first(pages):
        page.office = office
        result.append((page, localize(page, _wanted(page), language), depth))
    return result


# --- Staff: tree and translation status ----------------------------------------------------------------


@dataclass
class StaffRow:
    page: GuidePage
    depth: int
    up_to_date: int
    machine: int
    outdated: int
    in_translation: int
    missing: int


def _status_counts(languages: list[str]) -> dict:
    """Annotations counting a page's translations per status, among the office's languages."""
    wanted = Q(translations__language__in=languages)
    finished = ~Q(translations__state=State.IN_TRANSLATION)
    current = Q(translations__source_revision__gte=F("source_revision"))
    return {
        "n_up_to_date": Count(
            "translations", filter=wanted & finished & current & Q(translations__state=State.DONE)
        ),
        "n_machine": Count(
            "translations", filter=wanted & finished & current & Q(translations__state=State.MACHINE)
        ),
        "n_outdated": Count("translations", filter=wanted & finished & ~current),
        "n_in_translation": Count(
            "translations", filter=wanted & Q(translations__state=State.IN_TRANSLATION)
        ),
    }


def guide_tree_staff(*, office: Office) -> list[StaffRow]:
    """Every page of the office in tree order with its translation-status counts. One query."""
    languages = office_languages(office)
    pages = list(
        GuidePage.objects.filter(office=office)
        .only(*SKELETON_FIELDS, "updated_at", "municipality__name")
        .select_related("municipality")
        .annotate(**_status_counts(languages))
    )
    rows = []
    for page, depth in _depth_first(pages):
        done = page.n_up_to_date + page.n_machine + page.n_outdated + page.n_in_translation
        rows.append(
            StaffRow(
                page=page,
                depth=depth,
                up_to_date=page.n_up_to_date,
                machine=page.n_machine,
                outdated=page.n_outdated,
                in_translation=page.n_in_translation,
                missing=max(0, len(languages) - done),
            )
        )
    return rows


def guide_page_for_staff(*, office: Office, pk: int) -> GuidePage:
    try:
        page = GuidePage.objects.select_related("municipality").get(office=office, pk=pk)
    except GuidePage.DoesNotExist as exc:
        raise Http404("No such guide page") from exc
    page.office = office
    return page


def parent_choices(*, office: Office) -> list[tuple[GuidePage, int]]:
    """Every page of the office in tree order with its depth, for the parent choice. One query."""
    pages = list(
        GuidePage.objects.filter(office=office)
        .only(*SKELETON_FIELDS, "municipality__name")
        .select_related("municipality")
    )
    return _depth_first(pages)


@dataclass
class MatrixCell:
    language: str
    status: TranslationStatus
    revision: int | None


@dataclass
class MatrixRow:
    page: GuidePage
    depth: int
    cells: list[MatrixCell]


@dataclass
class TranslationMatrix:
    languages: list[str]
    rows: list[MatrixRow]
    totals: dict[str, dict[str, int]] = field(default_factory=dict)  # language → status → count


def translation_matrix(*, office: Office) -> TranslationMatrix:
    """Page × office language with the status of each translation. Queries: pages, translations."""
    languages = office_languages(office)
    pages = list(GuidePage.objects.filter(office=office).only(*SKELETON_FIELDS))
    found: dict[tuple[int, str], GuidePageTranslation] = {
        (t.page_id, t.language): t
        for t in GuidePageTranslation.objects.filter(page__office=office, language__in=languages).only(
            "id", "page_id", "language", "state", "source_revision"
        )
    }
    totals = {code: {status.value: 0 for status in TranslationStatus} for code in languages}
    rows = []
    for page, depth in _depth_first(pages):
        cells = []
        for code in languages:
            translation = found.get((page.pk, code))
            status = (
                translation.status_for(page.source_revision)
                if translation is not None
                else TranslationStatus.MISSING
            )
            totals[code][status.value] += 1
            cells.append(MatrixCell(code, status, translation.source_revision if translation else None))
        rows.append(MatrixRow(page, depth, cells))
    return TranslationMatrix(languages=languages, rows=rows, totals=totals)


def translation_for_edit(*, page: GuidePage, language: str) -> GuidePageTranslation | None:
    if language not in office_languages(page.office):
        raise Http404("The office does not translate into this language")
    return GuidePageTranslation.objects.filter(page=page, language=language).first()


# --- Diff of the German text ---------------------------------------------------------------------------

TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def diff_html(old: str, new: str) -> SafeString:
    """Word-level difference of two texts: removed words in <del>, added in <ins>, everything escaped;
    whitespace is kept, so line breaks of Markdown stay visible (shown with white-space: pre-wrap)."""
    before, after = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for opcode, a0, a1, b0, b1 in matcher.get_opcodes():
        if opcode == "equal":
            parts.append(escape("".join(before[a0:a1])))
            continue
        if opcode in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[a0:a1]))}</del>")
        if opcode in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[b0:b1]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text went through escape()


@dataclass
class FieldDiff:
    name: str
    changed: bool
    html: SafeString


@dataclass
class SourceDiff:
    page: GuidePage
    language: str
    translation: GuidePageTranslation | None
    from_revision: int  # the revision the translation was made from (0: none)
    to_revision: int
    base_known: bool  # False: the old text was not stored, the whole current text is shown as new
    fields: list[FieldDiff]

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.fields)


def translation_diff(*, page: GuidePage, language: str) -> SourceDiff:
    """What changed in the German text since the translation into `language` was made.
    Queries: the translation, the stored old version."""
    translation = translation_for_edit(page=page, language=language)
    from_revision = translation.source_revision if translation else 0
    old = (
        GuidePageSourceVersion.objects.filter(page=page, revision=from_revision).first()
        if from_revision
        else None
    )
    fields = []
    for name in GuidePage.TRANSLATED_FIELDS:
        before = getattr(old, name, "") if old else ""
        after = getattr(page, name) or ""
        fields.append(FieldDiff(name=name, changed=before != after, html=diff_html(before, after)))
    return SourceDiff(
        page=page,
        language=language,
        translation=translation,
        from_revision=from_revision,
        to_revision=page.source_revision,
        base_known=old is not None,
        fields=fields,
    )


# --- Feedback ------------------------------------------------------------------------------------------


@dataclass
class FeedbackRow:
    page: GuidePage
    depth: int
    helpful: int
    not_helpful: int
    open_comments: int

    @property
    def total(self) -> int:
        return self.helpful + self.not_helpful


def feedback_summary(*, office: Office) -> list[FeedbackRow]:
    """Per page: "helpful" and "not helpful" answers and comments not yet dealt with. One query."""
    pages = list(
        GuidePage.objects.filter(office=office)
        .only(*SKELETON_FIELDS)
        .annotate(
            n_helpful=Count("feedback", filter=Q(feedback__helpful=True)),
            n_not_helpful=Count("feedback", filter=Q(feedback__helpful=False)),
            n_open=Count("feedback", filter=Q(feedback__done_at__isnull=True) & ~Q(feedback__comment="")),
        )
    )
    return [
        FeedbackRow(page, depth, page.n_helpful, page.n_not_helpful, page.n_open)
        for page, depth in _depth_first(pages)
    ]


FEEDBACK_COMMENTS_LIMIT = 200


def feedback_comments(
    *, office: Office, page: GuidePage | None = None, include_done: bool = False
) -> list[PageFeedback]:
    """Answers with a comment, newest first (open ones only unless `include_done`). One query."""
    feedback = (
        PageFeedback.objects.filter(page__office=office)
        .exclude(comment="")
        .select_related("page")
        .only("id", "language", "helpful", "comment", "created_at", "done_at", "page__id", "page__title")
        .order_by("-created_at", "-pk")
    )
    if page is not None:
        feedback = feedback.filter(page=page)
    if not include_done:
        feedback = feedback.filter(done_at__isnull=True)
    return list(feedback[:FEEDBACK_COMMENTS_LIMIT])


def feedback_for_staff(*, office: Office, pk: int) -> PageFeedback:
    try:
        return PageFeedback.objects.get(page__office=office, pk=pk)
    except PageFeedback.DoesNotExist as exc:
        raise Http404("No such feedback") from exc


# --- Yearly statistic ----------------------------------------------------------------------------------


@dataclass
class StatisticsRow:
    page: GuidePage
    depth: int
    counts: list[int]
    total: int


@dataclass
class GuideStatistics:
    year: int
    years: list[int]  # years with any views, for the year choice
    languages: list[str]
    rows: list[StatisticsRow]
    totals: list[int]
    total: int

    def csv_rows(self):
        for row in self.rows:
            yield [row.page.pk, row.page.title, *row.counts, row.total]


def guide_statistics(*, office: Office, year: int) -> GuideStatistics:
    """Views per page × language in `year` (German and the office's languages first, then any other
    language readers used). Queries: years, sums, pages."""
    views = PageViewCount.objects.filter(page__office=office)
    years = sorted(
        set(views.annotate(year=ExtractYear("day")).values_list("year", flat=True).distinct()) | {year},
        reverse=True,
    )
    sums: dict[int, dict[str, int]] = defaultdict(dict)
    used = set()
    for page_id, language, count in (
        views.filter(day__year=year)
        .values("page_id", "language")
        .annotate(views=Sum("count"))
        .values_list("page_id", "language", "views")
    ):
        sums[page_id][language] = count
        used.add(language)
    languages = [SOURCE_LANGUAGE, *office_languages(office)]
    languages += sorted(used - set(languages))
    pages = list(GuidePage.objects.filter(office=office).only(*SKELETON_FIELDS))
    rows = []
    for page, depth in _depth_first(pages):
        counts = [sums[page.pk].get(code, 0) for code in languages]
        rows.append(StatisticsRow(page, depth, counts, sum(counts)))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(languages))]
    return GuideStatistics(
        year=year,
        years=years,
        languages=languages,
        rows=rows,
        totals=totals,
        total=sum(totals),
    )
