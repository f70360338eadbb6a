"""Optional error reporting to Sentry (or a self-hosted, Sentry-compatible service such as GlitchTip).

Only switched on by SENTRY_DSN. The platform holds personal data of vulnerable people, so an event keeps
the stack trace, the URL path and the request ID but loses everything a person typed or carries:
request bodies, query strings, cookies, headers other than a few technical ones, user data, and the
local variables of stack frames (they hold form values).
"""

import os

from .request_id import current_request_id

# Request headers that say nothing about the person and help to reproduce a bug.
KEPT_HEADERS = {"content-type", "content-length", "x-request-id", "host", "accept-language"}
FILTERED = "[Filtered]"


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send: strips personal data from an event in place and returns it."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            if key in request:
                request[key] = FILTERED
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value if name.lower() in KEPT_HEADERS else FILTERED for name, value in headers.items()
            }
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
    event.pop("user", None)
    request_id = current_request_id.get()
    if request_id and isinstance(event.get("tags", {}), dict):
        event.setdefault("tags", {})["request_id"] = request_id
    for values in _exception_values(event):
        for frame in (values.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        # SQL breadcrumbs carry parameters (names, birth dates): keep the statement shape only.
        breadcrumb.pop("data", None)
    return event


def _exception_values(event: dict):
    yield from (event.get("exception") or {}).get("values", [])
    yield from (event.get("threads") or {}).get("values", [])


def sentry_init(*, dsn: str | None = None) -> bool:
    """Starts the Sentry SDK if a DSN is configured; True if it did."""
    dsn = dsn if dsn is not None else os.environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=scrub_event,
        before_send_transaction=scrub_event,
    )
    return True
