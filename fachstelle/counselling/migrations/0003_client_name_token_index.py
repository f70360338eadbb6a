"""A GIN index over the blind name tokens (PostgreSQL only; see selectors/name_search.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS client_name_tokens_gin "
            "ON counselling_client USING gin (string_to_array(name_tokens, ' '))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS client_name_tokens_gin")


class Migration(migrations.Migration):
    dependencies = [("counselling", "0002_topics")]

    operations = [migrations.RunPython(forwards, backwards)]
