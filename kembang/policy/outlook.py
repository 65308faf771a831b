"""Where an employee stands in the year: slots left this month, behind pace, can 20 JP
still be reached ("12 of 20 JP, 2 coaching sessions left";
docs/jp-rules.md#standing-and-pace, docs/jp-rules.md#official-and-provisional-jp).

`today` is always an argument: the core never reads the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from kembang.policy.activities import PROVISIONAL_STATUSES
from kembang.policy.ledger import LedgerSession, LockState, ledger_for_participant
from kembang.policy.profiles import FLOOR_HALF, PER_SESSION, ActivityRules, Profile
from kembang.policy.schedule import ProfileSchedule

ZERO = Decimal(0)


def _profile_at(profile: Profile | ProfileSchedule, day: date) -> Profile:
    return profile.at(day) if isinstance(profile, ProfileSchedule) else profile


def countable_left_this_month(
    profile: Profile | ProfileSchedule,
    sessions: Iterable[LedgerSession],
    *,
    activity: str,
    year: int,
    month: int,
) -> int | None:
    """How many more sessions of `activity` can still count in that month
    (docs/jp-rules.md#official-and-provisional-jp):
    the monthly cap − the participant's validated and pending sessions of that type dated
    in the month, never below 0. None when the profile sets no cap for it, does not count
    it per session, or does not regulate it."""
    rules = _profile_at(profile, date(year, month, 1)).activity(activity)
    if rules is None or rules.counting != PER_SESSION or rules.monthly_cap.value is None:
        return None
    used = sum(
        1
        for s in sessions
        if s.activity == activity
        and s.status in PROVISIONAL_STATUSES
        and s.date.year == year
        and s.date.month == month
    )
    return max(0, rules.monthly_cap.value - used)


def _day_base_jp(rules: ActivityRules, minutes_per_jp: int, minutes: int) -> Decimal:
    """Base (national) JP of a day's self-study minutes: rounded down, capped."""
    steps = 2 if rules.rounding is not None and rules.rounding.value == FLOOR_HALF else 1
    jp = Decimal(minutes * steps // minutes_per_jp) / steps
    cap = rules.daily_cap_jp.value if rules.daily_cap_jp is not None else None
    return jp if cap is None else min(jp, Decimal(cap))


def remaining_capacity_jp(
    profile: Profile | ProfileSchedule,
    sessions: Iterable[LedgerSession],
    *,
    today: date,
) -> Decimal | None:
    """The most JP the profile still allows from `today` to 31 December
    (docs/jp-rules.md#standing-and-pace).

    Every countable coaching/mentoring slot from this month on (cap − validated and
    pending sessions of each month) at the national value, plus for self-study the daily
    cap on each remaining day, today included, less what that day already holds. None
    when an activity is uncapped (no upper bound). Classical training is not assumed.
    """
    sessions = [s for s in sessions if s.status in PROVISIONAL_STATUSES]
    total = ZERO
    year = today.year
    for month in range(today.month, 13):
        first = date(year, month, 1)
        prof = _profile_at(profile, first)
        for rules in prof.activities:
            if rules.counting != PER_SESSION:
                continue
            left = countable_left_this_month(
                prof, sessions, activity=rules.activity, year=year, month=month
            )
            if left is None:
                return None
            total += left * rules.jp_nasional.value

    minutes_by_day: dict[tuple[str, date], int] = {}
    for s in sessions:
        if s.date >= today and s.date.year == year and s.minutes:
            key = (s.activity, s.date)
            minutes_by_day[key] = minutes_by_day.get(key, 0) + s.minutes
    day = today
    while day.year == year:
        prof = _profile_at(profile, day)
        for rules in prof.activities:
            if rules.counting == PER_SESSION:
                continue
            if rules.daily_cap_jp is None or rules.daily_cap_jp.value is None:
                return None
            held = minutes_by_day.get((rules.activity, day), 0)
            used = _day_base_jp(rules, prof.minutes_per_jp.value, held)
            total += max(ZERO, Decimal(rules.daily_cap_jp.value) - used)
        day += timedelta(days=1)
    return total


def is_behind_pace(official_jp: Decimal, target: Decimal, today: date) -> bool:
    """On `today` an employee is behind when official JP < target × (day of the year ÷
    days in the year), compared exactly (1 January is day 1)
    (docs/jp-rules.md#standing-and-pace)."""
    day_of_year = today.timetuple().tm_yday
    days_in_year = 366 if calendar.isleap(today.year) else 365
    return official_jp * days_in_year < target * day_of_year


@dataclass(frozen=True)
class YearOutlook:
    """An employee's standing on `today` for `today`'s year. JP are Decimals."""

    year: int
    target: Decimal
    official_jp: Decimal  # validated sessions plus `other_official_jp`
    pending_jp: Decimal  # what pending sessions add (provisional − official)
    expected_jp: Decimal  # target × day of year ÷ days in year, to 2 decimals
    behind_pace: bool
    remaining_jp: Decimal | None  # None: no upper bound
    cannot_reach_target: bool

    @property
    def provisional_jp(self) -> Decimal:
        return self.official_jp + self.pending_jp


def year_outlook(
    profile: Profile | ProfileSchedule,
    sessions: Iterable[LedgerSession],
    *,
    today: date,
    other_official_jp: Decimal = ZERO,
    other_pending_jp: Decimal = ZERO,
    lock: LockState | None = None,
    target: Decimal | None = None,
) -> YearOutlook:
    """Behind pace and "cannot reach 20" on `today` (docs/jp-rules.md#standing-and-pace).

    Behind: official JP < target × (day of the year of `today` ÷ days in the year),
    compared exactly (1 January: day 1). Cannot reach: official + pending JP + the most
    the profile still allows this year (`remaining_capacity_jp`) < target. JP from other
    development (classical training) enter through `other_official_jp` and
    `other_pending_jp`; none is assumed for the rest of the year.
    """
    sessions = list(sessions)
    year = today.year
    official_year = ledger_for_participant(profile, sessions, lock=lock).year(year)
    provisional_year = ledger_for_participant(profile, sessions, provisional=True, lock=lock).year(
        year
    )
    official = (official_year.jp if official_year else ZERO) + other_official_jp
    provisional = (provisional_year.jp if provisional_year else ZERO) + other_official_jp
    pending = provisional - official + other_pending_jp
    if target is None:  # the PNS target; a PPPK's comes from `Profile.target_for`
        target = _profile_at(profile, date(year, 12, 31)).annual_target_jp.value

    day_of_year = today.timetuple().tm_yday
    days_in_year = 366 if calendar.isleap(year) else 365
    behind = is_behind_pace(official, target, today)
    expected = (target * day_of_year / days_in_year).quantize(Decimal("0.01"), ROUND_HALF_UP)

    remaining = remaining_capacity_jp(profile, sessions, today=today)
    cannot = remaining is not None and official + pending + remaining < target
    return YearOutlook(
        year=year,
        target=target,
        official_jp=official,
        pending_jp=pending,
        expected_jp=expected,
        behind_pace=behind,
        remaining_jp=remaining,
        cannot_reach_target=cannot,
    )


class JpStatus(StrEnum):
    """Where an employee stands against their target for a year, as staff lists and the
    recap show it (docs/rekap.md#status, docs/jp-rules.md#standing-and-pace)."""

    MEETS = "memenuhi"
    ON_PACE = "sesuai_laju"
    BEHIND_PACE = "di_bawah_laju"
    # Not reachable through coaching, mentoring and self-study alone: only classical
    # training could still close the gap (docs/jp-rules.md#standing-and-pace).
    UNREACHABLE = "tidak_tercapai_nonklasikal"
    NOT_MET = "tidak_memenuhi"  # a past year that ended below the target


def jp_status(*, official: Decimal, target: Decimal, year: int, today: date,
              cannot_reach: bool) -> JpStatus:
    """The status of `year` seen on `today`: met; else, for a past year, not met; for
    the current year unreachable, behind pace or on pace; a later year is on pace."""
    if official >= target:
        return JpStatus.MEETS
    if year < today.year:
        return JpStatus.NOT_MET
    if year > today.year:
        return JpStatus.ON_PACE
    if cannot_reach:
        return JpStatus.UNREACHABLE
    if is_behind_pace(official, target, today):
        return JpStatus.BEHIND_PACE
    return JpStatus.ON_PACE


def outlook_from_totals(*, official: Decimal, provisional: Decimal, target: Decimal,
                        today: date, remaining: Decimal | None) -> YearOutlook:
    """The outlook of `today`'s year from stored totals — what the staff lists, the recap
    and the employee's own page all show, so they agree to the cent. `official` and
    `provisional` include classical training; `remaining` is `remaining_capacity_jp`."""
    year = today.year
    day_of_year = today.timetuple().tm_yday
    days_in_year = 366 if calendar.isleap(year) else 365
    expected = (target * day_of_year / days_in_year).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return YearOutlook(
        year=year, target=target, official_jp=official, pending_jp=provisional - official,
        expected_jp=expected, behind_pace=is_behind_pace(official, target, today),
        remaining_jp=remaining,
        cannot_reach_target=remaining is not None and provisional + remaining < target,
    )
