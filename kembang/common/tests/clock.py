"""The suite's one "today".

Every test runs at the same pinned instant, read from `KEMBANG_TEST_NOW` (ISO 8601 with an
offset) or the fixed default below, so the suite passes on any calendar date. The root
conftest starts the clock there before collection; it ticks from that instant, so
durations still measure something. Tests that relate a date to "today" derive it from
`TODAY` (or `timezone.localdate()`, which sees the same pinned clock); tests that hand
`today` to a function explicitly may keep literal dates.

`.ci/run` moves the pin and the process clock (faketime) together to the year's edges in
WIB, where a date computed in UTC instead of the regency's zone would show.
"""

import datetime as dt
import os
from zoneinfo import ZoneInfo

DEFAULT_NOW = "2026-11-22T03:00:00+00:00"  # Sunday 22 November 2026, 10:00 WIB

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime.fromisoformat(os.environ.get("KEMBANG_TEST_NOW") or DEFAULT_NOW)
if NOW.tzinfo is None:
    raise ValueError("KEMBANG_TEST_NOW needs an offset, e.g. 2027-12-31T17:30:00+00:00")
TODAY = NOW.astimezone(WIB).date()


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first of the month `months` away from `day`'s month (negative: earlier)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def this_month(months: int = 0) -> dt.date:
    """The first of the month `months` from the pinned today's month."""
    return month_start(TODAY, months)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def on(months: int, day: int) -> dt.date:
    """Day `day` of the month `months` from the pinned today's month, clamped to that
    month's last day: `on(-1, 5)` is the 5th of last month, `on(-1, 31)` its last day."""
    first = this_month(months)
    last = (month_start(first, 1) - dt.timedelta(days=1)).day
    return first.replace(day=min(day, last))


def iso(day: dt.date) -> str:
    """A date as a form field sends it."""
    return day.isoformat()


def shown(day: dt.date) -> str:
    """A date as the pages print it (dd/mm/yyyy)."""
    return day.strftime("%d/%m/%Y")
