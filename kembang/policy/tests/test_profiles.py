"""Built-in profiles as data, their JSON form, edits and validation (docs/profiles.md)."""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from kembang.policy.builtin import BELITUNG_TIMUR, BUILTIN_PROFILES, LANGSA, NGANJUK
from kembang.policy.profile_data import (
    ProfileDataError,
    apply_profile_changes,
    profile_diff,
    profile_from_dict,
    profile_to_dict,
    validate_profile,
    values_changed_without_clause,
)
from kembang.policy.profiles import (
    AFTER_EACH_SESSION,
    END_OF_PROGRAM,
    Rule,
    participant_eligible,
    reporting_deadline,
)


def codes(profile):
    return [(p.code, p.field) for p in validate_profile(profile)]


def test_the_three_built_in_profiles_exist():
    assert sorted(BUILTIN_PROFILES) == ["belitung-timur", "langsa", "nganjuk"]


@pytest.mark.parametrize("profile", BUILTIN_PROFILES.values(), ids=str)
def test_built_in_profiles_are_valid_and_every_rule_cites_a_clause(profile):
    assert validate_profile(profile) == []


@pytest.mark.parametrize(
    "profile,activities",
    [
        (BELITUNG_TIMUR, ("coaching", "mentoring")),
        (LANGSA, ("coaching", "mentoring", "belajar_mandiri")),
        (NGANJUK, ("coaching", "mentoring")),
    ],
)
def test_activity_types_per_profile(profile, activities):
    assert profile.activity_types == activities


def test_regulation_words_and_values_come_from_the_seeds():
    coaching = BELITUNG_TIMUR.activity("coaching")
    assert coaching.term.value == "Pembimbingan"
    assert "2 (dua) JP" in coaching.jp_nasional.text
    assert "huruf G angka 3" in coaching.jp_nasional.clause
    assert "4 (empat) J." in BELITUNG_TIMUR.activity("mentoring").jp_internasional.text
    self_study = LANGSA.activity("belajar_mandiri")
    assert self_study.daily_cap_jp.value == 2
    assert self_study.international_uplift.value == Decimal("1.2")
    assert self_study.rounding.value == "floor"
    assert self_study.monthly_cap.value is None
    assert NGANJUK.activity("coaching").jp_nasional.value == Decimal(4)
    assert not NGANJUK.activity("coaching").scope_changes_jp
    assert LANGSA.activity("coaching").scope_changes_jp
    assert all(p.minutes_per_jp.value == 45 for p in BUILTIN_PROFILES.values())
    assert all(p.annual_target_jp.value == 20 for p in BUILTIN_PROFILES.values())


def test_who_may_take_part_coach_and_mentor():
    assert BELITUNG_TIMUR.eligibility.value == "pns_talent_pool"
    assert LANGSA.eligibility.value == "all_employees"
    assert NGANJUK.eligibility.value == "all_asn"
    assert NGANJUK.coach.value == NGANJUK.mentor.value == "appointed_by_head_of_unit"
    assert LANGSA.coach.value == "direct_supervisor"
    assert LANGSA.mentor.value == "supervisor_or_senior"


@pytest.mark.parametrize(
    "profile,kind,talent,expected",
    [
        (BELITUNG_TIMUR, "pns", True, True),
        (BELITUNG_TIMUR, "pns", False, False),
        (BELITUNG_TIMUR, "pppk", True, False),
        (NGANJUK, "pppk", False, True),
        (LANGSA, "pppk", False, True),
    ],
)
def test_participant_eligibility(profile, kind, talent, expected):
    assert participant_eligible(profile, kind=kind, is_talent=talent) is expected


def test_evaluation_forms_are_data():
    nganjuk_form = NGANJUK.evaluation_form("coaching_evaluation")
    assert nganjuk_form.timing == AFTER_EACH_SESSION
    assert len(nganjuk_form.items) == 9
    assert [(p.value, p.label) for p in nganjuk_form.scale] == [
        (1, "tidak setuju"),
        (2, "netral"),
        (3, "setuju"),
    ]
    assert LANGSA.evaluation_form("coaching_evaluation").timing == END_OF_PROGRAM
    assert [p.label for p in BELITUNG_TIMUR.evaluation_form("mentor_assessment").scale] == [
        "Sangat Mampu",
        "Mampu",
        "Kurang Mampu",
        "Tidak Mampu",
    ]
    resume = LANGSA.evaluation_form("self_study_resume")
    assert resume.accepted_by == "supervisor"
    assert NGANJUK.evaluation_form("self_study_resume") is None


def test_reporting_deadlines():
    assert reporting_deadline(BELITUNG_TIMUR, year=2025) == date(2025, 12, 31)
    assert reporting_deadline(NGANJUK, activities_end=date(2025, 1, 31)) == date(2025, 2, 28)
    # The month's report is due on the profile's day of the next month (built-in: last).
    assert reporting_deadline(NGANJUK, activities_end=date(2025, 12, 15)) == date(2026, 1, 31)
    assert reporting_deadline(LANGSA, year=2025) is None


