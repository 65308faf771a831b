"""The vocabulary of the ledger: activity types, scopes and session statuses.

Values are stable strings (stored in the database, written to JSON and CSV); the app's
`TextChoices` reuse them with Indonesian labels.
"""

from __future__ import annotations

from enum import StrEnum


class ActivityType(StrEnum):
    """The three non-classical activities (docs/glossary.md#terms): Coaching =
    Pembimbingan, Mentoring = Pendampingan, Belajar Mandiri = self-study."""

    COACHING = "coaching"
    MENTORING = "mentoring"
    SELF_STUDY = "belajar_mandiri"


class Scope(StrEnum):
    """Where a session stands (docs/jp-rules.md#international-scope): held abroad or with a
    foreign coach, mentor or learning source is *internasional*; everything else
    *nasional*."""

    NASIONAL = "nasional"
    INTERNASIONAL = "internasional"


class SessionStatus(StrEnum):
    """A session's life cycle (docs/life-cycle.md#sessions)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWAITING_ACK = "awaiting_ack"
    CONFIRMED = "confirmed"
    VALIDATED = "validated"
    RETURNED = "returned"
    CANCELLED = "cancelled"


# Plain strings (not enum members), so they serialise and hash like stored values.
ACTIVITY_TYPES: tuple[str, ...] = tuple(a.value for a in ActivityType)
SCOPES: tuple[str, ...] = tuple(s.value for s in Scope)

# docs/jp-rules.md#official-and-provisional-jp: only validated sessions earn official JP;
# submitted, awaiting-acknowledgement and confirmed sessions are pending and earn
# provisional JP; the rest earn nothing.
OFFICIAL_STATUSES = frozenset({SessionStatus.VALIDATED})
PENDING_STATUSES = frozenset(
    {SessionStatus.SUBMITTED, SessionStatus.AWAITING_ACK, SessionStatus.CONFIRMED}
)
PROVISIONAL_STATUSES = OFFICIAL_STATUSES | PENDING_STATUSES
