"""Boundary imports become leased jobs; their error is stored as a message code."""

from django.db import migrations, models


def errors_to_messages(apps, schema_editor):
    # Text written before codes existed is kept, shown as it was (code "core.text").
    BoundaryImport = apps.get_model("places", "BoundaryImport")
    for row in BoundaryImport.objects.exclude(error="").only("pk", "error").iterator():
        BoundaryImport.objects.filter(pk=row.pk).update(
            failure={"code": "core.text", "params": {"text": row.error}}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0003_boundary_import_encoding"),
    ]

    operations = [
        migrations.AddField(
            model_name="boundaryimport",
            name="failure",
            field=models.JSONField(blank=True, default=dict, verbose_name="error"),
        ),
        migrations.RunPython(errors_to_messages, migrations.RunPython.noop),
        migrations.RemoveField(model_name="boundaryimport", name="error"),
        migrations.AddField(
            model_name="boundaryimport",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="boundaryimport",
            name="lease_expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="lease expires"),
        ),
        migrations.AddField(
            model_name="boundaryimport",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started"),
        ),
    ]
