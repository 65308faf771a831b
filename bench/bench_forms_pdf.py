"""Benchmark: the seeds' paper as PDF (docs/paper-forms.md) — time and memory (tracemalloc
peak) to render a 30-session table (Langsa's Tabel Kegiatan Coaching, Belitung Timur's
format) and N Nganjuk forms (Formulir Pelaksanaan Coaching, one per session, in one PDF;
default 1,000).

    .venv/bin/python bench/bench_forms_pdf.py [--forms 1000] [--runs 3]

Renders from unsaved model instances: no database, only the renderer is measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def world(profile_id: str, sessions: int):
    from kembang.accounts.models import User
    from kembang.learning.models import Program, Session
    from kembang.organisation.models import Employee, OrgUnit, Position, Regency

    regency = Regency(pk=1, name="Nganjuk", slug="nganjuk", profile_id=profile_id)
    unit = OrgUnit(pk=1, regency=regency, name="Dinas Pendidikan")
    head = Position(pk=1, regency=regency, name="Kepala Bidang Pembinaan")
    staff = Position(pk=2, regency=regency, name="Pengolah Data")
    coach = Employee(pk=1, regency=regency, nip="198501012010011003", name="Maya Latupono",
                     kind="pns", rank="III/d", position=head, unit=unit)
    participant = Employee(pk=2, regency=regency, nip="198501012010011004",
                           name="Victoria Winarno", kind="pppk", rank="IX",
                           position=staff, unit=unit)
    officer = User(pk=1, username="pengelola.sdm")
    program = Program(pk=1, regency=regency, activity="coaching", participant=participant,
                      guide=coach, status="active", development_need="Menyusun laporan",
                      job_link="Pelaporan bulanan", planned_activities="Praktik",
                      start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
                      profile_id=profile_id)
    moment = datetime(2026, 11, 19, 3, tzinfo=UTC)
    rows = [Session(pk=i + 1, regency=regency, program=program, participant=participant,
                    activity="coaching", unit=unit, date=date(2026, 1, 1) + timedelta(days=i),
                    topic=f"Materi bimbingan ke-{i + 1}: menyusun laporan kinerja",
                    form_a="Identifikasi kebutuhan " * 6, form_b="Hubungan tanggung jawab " * 6,
                    form_c="Kegiatan pengembangan " * 6, status="validated", minutes=90,
                    confirmed_at=moment, validated_at=moment, validated_by=officer,
                    jp=Decimal(4), jp_provisional=Decimal(4))
            for i in range(sessions)]
    return program, rows


def measure(label: str, render, runs: int) -> None:
    """Time without tracing (tracemalloc slows allocation-heavy code several times), then
    one traced run for the peak."""
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(render())
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    render()
    peaks = [tracemalloc.get_traced_memory()[1]]
    tracemalloc.stop()
    print(f"{label:<46} median {statistics.median(times):7.3f} s  "
          f"peak {max(peaks) / 2**20:7.1f} MiB  pdf {size / 2**10:8.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kembang.config.settings")
    import django

    django.setup()
    from django.utils import translation

    from kembang.documents import learning_papers

    today = date(2026, 11, 22)
    with translation.override("id"):
        for profile_id in ("langsa", "belitung-timur"):
            program, sessions = world(profile_id, 30)
            measure(f"{profile_id}: table of 30 sessions", partial(
                learning_papers.program_record_pdf, program=program, profile_id=profile_id,
                sessions=sessions, printed_on=today), args.runs)
        program, sessions = world("nganjuk", args.forms)
        measure(f"nganjuk: {args.forms} Formulir Pelaksanaan Coaching",
                lambda: learning_papers.program_record_pdf(
                    program=program, profile_id="nganjuk", sessions=sessions,
                    printed_on=today), max(1, args.runs - 2))


if __name__ == "__main__":
    main()
