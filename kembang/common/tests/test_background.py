"""Where a background task stands (`kembang.common.background`): the pure decision, and
the lookup and closing of django-tasks-db rows."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from kembang.common import background
from kembang.common.background import WAIT_WINDOW, TaskState, state_of
from kembang.health.models import WorkerHeartbeat


@pytest.mark.parametrize(("status", "waited", "alive", "expected"), [
    ("READY", timedelta(0), False, TaskState.WAITING),
    ("READY", WAIT_WINDOW, False, TaskState.WAITING),  # exactly the window: still waiting
    ("READY", WAIT_WINDOW + timedelta(seconds=1), False, TaskState.NO_WORKER),
    ("READY", WAIT_WINDOW + timedelta(hours=3), True, TaskState.WAITING),  # worker busy
    ("RUNNING", timedelta(hours=3), False, TaskState.RUNNING),
    ("SUCCESSFUL", timedelta(0), False, TaskState.FINISHED),
    ("FAILED", timedelta(0), False, TaskState.FINISHED),
    (None, timedelta(hours=3), False, TaskState.UNKNOWN),
])
def test_state_of_a_task_row(status, waited, alive, expected):
    now = timezone.now()
    assert state_of(status, enqueued_at=now - waited, now=now, worker_alive=alive) == expected


def task_row(**fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
        task_path="kembang.organisation.importing.tasks.validate_import",
        run_after=get_date_max(), **fields)


@pytest.mark.django_db
def test_a_task_queued_past_the_window_with_no_worker_alive_has_no_worker():
    row = task_row()
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - WAIT_WINDOW - timedelta(seconds=5))
    assert background.task_state(str(row.pk)) == TaskState.NO_WORKER
    WorkerHeartbeat.objects.create(worker="host:1", started_at=timezone.now(),
                                   last_seen=timezone.now())
    assert background.task_state(str(row.pk)) == TaskState.WAITING


@pytest.mark.django_db
def test_an_id_without_a_row_is_unknown():
    assert background.task_state("") == TaskState.UNKNOWN
    assert background.task_state("not-a-uuid-immediate-backend-id") == TaskState.UNKNOWN
    assert background.task_state("2b1c64a6-63a8-4a0e-9f4e-5d0c3c6f3e11") == TaskState.UNKNOWN


@pytest.mark.django_db
def test_closing_a_dead_task_marks_it_failed_once():
    row = task_row(status="RUNNING", started_at=timezone.now())
    assert background.task_close(str(row.pk), reason="Pekerja berhenti.")
    row.refresh_from_db()
    assert row.status == "FAILED" and row.finished_at is not None
    assert row.traceback == "Pekerja berhenti."
    assert row.exception_class_path == "kembang.common.background.TaskAbandoned"
    assert row.task_result.errors  # django-tasks reads it as a failed result
    assert not background.task_close(str(row.pk), reason="lagi")
    assert not background.task_close("bukan-uuid", reason="x")
