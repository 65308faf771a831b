"""Which reports are owed, sent, received or late (docs/reports.md), in a constant number
of queries whatever the number of units.

`reports_due(regency, today, units=None, year=None)`: one row per Perangkat Daerah
(top-level unit) and period the profile asks for — under Nganjuk each month of the year
that has ended (and last December while its report is due), under Belitung Timur the
yearly report from its first sending day and the follow-up report once the yearly one is
sent, under Langsa none. `state`: ``sent``, ``received``, ``late`` (due day passed, not
sent), ``due`` (open, not late yet) or ``none_owed`` (no session that month, or nothing
after the yearly report).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from kembang.learning.models import Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.models import OrgUnit
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.profiles import (
    REPORT_ANNUAL,
    REPORT_MONTHLY,
    ReportPeriod,
    follow_up_report_period,
    report_periods,
)
from kembang.reports.models import UnitReport

COUNTED = tuple(str(s) for s in OFFICIAL_STATUSES | PENDING_STATUSES)
VALIDATED = tuple(str(s) for s in OFFICIAL_STATUSES)
SENT = (UnitReport.Status.SENT, UnitReport.Status.RECEIVED)
STATES = ("sent", "received", "late", "due", "none_owed")


@dataclass
class DueRow:
    unit: OrgUnit
    kind: str
    period_start: date
    period_end: date
    due_date: date
    opens: date
    state: str  # STATES
    report: UnitReport | None = None

    @property
    def flagged(self) -> bool:
        return self.state in ("late", "due")


def _top_id(path: str) -> int:
    return int(path.strip("/").split("/")[0])


def _periods(regency, today: date, year: int | None):
    """(year, profile, periods) to consider: the chosen year, or this year's periods that
    have ended or opened and all of last year's — `reports_due` keeps of those only the
    ones still due this year or never sent (a late report stays late in January)."""
    schedule = schedule_for(regency)
    years = [year] if year is not None else [today.year - 1, today.year]
    chosen = []
    for y in years:
        profile = schedule.at(date(y, 12, 31))
        for period in report_periods(profile, y):
            if year is None and period.opens > today:
                continue
            if year is not None and period.opens > today:
                continue
            chosen.append((profile, period))
    return chosen


def reports_due(regency, today: date, units=None, year: int | None = None) -> list[DueRow]:
    """See the module docstring. `units`: the Perangkat Daerah to list (default: every
    active top-level unit of the regency); sub-units given are ignored."""
    if units is None:
        units = OrgUnit.objects.filter(regency=regency, parent__isnull=True, is_active=True)
    units = [u for u in units if u.parent_id is None]
    chosen = _periods(regency, today, year)
    if not units or not chosen:
        return []
    unit_ids = [u.pk for u in units]
    paths = {u.pk: u.path for u in units}
    first = min(p.start for _profile, p in chosen)
    last = max(p.end for _profile, p in chosen)
    reports = {(r.unit_id, r.kind, r.period_start): r for r in UnitReport.objects.filter(
        regency=regency, unit_id__in=unit_ids, period_start__gte=first,
        period_start__lte=date(last.year, 12, 31)).select_related("sent_by")}

    months_held = defaultdict(set)  # top unit id → {(year, month)} with a session
    if any(p.kind in (REPORT_MONTHLY, REPORT_ANNUAL) for _profile, p in chosen):
        rows = (Session.objects.filter(regency=regency, status__in=COUNTED,
                                       date__gte=first, date__lte=last)
                .values_list("unit__path", "date__year", "date__month").distinct())
        for path, y, m in rows:
            months_held[_top_id(path)].add((y, m))

    annuals = {key: r for key, r in reports.items()
               if key[1] == REPORT_ANNUAL and r.status in SENT}
    after_annual = defaultdict(set)  # (top unit id, year) with something after the report
    if annuals:
        q = Q(pk__in=[])
        for r in annuals.values():
            q |= Q(unit__path__startswith=paths[r.unit_id],
                   date__year=r.period_start.year) & (
                Q(date__gt=r.period_end) | Q(validated_at__gt=r.sent_at))
        for path, y in (Session.objects.filter(q, regency=regency, status__in=VALIDATED)
                        .values_list("unit__path", "date__year").distinct()):
            after_annual[(_top_id(path), y)].add(True)

    result = []
    for unit in sorted(units, key=lambda u: (u.name.casefold(), u.pk)):
        for profile, period in chosen:
            report = reports.get((unit.pk, period.kind, period.start))
            owed = True
            if period.kind == REPORT_MONTHLY:
                owed = (period.start.year, period.start.month) in months_held[unit.pk]
            elif period.kind == REPORT_ANNUAL:
                # Kembang's reading, as for a month: a year with no session owes no report.
                owed = any(y == period.start.year for y, _m in months_held[unit.pk])
            result.append(_row(unit, period, report, owed, today))
            if period.kind == REPORT_ANNUAL and report is not None and report.status in SENT:
                follow = follow_up_report_period(
                    profile, period.start.year,
                    sent_on=timezone.localtime(report.sent_at).date())
                key = (unit.pk, follow.kind, follow.start)
                result.append(_row(unit, follow, reports.get(key),
                                   bool(after_annual[(unit.pk, period.start.year)]), today))
    if year is None:
        # Last year's periods stay while late, or for a month after their due day.
        keep_from = min(date(today.year, 1, 1), today - timedelta(days=31))
        result = [r for r in result if r.due_date >= keep_from or r.state == "late"]
    result.sort(key=lambda r: (r.period_start, r.kind, r.unit.name.casefold(), r.unit.pk))
    return result


def _row(unit, period: ReportPeriod, report, owed: bool, today: date) -> DueRow:
    if report is not None and report.status in SENT:
        state = str(report.status)
    elif report is None and not owed:
        state = "none_owed"
    elif today > period.due:
        state = "late"
    else:
        state = "due"
    return DueRow(unit=unit, kind=period.kind, period_start=period.start,
                  period_end=report.period_end if report else period.end,
                  due_date=period.due, opens=period.opens, state=state, report=report)


def flagged_reports(user, limit: int = 10) -> list[DueRow]:
    """The late and not-yet-sent reports of the user's Perangkat Daerah (BKPSDM: every
    one), late first, for the home page; a constant number of queries."""
    from kembang.organisation.access import units_in_scope
    from kembang.organisation.dates import regency_today

    regency = user.regency
    today = regency_today(regency)
    units = list(units_in_scope(user).filter(parent__isnull=True, is_active=True))
    rows = [r for r in reports_due(regency, today, units=units) if r.flagged]
    rows.sort(key=lambda r: (r.state != "late", r.due_date, r.unit.name.casefold()))
    return rows[:limit]
