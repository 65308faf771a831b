"""Shared set-up of the database benchmarks: Django on a scratch database, migrated."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(scratch_name: str) -> None:
    """Use DATABASE_URL when given (PostgreSQL); otherwise a fresh var/<scratch_name>
    SQLite file. Background tasks run in this process so they are timed too."""
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / scratch_name
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kembang.config.settings")
    os.environ.pop("KEMBANG_TASKS_QUEUED", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
