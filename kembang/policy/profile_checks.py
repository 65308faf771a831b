"""Is a profile usable? `validate_profile` lists every problem
(docs/profiles.md#a-profile-is-data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kembang.policy.activities import ACTIVITY_TYPES
from kembang.policy.profiles import (
    ACTIVITY_RULE_FIELDS,
    AFTER_ACTIVITIES_END,
    ANNUAL_IN_MONTH,
    COACH_RULES,
    COUNTING_MODES,
    DAILY_MINUTES,
    ELIGIBILITY_RULES,
    FORM_FILLERS,
    FORM_TIMINGS,
    MENTOR_RULES,
    MIX_PARTS,
    OPTIONAL_PROFILE_RULE_FIELDS,
    PER_SESSION,
    PROFILE_RULE_FIELDS,
    PROGRAM_REQUIREMENTS,
    REPORTING_KINDS,
    ROUNDING_MODES,
    SESSION_RECORDS,
    TALENT_READINGS,
    ActivityRules,
    Profile,
    Rule,
    decimal_places,
)

MAX_JP_PLACES = 2  # JP and uplift values: at most two decimals (the ledger's unit)
_ACTIVITY_RULE_FIELDS = ACTIVITY_RULE_FIELDS
_PROFILE_RULE_FIELDS = PROFILE_RULE_FIELDS


@dataclass(frozen=True)
class ProfileProblem:
    """One reason a profile cannot be used: a stable code, the field path, parameters."""

    code: str
    field: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _positive_int_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0)


def _check_clause(rule: Rule | None, path: str, problems: list[ProfileProblem]) -> None:
    if rule is not None and not rule.clause.strip():
        problems.append(ProfileProblem("clause_missing", path))


def _check_activity(a: ActivityRules, path: str, problems: list[ProfileProblem]) -> None:
    add = problems.append
    if a.activity not in ACTIVITY_TYPES:
        add(ProfileProblem("unknown_activity", f"{path}.activity", {"value": a.activity}))
    if a.counting not in COUNTING_MODES:
        add(ProfileProblem("unknown_counting", f"{path}.counting", {"value": a.counting}))
    for name in _ACTIVITY_RULE_FIELDS:
        _check_clause(getattr(a, name), f"{path}.{name}", problems)
    if not _positive_int_or_none(a.monthly_cap.value):
        add(ProfileProblem("cap_invalid", f"{path}.monthly_cap", {"value": a.monthly_cap.value}))
    if a.counting == PER_SESSION:
        for name in ("jp_nasional", "jp_internasional"):
            rule = getattr(a, name)
            if rule is None:
                add(ProfileProblem("jp_missing", f"{path}.{name}", {"activity": a.activity}))
            elif rule.value < 0:
                add(ProfileProblem("jp_negative", f"{path}.{name}", {"value": str(rule.value)}))
            elif decimal_places(rule.value) > MAX_JP_PLACES:
                add(ProfileProblem("jp_too_precise", f"{path}.{name}", {"value": str(rule.value)}))
    elif a.counting == DAILY_MINUTES:
        if a.monthly_cap.value is not None:
            add(ProfileProblem("cap_unsupported", f"{path}.monthly_cap"))
        if a.daily_cap_jp is None:
            add(ProfileProblem("jp_missing", f"{path}.daily_cap_jp", {"activity": a.activity}))
        elif not _positive_int_or_none(a.daily_cap_jp.value):
            add(
                ProfileProblem(
                    "cap_invalid", f"{path}.daily_cap_jp", {"value": a.daily_cap_jp.value}
                )
            )
        if a.rounding is None:
            add(ProfileProblem("jp_missing", f"{path}.rounding", {"activity": a.activity}))
        elif a.rounding.value not in ROUNDING_MODES:
            add(ProfileProblem("unknown_rounding", f"{path}.rounding", {"value": a.rounding.value}))
        uplift = a.international_uplift
        if uplift is None:
            add(
                ProfileProblem(
                    "jp_missing", f"{path}.international_uplift", {"activity": a.activity}
                )
            )
        elif uplift.value < 0:
            add(
                ProfileProblem(
                    "jp_negative", f"{path}.international_uplift", {"value": str(uplift.value)}
                )
            )
        elif decimal_places(uplift.value) > MAX_JP_PLACES:
            add(
                ProfileProblem(
                    "jp_too_precise", f"{path}.international_uplift", {"value": str(uplift.value)}
                )
            )


def validate_profile(profile: Profile) -> list[ProfileProblem]:
    """Every reason `profile` cannot be used; an empty list when it is sound.

    Checks: an id and a name; at least one activity, each known and only once; every
    activity has its values (per session: national and international JP; per day:
    daily cap, rounding, uplift); no negative JP; JP with at most two decimals; caps a
    positive whole number or none (no monthly cap on minute-counted activities); minutes
    per JP and the annual target positive; known codes for eligibility, coach, mentor,
    session record, program requirements, reporting and forms; a clause on every rule.
    """
    problems: list[ProfileProblem] = []
    add = problems.append
    if not profile.id.strip():
        add(ProfileProblem("required", "id"))
    if not profile.name.strip():
        add(ProfileProblem("required", "name"))
    if not profile.activities:
        add(ProfileProblem("no_activities", "activities"))
    seen: set[str] = set()
    for i, activity in enumerate(profile.activities):
        path = f"activities[{i}]"
        if activity.activity in seen:
            add(ProfileProblem("duplicate_activity", path, {"value": activity.activity}))
        seen.add(activity.activity)
        _check_activity(activity, path, problems)

    for name in _PROFILE_RULE_FIELDS:
        _check_clause(getattr(profile, name), name, problems)
    minutes = profile.minutes_per_jp.value
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        add(ProfileProblem("minutes_invalid", "minutes_per_jp", {"value": minutes}))
    if profile.annual_target_jp.value <= 0:
        add(
            ProfileProblem(
                "target_invalid", "annual_target_jp", {"value": str(profile.annual_target_jp.value)}
            )
        )
    if profile.annual_target_jp_pppk.value <= 0:
        add(ProfileProblem("target_invalid", "annual_target_jp_pppk",
                           {"value": str(profile.annual_target_jp_pppk.value)}))
    for name, allowed in (
        ("eligibility", ELIGIBILITY_RULES),
        ("coach", COACH_RULES),
        ("mentor", MENTOR_RULES),
        ("session_record", SESSION_RECORDS),
    ):
        value = getattr(profile, name).value
        if value not in allowed:
            add(ProfileProblem("unknown_value", name, {"value": value}))
    if profile.talent_reading.value not in TALENT_READINGS:
        add(ProfileProblem("unknown_value", "talent_reading",
                           {"value": profile.talent_reading.value}))
    if profile.self_study_mix.value not in MIX_PARTS:
        add(ProfileProblem("unknown_value", "self_study_mix",
                           {"value": profile.self_study_mix.value}))
    for name in OPTIONAL_PROFILE_RULE_FIELDS:
        _check_clause(getattr(profile, name), name, problems)
    for value in profile.program_requires.value:
        if value not in PROGRAM_REQUIREMENTS:
            add(ProfileProblem("unknown_value", "program_requires", {"value": value}))

    reporting = profile.reporting.value
    if reporting is not None:
        if reporting.kind not in REPORTING_KINDS:
            add(ProfileProblem("unknown_value", "reporting.kind", {"value": reporting.kind}))
        elif reporting.kind == ANNUAL_IN_MONTH and not (
            isinstance(reporting.month, int) and 1 <= reporting.month <= 12
        ):
            add(ProfileProblem("reporting_invalid", "reporting.month", {"value": reporting.month}))
        elif reporting.kind == AFTER_ACTIVITIES_END and (
            reporting.months_after is None or not _positive_int_or_none(reporting.months_after)
        ):
            add(
                ProfileProblem(
                    "reporting_invalid", "reporting.months_after", {"value": reporting.months_after}
                )
            )
        for name, top in (("due_day", 31), ("opens_day", 31), ("follow_up_month", 12),
                          ("follow_up_day", 31)):
            day = getattr(reporting, name, None)
            if day is not None and not (isinstance(day, int) and 1 <= day <= top):
                add(ProfileProblem("reporting_invalid", f"reporting.{name}", {"value": day}))

    for i, form in enumerate(profile.evaluation_forms):
        path = f"evaluation_forms[{i}]"
        if form.timing not in FORM_TIMINGS:
            add(ProfileProblem("unknown_value", f"{path}.timing", {"value": form.timing}))
        if form.filled_by not in FORM_FILLERS:
            add(ProfileProblem("unknown_value", f"{path}.filled_by", {"value": form.filled_by}))
        if form.items and not form.scale:
            add(ProfileProblem("scale_missing", f"{path}.scale"))
        if not form.clause.strip():
            add(ProfileProblem("clause_missing", path))
    return problems
