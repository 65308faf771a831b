"""Background tasks of the import (django-tasks): run at once in development and tests,
queued for `db_worker` in production. Arguments are ids, so they survive the queue.

Each task first fails the batches a killed worker left behind (`batch_sweep_stale`: one
query when none runs), so a restarted worker clears them before the next import."""

from django_tasks import task

from kembang.organisation.importing import services


@task()
def validate_import(batch_id: int) -> None:
    """The dry run of an uploaded batch (`services.batch_validate`)."""
    services.batch_sweep_stale()
    services.batch_validate(batch_id)


@task()
def apply_import(batch_id: int) -> None:
    """The all-or-nothing apply of a confirmed batch (`services.batch_apply`)."""
    services.batch_sweep_stale()
    services.batch_apply(batch_id)
