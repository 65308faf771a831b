"""Everyone's JP for a year, in a constant number of queries (docs/rekap.md).

The numbers are the stored JP of each session (what the ledger credited, docs/jp-rules.md)
summed by SQL, and the classical training HR recorded — the same sums the employee's own
page makes (`kembang.learning.selectors.jp_standing`), so a person's row here equals their
`GET /api/employees/{id}/jp`. A session counts in the year of its date, wherever a
correction booked it (docs/locked-months.md#which-year-a-session-counts-in).

Who is in it: the employees active on the as-of date — the regency's today for the current
year, 31 December for a past year — whose unit on that date is the chosen unit or below it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth

from kembang.learning.models import ClassicalTraining, Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit
from kembang.organisation.selectors import unit_path_labels
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.ledger import LedgerSession
from kembang.policy.outlook import JpStatus, jp_status, outlook_from_totals, remaining_capacity_jp

ZERO = Decimal("0")
VALIDATED = frozenset(str(s) for s in OFFICIAL_STATUSES)
PENDING = frozenset(str(s) for s in PENDING_STATUSES)
COUNTED = tuple(VALIDATED | PENDING)


@dataclass
class ActivityFigures:
    sessions: int = 0  # validated and pending sessions of the period
    official: Decimal = ZERO
    provisional: Decimal = ZERO


@dataclass
class PersonYear:
    """One employee's year (`official`, `provisional` include classical training, as the
    employee's own page does) and, for a month range, that range's figures."""

    employee: Employee
    unit_id: int
    unit_label: str
    target: Decimal
    official: Decimal
    provisional: Decimal
    classical: Decimal
    by_activity: dict[str, ActivityFigures]
    status: JpStatus
    behind_pace: bool | None
    period: dict[str, ActivityFigures] = field(default_factory=dict)
    period_classical: Decimal = ZERO

    @property
    def meets_target(self) -> bool:
        return self.official >= self.target

    @property
    def period_official(self) -> Decimal:
        return sum((a.official for a in self.period.values()), ZERO) + self.period_classical

    @property
    def period_provisional(self) -> Decimal:
        return sum((a.provisional for a in self.period.values()), ZERO) + self.period_classical


@dataclass
class UnitYear:
    unit: OrgUnit
    label: str
    employees: int = 0  # who belong to the unit itself on the as-of date
    meeting_target: int = 0
    official_jp: Decimal = ZERO  # sessions attributed to the unit on their date


@dataclass
class Recap:
    regency: object
    year: int
    as_of: date
    profile_id: str
    activities: tuple[str, ...]
    months: tuple[int, int]
    people: list[PersonYear]
    units: list[UnitYear]


def as_of_date(regency, year: int) -> date:
    """The regency's today for the current (or a later) year, 31 December for a past one."""
    today = regency_today(regency)
    return date(year, 12, 31) if year < today.year else today


def people_on(regency, day: date, *, unit: OrgUnit | None = None,
              employees=None) -> dict[int, int]:
    """{employee id: unit id} of the employees active on `day` with their unit then, under
    `unit` when given, among `employees` (a queryset: a user's scope) when given.

    Today that is the active employees and their current unit; for a past day, the dated
    history (which ends when an employee is deactivated); an employee with no history row
    at all is taken at their current unit if active."""
    if day >= regency_today(regency):
        rows = Employee.objects.filter(regency=regency, is_active=True)
        if unit is not None:
            rows = rows.filter(unit__path__startswith=unit.path)
        if employees is not None:
            rows = rows.filter(pk__in=employees.values("pk"))
        return dict(rows.values_list("pk", "unit_id"))
    history = (EmploymentHistory.objects.filter(employee__regency=regency, valid_from__lte=day)
               .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day)))
    if unit is not None:
        history = history.filter(unit__path__startswith=unit.path)
    if employees is not None:
        history = history.filter(employee_id__in=employees.values("pk"))
    found: dict[int, int] = {}
    for employee_id, unit_id in history.order_by("valid_from", "id").values_list(
            "employee_id", "unit_id"):
        found[employee_id] = unit_id  # the latest row on that day wins
    without_history = Employee.objects.filter(regency=regency, is_active=True,
                                              history__isnull=True)
    if unit is not None:
        without_history = without_history.filter(unit__path__startswith=unit.path)
    if employees is not None:
        without_history = without_history.filter(pk__in=employees.values("pk"))
    found.update(without_history.values_list("pk", "unit_id"))
    return found


def _session_sums(ids, year: int):
    """(participant, activity, status, month) → (sessions, JP, provisional JP)."""
    return (Session.objects.filter(participant_id__in=ids, date__year=year, status__in=COUNTED)
            .annotate(month=ExtractMonth("date"))
            .values_list("participant_id", "activity", "status", "month")
            .annotate(n=Count("id"), jp=Sum("jp"), jpp=Sum("jp_provisional"))
            .order_by())


def _classical_sums(ids, year: int):
    return (ClassicalTraining.objects.filter(employee_id__in=ids, start_date__year=year,
                                             cancelled_at__isnull=True)
            .annotate(month=ExtractMonth("start_date"))
            .values_list("employee_id", "month").annotate(jp=Sum("jp")).order_by())


