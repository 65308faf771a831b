"""Reads: the regency's certificate settings, what is due, what was issued, in a constant
number of queries whatever the number of programs."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from kembang.certificates.models import Certificate, CertificateSettings
from kembang.certificates.rules import DEFAULT_ON
from kembang.learning.models import (
    ActivityType,
    CoachEvaluation,
    MentorAssessment,
    Program,
    SelfStudyClosing,
    Session,
)
from kembang.learning.services.evaluations import COACHING_FORM, MENTOR_FORM, form_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import EmploymentHistory, OrgUnit
from kembang.policy import profiles as P


def settings_of(regency) -> CertificateSettings:
    """The stored settings, or unsaved defaults."""
    found = CertificateSettings.objects.filter(regency=regency).first()
    return found or CertificateSettings(regency=regency)


def legal_basis(regency, row: CertificateSettings) -> str:
    return row.legal_basis.strip() or DEFAULT_ON.get(regency.profile_id, "")


def certificates_enabled(regency, row: CertificateSettings | None = None) -> bool:
    """On under a profile of DEFAULT_ON unless BKPSDM switched them off; elsewhere only
    when BKPSDM switched them on and entered the legal basis."""
    row = row if row is not None else settings_of(regency)
    if row.enabled is None:
        return regency.profile_id in DEFAULT_ON
    return bool(row.enabled) and bool(legal_basis(regency, row))


@dataclass
class Due:
    program: Program
    year: int
    first_date: date
    last_date: date
    sessions: int
    jp: Decimal
    unit_id: int
    agency: str


def _completion_day(program: Program) -> date:
    if program.status == Program.Status.CLOSED and program.closed_at is not None:
        return timezone.localtime(program.closed_at).date()
    return program.end_date


def _completed(programs: list[Program], today: date) -> list[Program]:
    """Ended programs with every evaluation their profile requires (the coachee's
    coaching evaluation — after each session or at the end, as the form says — the
    mentor's closing assessment) and, for self-study, the closing resume accepted."""
    ended = [p for p in programs if p.status == Program.Status.CLOSED
             or (p.status == Program.Status.ACTIVE and p.end_date < today)]
    ids = [p.pk for p in ended]
    coaching = [p.pk for p in ended if p.activity == ActivityType.COACHING]
    evaluated = set(CoachEvaluation.objects.filter(program_id__in=coaching).values_list(
        "program_id", "session_id")) if coaching else set()
    happened = defaultdict(set)
    if coaching:
        for program_id, session_id in Session.objects.filter(
                program_id__in=coaching, status=Session.Status.VALIDATED).values_list(
                "program_id", "pk"):
            happened[program_id].add(session_id)
    assessed = set(MentorAssessment.objects.filter(program_id__in=ids).values_list(
        "program_id", flat=True))
    accepted = set(SelfStudyClosing.objects.filter(
        program_id__in=ids, status=SelfStudyClosing.Status.ACCEPTED).values_list(
        "program_id", flat=True))
    done = []
    for program in ended:
        if program.activity == ActivityType.COACHING:
            form = form_for(program, COACHING_FORM)
            if form is not None:
                if form.timing == P.AFTER_EACH_SESSION:
                    if any((program.pk, s) not in evaluated for s in happened[program.pk]):
                        continue
                elif (program.pk, None) not in evaluated:
                    continue
        elif program.activity == ActivityType.MENTORING:
            if form_for(program, MENTOR_FORM) is not None and program.pk not in assessed:
                continue
        elif program.activity == ActivityType.SELF_STUDY and program.pk not in accepted:
            continue
        done.append(program)
    return done


def _units_at(programs: list[Program]) -> dict[int, int]:
    """{program id: the participant's unit on the program's completion day}."""
    people = {p.participant_id for p in programs}
    history = defaultdict(list)
    for employee_id, unit_id, start, until in EmploymentHistory.objects.filter(
            employee_id__in=people).order_by("valid_from", "id").values_list(
            "employee_id", "unit_id", "valid_from", "valid_until"):
        history[employee_id].append((unit_id, start, until))
    found = {}
    for program in programs:
        day = _completion_day(program)
        unit_id = program.participant.unit_id
        for candidate, start, until in history[program.participant_id]:
            if start <= day and (until is None or until > day):
                unit_id = candidate
        found[program.pk] = unit_id
    return found


def counted_sessions(regency, year: int):
    """Validated sessions with JP of `year`, per program: (program, first, last, n, JP)."""
    return (Session.objects.filter(regency=regency, status=Session.Status.VALIDATED,
                                   jp__gt=0, date__year=year)
            .values("program_id").annotate(first=Min("date"), last=Max("date"),
                                           n=Count("id"), jp=Sum("jp"))
            .values_list("program_id", "first", "last", "n", "jp").order_by())


def due_certificates(regency, year: int, *, unit: OrgUnit | None = None,
                     today: date | None = None) -> list[Due]:
    """The certificates of `year` due and not issued yet, in the scope of `unit` (its
    sub-units included; None: the regency) by the participant's unit at completion."""
    today = today or regency_today(regency)
    sums = {row[0]: row[1:] for row in counted_sessions(regency, year)}
    if not sums:
        return []
    issued = set(Certificate.objects.filter(program_id__in=list(sums), year=year)
                 .values_list("program_id", flat=True))
    programs = list(Program.objects.filter(pk__in=[k for k in sums if k not in issued],
                                           regency=regency)
                    .select_related("participant").order_by("pk"))
    for program in programs:
        program.regency = regency
    programs = _completed(programs, today)
    units_at = _units_at(programs)
    units = {u.pk: u for u in OrgUnit.objects.filter(regency=regency)}
    due = []
    for program in programs:
        unit_id = units_at[program.pk]
        path = units[unit_id].path if unit_id in units else ""
        if unit is not None and not path.startswith(unit.path):
            continue
        root = path.strip("/").split("/")[0] if path else ""
        agency = units[int(root)].name if root.isdecimal() and int(root) in units else ""
        first, last, n, jp = sums[program.pk]
        due.append(Due(program=program, year=year, first_date=first, last_date=last,
                       sessions=n, jp=jp, unit_id=unit_id, agency=agency))
    return due


def certificates_in(regency, year: int, *, unit: OrgUnit | None = None, valid_only=True,
                    employees=None):
    rows = Certificate.objects.filter(regency=regency, year=year)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if valid_only:
        rows = rows.filter(revoked_on__isnull=True)
    if employees is not None:
        rows = rows.filter(participant_id__in=employees.values("pk"))
    return rows.order_by("number", "id")


# What `secrets.token_urlsafe` writes; anything else (a NUL byte, a guess with spaces) is
# no certificate, answered before the database sees it.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def certificate_by_token(token: str) -> Certificate | None:
    if not token or not TOKEN.fullmatch(token):
        return None
    return Certificate.objects.filter(token=token).select_related("regency").first()


def masked_nip(nip: str) -> str:
    """Digits 1–14 hidden, the same for PNS and PPPK: `•••••••• •••••• 1 001`."""
    digits = "".join(c for c in nip if c.isdigit())
    if len(digits) != 18:
        return "•" * 8 + " " + "•" * 6 + " • •••"
    return f"{'•' * 8} {'•' * 6} {digits[14]} {digits[15:]}"


def visible_certificates(user, employees):
    """Certificates of the employees the user may see (their own, their scope)."""
    return Certificate.objects.filter(Q(participant_id__in=employees.values("pk")))


def own_certificates(user):
    """The user's own certificates, valid and revoked, newest year first (one query)."""
    if not getattr(user, "employee_id", None):
        return Certificate.objects.none()
    return Certificate.objects.filter(regency_id=user.regency_id,
                                      participant_id=user.employee_id).order_by(
        "-year", "number", "id")