@pytest.mark.parametrize("profile", BUILTIN_PROFILES.values(), ids=str)
def test_profile_round_trips_through_json(profile):
    data = json.loads(json.dumps(profile_to_dict(profile)))
    assert profile_from_dict(data) == profile


def test_profiles_are_hashable():
    assert len({*BUILTIN_PROFILES.values()}) == 3


def test_a_copy_with_a_changed_cap_keeps_everything_else():
    base = profile_to_dict(LANGSA)
    changed = apply_profile_changes(
        base,
        {
            "name": "Langsa 2026",
            "activities": {
                "coaching": {"monthly_cap": {"value": 3, "clause": "Perwal 2026 Pasal 4"}},
                "belajar_mandiri": None,
            },
        },
    )
    profile = profile_from_dict(changed)
    assert validate_profile(profile) == []
    assert profile.activity("coaching").monthly_cap == Rule(3, "Perwal 2026 Pasal 4", "")
    assert profile.activity("mentoring") == LANGSA.activity("mentoring")
    assert not profile.regulates("belajar_mandiri")
    assert base == profile_to_dict(LANGSA)  # the original dict is untouched
    diff = profile_diff(base, changed)
    assert diff["activities.coaching.monthly_cap.value"] == [2, 3]
    assert diff["name"] == [LANGSA.name, "Langsa 2026"]


def test_a_changed_value_must_cite_a_new_clause():
    base = profile_to_dict(NGANJUK)
    changed = apply_profile_changes(
        base, {"activities": {"coaching": {"jp_nasional": {"value": "3"}}}}
    )
    assert values_changed_without_clause(base, changed) == ["activities.coaching.jp_nasional"]


def test_adding_an_activity_to_a_copy():
    self_study = next(
        a for a in profile_to_dict(LANGSA)["activities"] if a["activity"] == "belajar_mandiri"
    )
    changed = apply_profile_changes(
        profile_to_dict(NGANJUK),
        {
            "activities": {
                "belajar_mandiri": {k: v for k, v in self_study.items() if k != "activity"}
            }
        },
    )
    profile = profile_from_dict(changed)
    assert profile.activity_types == ("coaching", "mentoring", "belajar_mandiri")
    assert validate_profile(profile) == []


def test_negative_jp_and_missing_values_are_problems():
    coaching = replace(
        NGANJUK.activity("coaching"),
        jp_nasional=Rule(Decimal(-1), "x"),
        jp_internasional=None,
    )
    profile = replace(NGANJUK, activities=(coaching, NGANJUK.activity("mentoring")))
    assert codes(profile) == [
        ("jp_negative", "activities[0].jp_nasional"),
        ("jp_missing", "activities[0].jp_internasional"),
    ]


@pytest.mark.parametrize("cap", [0, -2, 1.5, True])
def test_caps_must_be_positive_whole_numbers_or_none(cap):
    coaching = replace(NGANJUK.activity("coaching"), monthly_cap=Rule(cap, "x"))
    profile = replace(NGANJUK, activities=(coaching,))
    assert ("cap_invalid", "activities[0].monthly_cap") in codes(profile)


def test_no_cap_is_allowed():
    coaching = replace(NGANJUK.activity("coaching"), monthly_cap=Rule(None, "x"))
    assert validate_profile(replace(NGANJUK, activities=(coaching,))) == []


def test_other_problems_are_reported():
    self_study = replace(
        LANGSA.activity("belajar_mandiri"),
        monthly_cap=Rule(4, "x"),
        rounding=Rule("ceil", "x"),
        international_uplift=Rule(Decimal("1.125"), "x"),
        daily_cap_jp=Rule(0, ""),
    )
    profile = replace(
        LANGSA,
        id="",
        activities=(self_study, self_study),
        minutes_per_jp=Rule(0, "x"),
        eligibility=Rule("everyone", "x"),
    )
    found = {code for code, _ in codes(profile)}
    assert {
        "required",
        "duplicate_activity",
        "cap_unsupported",
        "unknown_rounding",
        "jp_too_precise",
        "cap_invalid",
        "clause_missing",
        "minutes_invalid",
        "unknown_value",
    } <= found
    assert codes(replace(LANGSA, activities=())) == [("no_activities", "activities")]


@pytest.mark.parametrize(
    "mutate,code",
    [
        (lambda d: d.pop("activities"), "missing"),
        (lambda d: d["activities"][0].update(jp_nasional={"value": "dua", "clause": "x"}), "type"),
        (lambda d: d["minutes_per_jp"].update(value=True), "type"),
        (lambda d: d.update(schema=99), "schema"),
        (lambda d: d["activities"][0].pop("monthly_cap"), "missing"),
    ],
)
def test_malformed_stored_data_raises_profile_data_error(mutate, code):
    data = profile_to_dict(NGANJUK)
    mutate(data)
    with pytest.raises(ProfileDataError) as info:
        profile_from_dict(data)
    assert info.value.code == code
