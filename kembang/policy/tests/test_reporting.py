"""Which reports a unit owes, and when each is due, as each profile says (docs/reports.md)."""

import calendar
import dataclasses
from datetime import date

import pytest

from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.profile_checks import validate_profile
from kembang.policy.profiles import (
    REPORT_ANNUAL,
    REPORT_FOLLOW_UP,
    REPORT_MONTHLY,
    Rule,
    annual_report_period,
    follow_up_report_period,
    monthly_report_period,
    report_periods,
    reporting_deadline,
)

NGANJUK = BUILTIN_PROFILES["nganjuk"]
BELITUNG_TIMUR = BUILTIN_PROFILES["belitung-timur"]
LANGSA = BUILTIN_PROFILES["langsa"]


def _with_reporting(profile, **changes):
    reporting = dataclasses.replace(profile.reporting.value, **changes)
    return dataclasses.replace(profile, reporting=Rule(reporting, profile.reporting.clause))


@pytest.mark.parametrize("year", [2027, 2028])  # 2028 is a leap year
def test_nganjuk_owes_one_report_a_month_due_on_the_last_day_of_the_next(year):
    periods = report_periods(NGANJUK, year)
    assert [p.kind for p in periods] == [REPORT_MONTHLY] * 12
    for month, period in enumerate(periods, start=1):
        assert period.start == date(year, month, 1)
        assert period.end == date(year, month, calendar.monthrange(year, month)[1])
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = calendar.monthrange(next_year, next_month)[1]
        assert period.due == date(next_year, next_month, last)
        assert period.opens == date(next_year, next_month, 1)
    january = periods[0]
    assert january.due == date(year, 2, 29 if calendar.isleap(year) else 28)


def test_nganjuk_due_day_set_in_the_profile_is_clamped_to_short_months():
    profile = _with_reporting(NGANJUK, due_day=30)
    assert monthly_report_period(profile, 2028, 1).due == date(2028, 2, 29)
    assert monthly_report_period(profile, 2027, 1).due == date(2027, 2, 28)
    assert monthly_report_period(profile, 2027, 2).due == date(2027, 3, 30)
    assert reporting_deadline(profile, activities_end=date(2027, 12, 3)) == date(2028, 1, 30)
    assert not validate_profile(profile)


def test_belitung_timur_owes_one_report_a_year_sendable_in_december():
    (annual,) = report_periods(BELITUNG_TIMUR, 2027)
    assert annual.kind == REPORT_ANNUAL
    assert (annual.start, annual.opens, annual.due) == (
        date(2027, 1, 1), date(2027, 12, 1), date(2027, 12, 31))
    earlier = annual_report_period(_with_reporting(BELITUNG_TIMUR, due_day=20), 2027)
    assert earlier.due == date(2027, 12, 20) and earlier.opens == date(2027, 12, 1)


def test_belitung_timur_follow_up_report_is_due_on_bkpsdm_s_january_day():
    follow_up = follow_up_report_period(BELITUNG_TIMUR, 2027, sent_on=date(2027, 12, 10))
    assert follow_up.kind == REPORT_FOLLOW_UP
    assert (follow_up.start, follow_up.end, follow_up.due) == (
        date(2027, 12, 11), date(2027, 12, 31), date(2028, 1, 31))
    set_by_bkpsdm = _with_reporting(BELITUNG_TIMUR, follow_up_day=15)
    assert follow_up_report_period(set_by_bkpsdm, 2027,
                                   sent_on=date(2027, 12, 10)).due == date(2028, 1, 15)


def test_langsa_owes_no_report():
    assert report_periods(LANGSA, 2027) == ()
    assert annual_report_period(LANGSA, 2027) is None
    assert monthly_report_period(LANGSA, 2027, 3) is None


def test_a_due_day_outside_the_month_is_a_profile_problem():
    problems = validate_profile(_with_reporting(NGANJUK, due_day=40))
    assert [p.field for p in problems] == ["reporting.due_day"]
