"""A heartbeat for the task worker, written from a thread beside its loop.

django-tasks-db's worker has no hook of its own; a thread that writes one row every few
seconds tells the worker is alive whether it is idle or running a long task.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30
# A worker not heard from for this long is taken for gone (a few missed beats).
WORKER_WINDOW = timedelta(minutes=5)


def worker_last_seen():
    """The latest heartbeat of any worker, or None when none was ever seen; one query."""
    from kembang.health.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.aggregate(seen=Max("last_seen"))["seen"]


def worker_alive(now=None) -> bool:
    seen = worker_last_seen()
    return seen is not None and (now or timezone.now()) - seen <= WORKER_WINDOW


class Heartbeat(threading.Thread):
    """Beats until `stop()`; a failed write is logged and retried at the next beat (the
    database may be restarting), never ending the worker."""

    def __init__(self, seconds: float = HEARTBEAT_SECONDS):
        super().__init__(name="kembang-heartbeat", daemon=True)
        self.seconds = seconds
        self.worker = f"{socket.gethostname()}:{os.getpid()}"[:200]
        self.started_at = timezone.now()
        self._stopped = threading.Event()

    def beat(self) -> None:
        from kembang.health.models import WorkerHeartbeat

        WorkerHeartbeat.objects.update_or_create(
            worker=self.worker,
            defaults={"last_seen": timezone.now()},
            create_defaults={"started_at": self.started_at, "last_seen": timezone.now()})

    def run(self) -> None:
        try:
            while not self._stopped.is_set():
                try:
                    self.beat()
                except DatabaseError:
                    logger.warning("heartbeat not written; retrying in %s s", self.seconds)
                self._stopped.wait(self.seconds)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        from kembang.health.models import WorkerHeartbeat

        self._stopped.set()
        if self.is_alive():
            self.join(timeout=self.seconds)
        try:  # a clean stop says so at once instead of after the window
            WorkerHeartbeat.objects.filter(worker=self.worker).delete()
        except DatabaseError:
            logger.warning("heartbeat row of %s left behind", self.worker)
