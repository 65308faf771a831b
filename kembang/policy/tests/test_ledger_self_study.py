"""Self-study under `langsa`: minutes per day, whole JP (floor), 2 JP a day, × 1.2 abroad."""

import pytest

from kembang.policy.builtin import LANGSA
from kembang.policy.ledger import LedgerInputError, ledger_for_participant
from kembang.policy.tests.helpers import INT, NAS, B, jp, s


def rows(sessions):
    return ledger_for_participant(LANGSA, sessions).rows


def params(row, code):
    return next(dict(r.params) for r in row.reasons if r.code == code)


@pytest.mark.parametrize(
    "minutes,expected_jp,counted,codes",
    [
        (1, 0, True, ("self_study_below_unit",)),
        (44, 0, True, ("self_study_below_unit",)),
        (45, 1, True, ("self_study_credited",)),
        (89, 1, True, ("self_study_credited",)),
        (90, 2, True, ("self_study_credited",)),
        (91, 2, True, ("self_study_credited",)),
        (134, 2, True, ("self_study_credited",)),
        (135, 2, True, ("self_study_credited", "self_study_daily_cap")),
        (200, 2, True, ("self_study_credited", "self_study_daily_cap")),
        (480, 2, True, ("self_study_credited", "self_study_daily_cap")),
    ],
)
def test_one_national_row_a_day(minutes, expected_jp, counted, codes):
    (row,) = rows([s(B, "2025-08-05", minutes=minutes)])
    assert (row.jp, row.counted, row.reason_codes) == (jp(expected_jp), counted, codes)


@pytest.mark.parametrize(
    "minutes,expected_jp,codes",
    [
        (44, 0, ("self_study_below_unit",)),
        (45, "1.2", ("self_study_credited", "international_uplift")),
        (90, "2.4", ("self_study_credited", "international_uplift")),
        (91, "2.4", ("self_study_credited", "international_uplift")),
        (200, "2.4", ("self_study_credited", "self_study_daily_cap", "international_uplift")),
    ],
)
def test_one_international_row_a_day_is_uplifted_after_the_cap(minutes, expected_jp, codes):
    (row,) = rows([s(B, "2025-08-05", INT, minutes=minutes)])
    assert (row.jp, row.counted, row.reason_codes) == (jp(expected_jp), True, codes)


def test_reason_parameters_explain_the_row():
    (row,) = rows([s(B, "2025-08-05", INT, minutes=200)])
    assert params(row, "self_study_credited") == {
        "minutes": 200,
        "day_minutes": 200,
        "day_jp": "2",
        "jp": "2",
    }
    assert params(row, "self_study_daily_cap") == {"cap": 2, "day_minutes": 200, "minutes": 200}
    assert params(row, "international_uplift") == {"factor": "1.2", "base_jp": "2", "jp": "2.4"}
    (below,) = rows([s(B, "2025-08-06", minutes=44)])
    assert params(below, "self_study_below_unit") == {
        "minutes": 44,
        "day_minutes": 44,
        "minutes_per_jp": 45,
    }


@pytest.mark.parametrize(
    "first,second,expected",
    [
        (30, 30, [0, 1]),  # the second row completes the first JP
        (44, 1, [0, 1]),
        (45, 45, [1, 1]),
        (60, 60, [1, 1]),  # 60 → 1; 120 → 2
        (90, 45, [2, 0]),  # the cap leaves nothing for the second row
        (90, 10, [2, 0]),  # 100 min is still 2 JP: below one more JP, not capped
        (100, 100, [2, 0]),
        (20, 200, [0, 2]),
    ],
)
def test_two_national_rows_on_one_day_share_the_days_jp_in_creation_order(first, second, expected):
    day = [s(B, "2025-09-01", minutes=first), s(B, "2025-09-01", minutes=second)]
    assert [r.jp for r in rows(day)] == [jp(x) for x in expected]


def test_a_row_wholly_cut_by_the_daily_cap_is_not_counted():
    first, second = rows([s(B, "2025-09-01", minutes=90), s(B, "2025-09-01", minutes=45)])
    assert (second.jp, second.counted, second.reason_codes) == (
        jp(0),
        False,
        ("self_study_daily_cap",),
    )


def test_a_row_below_one_jp_is_counted_with_zero_jp():
    (row,) = rows([s(B, "2025-09-01", minutes=30)])
    assert (row.jp, row.counted) == (jp(0), True)


def test_in_a_day_mixing_scopes_the_row_order_decides_which_row_carries_the_uplift():
    national_first = rows(
        [s(B, "2025-09-02", NAS, minutes=45, seq=1), s(B, "2025-09-02", INT, minutes=45, seq=2)]
    )
    international_first = rows(
        [s(B, "2025-09-02", INT, minutes=45, seq=1), s(B, "2025-09-02", NAS, minutes=45, seq=2)]
    )
    assert [r.jp for r in national_first] == [jp(1), jp("1.2")]
    assert [r.jp for r in international_first] == [jp("1.2"), jp(1)]


def test_daily_cap_applies_before_the_uplift_across_rows():
    day = [s(B, "2025-09-03", INT, minutes=100), s(B, "2025-09-03", NAS, minutes=100)]
    assert [r.jp for r in rows(day)] == [jp("2.4"), jp(0)]
    ledger = ledger_for_participant(LANGSA, day)
    assert ledger.year(2025).jp == jp("2.4")


def test_different_days_are_independent_and_there_is_no_monthly_cap():
    sessions = [s(B, f"2025-10-{day:02d}", minutes=90) for day in range(1, 32)]
    ledger = ledger_for_participant(LANGSA, sessions)
    assert all(r.jp == jp(2) for r in ledger.rows)
    assert ledger.year(2025).jp == jp(62)
    assert ledger.year(2025).meets_target


def test_self_study_on_31_december_and_1_january():
    ledger = ledger_for_participant(
        LANGSA, [s(B, "2024-12-31", INT, minutes=90), s(B, "2025-01-01", minutes=45)]
    )
    assert ledger.year(2024).jp == jp("2.4")
    assert ledger.year(2025).jp == jp(1)


def test_self_study_totals_add_international_tenths():
    sessions = [s(B, f"2025-11-{day:02d}", INT, minutes=45) for day in range(1, 4)]
    assert ledger_for_participant(LANGSA, sessions).year(2025).jp == jp("3.6")


@pytest.mark.parametrize("minutes", [None, 0, -45, 45.0, True])
def test_self_study_without_positive_whole_minutes_is_refused(minutes):
    with pytest.raises(LedgerInputError) as info:
        rows([s(B, "2025-09-01", minutes=minutes)])
    assert info.value.code == "minutes_invalid"


def test_minutes_on_coaching_are_ignored():
    (row,) = rows([s("coaching", "2025-09-01", minutes=500)])
    assert row.jp == jp(2)
