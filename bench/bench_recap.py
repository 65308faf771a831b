"""Benchmark: the unit recap (`kembang.recap.figures.year_recap`, what the recap page,
the staff lists and `kembang rekap` compute) of the largest Perangkat Daerah and of the
whole regency.

Builds the demo regency with N employees (default 10,000), gives every employee a coaching
program with 12 sessions of this year (validated, confirmed, submitted), then reports for
each case the median wall time, the median time spent inside the database (every query
timed through `connection.execute_wrapper`), the number of queries, and the ratio of that
database time to hand-written SQL: the least query giving the same figures (everyone in the
unit with their stored sums, `recap_jpyear`) and the query that sums the sessions
themselves.

    .venv/bin/python bench/bench_recap.py [--employees N] [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench_recap .venv/bin/python …

Without DATABASE_URL it uses var/bench_recap.sqlite3 (rebuilt each run). With a PostgreSQL
URL the database must exist and be empty (createdb first).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import bare, build_regency  # noqa: E402
from benchdb import setup_django  # noqa: E402


@contextmanager
def database_clock(spent: list[float]):
    """Adds the time of every query run inside the block to `spent`."""
    from django.db import connection

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - start)

    with connection.execute_wrapper(timed):
        yield


def measure(run, runs: int) -> tuple[float, float, int]:
    run()  # warm up: the profile schedule, the connection
    walls, database, queries = [], [], 0
    for _ in range(runs):
        spent: list[float] = []
        start = time.perf_counter()
        with database_clock(spent):
            run()
        walls.append(time.perf_counter() - start)
        database.append(sum(spent))
        queries = len(spent)
    return statistics.median(walls), statistics.median(database), queries


def hand_written_sql(vendor: str) -> str:
    month = "EXTRACT(MONTH FROM s.date)" if vendor == "postgresql" else \
        "CAST(strftime('%%m', s.date) AS integer)"
    return (
        f"SELECT s.participant_id, s.activity, s.status, {month}, COUNT(*), SUM(s.jp), "
        "SUM(s.jp_provisional) FROM learning_session s "
        "JOIN organisation_employee e ON e.id = s.participant_id "
        "JOIN organisation_orgunit u ON u.id = e.unit_id "
        "WHERE e.regency_id = %s AND e.is_active AND u.path LIKE %s "
        "AND s.date >= %s AND s.date <= %s "
        "AND s.status IN ('validated', 'submitted', 'awaiting_ack', 'confirmed') "
        "GROUP BY 1, 2, 3, 4")


SUMMARY_SQL = (
    "SELECT e.id, e.nip, e.name, e.kind, e.unit_id, j.activity, j.sessions, j.official, "
    "j.provisional FROM organisation_employee e "
    "JOIN organisation_orgunit u ON u.id = e.unit_id "
    "LEFT JOIN recap_jpyear j ON j.employee_id = e.id AND j.year = %s "
    "WHERE e.regency_id = %s AND e.is_active AND u.path LIKE %s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django("bench_recap.sqlite3")

    from datetime import date

    from django.db import connection

    from kembang.organisation.dates import regency_today
    from kembang.organisation.models import Employee, OrgUnit
    from kembang.recap.figures import year_recap

    regency = build_regency(args.employees)
    year = regency_today(regency).year

    tops = OrgUnit.objects.filter(regency=regency, parent__isnull=True)
    sizes = {u.pk: Employee.objects.filter(unit__path__startswith=u.path, is_active=True)
             .count() for u in tops}
    largest = tops.get(pk=max(sizes, key=sizes.get))
    cases = [
        (f"largest PD ({sizes[largest.pk]:,} employees)", largest),
        (f"whole regency ({args.employees:,})", None),
    ]
    print(f"{'recap of':32} {'wall ms':>9} {'db ms':>8} {'queries':>8} {'sums SQL':>9} "
          f"{'db/sums':>8} {'sessions SQL':>13} {'db/sessions':>12}")
    for label, unit in cases:
        wall, database, queries = measure(lambda u=unit: year_recap(regency, year, unit=u),
                                          args.runs)
        path = (unit.path if unit else "/") + "%"
        # The least SQL giving the same figures: everyone with their stored sums …
        sums = bare(SUMMARY_SQL, [year, regency.pk, path], args.runs)
        # … and what summing the sessions themselves costs (no stored sums).
        raw = bare(hand_written_sql(connection.vendor),
                   [regency.pk, path, date(year, 1, 1), date(year, 12, 31)], args.runs)
        print(f"{label:32} {wall * 1000:9.1f} {database * 1000:8.1f} {queries:8d} "
              f"{sums * 1000:9.2f} {database / sums:7.1f}× {raw * 1000:13.2f} "
              f"{database / raw:11.2f}×")


if __name__ == "__main__":
    main()
