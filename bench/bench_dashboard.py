"""Benchmark: the regency dashboard page (`/rekap/dasbor/`, `kembang.recap.dashboard`) and
BKPSDM's home page with its summary, through Django's test client, for the whole regency.

Builds the demo regency with N employees (default 10,000), gives every employee a coaching
program with 12 sessions of this year (validated, confirmed, submitted; as
bench/bench_recap.py), then reports for each page the median wall time of a request and
its number of queries. Target: the whole-regency dashboard under 250 ms.

    .venv/bin/python bench/bench_dashboard.py [--employees N] [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench_dashboard .venv/bin/python …

Without DATABASE_URL it uses var/bench_dashboard.sqlite3 (rebuilt each run). With a
PostgreSQL URL the database must exist and be empty (createdb first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import build_regency, measure  # noqa: E402
from benchdb import setup_django  # noqa: E402

TARGET_MS = 250


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django("bench_dashboard.sqlite3")

    from django.test import Client

    from kembang.accounts.models import User
    from kembang.organisation.models import OrgUnit

    regency = build_regency(args.employees)

    admin = User.objects.get(username="admin.langsa")
    client = Client()
    client.force_login(admin, backend="kembang.accounts.backends.NipOrUsernameBackend")
    top = OrgUnit.objects.filter(regency=regency, parent__isnull=True).order_by("pk").first()
    cases = [
        (f"dashboard, whole regency ({args.employees:,})", "/rekap/dasbor/"),
        ("dashboard, one PD", f"/rekap/dasbor/?unit={top.pk}"),
        ("BKPSDM home (summary)", "/"),
    ]
    print(f"{'page':40} {'median ms':>10} {'queries':>8}")
    for label, url in cases:
        wall, queries = measure(client, url, args.runs)
        print(f"{label:40} {wall * 1000:10.1f} {queries:8d}")
    print(f"target: the whole-regency dashboard under {TARGET_MS} ms")


if __name__ == "__main__":
    main()
