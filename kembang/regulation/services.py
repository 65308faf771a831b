"""Use cases of regulation profiles. Each one validates through the policy core and audits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common.errors import DomainError
from kembang.organisation.access import scope_for
from kembang.organisation.models import Role
from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.profile_data import (
    ProfileDataError,
    apply_profile_changes,
    profile_diff,
    profile_from_dict,
    profile_to_dict,
    validate_profile,
    values_changed_without_clause,
)
from kembang.regulation.models import ProfileVersion
from kembang.regulation.problems import render_profile_data_error, render_profile_problem
from kembang.regulation.profile_table import rule_path_label


def _require_bkpsdm(actor, regency) -> None:
    """Only BKPSDM (or a superuser) changes a regency's rules (docs/glossary.md#roles)."""
    if getattr(actor, "is_superuser", False):
        return
    scope = scope_for(actor)
    if scope.regency_id != regency.pk or Role.HR_ADMIN not in scope.roles:
        raise DomainError(
            _("Hanya admin BKPSDM yang dapat mengubah profil regulasi."), code="forbidden"
        )


@transaction.atomic
def profile_version_create(
    *,
    actor,
    regency,
    base_profile_id: str,
    data_changes: dict[str, Any],
    effective_from: date,
    reason: str,
) -> ProfileVersion:
    """A regency's own profile: a copy of the built-in `base_profile_id` with
    `data_changes` applied (`kembang.policy.profile_data.apply_profile_changes`), in force
    from `effective_from`, which must be the first day of a month
    (docs/profiles.md#profile-versions); one version per regency and month.

    Refused with a `DomainError` (Indonesian message) when the actor is not BKPSDM of the
    regency, the base is unknown, the date is not a first of month or already taken, the
    data is malformed or fails `validate_profile` (e.g. negative JP, an activity without a
    value), a changed value still cites the old clause, or no reason is given. Writes the
    version and an audit event (``profile_version.create``) with every changed rule,
    old → new. Sessions of locked months keep their JP
    (docs/locked-months.md#sessions-judged-after-the-lock).
    """
    _require_bkpsdm(actor, regency)
    base = BUILTIN_PROFILES.get(base_profile_id)
    if base is None:
        raise DomainError(
            _("Profil dasar tidak dikenal: %(id)s.") % {"id": base_profile_id},
            code="profile_unknown",
            field="base_profile_id",
        )
    if effective_from.day != 1:
        raise DomainError(
            _("Versi profil berlaku mulai tanggal 1 suatu bulan."),
            code="profile_effective_from",
            field="effective_from",
        )
    if not (reason or "").strip():
        raise DomainError(
            _("Tuliskan alasan perubahan (misalnya nomor peraturan yang baru)."),
            code="reason_required",
            field="reason",
        )
    if ProfileVersion.objects.filter(regency=regency, effective_from=effective_from).exists():
        raise DomainError(
            _("Sudah ada versi profil yang berlaku mulai %(date)s.")
            % {"date": effective_from.strftime("%m/%Y")},
            code="profile_version_exists",
            field="effective_from",
        )

    base_data = profile_to_dict(base)
    changes = dict(data_changes or {})
    changes.setdefault("id", f"{regency.slug}-{effective_from:%Y-%m}")
    data = apply_profile_changes(base_data, changes)
    try:
        profile = profile_from_dict(data)
    except ProfileDataError as err:
        raise DomainError(render_profile_data_error(err), code="profile_data_invalid") from None
    problems = validate_profile(profile)
    if problems:
        raise DomainError(
            " ".join(render_profile_problem(p) for p in problems), code="profile_invalid"
        )
    stale = values_changed_without_clause(base_data, data)
    if stale:
        raise DomainError(
            _("Nilai yang diubah harus menyebut dasar hukumnya yang baru: %(fields)s.")
            % {"fields": "; ".join(rule_path_label(path) for path in stale)},
            code="profile_clause_missing",
        )

    data = profile_to_dict(profile)  # canonical form: what the ledger will read back
    try:
        with transaction.atomic():
            version = ProfileVersion.objects.create(
                regency=regency,
                base_profile_id=base_profile_id,
                name=profile.name,
                data=data,
                effective_from=effective_from,
                reason=reason.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise DomainError(
            _("Sudah ada versi profil yang berlaku mulai %(date)s.")
            % {"date": effective_from.strftime("%m/%Y")},
            code="profile_version_exists",
            field="effective_from",
        ) from None
    audit_record(
        actor=actor,
        regency=regency,
        action="profile_version.create",
        obj=version,
        changes={
            "base_profile_id": base_profile_id,
            "effective_from": effective_from.isoformat(),
            "rules": profile_diff(base_data, data),
        },
        reason=reason.strip(),
    )
    # A cached schedule on this regency instance would no longer be true.
    for attr in ("_kembang_schedule",):
        if hasattr(regency, attr):
            delattr(regency, attr)
    return version
