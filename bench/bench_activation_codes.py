"""Benchmark: issuing activation codes (keyed hash, no password hasher) and checking one.

Builds N employee accounts on a scratch database, times issuing a code for each, and
times a wrong-code check for a NIP with a pending code and for an unknown NIP (the two
must cost the same work, so neither tells the other apart).

    .venv/bin/python bench/bench_activation_codes.py [--codes 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench .venv/bin/python …
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=10000)
    args = parser.parse_args()
    setup_django("bench-codes.sqlite3")

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kembang.accounts.services import account_activate, activation_code_issue
    from kembang.common.errors import DomainError
    from kembang.organisation.models import Employee, OrgUnit, Regency

    User = get_user_model()
    regency = Regency.objects.create(name="Bench", slug=f"bench-{time.time_ns()}",
                                     profile_id="langsa")
    unit = OrgUnit.objects.create(regency=regency, name="Dinas Bench")
    employees = Employee.objects.bulk_create(
        Employee(regency=regency, unit=unit, name=f"Pegawai {i}", kind="pns",
                 nip=f"1980010120050{i:05d}")  # usernames only: the check never parses them
        for i in range(args.codes))
    users = User.objects.bulk_create(
        User(username=e.nip, regency=regency, employee=e) for e in employees)

    with CaptureQueriesContext(connection) as queries:  # a sample: the log keeps 9,000
        for user in users[:100]:
            activation_code_issue(actor=None, user=user)
    per_code = len(queries) / 100
    started = time.perf_counter()
    for user in users:
        activation_code_issue(actor=None, user=user)
    seconds = time.perf_counter() - started
    print(f"issue {len(users):,} codes: {seconds:.1f} s "
          f"({seconds / len(users) * 1000:.2f} ms and {per_code:.0f} queries per code)")

    def wrong_try(username: str) -> float:
        begin = time.perf_counter()
        try:
            account_activate(username=username, code="ZZZZ-ZZZZ", password="x" * 12)
        except DomainError:
            pass
        return (time.perf_counter() - begin) * 1000

    pending = [wrong_try(users[i].username) for i in range(1, min(len(users), 200), 10)]
    no_code = [wrong_try(user.username) for user in User.objects.bulk_create(
        User(username=f"19990101200002{i:04d}", regency=regency) for i in range(len(pending)))]
    unknown = [wrong_try(f"19990101200001{i:04d}") for i in range(len(pending))]
    print(f"wrong code (medians): NIP with a pending code {statistics.median(pending):.2f} ms; "
          f"account without a code {statistics.median(no_code):.2f} ms; "
          f"unknown NIP {statistics.median(unknown):.2f} ms")


if __name__ == "__main__":
    main()
