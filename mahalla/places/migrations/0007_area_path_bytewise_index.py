"""A byte-order index on the materialised path, for "everything beneath" counts.

Counting the descendants of each row of a page is a range `p < path < p || '~'` taken
from the outer row; PostgreSQL can serve it from an index only when the index and the
comparison use the same (byte-order) collation, whatever the database's default. SQLite
compares bytes already, and its plain path index serves the range.
"""

from __future__ import annotations

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX IF NOT EXISTS places_area_path_bytes ON places_area ((path COLLATE "C"))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS places_area_path_bytes")


class Migration(migrations.Migration):
    dependencies = [("places", "0006_boundary_import_preview_and_revert")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
