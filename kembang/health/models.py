"""The task worker's heartbeat: one row per running `kembang db_worker` process."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """Written every `HEARTBEAT_SECONDS` by each worker process while it runs, idle or
    busy, so `/sehat/` and the pages waiting for background work can tell "the queue is
    waiting for its turn" from "no worker is running"."""

    worker = models.CharField(max_length=200, primary_key=True)  # host:pid
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.worker
