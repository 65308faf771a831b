"""Load the national dictionary's first wording (kembang/competency/dictionary.py)."""

from django.db import migrations

from kembang.competency import dictionary


def load(apps, schema_editor):
    dictionary.load_national(apps.get_model("competency", "Competency"),
                             apps.get_model("competency", "CompetencyWording"))


class Migration(migrations.Migration):
    dependencies = [("competency", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
