"""Benchmark: recomputing and storing one participant-year in the app.

Builds a regency with N participants × 25 validated sessions in the database (default
1,000; `--participants 10000` for regency scale, 50000 to show growth), then times
`kembang.learning.ledger.participant_recompute` for sampled participants after changing
one session's status, so every run reads, judges and writes. Reports the median
milliseconds, the queries per recompute, and the ratio to the bare SQL doing the same
reads and writes (one SELECT of the participant-year, one UPDATE per changed row).

    .venv/bin/python bench/bench_recompute.py [--participants N] [--samples 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench .venv/bin/python …

Without DATABASE_URL it uses var/bench.sqlite3 (rebuilt each run).
"""

from __future__ import annotations

import argparse
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


def build(participants: int, seed: int = 7):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kembang.learning.models import Program, Session
    from kembang.organisation.models import Employee, OrgUnit, Regency

    rng = random.Random(seed)
    slug = f"bench-{time.time_ns()}"
    with transaction.atomic():
        regency = Regency.objects.create(name=slug, slug=slug, profile_id="langsa")
        unit = OrgUnit.objects.create(regency=regency, name="Dinas Bench")
        OrgUnit.objects.filter(pk=unit.pk).update(path=f"/{unit.pk}/")
        unit.path = f"/{unit.pk}/"
        user = get_user_model().objects.create(username=slug, regency=regency)
        base = 19800101_2005_01_1_000
        employees = Employee.objects.bulk_create(
            Employee(regency=regency, unit=unit, name=f"Pegawai {i}", kind="pns",
                     nip=f"{base // 1000 + i // 999:015d}{i % 999 + 1:03d}"[-18:])
            for i in range(participants + 1))
        guide, people = employees[0], employees[1:]
        programs = Program.objects.bulk_create(
            Program(regency=regency, activity=activity, participant=p, guide=guide,
                    status="active", development_need="x", start_date=date(2026, 1, 1),
                    end_date=date(2026, 12, 31), profile_id="langsa", started_by=user)
            for p in people for activity in ("coaching", "mentoring", "belajar_mandiri"))
        by_person = {}
        for program in programs:
            by_person.setdefault(program.participant_id, []).append(program)
        rows = []
        for person in people:
            for _ in range(25):
                program = rng.choice(by_person[person.pk])
                day = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
                rows.append(Session(
                    regency=regency, program=program, participant=person, unit=unit,
                    activity=program.activity, date=day, topic="t", status="validated",
                    logged_by=user,
                    scope="internasional" if rng.random() < 0.1 else "nasional",
                    minutes=rng.choice((30, 45, 60, 90, 120))
                    if program.activity == "belajar_mandiri" else None))
        Session.objects.bulk_create(rows, batch_size=2000)
    return regency, people


def bare_sql_seconds(participant_id: int) -> float:
    """The same reads and writes in plain SQL: the participant-year, then an UPDATE of
    every row's JP columns (the recompute writes only changed rows; this is the ceiling)."""
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, activity, date, scope, minutes, status FROM learning_session "
            "WHERE participant_id = %s AND date >= %s AND date <= %s",
            [participant_id, date(2026, 1, 1), date(2026, 12, 31)])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.executemany(
            "UPDATE learning_session SET jp = %s, jp_provisional = %s, counted = %s "
            "WHERE id = %s", [(2, 2, True, i) for i in ids[:2]])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    setup_django("bench.sqlite3")

    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from kembang.learning.ledger import participant_recompute
    from kembang.learning.models import Session

    started = time.perf_counter()
    regency, people = build(args.participants)
    print(f"database: {connection.vendor}; built {len(people):,} participants × 25 "
          f"sessions in {time.perf_counter() - started:.1f} s")
    rng = random.Random(1)
    sample = rng.sample(people, min(args.samples, len(people)))
    for person in sample:  # the app keeps stored JP current: start from that state
        with transaction.atomic():
            participant_recompute(participant=person, year=2026)

    timings, queries, bare = [], [], []
    for person in sample:
        person.regency = regency
        victim = Session.objects.filter(participant=person).order_by("date").first()
        new = "confirmed" if victim.status == "validated" else "validated"
        Session.objects.filter(pk=victim.pk).update(status=new)
        reset_queries()  # the build filled Django's query log; count from empty
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            with transaction.atomic():
                participant_recompute(participant=person, year=2026)
            timings.append(time.perf_counter() - t0)
        queries.append(len(ctx.captured_queries))
        bare.append(bare_sql_seconds(person.pk))

    median = statistics.median(timings) * 1000
    bare_median = statistics.median(bare) * 1000
    print(f"recompute + store one participant-year: median {median:.2f} ms "
          f"(p90 {sorted(timings)[int(len(timings) * 0.9)] * 1000:.2f} ms) over "
          f"{len(timings)} participants")
    print(f"queries per recompute: min {min(queries)}, max {max(queries)}")
    print(f"bare SQL (select year + update rows): median {bare_median:.2f} ms; "
          f"ratio {median / bare_median:.1f}×")


if __name__ == "__main__":
    main()
