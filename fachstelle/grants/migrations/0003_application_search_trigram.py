"""Trigram indexes for the review list's text search (PostgreSQL only): `icontains` is UPPER(column) LIKE …,
so the GIN indexes are on the upper-cased reference, project title and sponsor."""

from django.db import migrations

COLUMNS = {
    "application_reference_trgm": "reference",
    "application_title_trgm": "project_title",
    "application_sponsor_trgm": "organisation_name",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in COLUMNS.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON grants_application USING gin (UPPER({column}) gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_application_unique_reference")]

    operations = [migrations.RunPython(forwards, backwards)]
