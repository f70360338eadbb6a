"""The policy's shape and the guard that every inline block in our browser templates is allowed by it."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.ops.csp import PDF_TEMPLATES, csp_hash, inline_blocks, inline_hashes, is_fixed, template_dirs


def test_every_inline_block_has_a_nonce_or_a_hash():
    """A block with template variables inside cannot be hashed: it needs the request's nonce (and must then
    stay off cached pages). This fails for a new inline script that neither is."""
    problems = [
        f"{path.relative_to(settings.BASE_DIR)}: <{tag}{attributes}>"
        for path, tag, attributes, text in inline_blocks(settings.BASE_DIR)
        if "nonce=" not in attributes and not is_fixed(text)
    ]
    assert not problems, "\n".join(problems)


def test_pdf_templates_exist():
    """The PDF exclusions name real templates (a rename would otherwise hide a browser template)."""
    names = {
        path.relative_to(d).as_posix() for d in template_dirs(settings.BASE_DIR) for path in d.rglob("*.html")
    }
    assert set(PDF_TEMPLATES) <= names


def test_fixed_blocks_are_in_the_policy():
    hashes = inline_hashes(settings.BASE_DIR)
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    found = 0
    for _path, tag, attributes, text in inline_blocks(settings.BASE_DIR):
        if "nonce=" in attributes:
            continue
        assert csp_hash(text) in hashes[tag]
        assert csp_hash(text) in directives[f"{tag}-src"]
        found += 1
    assert found >= 4  # the directory's scripts, the admin's and the self-service styles


def test_public_base_template_has_no_inline_blocks():
    """Public pages are cached as rendered HTML: a nonce in them would be another visitor's."""
    source = (settings.BASE_DIR / "templates" / "base.html").read_text()
    assert "<script>" not in source and "<style" not in source


@pytest.mark.django_db
def test_pages_get_the_policy_header(client):
    office = OfficeFactory()
    response = client.get(f"/de/{office.slug}/offers/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "base-uri 'self'" in policy and "form-action 'self'" in policy
    assert "style-src-attr 'unsafe-inline'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-eval'" not in policy


def test_500_page_style_is_allowed():
    """Django renders 500.html without a request (no nonce): its style element is allowed by its hash."""
    html = render_to_string("500.html")
    text = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert csp_hash(text) in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]


@pytest.mark.django_db
def test_staff_style_nonce_matches_the_header(rf):
    """Staff pages (never cached) carry the office colour in a style element with this request's nonce."""
    import re

    from csp.middleware import CSPMiddleware
    from django.contrib.auth.models import AnonymousUser
    from django.shortcuts import render

    request = rf.get("/de/staff/")
    request.user = AnonymousUser()
    request.office = OfficeFactory(primary_color="#7a1f5c")
    middleware = CSPMiddleware(lambda request: render(request, "staff/base.html"))
    response = middleware(request)
    [nonce] = re.findall(r'<style nonce="([^"]+)">:root { --brand: #7a1f5c; }', response.content.decode())
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
