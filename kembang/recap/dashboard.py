"""The regency dashboard's figures: who meets their target — by unit and split PNS/PPPK
(docs/jp-rules.md#annual-target) —, JP by activity and by month, the 10:20:70 mix
(docs/jp-rules.md#the-10-20-70-mix), the employees furthest behind and the unit reports
due.

The same numbers as `year_recap` (`PersonYear.meets_target` over the same people, the same
stored sums), but cheaper: each person's official JP is summed by the database (a subquery
over `JpYear` and one over classical training) and read as one small tuple per person, which
the shares and the furthest behind are counted from; JP by month comes from `JpYear`'s month
columns, not from the sessions (`year_recap` over 10,000 people takes about a second; this
page about a fifth of it). A constant number of queries whatever the number of employees.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from kembang.learning.models import ActivityType, ClassicalTraining
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit
from kembang.organisation.selectors import unit_path_labels
from kembang.policy.activities import ActivityType as Activity
from kembang.policy.profiles import MIX_TWENTY
from kembang.recap.figures import PERSON_FIELDS, PersonRecord, Recap, as_of_date, year_recap
from kembang.recap.models import MONTH_FIELDS, JpYear

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
    regency: object
    year: int
    as_of: date  # whose people: the active employees on that day (`figures.as_of_date`)
    unit: OrgUnit | None
    total: Share
    kinds: dict[str, Share]
    units: list[UnitShare]
    activities: list[tuple[str, Decimal]]  # (activity code or CLASSICAL, official JP)
    months: list[tuple[int, Decimal]]  # (month, official JP)
    mix: list[MixPart]
    self_study_part: str
    targets: dict[str, Decimal]  # each employee kind's yearly target (profile data)
    behind: list[Behind]  # furthest behind first
    reports: list | None  # None: no report module in this installation

    @property
    def official(self) -> Decimal:
        return sum((jp for _code, jp in self.activities), ZERO)

    @cached_property
    def recap(self) -> Recap:
        """Everyone's rows, for a caller that wants them (the page does not: building them
        is what made it slow). Computed on first use."""
        return year_recap(self.regency, self.year, unit=self.unit)


def _people(regency, day: date, unit: OrgUnit | None):
    """The employees `year_recap` counts (`kembang.recap.figures.people_on`: the active
    employees today, the dated history for a past day) as a queryset, and an expression of
    each one's unit on `day` — the same unit `people_on` places them in."""
    if day >= regency_today(regency):
        rows = Employee.objects.filter(regency=regency, is_active=True)
        if unit is not None:
            rows = rows.filter(unit__path__startswith=unit.path)
        return rows, F("unit_id")
    history = (EmploymentHistory.objects.filter(employee__regency=regency, valid_from__lte=day)
               .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day)))
    without_history = Employee.objects.filter(regency=regency, is_active=True,
                                              history__isnull=True)
    if unit is not None:
        history = history.filter(unit__path__startswith=unit.path)
        without_history = without_history.filter(unit__path__startswith=unit.path)
    rows = Employee.objects.filter(Q(pk__in=history.values("employee_id"))
                                   | Q(pk__in=without_history.values("pk")))
    # `people_on` lets the latest history row on that day win (by valid_from, then id); an
    # employee without any history row stays at their current unit.
    latest = (history.filter(employee_id=OuterRef("pk")).order_by("-valid_from", "-id")
              .values("unit_id")[:1])
    return rows, Coalesce(Subquery(latest), F("unit_id"), output_field=IntegerField())


def _people_ids(regency, day: date, unit: OrgUnit | None):
    """A subquery of the ids `year_recap` counts, without reading them."""
    return _people(regency, day, unit)[0].values("pk")


MONEY = DecimalField(max_digits=10, decimal_places=2)
# JP have two decimals, so "at least the target" is "above the target less half a
# hundredth" — which also absorbs the float rounding of SQLite's SUM over decimals.
HALF_CENT = Decimal("0.005")


def _official_jp(year: int):
    """Each employee's official JP of `year`, as `year_recap` adds it: the stored JP of
    their sessions of the year (every unit, every activity) plus classical training.
    Two correlated subqueries, each an index lookup (JpYear's unique key starts with the
    employee and the year)."""
    stored = (JpYear.objects.filter(employee_id=OuterRef("pk"), year=year)
              .values("employee_id").annotate(s=Sum("official")).values("s"))
    return (Coalesce(Subquery(stored, output_field=MONEY), Value(ZERO), output_field=MONEY)
            + Coalesce(Subquery(_classical_jp(year), output_field=MONEY), Value(ZERO),
                       output_field=MONEY))


