"""The JP ledger: what each session earns under a profile, whether it counted, and why.

Rules (docs/jp-rules.md; locked months: docs/locked-months.md):

* Coaching and mentoring earn the profile's JP per session by scope. Per participant, per
  activity type, per calendar month (the session's local date) at most `monthly_cap`
  sessions count: the earliest by date, ties by sequence number (creation order in the
  app, row number in a file). Later ones stay on record, ``counted=false``, 0 JP,
  ``monthly_cap_reached``. When a session was validated does not matter.
* Self-study: minutes are summed per day in sequence order; a row earns
  JP(day's minutes up to and including it) − JP(minutes before it), where JP(m) is
  m ÷ minutes-per-JP rounded by the profile (built-in: whole JP, floor) and capped at the
  daily cap (2 base JP); an international row's share × the uplift (1.2), after the cap.
  A row that adds less than one step is counted with 0 JP (``self_study_below_unit``); a
  row the cap wholly cuts is not counted (``self_study_daily_cap``).
* Official JP: validated sessions. Provisional JP: validated and pending (submitted,
  awaiting acknowledgement, confirmed) alike. Drafts, returned, cancelled: ignored.
* Locked months: sessions already reported keep their JP; a session newly judged in a
  locked month takes only a cap slot still free, and its JP is a correction booked in
  the month the app names (`LockState.correction_month`), not counted against that
  month's caps.

The result never depends on the order of the input: sessions are taken by
``(date, sequence)``, and a duplicate sequence on one date is an input error.

Speed: JP are computed in integer units (1/10 JP for the built-ins) and turned into
`Decimal` through a small cache; reasons are shared immutable objects; rows are tuples
(`kembang.policy.ledger_compiled` holds the compiled profile).
A regency-year (250,000 sessions) runs in about 0.3 s (bench/bench_ledger.py), with the
cyclic garbage collector held while it runs (`_without_collector_pauses`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple

from kembang.policy.activities import (
    ACTIVITY_TYPES,
    OFFICIAL_STATUSES,
    PROVISIONAL_STATUSES,
    Scope,
    SessionStatus,
)
from kembang.policy.ledger_compiled import ACTIVITY_INDEX, Plan
from kembang.policy.profiles import Profile, decimal_places
from kembang.policy.reasons import Reason
from kembang.policy.schedule import ProfileSchedule

NASIONAL = str(Scope.NASIONAL)
INTERNASIONAL = str(Scope.INTERNASIONAL)
_N_ACT = len(ACTIVITY_TYPES)
_ORDER = attrgetter("date", "sequence")
_new = tuple.__new__  # builds a NamedTuple row without the Python-level __new__


class LedgerInputError(ValueError):
    """The ledger was given a session it cannot judge (the app should have refused it).

    Codes: ``activity_not_regulated`` (activity, key), ``scope_unknown`` (scope, key),
    ``minutes_invalid`` (minutes, key), ``sequence_duplicate`` (sequence, date),
    ``correction_month_required`` (key).
    """

    def __init__(self, code: str, params: dict[str, Any]):
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}")


@dataclass(frozen=True, slots=True)
class LedgerSession:
    """One session as the ledger sees it: plain values only.

    `key` identifies it for the caller (a session id, a file row). `minutes` is required
    for self-study (a positive whole number) and ignored otherwise. `sequence` orders
    sessions of one date (creation order; a file's row number) and must be unique per
    participant and date.
    """

    key: Hashable
    activity: str
    date: date
    scope: str = NASIONAL
    minutes: int | None = None
    status: str = str(SessionStatus.VALIDATED)
    sequence: int = 0


@dataclass(frozen=True, slots=True)
class LockedSession:
    """A session already reported in a locked month: its JP and counting are fixed.

    `booked_month` is set when it was itself a correction booked in another month.
    """

    key: Hashable
    activity: str
    date: date
    jp: Decimal
    counted: bool
    scope: str = NASIONAL
    minutes: int | None = None
    sequence: int = 0
    reasons: tuple[Reason, ...] = ()
    booked_month: tuple[int, int] | None = None


@dataclass(frozen=True)
class LockState:
    """A participant's locked months `(year, month)`, the sessions reported in them, and
    the open month where corrections are booked (the app chooses it,
    docs/locked-months.md#corrections)."""

    months: frozenset[tuple[int, int]] = frozenset()
    sessions: tuple[LockedSession, ...] = ()
    correction_month: tuple[int, int] | None = None


class LedgerRow(NamedTuple):
    """The ledger's judgement of one session.

    `jp` is a Decimal without trailing zeros (``2``, ``2.4``); `counted` is false only when
    a cap excluded the session (docs/jp-rules.md#reason-codes); `reasons` explain it.
    `correction_month` is set when the session fell in a locked month and its JP is booked
    there instead; `locked` marks a row given in `LockState.sessions`, passed through
    unchanged.
    """

    session: Any
    jp: Decimal
    counted: bool
    reasons: tuple[Reason, ...]
    correction_month: tuple[int, int] | None = None
    locked: bool = False

    @property
    def key(self) -> Hashable:
        return self.session.key

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def booked_month(self) -> tuple[int, int]:
        """The month whose total includes this row's JP."""
        if self.correction_month is not None:
            return self.correction_month
        booked = getattr(self.session, "booked_month", None)
        return booked or (self.session.date.year, self.session.date.month)


class YearTotal(NamedTuple):
    """A participant's calendar year: total JP, JP per activity that has rows, and whether
    the total reaches the profile's annual target (≥, docs/jp-rules.md#annual-target:
    20 JP)."""

    year: int
    jp: Decimal
    by_activity: dict[str, Decimal]
    meets_target: bool
    target: Decimal


class Ledger(NamedTuple):
    """One participant's ledger: rows ordered by (date, sequence) and totals per year
    (a row's year is that of its session's date, also when a correction booked its JP in a
    later month: docs/locked-months.md#which-year-a-session-counts-in)."""

    rows: tuple[LedgerRow, ...]
    years: dict[int, YearTotal]

    def row_for(self, key: Hashable) -> LedgerRow | None:
        """The row of the session with this key (None if it was not judged)."""
        for row in self.rows:
            if row.session.key == key:
                return row
        return None

    def year(self, year: int) -> YearTotal | None:
        """The totals of a calendar year (None when the participant has no row in it)."""
        return self.years.get(year)


# --- the computation -------------------------------------------------------------------


def _apply_lock(plan, lock, counts, bonus, day_minutes, years, rows) -> None:
    """Seed the state with the locked sessions: their cap slots, day minutes and JP."""
    scale_units = plan.units.scale
    for s in sorted(lock.sessions, key=_ORDER):
        d = s.date
        act = plan.at_month(d.year, d.month).acts.get(s.activity)
        idx = ACTIVITY_INDEX.get(s.activity)
        if idx is None:
            raise LedgerInputError("activity_not_regulated", {"activity": s.activity, "key": s.key})
        if act is not None and act.per_session:
            key = (d.year * 12 + d.month) * 4 + idx
            counts[key] = counts.get(key, 0) + 1
            if not s.counted:
                bonus[key] = bonus.get(key, 0) + 1
        elif s.minutes:
            day_minutes[d] = day_minutes.get(d, 0) + s.minutes
        rows.append(_new(LedgerRow, (s, s.jp, s.counted, tuple(s.reasons), None, True)))
        # A session's JP count in its own year, wherever a correction booked them
        # (docs/locked-months.md#which-year-a-session-counts-in).
        year = d.year
        totals = years.get(year)
        if totals is None:
            totals = years[year] = [0] * (2 * _N_ACT)
        totals[idx] += int(s.jp * scale_units)  # exact: the plan's places cover locked JP
        totals[idx + _N_ACT] += 1


def _run(plan: Plan, sessions: Iterable[LedgerSession], statuses, lock: LockState | None) -> Ledger:
    items = [s for s in sessions if s.status in statuses]
    items.sort(key=_ORDER)
    rows: list[LedgerRow] = []
    append = rows.append
    counts: dict[int, int] = {}
    day_minutes: dict[date, int] = {}
    years: dict[int, list[int]] = {}
    bonus: dict[int, int] = {}
    locked_months: frozenset = frozenset()
    correction_month = None
    if lock is not None:
        locked_months = lock.months
        correction_month = lock.correction_month
        if lock.sessions:
            _apply_lock(plan, lock, counts, bonus, day_minutes, years, rows)
    single = plan.single
    acts = single.acts if single is not None else None
    prev_date = prev_seq = None

    for s in items:
        d = s.date
        seq = s.sequence
        if seq == prev_seq and d == prev_date:
            raise LedgerInputError("sequence_duplicate", {"sequence": seq, "date": d.isoformat()})
        prev_date, prev_seq = d, seq
        year = d.year
        month = d.month
        if single is None:
            acts = plan.at_month(year, month).acts
        act = acts.get(s.activity)
        if act is None:
            raise LedgerInputError("activity_not_regulated", {"activity": s.activity, "key": s.key})
        scope = s.scope
        if scope == NASIONAL:
            intl = False
        elif scope == INTERNASIONAL:
            intl = True
        else:
            raise LedgerInputError("scope_unknown", {"scope": scope, "key": s.key})
        correction = None
        if locked_months and (year, month) in locked_months:
            if correction_month is None:
                raise LedgerInputError("correction_month_required", {"key": s.key})
            correction = correction_month

        if act.per_session:
            key = (year * 12 + month) * 4 + act.idx
            n = counts.get(key, 0) + 1
            counts[key] = n
            cap = act.cap
            if cap is None or n <= (cap if correction is None else cap + bonus.get(key, 0)):
                if intl:
                    units, jp = act.units_int, act.dec_int
                else:
                    units, jp = act.units_nas, act.dec_nas
                counted = True
                reasons = act.counted.get(n) or act.counted_reasons(n)
            else:
                units, jp, counted = 0, act.units.decimal(0), False
                reasons = act.capped.get(n) or act.capped_reasons(n)
        else:
            minutes = s.minutes
            if minutes.__class__ is not int or minutes <= 0:
                raise LedgerInputError("minutes_invalid", {"minutes": minutes, "key": s.key})
            before = day_minutes.get(d, 0)
            day_minutes[d] = before + minutes
            judged = act.day_cache.get((before, minutes, intl))
            if judged is None:
                judged = act.judge_minutes(before, minutes, intl)
            units, jp, counted, reasons = judged

        if correction is None:
            append(_new(LedgerRow, (s, jp, counted, reasons, None, False)))
        else:
            append(_new(LedgerRow, (s, jp, counted, reasons, correction, False)))
        totals = years.get(year)
        if totals is None:
            totals = years[year] = [0] * (2 * _N_ACT)
        idx = act.idx
        totals[idx] += units
        totals[idx + _N_ACT] += 1

    if lock is not None and lock.sessions:
        rows.sort(key=lambda row: (row.session.date, row.session.sequence, not row.locked))
    return Ledger(tuple(rows), _year_totals(plan, years))


def _year_totals(plan: Plan, years: dict[int, list[int]]) -> dict[int, YearTotal]:
    dec = plan.units.decimal
    result = {}
    for year in sorted(years):
        totals = years[year]
        by_activity = {
            ACTIVITY_TYPES[i]: dec(totals[i]) for i in range(_N_ACT) if totals[i + _N_ACT]
        }
        jp = dec(sum(totals[:_N_ACT]))
        target = plan.target(year)
        result[year] = YearTotal(year, jp, by_activity, jp >= target, target)
    return result


def _lockdecimal_places(lock: LockState | None) -> int:
    if lock is None:
        return 0
    return max((decimal_places(s.jp) for s in lock.sessions), default=0)


def _statuses(provisional: bool) -> frozenset:
    return PROVISIONAL_STATUSES if provisional else OFFICIAL_STATUSES


def ledger_for_participant(
    profile: Profile | ProfileSchedule,
    sessions: Iterable[LedgerSession],
    *,
    provisional: bool = False,
    lock: LockState | None = None,
) -> Ledger:
    """Judge one participant's sessions under `profile` (or a schedule of versions, each
    session under the version in force on its date, docs/profiles.md#profile-versions).

    Official (default): validated sessions only; `provisional=True`: validated and pending
    sessions alike (docs/jp-rules.md#official-and-provisional-jp). Other statuses are left
    out of the result. Rules, units, rounding and reasons: see the module docstring
    (docs/jp-rules.md, docs/locked-months.md). Raises `LedgerInputError` for an activity
    the profile does not regulate, an unknown scope, self-study without positive whole
    minutes, or a repeated (date, sequence).
    """
    return _run(Plan(profile, _lockdecimal_places(lock)), sessions, _statuses(provisional), lock)


def ledger_for_participants(
    profile: Profile | ProfileSchedule,
    sessions_by_participant: Mapping[Hashable, Iterable[LedgerSession]],
    *,
    provisional: bool = False,
    locks: Mapping[Hashable, LockState] | None = None,
) -> dict[Hashable, Ledger]:
    """`ledger_for_participant` for many participants at once, sharing the compiled
    profile: a regency-year in one call. Returns participant → `Ledger`."""
    places = max((_lockdecimal_places(lock) for lock in (locks or {}).values()), default=0)
    plan = Plan(profile, places)
    statuses = _statuses(provisional)
    get_lock: Callable = (locks or {}).get
    with _without_collector_pauses():
        return {
            participant: _run(plan, sessions, statuses, get_lock(participant))
            for participant, sessions in sessions_by_participant.items()
        }


@contextmanager
def _without_collector_pauses() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a regency-year is judged: the ledger
    builds a row tuple per session and no reference cycle, yet every few hundred
    allocations the collector would walk them all — a third of the time at 250,000
    sessions (bench/bench_ledger.py). Reference counting still frees everything; the
    collector runs again as soon as the ledger returns."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
