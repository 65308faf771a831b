"""Which rules apply: the profile in force for a regency on a date
(docs/profiles.md#profile-versions)."""

from __future__ import annotations

from datetime import date

from kembang.common.errors import DomainError
from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.profiles import Profile
from kembang.policy.schedule import ProfileSchedule
from kembang.regulation.models import ProfileVersion

# Before a regency's first own version, its built-in profile applies to every date.
_BEGINNING = date(1900, 1, 1)


def builtin_for(regency) -> Profile:
    """The built-in profile named by `regency.profile_id`; a `DomainError` if unknown."""
    profile = BUILTIN_PROFILES.get(regency.profile_id)
    if profile is None:
        raise DomainError(
            f"Unknown regulation profile {regency.profile_id!r} on regency {regency.pk}.",
            code="profile_unknown",
        )
    return profile


def profile_for(regency, on_date: date) -> Profile:
    """The profile in force for `regency` on `on_date`: its latest own version with
    `effective_from` ≤ the date, else the built-in named by `regency.profile_id`.
    One query."""
    version = (
        ProfileVersion.objects.filter(regency=regency, effective_from__lte=on_date)
        .order_by("-effective_from")
        .only("data")
        .first()
    )
    return version.profile() if version is not None else builtin_for(regency)


def profile_schedule_for(regency) -> ProfileSchedule:
    """Every version of `regency` as a `ProfileSchedule` for the ledger, the built-in
    profile first (in force before the first own version). One query."""
    versions = [(_BEGINNING, builtin_for(regency))]
    for version in ProfileVersion.objects.filter(regency=regency).order_by("effective_from"):
        versions.append((version.effective_from, version.profile()))
    return ProfileSchedule.of(versions)


def profile_versions(regency):
    """The regency's own versions, oldest first, with their authors."""
    return ProfileVersion.objects.filter(regency=regency).select_related("created_by")
