"""Fixtures of counselling's browser tests: the counselling world (an office with a user per role) built
against the live server's database. `browser` and `page` come from the root conftest.py."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.security import TOTP_DEVICE_NAME
from fachstelle.counselling.models import Topic
from fachstelle.counselling.reference_data import seed_topics
from fachstelle.counselling.tests.factories import counselling_world


@pytest.fixture
def world(vocab, live_server):
    """Region Zofingen with its counsellor "beraterin", who has a confirmed authenticator app."""
    seed_topics(Topic)  # transactional tests flush what the data migration seeded
    w = counselling_world()
    w.languages = vocab["languages"]
    w.device = TOTPDevice.objects.create(user=w.counsellor, name=TOTP_DEVICE_NAME, confirmed=True)
    return w
