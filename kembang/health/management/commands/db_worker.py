"""`kembang db_worker`: django-tasks-db's worker with a heartbeat beside it.

This app comes before django_tasks_db in INSTALLED_APPS, so this command is the one
`kembang db_worker` runs; options and behaviour are the original's. A long-running worker
beats from a thread every 30 seconds; `--batch` (run what is queued, then exit) beats
once at its start, from its own thread, so no second connection writes meanwhile.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from kembang.health.heartbeat import Heartbeat


class Command(DatabaseWorkerCommand):
    def handle(self, *args, **options):
        heartbeat = Heartbeat()
        heartbeat.beat()
        if not options.get("batch"):
            heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
