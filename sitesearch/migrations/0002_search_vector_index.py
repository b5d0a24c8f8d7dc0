"""On PostgreSQL, a GIN index on the folded text's tsvector: how search finds candidates fast.
SQLite has no tsvector; it compares the same folded text with LIKE (sitesearch/query.py)."""

from django.db import migrations

INDEX = "sitesearch_entry_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON sitesearch_searchentry USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
