"""ICU collations with numeric ordering for sorting names in SQL (PostgreSQL only).

SQLite orders by ICU sort keys from functions registered on each connection
(`mahalla.core.db`).
"""

from __future__ import annotations

from django.db import migrations

# Kept here rather than imported: a migration must not change when the code does.
LOCALES = {"mahalla_th": "th-u-kn-true", "mahalla_fa": "fa-u-kn-true", "mahalla_en": "en-u-kn-true"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, locale in LOCALES.items():
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS {name} (provider = icu, locale = '{locale}')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in LOCALES:
        schema_editor.execute(f"DROP COLLATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