def _classical_jp(year: int):
    return (ClassicalTraining.objects.filter(employee_id=OuterRef("pk"),
                                             start_date__year=year,
                                             cancelled_at__isnull=True)
            .values("employee_id").annotate(s=Sum("jp")).values("s"))


def _target(profile):
    """Each employee's target by kind, as `Profile.target_for` gives it (PPPK, else PNS)."""
    return Case(When(kind="pppk", then=Value(profile.target_for("pppk"))),
                default=Value(profile.target_for("pns")), output_field=MONEY)


def _classical_by_month(ids, year: int) -> dict[int, Decimal]:
    """Classical training's JP by the month it starts (as `year_recap` counts it): one sum
    per month over date ranges, plain comparisons the database indexes (SQLite's month
    extraction is a Python function called once per row)."""
    sums = {}
    for month in range(1, 13):
        after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        sums[f"m{month}"] = Sum("jp", filter=Q(start_date__gte=date(year, month, 1),
                                               start_date__lt=after))
    found = ClassicalTraining.objects.filter(
        employee_id__in=ids, start_date__gte=date(year, 1, 1),
        start_date__lte=date(year, 12, 31), cancelled_at__isnull=True).aggregate(**sums)
    return {month: found[f"m{month}"] or ZERO for month in range(1, 13)}


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
    schedule = schedule_for(regency)
    profile = schedule.at(date(year, 12, 31))
    as_of = as_of_date(regency, year)
    people, placed = _people(regency, as_of, unit)
    target = _target(profile)
    official = _official_jp(year)
    # The rows: the top-level PDs, or the chosen unit itself and its direct sub-units.
    unit_rows = OrgUnit.objects.filter(regency=regency)
    if unit is not None:
        unit_rows = unit_rows.filter(path__startswith=unit.path)
    units = {u.pk: u for u in unit_rows}
    depth = 0 if unit is None else len(unit.path.strip("/").split("/"))
    rows: dict[int, UnitShare] = {}
    for pk, found in units.items():
        if (found.parent_id is None if unit is None else
                pk == unit.pk or found.parent_id == unit.pk):
            rows[pk] = UnitShare(unit=found, label=found.name)

    # Each person's unit on the as-of date, kind, official JP and target: one row per
    # person, the sums taken in the database (two index lookups each); counted into the
    # unit rows and the furthest behind in Python — a tuple per person, no model instance.
    standings = [Standing(*values) for values in people.annotate(
        placed=placed, official=official, target=target).values_list(
        "pk", "placed", "kind", "official", "target", "name", "nip")]
    total, kinds = Share(), defaultdict(Share)
    for person in standings:
        meets = person.meets_target
        total.add(meets)
        kinds[person.kind].add(meets)
        found = units.get(person.placed)
        top = _group_of(found.path, depth) if found else None
        row = rows.get(top if top is not None else getattr(unit, "pk", None))
        if row is not None:
            row.total.add(meets)
            row.kinds[person.kind].add(meets)
            row.official += person.official

    ids = people.values("pk")
    classical = _classical_by_month(ids, year)
    by_activity, months = defaultdict(lambda: ZERO), dict(classical)
    for code, jp, *by_month in (
            JpYear.objects.filter(employee_id__in=ids, year=year).values_list("activity")
            .annotate(Sum("official"), *(Sum(name) for name in MONTH_FIELDS)).order_by()):
        by_activity[code] += jp or ZERO
        for month, month_jp in enumerate(by_month, start=1):
            months[month] += month_jp or ZERO
    by_activity[CLASSICAL] = sum(classical.values(), ZERO)
    activity_types = {str(a) for a in profile.activity_types}
    activities = [(CLASSICAL, by_activity.pop(CLASSICAL))]
    activities += [(code, by_activity[code]) for code in ActivityType.values
                   if code in activity_types or by_activity.get(code)]
    jp_of = dict(activities)
    self_study_part = profile.self_study_mix.value
    twenty = [Activity.COACHING.value, Activity.MENTORING.value]
    ten = [CLASSICAL]
    (twenty if self_study_part == MIX_TWENTY else ten).append(Activity.SELF_STUDY.value)
    recorded = sum(jp_of.values(), ZERO)
    mix = []
    for part, codes in (("10", ten), ("20", twenty)):
        jp = sum((jp_of.get(c, ZERO) for c in codes), ZERO)
        mix.append(MixPart(part, tuple(codes), jp,
                           round(100 * jp / recorded) if recorded else None))
    mix.append(MixPart("70", (), None, None))

    return Dashboard(
        regency=regency, year=year, as_of=as_of, unit=unit, total=total,
        kinds={k: kinds[k] for k in Employee.Kind.values if kinds[k].people},
        units=sorted(rows.values(), key=lambda r: (r.unit.pk != getattr(unit, "pk", None),
                                                   r.label.casefold())),
        activities=activities, months=[(m, months[m]) for m in range(1, 13)],
        mix=mix, self_study_part=self_study_part,
        targets={k: profile.target_for(k) for k in Employee.Kind.values},
        behind=_behind(standings),
        reports=reports_due(regency, regency_today(regency), unit))


