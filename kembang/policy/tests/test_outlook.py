"""Slots left this month, behind pace and "cannot reach 20"
(docs/jp-rules.md#standing-and-pace)."""

from datetime import date
from decimal import Decimal

from kembang.policy.builtin import BELITUNG_TIMUR, LANGSA, NGANJUK
from kembang.policy.outlook import countable_left_this_month, remaining_capacity_jp, year_outlook
from kembang.policy.tests.helpers import B, C, M, jp, s


def test_countable_left_counts_validated_and_pending_but_not_drafts():
    sessions = [
        s(C, "2025-03-02", status="validated"),
        s(C, "2025-03-03", status="draft"),
        s(C, "2025-03-04", status="returned"),
        s(M, "2025-03-05", status="submitted"),
    ]
    assert countable_left_this_month(LANGSA, sessions, activity=C, year=2025, month=3) == 1
    assert countable_left_this_month(LANGSA, sessions, activity=M, year=2025, month=3) == 1
    assert countable_left_this_month(LANGSA, sessions, activity=C, year=2025, month=4) == 2


def test_countable_left_never_goes_below_zero_and_is_none_without_a_cap():
    sessions = [s(C, f"2025-03-{day:02d}", status="confirmed") for day in (1, 2, 3)]
    assert countable_left_this_month(NGANJUK, sessions, activity=C, year=2025, month=3) == 0
    assert countable_left_this_month(LANGSA, [], activity=B, year=2025, month=3) is None
    assert countable_left_this_month(NGANJUK, [], activity=B, year=2025, month=3) is None


def test_on_1_july_with_no_jp_an_employee_is_behind_pace():
    outlook = year_outlook(BELITUNG_TIMUR, [], today=date(2025, 7, 1))
    assert outlook.behind_pace
    assert outlook.expected_jp == Decimal("9.97")  # 20 × 182 / 365
    # Six months of two coaching and two mentoring sessions at 2 JP: 48 JP still possible.
    assert outlook.remaining_jp == jp(48)
    assert not outlook.cannot_reach_target


def test_exactly_on_pace_is_not_behind():
    # 2024 is a leap year: day 183 of 366 is exactly half the year, 10 JP expected.
    sessions = [s(C, "2024-01-05"), s(C, "2024-01-06"), s(M, "2024-02-05"), s(M, "2024-02-06")]
    sessions.append(s(C, "2024-03-05"))
    outlook = year_outlook(LANGSA, sessions, today=date(2024, 7, 1))
    assert outlook.official_jp == jp(10)
    assert outlook.expected_jp == jp(10)
    assert not outlook.behind_pace


def test_pending_sessions_count_toward_reaching_but_not_toward_pace():
    sessions = [s(C, "2025-01-05", status="submitted"), s(C, "2025-01-06", status="validated")]
    outlook = year_outlook(NGANJUK, sessions, today=date(2025, 1, 31))
    assert (outlook.official_jp, outlook.pending_jp, outlook.provisional_jp) == (
        jp(4),
        jp(4),
        jp(8),
    )
    assert not outlook.behind_pace  # 4 ≥ 20 × 31/365


def test_late_in_december_20_jp_can_no_longer_be_reached():
    sessions = [s(C, "2025-12-01"), s(C, "2025-12-02"), s(M, "2025-12-03")]
    outlook = year_outlook(NGANJUK, sessions, today=date(2025, 12, 20))
    # 8 + 2 official; one mentoring slot left at 2 JP: 12 < 20.
    assert outlook.official_jp == jp(10)
    assert outlook.remaining_jp == jp(2)
    assert outlook.cannot_reach_target


def test_classical_training_counts_through_other_jp():
    outlook = year_outlook(NGANJUK, [], today=date(2025, 12, 31), other_official_jp=Decimal(18))
    assert outlook.official_jp == jp(18)
    assert outlook.remaining_jp == jp(12)  # December's two coaching and two mentoring slots
    assert not outlook.cannot_reach_target


def test_self_study_capacity_is_the_daily_cap_on_each_remaining_day():
    sessions = [s(B, "2025-12-31", minutes=45)]
    remaining = remaining_capacity_jp(LANGSA, sessions, today=date(2025, 12, 30))
    # December slots: 2 coaching + 2 mentoring at 2 JP = 8; self-study: 2 + (2 − 1) = 3.
    assert remaining == jp(11)
