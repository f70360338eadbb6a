import json
import logging

import pytest

from fachstelle.ops.log_format import JsonFormatter, TextFormatter
from fachstelle.ops.request_id import HEADER, RequestIdFilter, current_request_id, request_id_from_header


@pytest.mark.parametrize("value", ["abc-123", "a" * 64, "req_1.2-x", "0f8fad5bd9cb469fa16570867728950e"])
def test_sane_incoming_ids_are_kept(value):
    assert request_id_from_header(value) == value


@pytest.mark.parametrize("value", [None, "", "a" * 65, "has space", "new\nline", 'quote"', "ümlaut", "a;b"])
def test_unsafe_incoming_ids_are_replaced_by_a_uuid(value):
    request_id = request_id_from_header(value)
    assert request_id != value
    assert len(request_id) == 32 and int(request_id, 16) >= 0


@pytest.mark.django_db
def test_response_repeats_the_incoming_id_and_the_log_line_carries_it(client, caplog):
    with caplog.at_level(logging.INFO, logger="fachstelle.request"):
        response = client.get("/health/live?q=private-search", headers={HEADER: "lb-42"})
    assert response[HEADER] == "lb-42"
    [record] = [r for r in caplog.records if r.name == "fachstelle.request"]
    assert (record.method, record.path, record.status) == ("GET", "/health/live", 200)
    assert record.duration_ms >= 0
    # The query string (what a visitor searched for) is not logged.
    assert "private-search" not in record.getMessage()


@pytest.mark.django_db
def test_each_request_without_an_id_gets_its_own(client):
    first = client.get("/health/live", headers={HEADER: "bad id with spaces"})[HEADER]
    second = client.get("/health/live")[HEADER]
    assert first != second
    assert " " not in first
    # The context variable is reset after the request: later records are not attributed to it.
    assert current_request_id.get() is None


def _record(message="hello", **extra):
    record = logging.LogRecord("fachstelle.test", logging.WARNING, __file__, 1, message, (), None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_filter_puts_the_current_request_id_on_records():
    token = current_request_id.set("req-7")
    try:
        record = _record()
        RequestIdFilter().filter(record)
    finally:
        current_request_id.reset(token)
    assert record.request_id == "req-7"
    outside = _record()
    RequestIdFilter().filter(outside)
    assert outside.request_id == "-"


def test_json_formatter_writes_one_line_with_the_request_fields():
    record = _record("GET /x 200", request_id="req-7", method="GET", path="/x", status=200, duration_ms=1.5)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "fachstelle.test"
    assert entry["message"] == "GET /x 200" and entry["request_id"] == "req-7"
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == ("GET", "/x", 200, 1.5)
    assert entry["time"].endswith("+00:00")


def test_json_formatter_keeps_exceptions_on_one_line():
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        import sys

        record = _record("failed", request_id="-")
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError" in json.loads(line)["exception"]
    assert "method" not in json.loads(line)


def test_text_formatter_shows_the_request_id():
    assert "[req-7] hello" in TextFormatter().format(_record(request_id="req-7"))
    assert "[-] hello" in TextFormatter().format(_record())
