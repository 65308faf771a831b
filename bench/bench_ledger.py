"""Benchmark: the pure JP ledger over a regency-year, data in memory.

Builds N participants × 25 sessions (default 10,000 × 25 = 250,000) under the `langsa`
profile — coaching, mentoring and self-study mixed, some international, some over the
monthly cap, some days with several self-study rows — from a fixed random seed, then
times `ledger_for_participants` over several runs and prints the median time and
sessions per second. Goal: under 0.3 s for 250,000 sessions on a 2-core server.

    .venv/bin/python bench/bench_ledger.py [--participants N] [--sessions 25] [--runs 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kembang.policy.builtin import BUILTIN_PROFILES  # noqa: E402
from kembang.policy.ledger import LedgerSession, ledger_for_participants  # noqa: E402

ACTIVITIES = ("coaching", "mentoring", "belajar_mandiri")
WEIGHTS = (0.35, 0.30, 0.35)
MINUTES = (30, 44, 45, 60, 90, 91, 120, 135, 200)
GOAL_SECONDS = 0.3


def build(participants: int, per_participant: int, seed: int = 20250424) -> dict:
    """participant NIP-like key → list of LedgerSession, deterministic for a seed."""
    rng = random.Random(seed)
    year_start = date(2025, 1, 1)
    data = {}
    for p in range(participants):
        sessions = []
        for i in range(per_participant):
            activity = rng.choices(ACTIVITIES, WEIGHTS)[0]
            day = year_start + timedelta(days=rng.randrange(365))
            scope = "internasional" if rng.random() < 0.1 else "nasional"
            minutes = rng.choice(MINUTES) if activity == "belajar_mandiri" else None
            sessions.append(
                LedgerSession(
                    key=(p, i),
                    activity=activity,
                    date=day,
                    scope=scope,
                    minutes=minutes,
                    sequence=i + 1,
                )
            )
        data[f"P{p:06d}"] = sessions
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=25, help="sessions per participant")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", default="langsa")
    args = parser.parse_args(argv)

    profile = BUILTIN_PROFILES[args.profile]
    data = build(args.participants, args.sessions)
    total = args.participants * args.sessions
    ledger_for_participants(profile, data)  # warm the profile's caches once

    times = []
    for _ in range(args.runs):
        gc.collect()
        start = time.perf_counter()
        result = ledger_for_participants(profile, data)
        times.append(time.perf_counter() - start)
        del result
    median = statistics.median(times)
    print(f"profile {args.profile}: {args.participants:,} participants, {total:,} sessions")
    print(
        f"runs {args.runs}: median {median:.3f} s, best {min(times):.3f} s, worst {max(times):.3f} s"
    )
    print(f"{total / median:,.0f} sessions/second (median)")
    per_regency_year = median * 250_000 / total
    print(
        f"scaled to 250,000 sessions: {per_regency_year:.3f} s "
        f"(goal < {GOAL_SECONDS} s: {'met' if per_regency_year < GOAL_SECONDS else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
