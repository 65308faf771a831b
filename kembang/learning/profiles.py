"""The profile in force for a regency on a date (SPEC §10.3).

A regency uses its built-in profile until its first own version; each own version takes
effect on the first day of a month. The schedule is cached on the regency instance for
the rest of the request.
"""

from datetime import date

from kembang.policy.builtin import builtin_profile
from kembang.policy.profile_data import profile_from_dict
from kembang.policy.schedule import ProfileSchedule

_BEGINNING = date(1900, 1, 1)


def schedule_for(regency) -> ProfileSchedule:
    cached = getattr(regency, "_kembang_schedule", None)
    if cached is not None:
        return cached
    from kembang.regulation.models import ProfileVersion

    versions = [(_BEGINNING, builtin_profile(regency.profile_id))]
    for version in ProfileVersion.objects.filter(regency=regency).order_by("effective_from"):
        versions.append((version.effective_from, profile_from_dict(version.data)))
    schedule = ProfileSchedule.of(versions)
    regency._kembang_schedule = schedule
    return schedule


def profile_on(regency, day: date):
    return schedule_for(regency).at(day)
