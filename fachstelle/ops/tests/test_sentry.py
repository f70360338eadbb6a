from fachstelle.ops.request_id import current_request_id
from fachstelle.ops.sentry import FILTERED, scrub_event, sentry_init


def _event():
    return {
        "request": {
            "url": "https://fachstelle.example.ch/de/zofingen/inquiry/?name=Selam+Tesfay",
            "method": "POST",
            "query_string": "name=Selam+Tesfay",
            "data": {
                "name": "Selam Tesfay",
                "message": "Ich brauche Hilfe mit meiner Aufenthaltsbewilligung",
            },
            "cookies": {"sessionid": "abc", "csrftoken": "def"},
            "headers": {
                "Cookie": "sessionid=abc",
                "User-Agent": "Mozilla",
                "X-Request-ID": "req-1",
                "Content-Type": "text/html",
            },
            "env": {"REMOTE_ADDR": "203.0.113.9"},
        },
        "user": {"id": 4, "email": "beraterin@example.org", "ip_address": "203.0.113.9"},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "stacktrace": {
                        "frames": [
                            {"function": "intake_create", "lineno": 12, "vars": {"name": "'Selam Tesfay'"}}
                        ]
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": "SELECT … WHERE name_index = %s",
                    "data": {"params": ["Selam"]},
                }
            ]
        },
    }


def test_scrubber_removes_everything_a_person_typed_or_carries():
    event = scrub_event(_event(), {})
    request = event["request"]
    assert request["data"] == FILTERED
    assert request["cookies"] == FILTERED
    assert request["query_string"] == FILTERED
    assert request["env"] == FILTERED
    assert request["url"] == "https://fachstelle.example.ch/de/zofingen/inquiry/"
    assert request["headers"]["Cookie"] == FILTERED and request["headers"]["User-Agent"] == FILTERED
    assert "user" not in event
    assert "vars" not in event["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert "data" not in event["breadcrumbs"]["values"][0]
    assert "Selam" not in repr(event) and "203.0.113.9" not in repr(event) and "Aufenthalt" not in repr(event)


def test_scrubber_keeps_what_finds_the_bug():
    token = current_request_id.set("req-1")
    try:
        event = scrub_event(_event(), {})
    finally:
        current_request_id.reset(token)
    assert event["request"]["method"] == "POST"
    assert event["request"]["headers"]["X-Request-ID"] == "req-1"
    assert event["request"]["headers"]["Content-Type"] == "text/html"
    assert event["exception"]["values"][0]["stacktrace"]["frames"][0]["function"] == "intake_create"
    assert event["breadcrumbs"]["values"][0]["message"].startswith("SELECT")
    assert event["tags"]["request_id"] == "req-1"


def test_scrubber_accepts_events_without_a_request():
    assert scrub_event({"message": "worker stopped"}, None) == {"message": "worker stopped"}


def test_sentry_stays_off_without_a_dsn(monkeypatch):
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    assert sentry_init() is False


def test_sentry_starts_with_the_scrubber_and_without_personal_data(monkeypatch):
    import sentry_sdk

    sent = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: sent.append(options))
    assert sentry_init(dsn="https://key@sentry.example.ch/3") is True
    [options] = sent
    assert options["send_default_pii"] is False
    assert options["before_send"] is scrub_event
    assert options["max_request_body_size"] == "never"
    assert options["include_local_variables"] is False
    assert [type(i).__name__ for i in options["integrations"]] == ["DjangoIntegration"]
