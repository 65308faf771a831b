"""Coaching and mentoring under every built-in profile (docs/jp-rules.md#jp-per-session,
docs/jp-rules.md#monthly-cap)."""

import random

import pytest

from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.ledger import LedgerInputError, ledger_for_participant
from kembang.policy.tests.helpers import INT, NAS, B, C, M, jp, s

# profile, activity → (JP nasional, JP internasional) per session (docs/jp-rules.md#summary)
JP_TABLE = [
    ("belitung-timur", C, 2, 4),
    ("belitung-timur", M, 2, 4),
    ("langsa", C, 2, 4),
    ("langsa", M, 2, 4),
    ("nganjuk", C, 4, 4),
    ("nganjuk", M, 2, 2),
]
BY_ACTIVITY = pytest.mark.parametrize("profile_id,activity,nas,intl", JP_TABLE)


def run(profile_id, sessions, **kwargs):
    return ledger_for_participant(BUILTIN_PROFILES[profile_id], sessions, **kwargs)


def judged(ledger):
    """[(key, jp, counted, reason codes)] in ledger order."""
    return [(r.key, r.jp, r.counted, r.reason_codes) for r in ledger.rows]


@BY_ACTIVITY
def test_one_national_session_earns_the_profiles_value(profile_id, activity, nas, intl):
    row = run(profile_id, [s(activity, "2025-03-10")]).rows[0]
    assert (row.jp, row.counted, row.reason_codes) == (jp(nas), True, ("counted",))
    assert dict(row.reasons[0].params) == {"activity": activity, "n": 1, "cap": 2}


@BY_ACTIVITY
def test_one_international_session_earns_the_international_value(profile_id, activity, nas, intl):
    row = run(profile_id, [s(activity, "2025-03-10", INT)]).rows[0]
    assert (row.jp, row.counted) == (jp(intl), True)


@BY_ACTIVITY
def test_exactly_at_cap_both_sessions_count(profile_id, activity, nas, intl):
    ledger = run(profile_id, [s(activity, "2025-03-01"), s(activity, "2025-03-31")])
    assert [r.counted for r in ledger.rows] == [True, True]
    assert ledger.year(2025).jp == jp(2 * nas)


@BY_ACTIVITY
def test_third_session_in_a_month_earns_no_jp(profile_id, activity, nas, intl):
    sessions = [s(activity, "2025-03-03"), s(activity, "2025-03-10"), s(activity, "2025-03-17")]
    ledger = run(profile_id, sessions)
    third = ledger.rows[2]
    assert (third.jp, third.counted, third.reason_codes) == (jp(0), False, ("monthly_cap_reached",))
    assert dict(third.reasons[0].params) == {"activity": activity, "n": 3, "cap": 2}
    assert ledger.year(2025).jp == jp(2 * nas)


@BY_ACTIVITY
def test_month_edge_31_january_and_1_february_are_different_months(profile_id, activity, nas, intl):
    sessions = [
        s(activity, "2025-01-31"),
        s(activity, "2025-01-31"),
        s(activity, "2025-02-01"),
        s(activity, "2025-02-01"),
    ]
    assert all(r.counted for r in run(profile_id, sessions).rows)


@BY_ACTIVITY
def test_three_sessions_on_31_january_the_last_created_is_not_counted(
    profile_id, activity, nas, intl
):
    sessions = [s(activity, "2025-01-31", seq=n) for n in (7, 5, 6)]
    by_key = {r.key: r.counted for r in run(profile_id, sessions).rows}
    assert by_key == {5: True, 6: True, 7: False}


@BY_ACTIVITY
def test_year_edge_31_december_and_1_january_fall_in_their_own_years(
    profile_id, activity, nas, intl
):
    ledger = run(profile_id, [s(activity, "2024-12-31"), s(activity, "2025-01-01")])
    assert ledger.year(2024).jp == jp(nas)
    assert ledger.year(2025).jp == jp(nas)
    assert ledger.year(2024).by_activity == {activity: jp(nas)}


@BY_ACTIVITY
def test_national_and_international_in_one_month_share_the_cap(profile_id, activity, nas, intl):
    sessions = [
        s(activity, "2025-05-02", NAS),
        s(activity, "2025-05-09", INT),
        s(activity, "2025-05-16", INT),
    ]
    rows = run(profile_id, sessions).rows
    assert [(r.jp, r.counted) for r in rows] == [(jp(nas), True), (jp(intl), True), (jp(0), False)]


@BY_ACTIVITY
def test_earliest_date_counts_even_when_created_later(profile_id, activity, nas, intl):
    late_created_early_date = s(activity, "2025-04-01", seq=30)
    sessions = [s(activity, "2025-04-20", seq=10), s(activity, "2025-04-21", seq=20)]
    ledger = run(profile_id, [*sessions, late_created_early_date])
    assert ledger.row_for(30).counted
    assert not ledger.row_for(20).counted


