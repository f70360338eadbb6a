"""The Content Security Policy (django-csp 4) and the hashes of the fixed inline blocks in our templates.

Why hashes as well as nonces: public pages are cached as rendered HTML (offers/page_cache.py,
core/content_cache.py) and served again to other visitors, whose response carries a new nonce. An inline
`<script>`/`<style>` whose text is fixed in the template is therefore allowed by its sha256 (correct for
every cached copy); only blocks with template variables inside need `nonce="{{ request.csp_nonce }}"`,
and those must stay off cached pages. `test_csp.py` fails for an inline block that is neither.
"""

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

_BLOCK = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
# Scripts with these types are data, never executed: no hash needed.
_DATA_TYPES = re.compile(r"""type\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.IGNORECASE)
_TEMPLATE_SYNTAX = ("{{", "{%", "{#")
# Rendered by WeasyPrint into PDFs, never sent to a browser: no CSP applies to them.
PDF_TEMPLATES = (
    "counselling/protection/subject_access_pdf.html",
    "grants/letters/decision.html",
    "guide/brochure/brochure.html",
    "kompakt/portrait/pdf.html",
    "kompakt/programme/pdf.html",
    "reporting/annual/pdf.html",
)


def template_dirs(base_dir: Path) -> list[Path]:
    return [base_dir / "templates", *sorted((base_dir / "fachstelle").glob("*/templates"))]


def inline_blocks(base_dir: Path):
    """(template path, tag, attributes, text) of every inline script/style block of our browser templates."""
    for directory in template_dirs(base_dir):
        for path in sorted(directory.rglob("*.html")):
            if path.relative_to(directory).as_posix() in PDF_TEMPLATES:
                continue
            source = path.read_text(encoding="utf-8")
            for match in _BLOCK.finditer(source):
                tag, attributes, text = match.group(1).lower(), match.group(2), match.group(3)
                if "src=" in attributes or _DATA_TYPES.search(attributes) or not text.strip():
                    continue
                yield path, tag, attributes, text


def is_fixed(text: str) -> bool:
    return not any(marker in text for marker in _TEMPLATE_SYNTAX)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def inline_hashes(base_dir: Path) -> dict[str, list[str]]:
    """{"script": [...], "style": [...]}: hashes of the fixed inline blocks (read once per process; in
    development restart the server after editing such a block)."""
    hashes: dict[str, set[str]] = {"script": set(), "style": set()}
    for _path, tag, attributes, text in inline_blocks(base_dir):
        if "nonce=" not in attributes and is_fixed(text):
            hashes[tag].add(csp_hash(text))
    return {tag: sorted(values) for tag, values in hashes.items()}


def content_security_policy(base_dir: Path) -> dict:
    """The CONTENT_SECURITY_POLICY setting: our own origin only, no plugins, no framing."""
    hashes = inline_hashes(base_dir)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE, *hashes["script"]],
            "style-src": [SELF, NONCE, *hashes["style"]],
            # style="" attributes (timeline bars, the office colour) carry computed values; attributes cannot
            # run script, so allowing them inline costs little.
            "style-src-attr": [UNSAFE_INLINE],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
        }
    }
