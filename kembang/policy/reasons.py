"""Why a session earned what it earned: stable reason codes and their parameters.

The ledger speaks in codes (docs/jp-rules.md#reason-codes); `kembang.regulation.reasons`
renders them in Indonesian (English through gettext). A row may carry more than one
reason, e.g. a self-study row that was credited, trimmed by the daily cap and uplifted as
international.

Parameters are JSON-safe: ints and strings; JP values are decimal strings (``"2.4"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

# A coaching or mentoring session counted under the monthly cap.
# params: activity, n (its number among the month's sessions of that type), cap (int|None).
COUNTED = "counted"
# A coaching or mentoring session over the monthly cap: counted=false, 0 JP.
# params: activity, n, cap.
MONTHLY_CAP_REACHED = "monthly_cap_reached"
# A self-study row that added JP to its day's total.
# params: minutes (this row), day_minutes (the day's minutes up to and including this row),
#         day_jp (the day's base JP after this row, capped), jp (this row's base JP).
SELF_STUDY_CREDITED = "self_study_credited"
# The daily cap cut this row's JP (partly: still counted; wholly: counted=false, 0 JP).
# params: cap (base JP a day), day_minutes, minutes.
SELF_STUDY_DAILY_CAP = "self_study_daily_cap"
# The row added less than one rounding step to its day: counted=true with 0 JP.
# params: minutes, day_minutes, minutes_per_jp.
SELF_STUDY_BELOW_UNIT = "self_study_below_unit"
# An international self-study row: its base JP times the uplift.
# params: factor (decimal string), base_jp, jp (decimal strings).
INTERNATIONAL_UPLIFT = "international_uplift"

REASON_CODES = (
    COUNTED,
    MONTHLY_CAP_REACHED,
    SELF_STUDY_CREDITED,
    SELF_STUDY_DAILY_CAP,
    SELF_STUDY_BELOW_UNIT,
    INTERNATIONAL_UPLIFT,
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: a code from `REASON_CODES` and read-only parameters.

    The ledger shares Reason objects between rows (they are immutable), so building a
    ledger of a regency-year does not allocate one per row.
    """

    code: str
    params: MappingProxyType

    @classmethod
    def of(cls, code: str, **params: Any) -> Reason:
        """``Reason.of("counted", activity="coaching", n=1, cap=2)``."""
        return cls(code, MappingProxyType(params))

    def to_dict(self) -> dict[str, Any]:
        """``{"code": ..., "params": {...}}``: the form stored on a session and sent to clients."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        """The inverse of `to_dict` (a reason stored on a session)."""
        return cls(str(data["code"]), MappingProxyType(dict(data.get("params") or {})))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self.code == other.code and dict(self.params) == dict(other.params)
