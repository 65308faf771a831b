"""A profile compiled for the ledger's hot loop: JP in integer units, shared reasons.

Internal to `kembang.policy.ledger`. A regency-year runs hundreds of thousands of rows, so
per-row `Decimal` arithmetic and per-row objects are avoided: JP are counted in units of
1/10**places JP (places = the most decimals any value of the profile needs; 1 for the
built-ins, where 1.2 × a whole JP needs tenths), turned into `Decimal` once per distinct
value, and the `Reason` tuples a row carries are built once and shared.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from kembang.policy.activities import ACTIVITY_TYPES
from kembang.policy.profiles import FLOOR_HALF, PER_SESSION, Profile, decimal_places
from kembang.policy.reasons import (
    COUNTED,
    INTERNATIONAL_UPLIFT,
    MONTHLY_CAP_REACHED,
    SELF_STUDY_BELOW_UNIT,
    SELF_STUDY_CREDITED,
    SELF_STUDY_DAILY_CAP,
    Reason,
)
from kembang.policy.schedule import ProfileSchedule

ACTIVITY_INDEX = {activity: i for i, activity in enumerate(ACTIVITY_TYPES)}


def profile_places(profile: Profile) -> int:
    """The decimals JP units need for this profile: JP values, uplift × rounding step."""
    places = decimal_places(profile.annual_target_jp.value)
    for rules in profile.activities:
        for rule in (rules.jp_nasional, rules.jp_internasional):
            if rule is not None:
                places = max(places, decimal_places(rule.value))
        if rules.counting != PER_SESSION:
            step = 1 if rules.rounding is not None and rules.rounding.value == FLOOR_HALF else 0
            uplift = rules.international_uplift
            places = max(places, step + (decimal_places(uplift.value) if uplift is not None else 0))
    return places


class Units:
    """Integer JP units of 1/`scale` JP and their Decimal forms, cached."""

    __slots__ = ("scale", "places", "_decimals")

    def __init__(self, places: int):
        self.places = places
        self.scale = 10**places
        self._decimals: dict[int, Decimal] = {}

    def decimal(self, units: int) -> Decimal:
        value = self._decimals.get(units)
        if value is None:
            whole, frac = divmod(units, self.scale)
            if frac == 0:
                value = Decimal(whole)
            else:
                value = Decimal(f"{whole}.{frac:0{self.places}d}".rstrip("0"))
            self._decimals[units] = value
        return value


class CompiledActivity:
    """One activity's rules, compiled: unit values and reason caches."""

    __slots__ = (
        "activity",
        "idx",
        "per_session",
        "cap",
        "units_nas",
        "units_int",
        "dec_nas",
        "dec_int",
        "counted",
        "capped",
        "minutes_per_jp",
        "steps_per_jp",
        "step_units",
        "cap_units",
        "uplift",
        "uplift_num",
        "uplift_den",
        "day_cache",
        "units",
    )

    def __init__(self, rules, minutes_per_jp: int, units: Units):
        self.activity = str(rules.activity)
        self.idx = ACTIVITY_INDEX[self.activity]
        self.per_session = rules.counting == PER_SESSION
        self.cap = rules.monthly_cap.value
        self.units = units
        self.counted: dict[int, tuple[Reason, ...]] = {}
        self.capped: dict[int, tuple[Reason, ...]] = {}
        self.day_cache: dict[tuple[int, int, bool], tuple] = {}
        if self.per_session:
            self.units_nas = int(rules.jp_nasional.value * units.scale)
            self.units_int = int(rules.jp_internasional.value * units.scale)
            self.dec_nas = units.decimal(self.units_nas)
            self.dec_int = units.decimal(self.units_int)
            return
        self.minutes_per_jp = minutes_per_jp
        half = rules.rounding.value == FLOOR_HALF
        self.steps_per_jp = 2 if half else 1
        self.step_units = units.scale // self.steps_per_jp
        daily = rules.daily_cap_jp.value if rules.daily_cap_jp is not None else None
        self.cap_units = None if daily is None else daily * units.scale
        self.uplift = rules.international_uplift.value
        uplift_places = decimal_places(self.uplift)
        self.uplift_den = 10**uplift_places
        self.uplift_num = int(self.uplift * self.uplift_den)

    def counted_reasons(self, n: int) -> tuple[Reason, ...]:
        reasons = self.counted[n] = (Reason.of(COUNTED, activity=self.activity, n=n, cap=self.cap),)
        return reasons

    def capped_reasons(self, n: int) -> tuple[Reason, ...]:
        reasons = self.capped[n] = (
            Reason.of(MONTHLY_CAP_REACHED, activity=self.activity, n=n, cap=self.cap),
        )
        return reasons

    def _base(self, minutes: int) -> tuple[int, int]:
        """(uncapped, capped) base units for a day's minutes."""
        raw = (minutes * self.steps_per_jp // self.minutes_per_jp) * self.step_units
        capped = raw if self.cap_units is None or raw <= self.cap_units else self.cap_units
        return raw, capped

    def judge_minutes(self, before: int, minutes: int, intl: bool) -> tuple:
        """(units, Decimal, counted, reasons) for a self-study row; cached per inputs."""
        after = before + minutes
        raw_before, cap_before = self._base(before)
        raw_after, cap_after = self._base(after)
        gain, raw_gain = cap_after - cap_before, raw_after - raw_before
        dec = self.units.decimal
        day_cap = self.cap_units // self.units.scale if self.cap_units is not None else None
        if gain > 0:
            reasons = [
                Reason.of(
                    SELF_STUDY_CREDITED,
                    minutes=minutes,
                    day_minutes=after,
                    day_jp=str(dec(cap_after)),
                    jp=str(dec(gain)),
                )
            ]
            if gain < raw_gain:
                reasons.append(
                    Reason.of(SELF_STUDY_DAILY_CAP, cap=day_cap, day_minutes=after, minutes=minutes)
                )
            units = gain
            if intl:
                units = gain * self.uplift_num // self.uplift_den
                reasons.append(
                    Reason.of(
                        INTERNATIONAL_UPLIFT,
                        factor=str(self.uplift),
                        base_jp=str(dec(gain)),
                        jp=str(dec(units)),
                    )
                )
            result = (units, dec(units), True, tuple(reasons))
        elif raw_gain > 0:
            reason = Reason.of(
                SELF_STUDY_DAILY_CAP, cap=day_cap, day_minutes=after, minutes=minutes
            )
            result = (0, dec(0), False, (reason,))
        else:
            reason = Reason.of(
                SELF_STUDY_BELOW_UNIT,
                minutes=minutes,
                day_minutes=after,
                minutes_per_jp=self.minutes_per_jp,
            )
            result = (0, dec(0), True, (reason,))
        if len(self.day_cache) > 200_000:  # odd inputs must not grow memory without bound
            self.day_cache.clear()
        self.day_cache[(before, minutes, intl)] = result
        return result


class CompiledProfile:
    __slots__ = ("profile", "acts", "target")

    def __init__(self, profile: Profile, units: Units):
        self.profile = profile
        self.acts = {
            str(r.activity): CompiledActivity(r, profile.minutes_per_jp.value, units)
            for r in profile.activities
        }
        self.target = profile.annual_target_jp.value


@lru_cache(maxsize=64)
def units_for(places: int) -> Units:
    return Units(places)


@lru_cache(maxsize=64)
def compile_profile(profile: Profile, places: int) -> CompiledProfile:
    return CompiledProfile(profile, units_for(places))


class Plan:
    """What one computation needs: a compiled profile per month, shared units."""

    def __init__(self, profile: Profile | ProfileSchedule, extra_places: int = 0):
        if isinstance(profile, ProfileSchedule):
            self.schedule = profile
            places = max(profile_places(p) for _, p in profile.versions)
        else:
            self.schedule = None
            places = profile_places(profile)
        # Locked JP from an older version may carry more decimals than today's rules.
        places = max(places, extra_places)
        self.units = units_for(places)
        self.places = places
        self.single = None if self.schedule else compile_profile(profile, places)
        self._months: dict[int, CompiledProfile] = {}

    def at_month(self, year: int, month: int) -> CompiledProfile:
        if self.single is not None:
            return self.single
        key = year * 12 + month
        compiled = self._months.get(key)
        if compiled is None:
            compiled = compile_profile(self.schedule.at(date(year, month, 1)), self.places)
            self._months[key] = compiled
        return compiled

    def target(self, year: int) -> Decimal:
        if self.single is not None:
            return self.single.target
        return self.at_month(year, 12).target
