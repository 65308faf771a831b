"""Benchmark: the busiest pages at regency scale, through the whole Django stack.

Builds the demo regency with N employees (default 10,000; also try 1,000 and 50,000),
gives every employee a coaching program with 12 sessions (validated, confirmed and
submitted), then requests each page several times with Django's test client as the
person who uses it, and reports the median time, the number of queries, and the ratio to
the bare SQL that fetches the same rows (the page's main query written by hand).

    .venv/bin/python bench/bench_pages.py [--employees N] [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench_pages .venv/bin/python …

Without DATABASE_URL it uses var/bench_pages.sqlite3 (rebuilt each run). With a
PostgreSQL URL the database must exist and be empty (createdb first).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import setup_django  # noqa: E402


def build_sessions(regency, seed: int = 3) -> int:
    """A coaching program per employee (guide: their supervisor) with 12 sessions."""
    from django.contrib.auth import get_user_model

    from kembang.learning.models import Program, Session
    from kembang.organisation.models import Employee

    rng = random.Random(seed)
    author = get_user_model().objects.filter(regency=regency).first()
    employees = list(Employee.objects.filter(regency=regency, supervisor__isnull=False)
                     .only("pk", "supervisor_id", "unit_id"))
    programs = Program.objects.bulk_create(
        (Program(regency=regency, activity="coaching", participant_id=e.pk,
                 guide_id=e.supervisor_id, status="active", development_need="x",
                 start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
                 profile_id=regency.profile_id, started_by=author) for e in employees),
        batch_size=2000)
    unit_of = {e.pk: e.unit_id for e in employees}
    statuses = ["validated"] * 8 + ["confirmed"] * 2 + ["submitted"] * 2
    rows = []
    for program in programs:
        for status in statuses:
            rows.append(Session(
                regency=regency, program=program, participant_id=program.participant_id,
                activity="coaching", unit_id=unit_of[program.participant_id],
                date=date(2026, 1, 1) + timedelta(days=rng.randrange(320)), topic="Materi",
                status=status, logged_by=author, jp=2 if status == "validated" else 0,
                jp_provisional=2, counted=True))
    Session.objects.bulk_create(rows, batch_size=5000)
    # Written past the services, so the recap's sums are rebuilt as a migration would.
    from kembang.recap.summary import rebuild

    rebuild(regency.pk)
    return len(rows)


def build_regency(employees: int):
    """The demo regency `langsa` with `employees` employees and a year of sessions each;
    prints what was built and how long it took. Returns the regency."""
    from django.core.management import call_command
    from django.db import connection

    from kembang.organisation.models import Regency

    started = time.perf_counter()
    call_command("demo", "--profil", "langsa", "--pegawai", str(employees),
                 stdout=open(os.devnull, "w"))
    regency = Regency.objects.get(slug="langsa")
    sessions = build_sessions(regency)
    analyze(connection)
    print(f"database: {connection.vendor}; {employees:,} employees, {sessions:,} "
          f"sessions built in {time.perf_counter() - started:.1f} s")
    return regency


def analyze(connection) -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum would within
    minutes on a server: without them PostgreSQL takes the new tables for empty and plans
    nested loops over every session (a four-fold slower HR home page)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, url: str, runs: int):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # the build filled Django's query log; count from empty
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(times), len(ctx.captured_queries)


def bare(sql: str, params: list, runs: int) -> float:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django("bench_pages.sqlite3")

    from django.test import Client

    from kembang.accounts.models import User

    regency = build_regency(args.employees)

    admin = User.objects.get(username="admin.langsa")
    participant = User.objects.filter(regency=regency, employee__supervisor__isnull=False,
                                      role_assignments__isnull=True).first()
    admin_client, participant_client = Client(), Client()
    admin_client.force_login(admin, backend="kembang.accounts.backends.NipOrUsernameBackend")
    participant_client.force_login(participant,
                                   backend="kembang.accounts.backends.NipOrUsernameBackend")
    employee_id = participant.employee_id

    cases = [
        ("employee list, page 1 (BKPSDM)", admin_client, "/pegawai/",
         "SELECT e.id, e.nip, e.name, u.name, p.name FROM organisation_employee e "
         "JOIN organisation_orgunit u ON u.id = e.unit_id "
         "LEFT JOIN organisation_position p ON p.id = e.position_id "
         "WHERE e.regency_id = %s AND e.is_active ORDER BY e.name, e.nip LIMIT 25",
         [regency.pk]),
        ("employee search by name (BKPSDM)", admin_client, "/pegawai/?q=sari",
         "SELECT e.id, e.nip, e.name FROM organisation_employee e WHERE e.regency_id = %s "
         "AND e.is_active AND e.name LIKE %s ORDER BY e.name, e.nip LIMIT 25",
         [regency.pk, "%sari%"]),
        ("validation queue (BKPSDM)", admin_client, "/validasi/",
         "SELECT s.id, s.date, s.topic, e.name FROM learning_session s "
         "JOIN organisation_employee e ON e.id = s.participant_id "
         "WHERE s.regency_id = %s AND s.status = 'confirmed' ORDER BY s.date, s.id LIMIT 50",
         [regency.pk]),
        ("my JP (employee)", participant_client, "/jp/",
         "SELECT id, date, activity, status, jp, jp_provisional FROM learning_session "
         "WHERE participant_id = %s AND date >= %s AND date <= %s ORDER BY date, id",
         [employee_id, date(2026, 1, 1), date(2026, 12, 31)]),
        ("home (employee)", participant_client, "/",
         "SELECT id, date, status, jp FROM learning_session WHERE participant_id = %s "
         "AND date >= %s AND date <= %s", [employee_id, date(2026, 1, 1), date(2026, 12, 31)]),
    ]
    print(f"{'page':36} {'median ms':>10} {'queries':>8} {'bare SQL ms':>12} {'ratio':>7}")
    for label, client, url, sql, params in cases:
        seconds, queries = measure(client, url, args.runs)
        sql_seconds = bare(sql, params, args.runs)
        print(f"{label:36} {seconds * 1000:10.1f} {queries:8d} {sql_seconds * 1000:12.2f} "
              f"{seconds / sql_seconds:7.0f}×")


if __name__ == "__main__":
    main()
