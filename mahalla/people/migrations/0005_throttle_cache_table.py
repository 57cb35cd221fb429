"""The database cache table that holds API throttle counters (settings.CACHES["throttle"])."""

from django.core.management import call_command
from django.db import migrations

TABLE = "mahalla_throttle_cache"


def create_table(apps, schema_editor):
    # Django's own command, so the table has exactly the columns DatabaseCache expects.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_organisation_short_names_per_language")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
