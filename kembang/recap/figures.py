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

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, FilteredRelation, Q, Sum
from django.db.models.functions import ExtractMonth

from kembang.learning.models import ClassicalTraining, Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit
from kembang.organisation.selectors import unit_path_labels
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.ledger import LedgerSession
from kembang.policy.outlook import JpStatus, jp_status, outlook_from_totals, remaining_capacity_jp
from kembang.recap.models import JpYear

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
    unit_rows: dict = field(repr=False)  # the units in the recap's scope, by id
    unit_labels: dict = field(repr=False)

    @cached_property
    def units(self) -> list[UnitYear]:
        """Each unit's own figures, read on first use: a caller who wants only people
        (the employee list's page, a supervisor's home) does not pay for them."""
        return _units(self.unit_rows, self.unit_labels, self.people, self.year)


def as_of_date(regency, year: int) -> date:
    """The regency's today for the current (or a later) year, 31 December for a past one."""
    today = regency_today(regency)
    return date(year, 12, 31) if year < today.year else today


PERSON_FIELDS = ("pk", "nip", "name", "title_prefix", "title_suffix", "kind", "unit_id",
                 "is_talent", "regency_id", "position_id")


class PersonRecord:
    """The employee fields a recap shows, read as plain values: building 10,000 model
    instances costs more than the rest of the recap together. Reads like an `Employee`
    (`pk`, `nip`, `full_name`, `nip_display`, `get_kind_display`, `str`)."""

    __slots__ = ("pk", "nip", "name", "title_prefix", "title_suffix", "kind", "unit_id",
                 "is_talent", "regency_id", "position_id")

    def __init__(self, values):
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)

    @property
    def id(self) -> int:
        return self.pk

    full_name = Employee.full_name
    nip_display = Employee.nip_display

    def get_kind_display(self) -> str:
        return str(Employee.Kind(self.kind).label)

    def __str__(self) -> str:
        return self.full_name


def people_on(regency, day: date, *, unit: OrgUnit | None = None, employees=None,
              sums_of_year: int | None = None):
    """The employees active on `day` and their unit then, under `unit` when given, among
    `employees` (a queryset: a user's scope) when given: ({employee id: unit id}, the
    Employee rows, a subquery of their ids for the other queries).

    Today that is the active employees and their current unit; for a past day, the dated
    history (which ends when an employee is deactivated); an employee with no history row
    at all is taken at their current unit if active.

    With `sums_of_year`, today's people come with their stored sums of that year read in
    the same query (a LEFT JOIN on `JpYear`) — the recap's two largest reads in one — as a
    fourth item: [(employee id, activity, sessions, official, provisional)]; else None."""
    if day >= regency_today(regency):
        rows = Employee.objects.filter(regency=regency, is_active=True)
        if unit is not None:
            rows = rows.filter(unit__path__startswith=unit.path)
        if employees is not None:
            rows = rows.filter(pk__in=employees.values("pk"))
        if sums_of_year is None:
            people = [PersonRecord(v) for v in rows.values_list(*PERSON_FIELDS)]
            return {e.pk: e.unit_id for e in people}, people, rows.values("pk"), None
        joined = rows.annotate(year_sums=FilteredRelation(
            "jp_years", condition=Q(jp_years__year=sums_of_year))).values_list(
            *PERSON_FIELDS, "year_sums__activity", "year_sums__sessions",
            "year_sums__official", "year_sums__provisional")
        people, seen, sums = [], set(), []
        width = len(PERSON_FIELDS)
        for values in joined:
            if values[0] not in seen:
                seen.add(values[0])
                people.append(PersonRecord(values[:width]))
            if values[width] is not None:
                sums.append((values[0], *values[width:]))
        return {e.pk: e.unit_id for e in people}, people, rows.values("pk"), sums
    history = (EmploymentHistory.objects.filter(employee__regency=regency, valid_from__lte=day)
               .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day)))
    without_history = Employee.objects.filter(regency=regency, is_active=True,
                                              history__isnull=True)
    if unit is not None:
        history = history.filter(unit__path__startswith=unit.path)
        without_history = without_history.filter(unit__path__startswith=unit.path)
    if employees is not None:
        history = history.filter(employee_id__in=employees.values("pk"))
        without_history = without_history.filter(pk__in=employees.values("pk"))
    placed: dict[int, int] = {}
    for employee_id, unit_id in history.order_by("valid_from", "id").values_list(
            "employee_id", "unit_id"):
        placed[employee_id] = unit_id  # the latest row on that day wins
    ids = Employee.objects.filter(Q(pk__in=history.values("employee_id"))
                                  | Q(pk__in=without_history.values("pk")))
    people = [PersonRecord(v) for v in ids.values_list(*PERSON_FIELDS)]
    for person in people:
        placed.setdefault(person.pk, person.unit_id)
    return placed, people, ids.values("pk"), None


def _year_sums(people_ids, year: int):
    """(participant, activity, sessions, official, provisional) from the stored sums."""
    return (JpYear.objects.filter(employee_id__in=people_ids, year=year)
            .values_list("employee_id", "activity", "sessions", "official", "provisional"))


def _session_sums(people_ids, year: int, months: tuple[int, int]):
    """(participant, activity, status, sessions, JP, provisional JP) of a month range."""
    first, last = months
    return (Session.objects.filter(
        participant_id__in=people_ids, status__in=COUNTED, date__gte=date(year, first, 1),
        date__lte=date(year, last, calendar.monthrange(year, last)[1]))
        .values_list("participant_id", "activity", "status")
        .annotate(n=Count("id"), jp=Sum("jp"), jpp=Sum("jp_provisional"))
        .order_by())


