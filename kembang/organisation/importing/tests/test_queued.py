"""With the production backend the dry run and the apply wait in the database queue until
`db_worker` runs them (docs/conventions.md#background-work); the page shows the wait."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.tests.helpers import csv_bytes, dry_run, siasn_row
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import make_nip

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(settings):
    # django-tasks drops its cached backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_queued_dry_run_and_apply_run_in_the_worker(queued, client_for, hr_officer_a):
    nip = make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Antre")]))
    assert batch.status == ImportBatch.Status.UPLOADED
    client = client_for(hr_officer_a)
    assert "Menunggu giliran" in client.get(reverse("imports:batch", args=[batch.pk])
                                            ).content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED, batch.error
    client.post(reverse("imports:apply", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLYING
    assert not Employee.objects.filter(nip=nip).exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED, batch.error
    assert Employee.objects.filter(nip=nip).exists()