def _future_sessions(ids, today: date):
    """What `remaining_capacity_jp` reads: the pending and validated sessions from the
    first of this month on, per participant."""
    rows = (Session.objects.filter(participant_id__in=ids, status__in=COUNTED,
                                   date__gte=today.replace(day=1), date__year=today.year)
            .values_list("participant_id", "pk", "activity", "date", "scope", "minutes",
                         "status"))
    found = defaultdict(list)
    for participant_id, pk, activity, day, scope, minutes, status in rows:
        found[participant_id].append(LedgerSession(
            key=pk, activity=activity, date=day, scope=scope, minutes=minutes, status=status,
            sequence=pk))
    return found


def _chunks(ids: list[int], size: int = 5000):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def year_recap(regency, year: int, *, unit: OrgUnit | None = None, months=(1, 12),
               employees=None) -> Recap:
    """The recap of `year` for the regency or `unit` with its sub-units: every person's
    whole-year figures and, for `months` (first, last), the figures of that range; the
    units with their own employees and the JP attributed to them."""
    today = regency_today(regency)
    as_of = as_of_date(regency, year)
    schedule = schedule_for(regency)
    profile = schedule.at(date(year, 12, 31))
    activities = tuple(str(a) for a in profile.activity_types)
    placed = people_on(regency, as_of, unit=unit, employees=employees)
    ids = sorted(placed)

    sums = defaultdict(lambda: defaultdict(ActivityFigures))
    period = defaultdict(lambda: defaultdict(ActivityFigures))
    classical, period_classical = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    future = {}
    first, last = months
    for chunk in _chunks(ids):
        for participant_id, activity, status, month, n, jp, jpp in _session_sums(chunk, year):
            targets = [sums[participant_id][activity]]
            if first <= month <= last:
                targets.append(period[participant_id][activity])
            for figures in targets:
                figures.sessions += n
                if status in VALIDATED:
                    figures.official += jp or ZERO
                figures.provisional += jpp or ZERO
        for employee_id, month, jp in _classical_sums(chunk, year):
            classical[employee_id] += jp or ZERO
            if first <= month <= last:
                period_classical[employee_id] += jp or ZERO
        if year == today.year:
            future.update(_future_sessions(chunk, today))

    people_rows = (Employee.objects.filter(pk__in=ids) if len(ids) <= 5000 else
                   Employee.objects.filter(regency=regency))
    people = {e.pk: e for e in people_rows.only(
        "pk", "nip", "name", "title_prefix", "title_suffix", "kind", "unit_id", "is_talent",
        "regency_id") if e.pk in placed}
    unit_rows = OrgUnit.objects.filter(regency=regency)
    if unit is not None:
        unit_rows = unit_rows.filter(path__startswith=unit.path)
    units = {u.pk: u for u in unit_rows}
    labels = unit_path_labels(units.values())

    remaining_cache: dict[str, Decimal | None] = {}
    rows: list[PersonYear] = []
    for employee_id in ids:
        employee = people.get(employee_id)
        if employee is None:
            continue
        by_activity = {a: sums[employee_id].get(a, ActivityFigures()) for a in activities}
        for extra, figures in sums[employee_id].items():
            by_activity.setdefault(extra, figures)  # a session of an activity no longer run
        own_classical = classical[employee_id]
        official = sum((f.official for f in by_activity.values()), ZERO) + own_classical
        provisional = sum((f.provisional for f in by_activity.values()), ZERO) + own_classical
        target = profile.target_for(employee.kind)
        behind, cannot = None, False
        if year == today.year:
            mine = future.get(employee_id)
            if mine:
                remaining = remaining_capacity_jp(schedule, mine, today=today)
            else:
                # The same for everyone with nothing booked from this month on.
                if "none" not in remaining_cache:
                    remaining_cache["none"] = remaining_capacity_jp(schedule, (), today=today)
                remaining = remaining_cache["none"]
            outlook = outlook_from_totals(official=official, provisional=provisional,
                                          target=target, today=today, remaining=remaining)
            behind, cannot = outlook.behind_pace, outlook.cannot_reach_target
        elif year > today.year:
            behind = False
        unit_id = placed[employee_id]
        rows.append(PersonYear(
            employee=employee, unit_id=unit_id, unit_label=labels.get(unit_id, ""),
            target=target, official=official, provisional=provisional,
            classical=own_classical, by_activity=by_activity,
            status=jp_status(official=official, target=target, year=year, today=today,
                             cannot_reach=cannot),
            behind_pace=behind,
            period={a: period[employee_id].get(a, ActivityFigures()) for a in by_activity},
            period_classical=period_classical[employee_id]))
    rows.sort(key=lambda r: r.employee.nip)
    return Recap(regency=regency, year=year, as_of=as_of, profile_id=schedule.at(as_of).id,
                 activities=activities, months=months, people=rows,
                 units=_units(units, labels, rows, year))


def _units(units: dict[int, OrgUnit], labels, people: list[PersonYear], year: int):
    """Each unit's own employees, how many meet their target, and the official JP of the
    sessions attributed to it — the unit the participant was in on the session's date
    (docs/locked-months.md#unit-of-a-session)."""
    found = {pk: UnitYear(unit=u, label=labels.get(pk, u.name)) for pk, u in units.items()}
    for person in people:
        unit = found.get(person.unit_id)
        if unit is not None:
            unit.employees += 1
            unit.meeting_target += person.meets_target
    attributed = (Session.objects.filter(unit_id__in=list(found), date__year=year,
                                         status__in=tuple(VALIDATED))
                  .values_list("unit_id").annotate(jp=Sum("jp")).order_by())
    for unit_id, jp in attributed:
        found[unit_id].official_jp = jp or ZERO
    return [found[pk] for pk in sorted(found)]
