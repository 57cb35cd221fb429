# The single short name becomes the English one (its values were English: BMA, CODI);
# Thai and Persian short names are added beside it. Renaming keeps every value, in the
# organisations and in their history.

from django.db import migrations, models

KINDS = [
    ("government_agency", "government agency"),
    ("municipality", "municipality"),
    ("district_office", "district office"),
    ("community_organisation", "community organisation"),
    ("community_network", "community network"),
    ("ngo", "NGO"),
    ("cooperative", "cooperative"),
    ("facilitation_office", "facilitation office"),
    ("neighbourhood_house", "neighbourhood house"),
]


def _short_name(language: str) -> models.CharField:
    return models.CharField(blank=True, max_length=40, verbose_name=f"short name ({language})")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_user_time_zone"),
    ]

    operations = [
        *(
            operation
            for model in ("organisation", "historicalorganisation")
            for operation in (
                migrations.RenameField(model, "short_name", "short_name_en"),
                migrations.AlterField(model, "short_name_en", _short_name("English")),
                migrations.AddField(model, "short_name_th", _short_name("Thai")),
                migrations.AddField(model, "short_name_fa", _short_name("Persian")),
                migrations.AlterField(
                    model,
                    "kind",
                    models.CharField(choices=KINDS, max_length=32, verbose_name="kind"),
                ),
            )
        ),
    ]
