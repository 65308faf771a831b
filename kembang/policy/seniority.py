"""Who is senior to whom, for "mentor: the direct supervisor or a senior employee".

docs/jp-rules.md#seniority: a position of a higher competency level is senior (level 1 pelaksana and
pemula … 3 administrator, penyelia, muda; 4–5 above); at the same level a higher rank
within the same scheme (PNS I/a–IV/e, PPPK I–XVII) is senior; across schemes at the same
level neither is senior.
"""

from kembang.policy.positions import COMPETENCY_LEVEL
from kembang.policy.ranks import PNS_RANKS, PPPK_RANKS


def _rank_order(scheme: str, rank: str) -> int | None:
    table = PNS_RANKS if scheme == "pns" else PPPK_RANKS
    found = table.get(rank)
    return found.order if found else None


def is_senior(
    *,
    mentor_kind: str,
    mentor_position_kind: str | None,
    mentor_rank: str,
    mentee_kind: str,
    mentee_position_kind: str | None,
    mentee_rank: str,
) -> bool:
    """True when the would-be mentor is senior to the mentee.

    `*_kind` is the employment scheme ("pns"/"pppk"), `*_position_kind` a position kind
    from `kembang.policy.positions` (None when unknown: then nobody is provably senior),
    `*_rank` a rank code ("III/a", "IX").
    """
    if mentor_position_kind is None or mentee_position_kind is None:
        return False
    mentor_level = COMPETENCY_LEVEL[mentor_position_kind]
    mentee_level = COMPETENCY_LEVEL[mentee_position_kind]
    if mentor_level != mentee_level:
        return mentor_level > mentee_level
    if mentor_kind != mentee_kind:
        return False
    mentor_order = _rank_order(mentor_kind, mentor_rank)
    mentee_order = _rank_order(mentee_kind, mentee_rank)
    if mentor_order is None or mentee_order is None:
        return False
    return mentor_order > mentee_order
