"""Small builders for ledger tests."""

from datetime import date
from decimal import Decimal
from itertools import count

from kembang.policy.ledger import LedgerSession

_sequence = count(1)

C, M, B = "coaching", "mentoring", "belajar_mandiri"
NAS, INT = "nasional", "internasional"


def d(text: str) -> date:
    return date.fromisoformat(text)


def s(
    activity: str,
    day: str,
    scope: str = NAS,
    minutes: int | None = None,
    *,
    seq: int | None = None,
    status: str = "validated",
    key=None,
) -> LedgerSession:
    """A session; sequence numbers increase in creation order unless given."""
    sequence = next(_sequence) if seq is None else seq
    return LedgerSession(
        key=key if key is not None else sequence,
        activity=activity,
        date=d(day),
        scope=scope,
        minutes=minutes,
        status=status,
        sequence=sequence,
    )


def jp(value) -> Decimal:
    return Decimal(str(value))
