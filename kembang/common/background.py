"""Where a background task stands, as a page tells it: waiting its turn, running, or
waiting with no worker to run it (docs/conventions.md#background-work).

Any background job (the import's dry run and apply; batch certificates and mail as they
come) stores the id of its enqueued result (`result = some_task.enqueue(...)`,
`result.id`) and asks `task_state` when its page is shown. Only django-tasks-db keeps a
row per task; with the immediate backend (development and tests) a task has run by the
time `enqueue` returns, and its state is `UNKNOWN`.

A dead task (its worker killed mid-way) stays RUNNING in django-tasks-db for ever and a
restarted worker does not take it again; `task_close` closes its row as failed so the
queue and the pages move on. Deciding *that* a task is dead is the job's own (it knows
its heartbeat); see `kembang.organisation.importing.services.batch_sweep_stale`.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus as Status

# A task no worker has taken after this long, while no worker heartbeat is alive, is
# reported as "no worker": background processing is not running.
WAIT_WINDOW = timedelta(minutes=5)


class TaskState(enum.StrEnum):
    WAITING = "waiting"  # queued, not taken yet, a worker is (or was just) alive
    NO_WORKER = "no_worker"  # queued for longer than WAIT_WINDOW and no worker alive
    RUNNING = "running"  # a worker has taken it
    FINISHED = "finished"  # succeeded or failed
    UNKNOWN = "unknown"  # no row to read: immediate backend, pruned row, no id


class TaskAbandoned(Exception):
    """Recorded as the error of a task row closed by `task_close` (its worker died)."""


def state_of(status: str | None, *, enqueued_at: datetime | None, now: datetime,
             worker_alive: bool) -> TaskState:
    """The state shown for a task row's `status` (django-tasks' READY/RUNNING/…; None
    when there is no row). Pure: `now` and `worker_alive` are the caller's.

    Waiting becomes "no worker" only when both hold: queued for more than `WAIT_WINDOW`
    (exactly the window is still waiting) and no worker heartbeat alive — a busy worker
    on a long task leaves the others waiting, which is not an outage.
    """
    if status is None:
        return TaskState.UNKNOWN
    if status == Status.RUNNING:
        return TaskState.RUNNING
    if status in {Status.SUCCESSFUL, Status.FAILED}:
        return TaskState.FINISHED
    if enqueued_at is not None and now - enqueued_at > WAIT_WINDOW and not worker_alive:
        return TaskState.NO_WORKER
    return TaskState.WAITING


def task_row(task_id: str):
    """The django-tasks-db row of `task_id`, or None (no id, an id of another backend,
    or a pruned row); one query at most."""
    try:
        key = uuid.UUID(str(task_id))
    except ValueError:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk=key).first()


def task_state(task_id: str, *, enqueued_at: datetime | None = None,
               now: datetime | None = None) -> TaskState:
    """Where the task `task_id` stands (see `state_of`); `enqueued_at` defaults to the
    row's own. At most two queries (the row; the worker heartbeats only when the task has
    waited past the window)."""
    from kembang.health.heartbeat import worker_alive

    now = now or timezone.now()
    row = task_row(task_id)
    if row is None:
        return TaskState.UNKNOWN
    enqueued_at = enqueued_at or row.enqueued_at
    waited_long = row.status == Status.READY and now - enqueued_at > WAIT_WINDOW
    return state_of(row.status, enqueued_at=enqueued_at, now=now,
                    worker_alive=worker_alive(now) if waited_long else True)


def task_close(task_id: str, *, reason: str, now: datetime | None = None) -> bool:
    """Close a task row that will never finish (its worker is gone) as FAILED, with
    `reason` as its traceback text, so a restarted worker, the admin and the pages see it
    ended. A row already finished is left alone. True when a row was closed."""
    try:
        key = uuid.UUID(str(task_id))
    except ValueError:
        return False
    from django_tasks_db.models import DBTaskResult

    return bool(DBTaskResult.objects.filter(pk=key, status__in=[Status.READY, Status.RUNNING]).update(
        status=Status.FAILED, finished_at=now or timezone.now(), return_value=None,
        exception_class_path=f"{TaskAbandoned.__module__}.{TaskAbandoned.__qualname__}",
        traceback=reason))
