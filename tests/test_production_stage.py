"""The production stage of CI (scripts/ci-production.sh) fails where it should.

Its passing run is CI itself (`.ci/run`); here, that a broken deployment stops it at the
step that broke, instead of carrying on and reporting green.
"""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ci-production.sh"


@pytest.fixture
def on_postgresql(db):
    # The stage deploys into PostgreSQL, production's database; it runs in the PostgreSQL
    # suite, where the server is known to be there.
    if connection.vendor != "postgresql":
        pytest.skip("the production stage deploys into PostgreSQL (set DATABASE_URL=postgres://…)")


def test_the_stage_stops_at_migrate_when_the_database_does_not_exist(on_postgresql, tmp_path):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KEMBANG_", "DJANGO_"))}
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/kembang_no_such_database"
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode != 0
    assert "production stage FAILED at: kembang migrate" in result.stderr
    assert "kembang_no_such_database" in result.stderr  # the log says why
    assert "gunicorn on" not in result.stdout  # nothing after migrate ran
    assert list(tmp_path.iterdir()) == []  # its scratch directory is cleaned up
