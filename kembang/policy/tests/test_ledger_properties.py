"""Invariants of the ledger, over generated sessions (hypothesis)."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.ledger import LedgerSession, ledger_for_participant

START = date(2024, 11, 1)
DAYS = 120  # spans a year boundary and several month boundaries


@st.composite
def participant(draw, profile_id=None):
    profile_id = profile_id or draw(st.sampled_from(sorted(BUILTIN_PROFILES)))
    profile = BUILTIN_PROFILES[profile_id]
    activities = profile.activity_types
    n = draw(st.integers(0, 40))
    sequences = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    sessions = []
    for sequence in sequences:
        activity = draw(st.sampled_from(activities))
        sessions.append(
            LedgerSession(
                key=sequence,
                activity=activity,
                date=START + timedelta(days=draw(st.integers(0, DAYS - 1))),
                scope=draw(st.sampled_from(["nasional", "internasional"])),
                minutes=draw(st.integers(1, 300)) if activity == "belajar_mandiri" else None,
                status=draw(st.sampled_from(["validated", "validated", "submitted", "draft"])),
                sequence=sequence,
            )
        )
    return profile, sessions


def snapshot(ledger):
    return [(r.key, r.jp, r.counted, r.reasons) for r in ledger.rows]


@settings(max_examples=120, deadline=None)
@given(participant(), st.booleans())
def test_no_month_ever_counts_more_sessions_than_the_cap(data, provisional):
    profile, sessions = data
    ledger = ledger_for_participant(profile, sessions, provisional=provisional)
    counted = Counter(
        (r.session.activity, r.session.date.year, r.session.date.month)
        for r in ledger.rows
        if r.counted and profile.activity(r.session.activity).monthly_cap.value is not None
    )
    for (activity, _, _), n in counted.items():
        assert n <= profile.activity(activity).monthly_cap.value


@settings(max_examples=120, deadline=None)
@given(participant(), st.randoms(use_true_random=False))
def test_shuffling_the_input_changes_nothing(data, rnd):
    profile, sessions = data
    shuffled = sessions[:]
    rnd.shuffle(shuffled)
    assert snapshot(ledger_for_participant(profile, shuffled)) == snapshot(
        ledger_for_participant(profile, sessions)
    )
    assert ledger_for_participant(profile, shuffled).years == (
        ledger_for_participant(profile, sessions).years
    )


@settings(max_examples=120, deadline=None)
@given(participant(), st.data())
def test_adding_a_later_session_never_changes_an_earlier_month(data, draw):
    profile, sessions = data
    activity = draw.draw(st.sampled_from(profile.activity_types))
    day = START + timedelta(days=draw.draw(st.integers(0, DAYS - 1)))
    extra = LedgerSession(
        key="extra",
        activity=activity,
        date=day,
        scope=draw.draw(st.sampled_from(["nasional", "internasional"])),
        minutes=draw.draw(st.integers(1, 300)) if activity == "belajar_mandiri" else None,
        sequence=draw.draw(
            st.integers(1, 20_000).filter(lambda n: n not in {x.sequence for x in sessions})
        ),
    )
    before = {r.key: r for r in ledger_for_participant(profile, sessions).rows}
    after = {r.key: r for r in ledger_for_participant(profile, [*sessions, extra]).rows}
    for key, row in before.items():
        session = row.session
        earlier_month = (session.date.year, session.date.month) < (day.year, day.month)
        # Stronger: nothing taken before the new session in (date, sequence) order moves.
        earlier_in_order = (session.date, session.sequence) < (extra.date, extra.sequence)
        if earlier_month or earlier_in_order:
            assert after[key][1:4] == row[1:4]


@settings(max_examples=120, deadline=None)
@given(participant(), st.booleans())
def test_totals_equal_the_sum_of_the_rows(data, provisional):
    profile, sessions = data
    ledger = ledger_for_participant(profile, sessions, provisional=provisional)
    by_year: dict[int, Decimal] = {}
    by_activity: dict[tuple[int, str], Decimal] = {}
    for row in ledger.rows:
        year = row.booked_month[0]
        by_year[year] = by_year.get(year, Decimal(0)) + row.jp
        key = (year, row.session.activity)
        by_activity[key] = by_activity.get(key, Decimal(0)) + row.jp
    assert {y: t.jp for y, t in ledger.years.items()} == by_year
    for year, total in ledger.years.items():
        assert sum(total.by_activity.values(), Decimal(0)) == total.jp
        assert total.meets_target == (total.jp >= 20)
        for activity, value in total.by_activity.items():
            assert by_activity[(year, activity)] == value


@settings(max_examples=100, deadline=None)
@given(participant("langsa"))
def test_a_self_study_day_never_earns_more_than_the_cap_times_the_uplift(data):
    profile, sessions = data
    ledger = ledger_for_participant(profile, sessions)
    per_day: dict[date, Decimal] = {}
    for row in ledger.rows:
        assert row.jp >= 0
        if row.session.activity == "belajar_mandiri":
            per_day[row.session.date] = per_day.get(row.session.date, Decimal(0)) + row.jp
    assert all(total <= Decimal("2.4") for total in per_day.values())
