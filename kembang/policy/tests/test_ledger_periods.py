"""Locked months (docs/locked-months.md) and profile versions over time
(docs/profiles.md#profile-versions)."""

from datetime import date
from decimal import Decimal

import pytest

from kembang.policy.builtin import BELITUNG_TIMUR, LANGSA, NGANJUK
from kembang.policy.ledger import (
    LedgerInputError,
    LockedSession,
    LockState,
    ledger_for_participant,
    ledger_for_participants,
)
from kembang.policy.profile_data import apply_profile_changes, profile_from_dict, profile_to_dict
from kembang.policy.reasons import Reason
from kembang.policy.schedule import ProfileSchedule
from kembang.policy.tests.helpers import INT, B, C, M, d, jp, s


def locked(key, activity, day, jp_value, counted=True, **kwargs):
    return LockedSession(
        key=key,
        activity=activity,
        date=d(day),
        jp=Decimal(str(jp_value)),
        counted=counted,
        sequence=kwargs.pop("sequence", key),
        reasons=(Reason.of("counted", activity=activity, n=1, cap=2),),
        **kwargs,
    )


MARCH = frozenset({(2025, 3)})


def test_a_session_validated_late_in_a_locked_month_takes_a_free_slot_as_a_correction():
    lock = LockState(
        months=MARCH,
        sessions=(locked(1, C, "2025-03-10", 2),),
        correction_month=(2025, 5),
    )
    late = s(C, "2025-03-03", seq=50)
    ledger = ledger_for_participant(LANGSA, [late], lock=lock)
    row = ledger.row_for(50)
    assert (row.jp, row.counted, row.correction_month) == (jp(2), True, (2025, 5))
    assert row.booked_month == (2025, 5)
    assert dict(row.reasons[0].params)["n"] == 2
    # The locked row is passed through unchanged.
    assert ledger.row_for(1).locked and ledger.row_for(1).jp == jp(2)
    assert ledger.year(2025).jp == jp(4)


def test_a_locked_full_month_gives_a_late_session_nothing_even_if_it_is_earlier():
    lock = LockState(
        months=MARCH,
        sessions=(locked(1, C, "2025-03-20", 2), locked(2, C, "2025-03-21", 2)),
        correction_month=(2025, 5),
    )
    late = s(C, "2025-03-01", seq=60)  # earliest date, but the month was already reported
    row = ledger_for_participant(LANGSA, [late], lock=lock).row_for(60)
    assert (row.jp, row.counted, row.reason_codes) == (jp(0), False, ("monthly_cap_reached",))
    assert dict(row.reasons[0].params) == {"activity": C, "n": 3, "cap": 2}


def test_corrections_do_not_use_the_booking_months_cap():
    lock = LockState(months=MARCH, sessions=(), correction_month=(2025, 4))
    sessions = [
        s(C, "2025-03-05"),  # correction into April
        s(C, "2025-04-01"),
        s(C, "2025-04-02"),
    ]
    ledger = ledger_for_participant(LANGSA, sessions, lock=lock)
    assert [r.counted for r in ledger.rows] == [True, True, True]


def test_self_study_late_in_a_locked_day_only_adds_what_the_day_had_left():
    lock = LockState(
        months=MARCH,
        sessions=(locked(1, B, "2025-03-04", 1, minutes=60),),
        correction_month=(2025, 6),
    )
    row = ledger_for_participant(LANGSA, [s(B, "2025-03-04", INT, minutes=60)], lock=lock).rows[-1]
    assert (row.jp, row.correction_month) == (jp("1.2"), (2025, 6))


def test_a_december_correction_booked_in_january_counts_in_december_s_year():
    # PP 11/2017 Pasal 203(4): 20 JP "dalam 1 (satu) tahun" — the session's year; the
    # correction month only says which report carries it.
    lock = LockState(months=frozenset({(2024, 12)}), correction_month=(2025, 1))
    ledger = ledger_for_participant(NGANJUK, [s(C, "2024-12-30")], lock=lock)
    assert ledger.rows[-1].correction_month == (2025, 1)
    assert ledger.year(2024).jp == jp(4)
    assert 2025 not in ledger.years


def test_a_locked_month_without_a_correction_month_is_an_input_error():
    with pytest.raises(LedgerInputError) as info:
        ledger_for_participant(LANGSA, [s(C, "2025-03-05")], lock=LockState(months=MARCH))
    assert info.value.code == "correction_month_required"


def test_unlocked_months_are_computed_normally_next_to_locked_ones():
    lock = LockState(months=MARCH, correction_month=(2025, 5))
    ledger = ledger_for_participant(LANGSA, [s(C, "2025-02-05"), s(C, "2025-04-05")], lock=lock)
    assert all(r.correction_month is None for r in ledger.rows)


def test_bulk_ledgers_take_each_participants_lock():
    lock = LockState(months=MARCH, correction_month=(2025, 5))
    result = ledger_for_participants(
        LANGSA, {"a": [s(C, "2025-03-05")], "b": [s(C, "2025-03-05")]}, locks={"a": lock}
    )
    assert result["a"].rows[0].correction_month == (2025, 5)
    assert result["b"].rows[0].correction_month is None


def _langsa_with_three_coaching_sessions():
    data = apply_profile_changes(
        profile_to_dict(LANGSA),
        {
            "id": "langsa-2025-07",
            "activities": {
                "coaching": {"monthly_cap": {"value": 3, "clause": "Perwal Langsa 2025 Pasal 4"}}
            },
        },
    )
    return profile_from_dict(data)


def test_each_session_is_credited_under_the_version_in_force_on_its_date():
    schedule = ProfileSchedule.of(
        [(date(2025, 1, 1), LANGSA), (date(2025, 7, 1), _langsa_with_three_coaching_sessions())]
    )
    june = [s(C, f"2025-06-{day:02d}") for day in (2, 3, 4)]
    july = [s(C, f"2025-07-{day:02d}") for day in (1, 2, 3)]
    ledger = ledger_for_participant(schedule, june + july)
    assert [r.counted for r in ledger.rows] == [True, True, False, True, True, True]


def test_schedule_first_version_applies_before_its_date_and_versions_must_start_a_month():
    schedule = ProfileSchedule.of([(date(2025, 7, 1), NGANJUK), (date(2026, 1, 1), LANGSA)])
    assert schedule.at(date(2020, 1, 1)) is NGANJUK
    assert schedule.at(date(2025, 12, 31)) is NGANJUK
    assert schedule.at(date(2026, 1, 1)) is LANGSA
    with pytest.raises(ValueError):
        ProfileSchedule.of([(date(2025, 7, 2), NGANJUK)])
    with pytest.raises(ValueError):
        ProfileSchedule.of([(date(2025, 7, 1), NGANJUK), (date(2025, 7, 1), LANGSA)])


def test_a_schedule_from_national_to_nganjuk_values_changes_jp_from_its_month():
    schedule = ProfileSchedule.of([(date(2025, 1, 1), BELITUNG_TIMUR), (date(2025, 5, 1), NGANJUK)])
    ledger = ledger_for_participant(
        schedule, [s(C, "2025-04-30"), s(C, "2025-05-01"), s(M, "2025-05-02")]
    )
    assert [r.jp for r in ledger.rows] == [jp(2), jp(4), jp(2)]
