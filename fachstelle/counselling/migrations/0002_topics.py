"""The counselling topics of seed 004 (plus those users will ask for): a vocabulary, editable later."""

from django.db import migrations

from fachstelle.counselling.reference_data import seed_topics


def seed(apps, schema_editor):
    seed_topics(apps.get_model("counselling", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("counselling", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
