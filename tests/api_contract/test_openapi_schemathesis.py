"""Schemathesis against the public API's OpenAPI schema (/api/v1/openapi.json).

Every operation of the schema gets generated requests (valid and invalid parameters, derandomized, a
bounded number of examples) sent in-process to the WSGI application, with demo-like data in the database
(the API tests' offices, offers, guide pages, events and news). Each answer must not be a 5xx, and its
status code, content type and body must be the ones the schema documents.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

# The data of the API's own tests: two offices, offers with translations, guide pages, events and news,
# drafts and foreign-office items included (so 404s and scoping are exercised too).
from fachstelle.api.tests.conftest import directory  # noqa: F401
from fachstelle.api.tests.test_content_api import calendar, guide, newsroom  # noqa: F401

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded once at collection: the schema endpoint needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def api_data(db, directory, guide, calendar, newsroom):  # noqa: F811
    # The requests reach the application directly, inside the test's transaction: the handler must not
    # close the connection at the end of a request (Django's test client disconnects the same receivers).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation_conforms_to_its_schema(case, api_data):
    case.call_and_validate(checks=CHECKS)