@pytest.mark.parametrize("profile_id", sorted(BUILTIN_PROFILES))
def test_coaching_and_mentoring_have_separate_caps(profile_id):
    sessions = [s(C, "2025-06-02"), s(C, "2025-06-03"), s(M, "2025-06-04"), s(M, "2025-06-05")]
    assert all(r.counted for r in run(profile_id, sessions).rows)


@pytest.mark.parametrize("profile_id", ["belitung-timur", "nganjuk"])
def test_self_study_under_a_profile_without_it_is_refused(profile_id):
    with pytest.raises(LedgerInputError) as info:
        run(profile_id, [s(B, "2025-01-02", minutes=90)])
    assert info.value.code == "activity_not_regulated"


def test_unknown_scope_is_refused():
    with pytest.raises(LedgerInputError) as info:
        run("langsa", [s(C, "2025-01-02", "regional")])
    assert info.value.code == "scope_unknown"


def test_repeated_sequence_on_one_date_is_refused():
    with pytest.raises(LedgerInputError) as info:
        run("langsa", [s(C, "2025-01-02", seq=1), s(M, "2025-01-02", seq=1)])
    assert info.value.code == "sequence_duplicate"


def test_the_same_sequence_on_different_dates_is_fine():
    ledger = run("langsa", [s(C, "2025-01-02", seq=1), s(C, "2025-01-03", seq=1)])
    assert len(ledger.rows) == 2


@pytest.mark.parametrize(
    "profile_id,sessions,total,meets",
    [
        # 5 months × 2 coaching × 2 JP = exactly 20
        ("langsa", [(C, f"2025-{m:02d}-{d:02d}") for m in range(1, 6) for d in (1, 2)], 20, True),
        (
            "belitung-timur",
            [(M, f"2025-{m:02d}-{d:02d}") for m in range(1, 6) for d in (1, 2)],
            20,
            True,
        ),
        # nganjuk: 5 coaching × 4 = 20; 4 coaching + 1 mentoring = 18
        ("nganjuk", [(C, f"2025-{m:02d}-01") for m in range(1, 6)], 20, True),
        (
            "nganjuk",
            [(C, f"2025-{m:02d}-01") for m in range(1, 5)] + [(M, "2025-06-01")],
            18,
            False,
        ),
        # the third session of a month does not help: 19 counted sessions' worth is not 20
        (
            "langsa",
            [(C, f"2025-{m:02d}-{d:02d}") for m in range(1, 5) for d in (1, 2, 3)]
            + [(M, "2025-06-01")],
            18,
            False,
        ),
    ],
)
def test_exactly_20_jp_meets_the_target_and_less_does_not(profile_id, sessions, total, meets):
    year = run(profile_id, [s(a, day) for a, day in sessions]).year(2025)
    assert year.jp == jp(total)
    assert year.meets_target is meets
    assert year.target == jp(20)


def test_only_validated_sessions_earn_official_jp():
    sessions = [
        s(C, "2025-02-03", status="submitted"),
        s(C, "2025-02-04", status="confirmed"),
        s(C, "2025-02-05", status="validated"),
        s(C, "2025-02-06", status="draft"),
        s(C, "2025-02-07", status="returned"),
        s(C, "2025-02-08", status="cancelled"),
        s(C, "2025-02-09", status="awaiting_ack"),
    ]
    official = run("langsa", sessions)
    assert [r.session.status for r in official.rows] == ["validated"]
    assert official.rows[0].reasons[0].params["n"] == 1


def test_provisional_jp_treats_pending_sessions_as_validated():
    sessions = [
        s(C, "2025-02-03", status="submitted"),
        s(C, "2025-02-04", status="confirmed"),
        s(C, "2025-02-05", status="validated"),
        s(C, "2025-02-06", status="draft"),
        s(C, "2025-02-09", status="awaiting_ack"),
    ]
    provisional = run("langsa", sessions, provisional=True)
    assert [(r.session.status, r.counted) for r in provisional.rows] == [
        ("submitted", True),
        ("confirmed", True),
        ("validated", False),
        ("awaiting_ack", False),
    ]
    assert provisional.year(2025).jp == jp(4)


def test_shuffled_input_gives_the_same_ledger():
    sessions = [s(C, f"2025-03-{day:02d}", INT if day % 3 else NAS) for day in range(1, 20)]
    sessions += [s(B, "2025-03-04", minutes=m) for m in (30, 30, 45, 60)]
    expected = judged(run("langsa", sessions))
    for seed in range(5):
        shuffled = sessions[:]
        random.Random(seed).shuffle(shuffled)
        assert judged(run("langsa", shuffled)) == expected


def test_by_activity_lists_only_activities_with_rows_even_at_zero_jp():
    ledger = run("langsa", [s(C, "2025-01-02"), s(B, "2025-01-02", minutes=10)])
    assert ledger.year(2025).by_activity == {C: jp(2), B: jp(0)}


def test_empty_input_gives_an_empty_ledger():
    ledger = run("nganjuk", [])
    assert ledger.rows == () and ledger.years == {}
