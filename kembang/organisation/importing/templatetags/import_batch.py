"""What the progress of an import says while it runs or waits (issue 9: stale work)."""

from django import template

from kembang.common import background
from kembang.organisation.importing import services

register = template.Library()

STALE = "stale"


@register.simple_tag
def batch_background(batch) -> str:
    """Sweep this one batch if its worker is gone, then say where its task stands: a
    `background.TaskState` value, or "stale" when the sweep has just failed it (the batch
    passed in is refreshed, so the page shows it failed).

    Runs on every poll of a running batch: one query for the sweep and one for the task
    row (a third, the worker heartbeat, only after the task has waited five minutes).
    """
    if services.batch_sweep_stale(batch_id=batch.pk):
        batch.refresh_from_db()
        return STALE
    return background.task_state(batch.task_id).value
