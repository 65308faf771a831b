"""`/sehat/` for the TLS proxy and a monitor: one query, no template, no session, no
data about people.

200 when the database answers and the task worker has been seen within WORKER_WINDOW;
503 otherwise, with the same keys. "Seen" is the latest heartbeat `kembang db_worker`
writes every 30 seconds, idle or busy (`kembang.health.heartbeat`). With the
ImmediateBackend (development) tasks run in the request that enqueues them, nothing waits
for a worker, and the answer is 200 with `"worker": "immediate"`.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kembang.health.heartbeat import WORKER_WINDOW, worker_last_seen

try:
    VERSION = package_version("kembang")
except PackageNotFoundError:  # a checkout run without `pip install`
    VERSION = "unknown"


def _tasks_run_immediately() -> bool:
    backend = settings.TASKS["default"]["BACKEND"]
    return backend.rsplit(".", 1)[-1] == "ImmediateBackend"


@login_not_required
@require_GET
@never_cache
def health(request):
    immediate = _tasks_run_immediately()
    last_seen = None
    try:
        if immediate:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        else:
            last_seen = worker_last_seen()
        database = "ok"
    except DatabaseError:
        database = "error"
    if immediate:
        healthy = database == "ok"
    else:
        healthy = (database == "ok" and last_seen is not None
                   and timezone.now() - last_seen <= WORKER_WINDOW)
    body = {
        "database": database,
        "worker": "immediate" if immediate else "queued",
        "worker_last_seen": last_seen.isoformat() if last_seen else None,
        "version": VERSION,
    }
    return JsonResponse(body, status=200 if healthy else 503)