def _classical_sums(people_ids, year: int):
    return (ClassicalTraining.objects.filter(employee_id__in=people_ids, start_date__year=year,
                                             cancelled_at__isnull=True)
            .annotate(month=ExtractMonth("start_date"))
            .values_list("employee_id", "month").annotate(jp=Sum("jp")).order_by())


def _future_sessions(people_ids, today: date):
    """What `remaining_capacity_jp` reads: the pending and validated sessions from the
    first of this month on, per participant."""
    rows = (Session.objects.filter(participant_id__in=people_ids, status__in=COUNTED,
                                   date__gte=today.replace(day=1), date__year=today.year)
            .values_list("participant_id", "pk", "activity", "date", "scope", "minutes",
                         "status"))
    found = defaultdict(list)
    for participant_id, pk, activity, day, scope, minutes, status in rows:
        found[participant_id].append(LedgerSession(
            key=pk, activity=activity, date=day, scope=scope, minutes=minutes, status=status,
            sequence=pk))
    return found


def _add(figures: ActivityFigures, n: int, official, provisional) -> None:
    figures.sessions += n
    figures.official += official or ZERO
    figures.provisional += provisional or ZERO


def year_recap(regency, year: int, *, unit: OrgUnit | None = None, months=(1, 12),
               employees=None) -> Recap:
    """The recap of `year` for the regency or `unit` with its sub-units: every person's
    whole-year figures and, for `months` (first, last), the figures of that range; the
    units with their own employees and the JP attributed to them (among `employees`, when
    given: only the units they are placed in)."""
    today = regency_today(regency)
    as_of = as_of_date(regency, year)
    schedule = schedule_for(regency)
    profile = schedule.at(date(year, 12, 31))
    activities = tuple(str(a) for a in profile.activity_types)
    placed, people_rows, people_ids, stored = people_on(regency, as_of, unit=unit,
                                                        employees=employees, sums_of_year=year)
    if stored is None:
        stored = _year_sums(people_ids, year)

    sums = defaultdict(lambda: defaultdict(ActivityFigures))
    for employee_id, activity, n, official, provisional in stored:
        _add(sums[employee_id][activity], n, official, provisional)
    months = tuple(months)
    period = sums if months == (1, 12) else defaultdict(lambda: defaultdict(ActivityFigures))
    if months != (1, 12):
        for participant_id, activity, status, n, jp, jpp in _session_sums(people_ids, year,
                                                                           months):
            _add(period[participant_id][activity], n, jp if status in VALIDATED else ZERO,
                 jpp)
    classical, period_classical = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    for employee_id, month, jp in _classical_sums(people_ids, year):
        classical[employee_id] += jp or ZERO
        if months[0] <= month <= months[1]:
            period_classical[employee_id] += jp or ZERO
    future = _future_sessions(people_ids, today) if year == today.year else {}

    unit_rows = OrgUnit.objects.filter(regency=regency)
    if unit is not None:
        unit_rows = unit_rows.filter(path__startswith=unit.path)
    if employees is not None:
        # A chosen few (a supervisor's subordinates, a page of the employee list): their
        # own units, not the regency's hundreds; `unit_path_labels` reads the ancestors'
        # names.
        unit_rows = unit_rows.filter(pk__in=set(placed.values()))
    units = {u.pk: u for u in unit_rows}
    labels = unit_path_labels(units.values())

    nothing_ahead = None  # the capacity left to anyone with nothing booked from this month on
    rows: list[PersonYear] = []
    for employee in people_rows:
        mine = sums[employee.pk]
        by_activity = {a: mine.get(a, ActivityFigures()) for a in activities}
        for extra, figures in mine.items():
            by_activity.setdefault(extra, figures)  # an activity the profile no longer runs
        own_classical = classical[employee.pk]
        official = sum((f.official for f in by_activity.values()), ZERO) + own_classical
        provisional = sum((f.provisional for f in by_activity.values()), ZERO) + own_classical
        target = profile.target_for(employee.kind)
        behind, cannot = None, False
        if year == today.year:
            ahead = future.get(employee.pk)
            if ahead:
                remaining = remaining_capacity_jp(schedule, ahead, today=today)
            else:
                if nothing_ahead is None:
                    nothing_ahead = (remaining_capacity_jp(schedule, (), today=today),)
                remaining = nothing_ahead[0]
            outlook = outlook_from_totals(official=official, provisional=provisional,
                                          target=target, today=today, remaining=remaining)
            behind, cannot = outlook.behind_pace, outlook.cannot_reach_target
        elif year > today.year:
            behind = False
        unit_id = placed[employee.pk]
        own_period = period[employee.pk]
        rows.append(PersonYear(
            employee=employee, unit_id=unit_id, unit_label=labels.get(unit_id, ""),
            target=target, official=official, provisional=provisional,
            classical=own_classical, by_activity=by_activity,
            status=jp_status(official=official, target=target, year=year, today=today,
                             cannot_reach=cannot),
            behind_pace=behind,
            period={a: own_period.get(a, ActivityFigures()) for a in by_activity},
            period_classical=period_classical[employee.pk]))
    rows.sort(key=lambda r: r.employee.nip)
    return Recap(regency=regency, year=year, as_of=as_of, profile_id=schedule.at(as_of).id,
                 activities=activities, months=months, people=rows,
                 unit_rows=units, unit_labels=labels)


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
    attributed = (JpYear.objects.filter(unit_id__in=list(found), year=year)
                  .values_list("unit_id").annotate(jp=Sum("official")).order_by())
    for unit_id, jp in attributed:
        found[unit_id].official_jp = jp or ZERO
    return [found[pk] for pk in sorted(found)]
