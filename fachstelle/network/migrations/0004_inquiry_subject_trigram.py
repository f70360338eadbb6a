"""Trigram index for the inbox's subject search (PostgreSQL only): `icontains` is UPPER(subject) LIKE …"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS inquiry_subject_trgm ON network_inquiry USING gin (UPPER(subject) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS inquiry_subject_trgm")


class Migration(migrations.Migration):
    dependencies = [("network", "0003_submission_keys")]

    operations = [migrations.RunPython(forwards, backwards)]
