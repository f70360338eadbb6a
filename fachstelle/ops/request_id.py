"""Request IDs and the request log line.

Every request gets an ID: a sane one sent by the proxy (nginx `$request_id`) or load balancer as
`X-Request-ID`, else a fresh uuid4. It is echoed on the response and attached to every log record written
while the request runs (through a context variable, so it also works under ASGI), so one request's lines
can be found across nginx, the app servers and Sentry.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# Anything else (too long, spaces, quotes, newlines) could forge log lines or headers: replaced.
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
request_logger = logging.getLogger("fachstelle.request")


def request_id_from_header(value: str | None) -> str:
    """The incoming ID if it is safe to log and repeat, else a new uuid4."""
    if value and _VALID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request's ID on every record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get() or "-"
        return True


class RequestIdMiddleware:
    """First in MIDDLEWARE: names the request, times it and writes one log line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from_header(request.headers.get(HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            # The path only: query strings may carry what a visitor searched for.
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            current_request_id.reset(token)
