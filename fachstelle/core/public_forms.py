"""Protection shared by every public form: honeypot, rate limit per client IP, double-submit keys."""

import hashlib
import uuid

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .audit import client_ip as audit_client_ip


class PublicFormMixin(forms.Form):
    """Adds a hidden honeypot field and a one-time submission key to a public form."""

    # Bots fill every field; people never see this one (hidden with CSS and aria-hidden).
    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        # Out of the tab order and never autofilled: inside an aria-hidden box it must not take focus.
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def is_spam(self) -> bool:
        return bool((self.data.get(self.add_prefix("website_url")) or "").strip())


def client_ip(request) -> str:
    # One rule for the client's address everywhere (audit log, login throttling, rate limits): behind
    # TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry the outermost proxy added.
    return audit_client_ip(request) or "unknown"


def rate_limited(request, scope: str) -> bool:
    """True when this client has used up its submissions of `scope` for the current window."""
    limit = settings.PUBLIC_FORM_RATE_LIMIT
    window = settings.PUBLIC_FORM_RATE_WINDOW
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{digest}"
    added = cache.add(key, 1, timeout=window)
    if added:
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False
    return count > limit
