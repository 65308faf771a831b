"""The profile schedule of a regency, cached on the regency instance for one request, so
a page that judges many sessions loads the versions once
(docs/profiles.md#profile-versions)."""

from datetime import date

from kembang.policy.schedule import ProfileSchedule
from kembang.regulation.selectors import profile_schedule_for


def schedule_for(regency) -> ProfileSchedule:
    cached = getattr(regency, "_kembang_schedule", None)
    if cached is None:
        cached = regency._kembang_schedule = profile_schedule_for(regency)
    return cached


def profile_on(regency, day: date):
    return schedule_for(regency).at(day)
