from django.db import migrations, models

MONTHS = [f"official_m{month:02d}" for month in range(1, 13)]


def fill(apps, schema_editor):
    # The sums of the sessions already stored, months included (kembang.recap.summary.rebuild,
    # with the historical models).
    from kembang.recap.summary import rebuild_with

    rebuild_with(apps.get_model("learning", "Session"), apps.get_model("recap", "JpYear"))


class Migration(migrations.Migration):

    dependencies = [
        ("recap", "0001_jp_year"),
        ("learning", "0008_notification_key"),
    ]

    operations = [
        *(migrations.AddField(
            model_name="jpyear", name=name,
            field=models.DecimalField(decimal_places=2, default=0, max_digits=8))
          for name in MONTHS),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
