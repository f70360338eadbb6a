from django.db import migrations


def seed(apps, schema_editor):
    from fachstelle.core.reference_data import seed_reference_data

    seed_reference_data(
        apps.get_model("core", "FieldOfAction"),
        apps.get_model("core", "PromotionArea"),
        apps.get_model("core", "TargetGroup"),
        apps.get_model("core", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
