"""`kembang db_worker`: django-tasks-db's worker with a heartbeat beside it.

This app comes before django_tasks_db in INSTALLED_APPS, so this command is the one
`kembang db_worker` runs; options and behaviour are the original's.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from kembang.health.heartbeat import Heartbeat


class Command(DatabaseWorkerCommand):
    def handle(self, *args, **options):
        heartbeat = Heartbeat()
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
