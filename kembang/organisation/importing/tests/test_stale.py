"""Stale work (issue 9): a dry run or apply whose worker died is failed after five minutes
without a heartbeat, its upload deleted and its task row closed; a queued task says it
waits, and says so differently when no worker is running. Runs on any database; the
killed worker itself is in test_stale_killed_worker.py (PostgreSQL)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from kembang.audit.models import AuditEvent
from kembang.common.storage import private_storage
from kembang.health.models import WorkerHeartbeat
from kembang.organisation.importing import services
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.tests.helpers import apply, csv_bytes, dry_run, siasn_row
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import make_nip

pytestmark = pytest.mark.django_db

UPLOAD_AGAIN = "unggah ulang berkas"


@pytest.fixture
def queued(settings):
    # django-tasks drops its cached backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def task_row(**fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
        task_path="kembang.organisation.importing.tasks.apply_import",
        run_after=get_date_max(), **fields)


def running_batch(user, *, status, heartbeat_ago=None, started_ago=None, task_status="RUNNING",
                  with_file=False) -> ImportBatch:
    """A batch left as a killed worker leaves it: running, with a RUNNING task row."""
    batch = dry_run(user, csv_bytes([siasn_row(make_nip(), "Terhenti")]))
    now = timezone.now()
    row = task_row(status=task_status,
                   started_at=now - started_ago if started_ago is not None else None)
    stored = (private_storage.save("imports/terhenti.csv", ContentFile(b"NIP,NAMA\r\n"))
              if with_file else "")
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status, task_id=str(row.pk), stored_file=stored,
        heartbeat_at=now - heartbeat_ago if heartbeat_ago is not None else None)
    batch.refresh_from_db()
    return batch


def test_a_dry_run_silent_for_over_five_minutes_is_failed_its_file_deleted_and_task_closed(
        hr_officer_a):
    batch = running_batch(hr_officer_a, status=ImportBatch.Status.VALIDATING,
                          heartbeat_ago=timedelta(minutes=5, seconds=1), with_file=True)
    stored = batch.stored_file
    assert private_storage.exists(stored)

    assert services.batch_sweep_stale() == 1

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert UPLOAD_AGAIN in batch.error and batch.finished_at is not None
    assert batch.stored_file == "" and not private_storage.exists(stored)
    row = DBTaskResult.objects.get(pk=batch.task_id)
    assert row.status == "FAILED" and row.finished_at is not None
    event = AuditEvent.objects.get(action="import.stale", object_id=str(batch.pk))
    assert event.actor is None
    assert event.changes["status"] == ["validating", "failed"]
    assert event.changes["task_closed"] is True


def test_a_batch_heard_from_exactly_five_minutes_ago_is_left_running(hr_officer_a):
    batch = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                          heartbeat_ago=timedelta(0))
    now = batch.heartbeat_at + services.STALE_AFTER
    assert services.batch_sweep_stale(now=now) == 0
    assert services.batch_sweep_stale(now=now + timedelta(seconds=1)) == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert UPLOAD_AGAIN in batch.error


def test_a_task_killed_before_its_first_beat_is_judged_by_its_start(hr_officer_a):
    fresh = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                          started_ago=timedelta(minutes=4))
    dead = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                         started_ago=timedelta(minutes=6))
    assert services.batch_sweep_stale() == 1
    fresh.refresh_from_db()
    dead.refresh_from_db()
    assert fresh.status == ImportBatch.Status.APPLYING
    assert dead.status == ImportBatch.Status.FAILED


def test_a_queued_apply_is_waiting_however_long_not_stale(hr_officer_a):
    batch = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                          task_status="READY")
    DBTaskResult.objects.filter(pk=batch.task_id).update(
        enqueued_at=timezone.now() - timedelta(hours=2))
    assert services.batch_sweep_stale(now=timezone.now() + timedelta(hours=1)) == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLYING


def test_sweeping_one_batch_leaves_the_others(hr_officer_a):
    one = running_batch(hr_officer_a, status=ImportBatch.Status.VALIDATING,
                        heartbeat_ago=timedelta(minutes=10))
    other = running_batch(hr_officer_a, status=ImportBatch.Status.VALIDATING,
                          heartbeat_ago=timedelta(minutes=10))
    # The second upload's dry run swept the first (every import task sweeps); again:
    ImportBatch.objects.filter(pk=one.pk).update(status=ImportBatch.Status.VALIDATING)
    assert services.batch_sweep_stale(batch_id=one.pk) == 1
    other.refresh_from_db()
    assert other.status == ImportBatch.Status.VALIDATING


def test_the_dry_run_and_the_apply_write_their_heartbeat(hr_officer_a):
    before = timezone.now()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Berdetak")]))
    assert batch.status == ImportBatch.Status.VALIDATED
    assert batch.heartbeat_at >= before and batch.task_id
    dry_beat = batch.heartbeat_at
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.APPLIED
    assert batch.heartbeat_at > dry_beat


@pytest.mark.django_db(transaction=True)  # db_worker closes connections
def test_confirming_resets_the_dry_runs_heartbeat_so_a_queued_apply_waits(
        queued, hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Antre")]))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert batch.heartbeat_at is not None
    validate_task = batch.task_id
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.APPLYING
    assert batch.heartbeat_at is None and batch.task_id != validate_task
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "READY"
    with time_machine.travel(timezone.now() + timedelta(minutes=30), tick=True):
        assert services.batch_sweep_stale() == 0


def test_an_apply_failed_as_stale_while_it_ran_writes_nothing(hr_officer_a, monkeypatch):
    nip = make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Zombi")]))
    real_scope = services.import_scope

    def swept_meanwhile(user):
        # What the sweep does to a batch it takes for dead, while this worker still runs.
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FAILED,
                                                       error="terhenti")
        return real_scope(user)

    monkeypatch.setattr(services, "import_scope", swept_meanwhile)
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.FAILED and batch.error == "terhenti"
    assert not Employee.objects.filter(nip=nip).exists()


def test_pengingat_sweeps_stale_imports(hr_officer_a):
    batch = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                          heartbeat_ago=timedelta(minutes=6))
    call_command("pengingat", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


# --- the page --------------------------------------------------------------------------


def queued_apply(user) -> ImportBatch:
    batch = dry_run(user, csv_bytes([siasn_row(make_nip(), "Menunggu")]))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    return apply(batch)


@pytest.mark.django_db(transaction=True)  # db_worker closes connections
def test_a_queued_apply_says_it_waits_its_turn(queued, client_for, hr_officer_a):
    batch = queued_apply(hr_officer_a)
    client = client_for(hr_officer_a)
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Menunggu giliran diterapkan" in page  # the badge
    assert "Menunggu giliran diproses" in page
    assert "Menerapkan perubahan" not in page
    part = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
    assert "Menunggu giliran diproses" in part and 'hx-trigger="every 1s"' in part


@pytest.mark.django_db(transaction=True)  # db_worker closes connections
def test_with_no_worker_after_five_minutes_the_page_says_whom_to_tell_and_stops_polling(
        queued, client_for, hr_officer_a):
    batch = queued_apply(hr_officer_a)
    client = client_for(hr_officer_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=True):
        part = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
        page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    for html in (part, page):
        assert "Pemrosesan latar belakang tidak berjalan" in html
        assert "administrator server" in html and "BKPSDM" in html
        assert "hx-trigger" not in html.split('id="import-progress"')[1].split(">")[0]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLYING  # waiting is not failing


@pytest.mark.django_db(transaction=True)  # db_worker closes connections
def test_with_a_worker_alive_a_long_wait_is_still_waiting(queued, client_for, hr_officer_a):
    batch = queued_apply(hr_officer_a)
    client = client_for(hr_officer_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=True):
        WorkerHeartbeat.objects.create(worker="host:1", started_at=timezone.now(),
                                       last_seen=timezone.now())
        part = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
    assert "Menunggu giliran diproses" in part
    assert "tidak berjalan" not in part


def test_the_progress_of_a_stale_batch_fails_it_and_reloads(client_for, hr_officer_a):
    batch = running_batch(hr_officer_a, status=ImportBatch.Status.APPLYING,
                          heartbeat_ago=timedelta(minutes=6))
    client = client_for(hr_officer_a)
    part = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
    assert "Impor gagal." in part and UPLOAD_AGAIN in part
    assert 'hx-trigger="load"' in part
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    again = client.get(reverse("imports:progress", args=[batch.pk]))
    assert again.status_code == 204 and again["HX-Refresh"] == "true"
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Impor gagal." in page and UPLOAD_AGAIN in page