class Standing(NamedTuple):
    """One person's row of the dashboard's one read of everyone."""

    pk: int
    placed: int  # their unit on the as-of date
    kind: str
    official: Decimal
    target: Decimal
    name: str
    nip: str

    @property
    def meets_target(self) -> bool:
        return self.official >= self.target - HALF_CENT


@dataclass
class Behind:
    """One of the furthest behind, with what the page shows of a `PersonYear` row."""

    employee: PersonRecord
    unit_id: int
    unit_label: str
    official: Decimal
    target: Decimal


def _behind(standings: list[Standing]) -> list[Behind]:
    """The BEHIND_SHOWN people below their target, the largest gap first (then the lowest
    JP, the name and the NIP: the order the page had over `year_recap`'s rows); then one
    query for their recap fields and one for their units' labels."""
    chosen = heapq.nsmallest(
        BEHIND_SHOWN, (p for p in standings if not p.meets_target),
        key=lambda p: (p.official - p.target, p.official, p.name, p.nip))
    if not chosen:
        return []
    records = {values[0]: PersonRecord(values) for values in Employee.objects.filter(
        pk__in=[p.pk for p in chosen]).values_list(*PERSON_FIELDS)}
    labels = unit_path_labels(list(OrgUnit.objects.filter(pk__in={p.placed for p in chosen})))
    return [Behind(employee=records[p.pk], unit_id=p.placed,
                   unit_label=labels.get(p.placed, ""), official=p.official,
                   target=p.target) for p in chosen]


def home_summary(regency, year: int) -> Share:
    """Who meets their target this year among the regency's active employees, for
    BKPSDM's home page: one query (the same sums as `year_recap`: the stored JP of the
    year's sessions plus classical training; the same people for the current year)."""
    profile = schedule_for(regency).at(date(year, 12, 31))
    people = Employee.objects.filter(regency=regency, is_active=True).annotate(
        official=_official_jp(year), target=_target(profile))
    counted = people.aggregate(
        people=Count("pk"), meeting=Count("pk", filter=Q(official__gte=F("target") - HALF_CENT)))
    return Share(people=counted["people"], meeting=counted["meeting"])


def targets_met_by_kind(regency, year: int, employees) -> dict[str, Share]:
    """Among `employees` (a queryset), those `year_recap` counts in `year` (its people, with
    its sums), per kind: how many and how many meet their target. One query, for the
    employee list's totals without a recap of everyone on it."""
    profile = schedule_for(regency).at(date(year, 12, 31))
    as_of = as_of_date(regency, year)
    if as_of >= regency_today(regency):  # today's people are the active employees
        counted = employees.filter(is_active=True)
    else:
        counted = employees.filter(pk__in=_people_ids(regency, as_of, None))
    groups = (counted.annotate(official=_official_jp(year), target=_target(profile))
              .values("kind")
              .annotate(people=Count("pk"),
                        meeting=Count("pk", filter=Q(official__gte=F("target") - HALF_CENT)))
              .order_by())
    return {g["kind"]: Share(people=g["people"], meeting=g["meeting"]) for g in groups}
