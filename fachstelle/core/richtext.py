"""Rich text of content pages (guide pages, events, news): Markdown written by staff, rendered to HTML and
sanitised with an allow-list (nh3), so a pasted <script> or onclick never reaches a reader.

Staff write Markdown, not HTML: it diffs well (translation status shows what changed), prints well in the
brochure and survives copy-paste from Word. Live lists are embedded with one line of their own:

    [[offers field=deutsch municipality=4289 limit=5]]
    [[events field=deutsch limit=3]]

`embeds_parse` finds them; the guide expands them at render time, so nothing is written twice.
"""

import html as html_lib
import re
from dataclasses import dataclass, field

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "span": {"lang", "dir"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

EMBED_KINDS = ("offers", "events")
EMBED_PATTERN = re.compile(
    r"^\[\[(?P<kind>[a-z]+)(?P<args>(?:\s+[a-z_]+=[^\s\]]+)*)\s*\]\]\s*$", re.MULTILINE
)
EMBED_ARG = re.compile(r"([a-z_]+)=([^\s\]]+)")
EMBED_PLACEHOLDER = "fachstelle-embed-{index}"
MAX_EMBED_LIMIT = 20


@dataclass(frozen=True)
class Embed:
    """A live list embedded in a text: `kind` is "offers" or "events"; `params` as written."""

    kind: str
    params: dict = field(default_factory=dict)
    index: int = 0

    @property
    def limit(self) -> int:
        try:
            return max(1, min(int(self.params.get("limit", 5)), MAX_EMBED_LIMIT))
        except ValueError:
            return 5


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def embeds_parse(text: str) -> list[Embed]:
    """The embed lines of a text, in order (unknown kinds are ignored and shown as written)."""
    embeds = []
    for match in EMBED_PATTERN.finditer(text or ""):
        if match.group("kind") in EMBED_KINDS:
            params = dict(EMBED_ARG.findall(match.group("args") or ""))
            embeds.append(Embed(kind=match.group("kind"), params=params, index=len(embeds)))
    return embeds


def _replace_embeds(text: str) -> str:
    counter = iter(range(10_000))

    def placeholder(match):
        if match.group("kind") not in EMBED_KINDS:
            return match.group(0)
        # A paragraph of its own, recognisable after Markdown and sanitising.
        return "\n" + EMBED_PLACEHOLDER.format(index=next(counter)) + "\n"

    return EMBED_PATTERN.sub(placeholder, text or "")


def render_markdown(text: str, *, embeds_html: dict[int, str] | None = None) -> SafeString:
    """Markdown → sanitised HTML. `embeds_html` maps an embed's index to its (trusted, rendered) HTML;
    without it embed lines vanish (e.g. in the brochure they are rendered separately)."""
    source = _replace_embeds(text)
    html = markdown.markdown(source, extensions=["sane_lists", "tables"], output_format="html")
    html = sanitize_html(html)
    for index in range(MAX_EMBED_LIMIT * 5):
        marker = f"<p>{EMBED_PLACEHOLDER.format(index=index)}</p>"
        if marker not in html:
            break
        html = html.replace(marker, (embeds_html or {}).get(index, ""))
    # Sanitised above; embed HTML comes from our own templates.
    return mark_safe(html)


def plain_text(text: str) -> str:
    """The text without Markdown markup or embeds (teasers, search, read-aloud fallbacks)."""
    html = sanitize_html(markdown.markdown(_replace_embeds(text), output_format="html"))
    plain = nh3.clean(html, tags=set())
    plain = re.sub(EMBED_PLACEHOLDER.replace("{index}", r"\d+"), "", plain)
    return html_lib.unescape(re.sub(r"\s+", " ", plain).strip())
