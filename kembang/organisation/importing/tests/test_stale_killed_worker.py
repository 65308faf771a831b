"""A worker killed in the middle of an import (issue 9, acceptance): a real `kembang
db_worker` process against the test database, made to end itself with `os._exit(1)` —
no rollback, no `finally`, as `kill -9` or a power cut would — right after the apply has
written its employees inside its transaction (or, for the dry run, after reading the
file). Nothing is written, the batch stays running until five minutes without a
heartbeat pass on the pinned clock, then the sweep fails it with its message, its file is
gone, its task row is closed, and the same file uploaded again applies.

PostgreSQL only: the worker needs its own connection to the test database while the test
holds one (SQLite's test database lives in memory), and the apply's heartbeat goes
through a side connection."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kembang.organisation.importing import services
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.tests.helpers import apply, csv_bytes, dry_run, siasn_row
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import make_nip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UPLOAD_AGAIN = "unggah ulang berkas"
PROJECT = Path(__file__).resolve().parents[4]

# Run by the worker process: the pinned clock (the instant is argv[1], so its timestamps
# match the test's), then a patch that ends the process at argv[2]'s point, then the
# worker. It prints what its own transaction had written just before dying.
DYING_WORKER = """
import datetime, os, sys
import time_machine
time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()
import django
django.setup()
from kembang.organisation.importing import services, writing
from kembang.organisation.models import Employee

def die():
    print("written:", Employee.objects.filter(nip__in=sys.argv[3:]).count(), flush=True)
    os._exit(1)

if sys.argv[2] == "apply":
    real = writing.Writer.write_employees
    def write_then_die(self):
        real(self)
        die()
    writing.Writer.write_employees = write_then_die
else:
    def plan_then_die(*args, **kwargs):
        die()
    services.plan_rows = plan_then_die
from django.core.management import call_command
call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
"""


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs a worker process beside the test on one database; this run "
                    f"uses {connection.vendor} (set DATABASE_URL=postgres://…)")


@pytest.fixture
def queued(settings):
    # django-tasks drops its cached backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_dying_worker(point: str, nips: list[str]) -> str:
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}")
    env = dict(os.environ, DATABASE_URL=url, KEMBANG_TASKS_QUEUED="1",
               KEMBANG_MEDIA_DIR=str(settings.MEDIA_ROOT),
               DJANGO_SETTINGS_MODULE="kembang.config.settings")
    done = subprocess.run(
        [sys.executable, "-c", DYING_WORKER, timezone.now().isoformat(), point, *nips],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    return done.stdout


def work(queued_batch: ImportBatch) -> ImportBatch:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    queued_batch.refresh_from_db()
    return queued_batch


def test_a_killed_apply_writes_nothing_is_failed_after_five_minutes_and_the_file_applies_again(
        queued, client_for, hr_officer_a):
    nips = [make_nip() for _ in range(3)]
    data = csv_bytes([siasn_row(nip, f"Pegawai {i}") for i, nip in enumerate(nips)])
    batch = work(dry_run(hr_officer_a, data))
    assert batch.status == ImportBatch.Status.VALIDATED, batch.error
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.APPLYING

    out = run_dying_worker("apply", nips)

    assert "written: 3" in out  # inside the transaction, when the process died
    assert not Employee.objects.filter(nip__in=nips).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLYING
    assert batch.heartbeat_at is not None  # it beat, through the side connection
    task = DBTaskResult.objects.get(pk=batch.task_id)
    assert task.status == "RUNNING"
    assert services.batch_sweep_stale() == 0  # not yet: within the heartbeat window

    client = client_for(hr_officer_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=True):
        page = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
        assert UPLOAD_AGAIN in page
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.FAILED
        assert UPLOAD_AGAIN in batch.error
        assert batch.stored_file == ""
        assert not list((Path(settings.MEDIA_ROOT) / "imports").glob("*"))
        task.refresh_from_db()
        assert task.status == "FAILED" and task.finished_at is not None

        again = work(dry_run(hr_officer_a, data))
        assert again.status == ImportBatch.Status.VALIDATED, again.error
        assert again.summary["counts"]["create"] == 3
        again = work(apply(again))
        assert again.status == ImportBatch.Status.APPLIED, again.error
    assert Employee.objects.filter(nip__in=nips).count() == 3


def test_a_killed_dry_run_leaves_its_upload_until_the_sweep_deletes_it(queued, hr_officer_a):
    nip = make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Terhenti")]))
    stored = Path(settings.MEDIA_ROOT) / batch.stored_file

    run_dying_worker("dry", [nip])

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATING
    assert stored.exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=True):
        # A restarted worker sweeps first, whatever task it takes next.
        other = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Berikutnya")]))
        work(other)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and UPLOAD_AGAIN in batch.error
    assert not stored.exists() and batch.stored_file == ""
    assert not batch.rows.exists()
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "FAILED"
