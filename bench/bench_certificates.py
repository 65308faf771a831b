"""Benchmark: 1,000 certificates (issue 15; the target is < 60 s), the way
`kembang sertifikat` makes them — find what is due, issue it (numbers, tokens, one audit
record), write the ZIP of every PDF (each with its QR code) and daftar.csv.

Builds the demo regency (`nganjuk`) with N employees and gives N of them a closed
mentoring program with two validated sessions of this year and the mentor's assessment,
then times each step once.

    .venv/bin/python bench/bench_certificates.py [--certificates 1000]

Without DATABASE_URL it uses var/bench_certificates.sqlite3 (rebuilt each run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import setup_django  # noqa: E402


def build(count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kembang.certificates.models import CertificateSettings
    from kembang.learning.models import ActivityType, MentorAssessment, Program, Session
    from kembang.organisation.dates import regency_today
    from kembang.organisation.demo.loader import demo_load
    from kembang.organisation.models import Employee

    result = demo_load(profile_id="nganjuk", employees=max(count + 10, 300), seed=1)
    regency = result.regency
    today = regency_today(regency)
    first = today.replace(month=1, day=1)
    CertificateSettings.objects.update_or_create(regency=regency, defaults={
        "signatory_name": "Kepala BKPSDM", "signatory_nip": "197001011995032001",
        "signatory_title": "Kepala BKPSDM", "place": "Nganjuk"})
    user = get_user_model().objects.filter(regency=regency).first()
    people = list(Employee.objects.filter(regency=regency).order_by("pk")[:count + 1])
    guide, participants = people[0], people[1:count + 1]
    programs = Program.objects.bulk_create([Program(
        regency=regency, activity=ActivityType.MENTORING, participant=e, guide=guide,
        status=Program.Status.CLOSED, development_need="Laporan kinerja",
        start_date=first, end_date=first.replace(day=28), profile_id="nganjuk",
        started_by=user, closed_at=timezone.now()) for e in participants])
    Session.objects.bulk_create([Session(
        regency=regency, program=p, participant=p.participant, activity=p.activity,
        unit_id=p.participant.unit_id, date=first.replace(day=day), topic="Laporan",
        status=Session.Status.VALIDATED, logged_by=user, jp=2, jp_provisional=2,
        counted=True) for p in programs for day in (10, 17)], batch_size=1000)
    MentorAssessment.objects.bulk_create([MentorAssessment(
        regency=regency, program=p, mentor=guide, form_code="mentor_assessment", score=4,
        label="Sangat Mampu", explanation="Baik") for p in programs], batch_size=1000)
    return regency, today.year


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=1000)
    args = parser.parse_args()
    setup_django("bench_certificates.sqlite3")
    from kembang.certificates import services
    from kembang.certificates.selectors import certificates_in, due_certificates

    regency, year = build(args.certificates)
    started = time.perf_counter()
    due = due_certificates(regency, year)
    found = time.perf_counter()
    made = services.issue(regency, due, actor=None)
    issued = time.perf_counter()
    rows = list(certificates_in(regency, year).select_related("regency"))
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "s.zip"
        written = services.write_zip(rows, target)
        size = target.stat().st_size
    done = time.perf_counter()
    print(f"certificates: {len(made)} issued, {written} written, ZIP {size / 1e6:.1f} MB")
    print(f"due {found - started:.2f} s · issue {issued - found:.2f} s · "
          f"ZIP {done - issued:.2f} s · total {done - started:.2f} s (target < 60 s)")
    if done - started >= 60:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
