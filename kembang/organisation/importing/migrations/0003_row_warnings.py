# Written by hand after 0002_batch_heartbeat (another change in progress), so the two
# stay one line of migrations.

from django.db import migrations

import kembang.organisation.importing.models


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0002_batch_heartbeat'),
    ]

    operations = [
        migrations.AddField(
            model_name='importrow',
            name='has_warnings',
            field=kembang.organisation.importing.models.WarningFlagField(default=False, editable=False, verbose_name='ada peringatan'),
        ),
    ]
