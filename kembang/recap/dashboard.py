"""The regency dashboard's figures, from `year_recap`: who meets their target — by unit and
split PNS/PPPK (docs/jp-rules.md#annual-target) —, JP by activity and by month, the
10:20:70 mix (docs/jp-rules.md#the-10-20-70-mix), the employees furthest behind and the
unit reports due.

A constant number of queries whatever the number of employees: `year_recap`'s, one for
the JP by month (sessions) and one for classical training by month. Every share here is
the one `year_recap` gives (`PersonYear.meets_target`), counted over the same people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from kembang.learning.models import ActivityType, ClassicalTraining, Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit
from kembang.policy.activities import ActivityType as Activity
from kembang.policy.activities import SessionStatus
from kembang.policy.profiles import MIX_TWENTY
from kembang.recap.figures import Recap, year_recap
from kembang.recap.models import JpYear

ZERO = Decimal("0")
CLASSICAL = "klasikal"  # the key of classical training among the activities
BEHIND_SHOWN = 10  # how many of the furthest behind the page lists


@dataclass
class Share:
    """How many people, how many of them meet their target, and the share in percent."""

    people: int = 0
    meeting: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.meeting / self.people) if self.people else None

    @property
    def not_meeting(self) -> int:
        return self.people - self.meeting

    def add(self, meets: bool) -> None:
        self.people += 1
        self.meeting += meets


@dataclass
class UnitShare:
    unit: OrgUnit
    label: str
    total: Share = field(default_factory=Share)
    kinds: dict[str, Share] = field(default_factory=lambda: defaultdict(Share))
    official: Decimal = ZERO

    @property
    def pns(self) -> Share:
        return self.kinds.get(Employee.Kind.PNS, Share())

    @property
    def pppk(self) -> Share:
        return self.kinds.get(Employee.Kind.PPPK, Share())


@dataclass
class MixPart:
    """One part of 10:20:70: its JP and share of the JP Kembang records (None for the 70,
    which Kembang does not record)."""

    part: str  # "10", "20", "70"
    activities: tuple[str, ...]
    official: Decimal | None
    percent: int | None


@dataclass
class Dashboard:
    recap: Recap
    year: int
    unit: OrgUnit | None
    total: Share
    kinds: dict[str, Share]
    units: list[UnitShare]
    activities: list[tuple[str, Decimal]]  # (activity code or CLASSICAL, official JP)
    months: list[tuple[int, Decimal]]  # (month, official JP)
    mix: list[MixPart]
    self_study_part: str
    targets: dict[str, Decimal]  # each employee kind's yearly target (profile data)
    behind: list  # PersonYear, furthest behind first
    reports: list | None  # None: no report module in this installation

    @property
    def official(self) -> Decimal:
        return sum((jp for _code, jp in self.activities), ZERO)


def _people_ids(regency, day: date, unit: OrgUnit | None, employees):
    """A subquery of the ids `year_recap` counts (`kembang.recap.figures.people_on`: the
    active employees today, the dated history for a past day), without reading them."""
    if day >= regency_today(regency):
        rows = Employee.objects.filter(regency=regency, is_active=True)
        if unit is not None:
            rows = rows.filter(unit__path__startswith=unit.path)
        if employees is not None:
            rows = rows.filter(pk__in=employees.values("pk"))
        return rows.values("pk")
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
    return Employee.objects.filter(Q(pk__in=history.values("employee_id"))
                                   | Q(pk__in=without_history.values("pk"))).values("pk")


def _by_month(ids, year: int) -> dict[int, Decimal]:
    """Official JP by month: validated sessions of the year by their date, classical
    training by the month it starts (as `year_recap` counts them). One sum per month
    over date ranges: plain comparisons the database indexes (SQLite's month extraction is
    a Python function called once per row)."""
    def months(day_field: str, jp_field: str) -> dict[str, Sum]:
        sums = {}
        for month in range(1, 13):
            after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            sums[f"m{month}"] = Sum(jp_field, filter=Q(**{f"{day_field}__gte": date(
                year, month, 1), f"{day_field}__lt": after}))
        return sums

    sessions = Session.objects.filter(
        participant_id__in=ids, status=SessionStatus.VALIDATED,
        date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)).aggregate(
        **months("date", "jp"))
    classical = ClassicalTraining.objects.filter(
        employee_id__in=ids, start_date__gte=date(year, 1, 1),
        start_date__lte=date(year, 12, 31), cancelled_at__isnull=True).aggregate(
        **months("start_date", "jp"))
    return {m: (sessions[f"m{m}"] or ZERO) + (classical[f"m{m}"] or ZERO)
            for m in range(1, 13)}


def _group_of(unit_path: str, depth: int) -> int | None:
    """The id of the unit at `depth` on the way down to the unit at `unit_path` (the top
    PD for depth 0), None when the unit is above that depth."""
    parts = [int(p) for p in unit_path.strip("/").split("/") if p]
    return parts[depth] if len(parts) > depth else None


def reports_due(regency, today: date, unit: OrgUnit | None):
    """The unit reports to BKPSDM due or late, from `kembang.reports.selectors.reports_due`
    when this installation has it (None when not: the page then says nothing of them)."""
    try:
        from kembang.reports.selectors import reports_due as selector  # noqa: PLC0415
    except ImportError:
        return None
    rows = selector(regency, today, units=[unit] if unit is not None else None)
    return [r for r in rows if r.state in ("late", "due")]


def dashboard(regency, year: int, *, unit: OrgUnit | None = None) -> Dashboard:
    """The dashboard of `year` for the regency or `unit` with its sub-units."""
    recap = year_recap(regency, year, unit=unit)
    profile = schedule_for(regency).at(date(year, 12, 31))
    units = {u.unit.pk: u for u in recap.units}
    depth = 0 if unit is None else len(unit.path.strip("/").split("/"))
    # The rows: the top-level PDs, or the chosen unit itself and its direct sub-units.
    rows: dict[int, UnitShare] = {}
    for pk, found in units.items():
        if (found.unit.parent_id is None if unit is None else
                pk == unit.pk or found.unit.parent_id == unit.pk):
            rows[pk] = UnitShare(unit=found.unit, label=found.unit.name)
    total, kinds = Share(), defaultdict(Share)
    by_activity = defaultdict(lambda: ZERO)
    for person in recap.people:
        meets = person.meets_target
        total.add(meets)
        kinds[person.employee.kind].add(meets)
        for code, figures in person.by_activity.items():
            by_activity[code] += figures.official
        by_activity[CLASSICAL] += person.classical
        placed = units.get(person.unit_id)
        group = _group_of(placed.unit.path, depth) if placed else None
        row = rows.get(group if group is not None else getattr(unit, "pk", None))
        if row is not None:
            row.total.add(meets)
            row.kinds[person.employee.kind].add(meets)
            row.official += person.official

    activities = [(CLASSICAL, by_activity.pop(CLASSICAL))]
    activities += [(code, by_activity[code]) for code in ActivityType.values
                   if code in recap.activities or by_activity.get(code)]
    official = dict(activities)
    self_study_part = profile.self_study_mix.value
    twenty = [Activity.COACHING.value, Activity.MENTORING.value]
    ten = [CLASSICAL]
    (twenty if self_study_part == MIX_TWENTY else ten).append(Activity.SELF_STUDY.value)
    recorded = sum(official.values(), ZERO)
    mix = []
    for part, codes in (("10", ten), ("20", twenty)):
        jp = sum((official.get(c, ZERO) for c in codes), ZERO)
        mix.append(MixPart(part, tuple(codes), jp,
                           round(100 * jp / recorded) if recorded else None))
    mix.append(MixPart("70", (), None, None))

    months = _by_month(_people_ids(regency, recap.as_of, unit, None), year)
    behind = sorted((p for p in recap.people if not p.meets_target),
                    key=lambda p: (p.official - p.target, p.official, p.employee.name))
    return Dashboard(
        recap=recap, year=year, unit=unit, total=total,
        kinds={k: kinds[k] for k in Employee.Kind.values if kinds[k].people},
        units=sorted(rows.values(), key=lambda r: (r.unit.pk != getattr(unit, "pk", None),
                                                   r.label.casefold())),
        activities=activities, months=[(m, months[m]) for m in range(1, 13)],
        mix=mix, self_study_part=self_study_part,
        targets={k: profile.target_for(k) for k in Employee.Kind.values}, behind=behind[:BEHIND_SHOWN],
        reports=reports_due(regency, regency_today(regency), unit))


def home_summary(regency, year: int) -> Share:
    """Who meets their target this year among the regency's active employees, for
    BKPSDM's home page: one query (the same sums as `year_recap`: the stored JP of the
    year's sessions plus classical training; the same people for the current year)."""
    profile = schedule_for(regency).at(date(year, 12, 31))
    money = DecimalField(max_digits=10, decimal_places=2)
    stored = (JpYear.objects.filter(employee_id=OuterRef("pk"), year=year)
              .values("employee_id").annotate(s=Sum("official")).values("s"))
    classical = (ClassicalTraining.objects.filter(employee_id=OuterRef("pk"),
                                                  start_date__year=year,
                                                  cancelled_at__isnull=True)
                 .values("employee_id").annotate(s=Sum("jp")).values("s"))
    people = Employee.objects.filter(regency=regency, is_active=True).annotate(
        total=Coalesce(Subquery(stored, output_field=money), Value(ZERO), output_field=money)
        + Coalesce(Subquery(classical, output_field=money), Value(ZERO), output_field=money))
    meets = Q()
    for kind in Employee.Kind.values:
        meets |= Q(kind=kind, total__gte=profile.target_for(kind))
    counted = people.aggregate(people=Count("pk"), meeting=Count("pk", filter=meets))
    return Share(people=counted["people"], meeting=counted["meeting"])
