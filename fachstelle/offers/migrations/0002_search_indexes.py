"""PostgreSQL-only search indexes: GIN on the tsvector, trigram GIN on the folded text (LIKE '%…%')."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS offer_search_vector_gin ON offers_offer USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS offer_search_document_trgm ON offers_offer USING gin (search_document gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS offer_search_document_trgm",
    "DROP INDEX IF EXISTS offer_search_vector_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
