"""The load suite's data, in the database the server under test uses.

Run by `python -m bench.load` in a child process with the server's production
environment (same DATABASE_URL and SECRET_KEY: the login sessions written here are
signed with it). Two steps:

    python -m bench.load.build data --employees 10000 --regencies 1 --profile langsa
    python -m bench.load.build logins --out var/load/kembang_load/fixtures.json

`data` builds one or more regencies from the demo's plan, each with its own code, name
and BKPSDM admin (the demo keys a regency by its profile, so `kembang demo` makes at most
one per profile), then a year of coaching sessions per employee in the states the queues
show. `logins` gives a few dozen of those people an account and a logged-in session, and
writes what the load users need (cookies, programs, sessions waiting for initials).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BACKEND = "kembang.accounts.backends.NipOrUsernameBackend"
# Who the load users act as, per regency. Enough distinct people that per-user work
# (sessions, scopes, ledgers) is not one cached row, few enough to log in quickly.
PARTICIPANTS_PER_REGENCY = 48
HR_OFFICERS_PER_REGENCY = 4
# A year of sessions per participant, in the states the queues show: most validated,
# some initialled (HR's validation queue), some submitted (the coach's initials queue).
STATUSES = ["validated"] * 8 + ["confirmed"] * 2 + ["submitted"] * 2


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kembang.config.settings")
    import django

    django.setup()


def regency_slug(profile: str, index: int) -> str:
    """The first regency keeps the demo's code (so `admin.langsa` is its admin, as in the
    demo); the others get their own codes, names and admins."""
    return profile if index == 0 else f"{profile}-{index + 1:02d}"


def build_regency(profile: str, index: int, employees: int):
    """One regency from the demo's plan under its own code, written the way `kembang
    demo` writes it (the loader's own steps), with the demo logins' learning activity."""
    from django.db import transaction

    from kembang.audit.services import audit_record
    from kembang.learning.demo import learning_demo
    from kembang.organisation.demo import loader
    from kembang.organisation.demo.builder import demo_plan
    from kembang.organisation.demo.profiles import DEMO_REGENCIES
    from kembang.organisation.models import Employee, Position
    from kembang.organisation.services import regency_create

    demo = DEMO_REGENCIES[profile]
    slug = regency_slug(profile, index)
    with transaction.atomic():
        taken = set(Employee.objects.values_list("nip", flat=True))
        # Another seed per regency: their people differ, as two real regencies' would.
        plan = demo_plan(profile, employees, seed=index + 1, taken_nips=taken)
        regency = regency_create(
            actor=None, name=demo.name if index == 0 else f"{demo.name} {index + 1:02d}",
            slug=slug, kind=demo.kind, province=demo.province, profile_id=profile,
            timezone_name=demo.timezone)
        units = loader._write_units(regency, plan)
        positions = Position.objects.bulk_create(
            [Position(regency=regency, name=p.name, kind=p.kind) for p in plan.positions],
            batch_size=loader.BATCH)
        people = loader._write_employees(regency, plan, units, {p.name: p for p in positions})
        logins = loader._write_logins(regency, plan, units, people)
        audit_record(actor=None, regency=regency, action=loader.DEMO_ACTION, obj=regency,
                     changes={"profile": profile, "seed": index + 1, "employees": employees,
                              "counts": {"employees": len(people)},
                              "login_unit": units[plan.logins.unit].pk,
                              "logins": [{"role": x.role, "username": x.username}
                                         for x in logins]})
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=[x.username for x in logins]).select_related("employee")}
    by_role = {x.role: users[x.username] for x in logins}
    with transaction.atomic():
        learning_demo(regency=regency, head_user=by_role[loader.HEAD_OF_UNIT],
                      coach_user=by_role[loader.SUPERVISOR],
                      participant_user=by_role[loader.EMPLOYEE],
                      hr_user=by_role[loader.HR_OFFICER])
    return regency


def build_sessions(regency, seed: int) -> int:
    """A coaching program per employee with a supervisor (guided by them), running from a
    year ago to three months ahead, with 12 sessions over the past year. Written past the
    services (bulk), as bench/bench_pages.py does, then the recap's sums rebuilt."""
    from django.contrib.auth import get_user_model

    from kembang.learning.models import Program, Session
    from kembang.organisation.dates import regency_today
    from kembang.organisation.models import Employee
    from kembang.recap.summary import rebuild

    rng = random.Random(seed)
    today = regency_today(regency)
    author = get_user_model().objects.filter(regency=regency, employee__isnull=True).first()
    has_program = set(Program.objects.filter(regency=regency).values_list(
        "participant_id", flat=True))
    employees = list(Employee.objects.filter(regency=regency, supervisor__isnull=False)
                     .exclude(pk__in=has_program).only("pk", "supervisor_id", "unit_id"))
    programs = Program.objects.bulk_create(
        (Program(regency=regency, activity="coaching", participant_id=e.pk,
                 guide_id=e.supervisor_id, status="active", development_need="Uji beban",
                 start_date=today - timedelta(days=365), end_date=today + timedelta(days=90),
                 profile_id=regency.profile_id, started_by=author) for e in employees),
        batch_size=2000)
    unit_of = {e.pk: e.unit_id for e in employees}
    rows = []
    for program in programs:
        for status in STATUSES:
            # Waiting work is recent; validated sessions spread over the year.
            back = rng.randrange(1, 45) if status != "validated" else rng.randrange(1, 365)
            rows.append(Session(
                regency=regency, program=program, participant_id=program.participant_id,
                activity="coaching", unit_id=unit_of[program.participant_id],
                date=today - timedelta(days=back), topic="Materi", status=status,
                logged_by=author, jp=2 if status == "validated" else 0, jp_provisional=2,
                counted=True))
    Session.objects.bulk_create(rows, batch_size=5000)
    rebuild(regency.pk)
    return len(rows)


def data(args) -> None:
    from django.db import connection

    started = time.perf_counter()
    total = 0
    for index in range(args.regencies):
        regency = build_regency(args.profile, index, args.employees)
        total += build_sessions(regency, seed=index + 1)
        print(f"  {regency.slug}: {args.employees:,} employees "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give in a while
    print(f"built {args.regencies} regenc{'y' if args.regencies == 1 else 'ies'}, "
          f"{total:,} sessions in {time.perf_counter() - started:.0f} s", flush=True)


def _session_cookie(user) -> str:
    """A logged-in session as `login()` writes it. Logging in through the form costs a
    PBKDF2 hash (about a second of CPU here) per account, which would be the largest
    cost of a short run; the login itself is not what is measured."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _account(employee):
    """The employee's account with a usable password (made like the demo's logins)."""
    from kembang.accounts.models import User

    user = User.objects.filter(employee=employee).first()
    if user is None:
        user = User.objects.create(
            username=employee.nip, regency_id=employee.regency_id, employee=employee,
            first_name=employee.name[:150], password="!load-suite-session-only")
    return user


def logins(args) -> None:
    """Accounts and sessions for the load users, written to `args.out` as JSON."""
    from django.db import transaction

    from kembang.accounts.models import User
    from kembang.learning.models import Program, Session
    from kembang.organisation.models import Employee, OrgUnit, Regency, Role, RoleAssignment
    from kembang.organisation.services import role_assign

    out: dict = {"employees": [], "coaches": [], "hr": [], "bkpsdm": [], "regencies": []}
    with transaction.atomic():
        for regency in Regency.objects.order_by("pk"):
            out["regencies"].append(regency.slug)
            admin = User.objects.get(username=f"admin.{regency.slug}")
            out["bkpsdm"].append({"user": admin.username, "cookie": _session_cookie(admin)})
            programs = list(
                Program.objects.filter(regency=regency, activity="coaching", status="active",
                                       guide__isnull=False)
                .select_related("participant", "guide").order_by("pk"))
            # Spread over the regency (not the first PD only), the same people every run.
            step = max(1, len(programs) // PARTICIPANTS_PER_REGENCY)
            chosen = programs[::step][:PARTICIPANTS_PER_REGENCY]
            coaches: dict[int, dict] = {}
            for program in chosen:
                user = _account(program.participant)
                out["employees"].append({"user": user.username, "cookie": _session_cookie(user),
                                         "program": program.pk})
                if program.guide_id not in coaches:
                    guide = _account(program.guide)
                    coaches[program.guide_id] = {"user": guide.username,
                                                 "cookie": _session_cookie(guide)}
            waiting = Session.objects.filter(
                regency=regency, status="submitted", program__guide_id__in=coaches,
            ).values_list("program__guide_id", "pk")
            for guide_id, session_id in waiting:
                coaches[guide_id].setdefault("to_initial", []).append(session_id)
            out["coaches"].extend(coaches.values())
            # HR officers of the largest Perangkat Daerah: the demo's one, and more.
            pds = sorted(OrgUnit.objects.filter(regency=regency, parent__isnull=True),
                         key=lambda u: -Employee.objects.filter(
                             regency=regency, unit__path__startswith=u.path).count())
            for pd in pds[:HR_OFFICERS_PER_REGENCY]:
                held = RoleAssignment.objects.filter(regency=regency, role=Role.HR_OFFICER,
                                                     unit=pd).select_related("user").first()
                if held is not None:
                    user = held.user
                else:
                    person = (Employee.objects.filter(regency=regency, unit=pd)
                              .exclude(user__role_assignments__isnull=False)
                              .order_by("pk").first())
                    if person is None:
                        continue
                    user = _account(person)
                    role_assign(actor=None, regency=regency, user=user, role=Role.HR_OFFICER,
                                unit=pd, note="Load suite")
                out["hr"].append({"user": user.username, "cookie": _session_cookie(user)})
    Path(args.out).write_text(json.dumps(out))
    waiting = sum(len(c.get("to_initial", [])) for c in out["coaches"])
    print(f"logins: {len(out['employees'])} employees, {len(out['coaches'])} coaches "
          f"({waiting} sessions to initial), {len(out['hr'])} HR officers, "
          f"{len(out['bkpsdm'])} BKPSDM admins", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    build = steps.add_parser("data")
    build.add_argument("--employees", type=int, required=True)
    build.add_argument("--regencies", type=int, default=1)
    build.add_argument("--profile", default="langsa")
    accounts = steps.add_parser("logins")
    accounts.add_argument("--out", required=True)
    args = parser.parse_args()
    setup_django()
    {"data": data, "logins": logins}[args.step](args)


if __name__ == "__main__":
    main()
