"""One JSON object per line for log collectors (journald, Loki, Elastic); chosen with LOG_FORMAT=json."""

import json
import logging
from datetime import UTC, datetime

# Request fields set by the request middleware's log line (see request_id.py).
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # default=str: a stray object in a message argument must not lose the line.
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Readable lines for development, with the request ID."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return super().format(record)


def logging_config(*, log_format: str, level: str, request_level: str) -> dict:
    """The LOGGING setting: one console handler (systemd's journal or the container collects stdout/stderr),
    JSON or text lines, the request ID on every record, one line per request from `fachstelle.request`."""
    formatter = "json" if log_format == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "fachstelle.ops.request_id.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "fachstelle.ops.log_format.JsonFormatter"},
            "text": {"()": "fachstelle.ops.log_format.TextFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": formatter, "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "fachstelle.request": {"handlers": ["console"], "level": request_level, "propagate": False},
            # runserver's own access lines would repeat ours.
            "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        },
    }
