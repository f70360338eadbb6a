import pytest
from django.core.cache import cache

from fachstelle.ops import health


@pytest.fixture
def probe_client(client):
    health._migrations_applied = False
    yield client
    health._migrations_applied = False


@pytest.mark.django_db
def test_live_answers_without_the_database(probe_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = probe_client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_reports_every_check(probe_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    response = probe_client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "media": "ok"},
    }
    # The probe leaves nothing behind in the cache or the media folder.
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_ready_names_an_unwritable_media_folder(probe_client, settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker},
        },
    }
    response = probe_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failed"] == ["media"]
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_ready_names_a_cache_that_loses_writes(probe_client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = probe_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


@pytest.mark.django_db
def test_ready_names_unapplied_migrations(probe_client):
    from django.db.migrations.recorder import MigrationRecorder

    # As if the new code's migration had not run yet (the row is back after the test's rollback).
    MigrationRecorder.Migration.objects.filter(app="sessions", name="0001_initial").delete()
    response = probe_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]


@pytest.mark.django_db
def test_ready_reports_a_database_outage_without_details(probe_client, monkeypatch):
    def broken():
        raise RuntimeError("could not connect to server db.internal:5432")

    monkeypatch.setitem(health.READINESS_CHECKS, "database", broken)
    response = probe_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["checks"]["migrations"] == "skipped"
    assert b"db.internal" not in response.content


@pytest.mark.django_db
def test_old_health_endpoint_still_answers(probe_client):
    response = probe_client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    cache.clear()
