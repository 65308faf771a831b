"""Profile versions over time (docs/profiles.md#profile-versions): a regency's own versions
take effect on the first day of a month, so no month mixes two versions, and a session is
credited under the version in force on its date."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from kembang.policy.profiles import Profile


@dataclass(frozen=True)
class ProfileSchedule:
    """Versions ordered by effective date; the first applies to every earlier date too.

    Build with `ProfileSchedule.of([(date(2025, 1, 1), p1), (date(2025, 7, 1), p2)])`;
    effective dates must be first days of months and distinct.
    """

    versions: tuple[tuple[date, Profile], ...]

    @classmethod
    def of(cls, versions) -> ProfileSchedule:
        """A schedule from ``(effective_from, profile)`` pairs in any order; `ValueError`
        when empty, when a date is not the 1st of a month, or when two dates repeat."""
        ordered = tuple(sorted(versions, key=lambda v: v[0]))
        if not ordered:
            raise ValueError("A profile schedule needs at least one version.")
        for effective_from, _ in ordered:
            if effective_from.day != 1:
                raise ValueError(f"{effective_from} is not the first day of a month.")
        starts = [v[0] for v in ordered]
        if len(set(starts)) != len(starts):
            raise ValueError("Two profile versions start on the same date.")
        return cls(ordered)

    def at(self, day: date) -> Profile:
        """The version in force on `day` (the latest with effective date ≤ day; the first
        version for any earlier day)."""
        starts = [v[0] for v in self.versions]
        index = bisect_right(starts, day) - 1
        return self.versions[max(index, 0)][1]
