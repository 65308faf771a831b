"""Ranks (pangkat/golongan) of PNS and PPPK: national data, in seniority order.

PNS: golongan I–IV with ruang a–e (PP 11/2017). PPPK: golongan I–XVII without ruang. The
two schemes are not comparable to each other (docs/nip.md#ranks-and-grades,
docs/jp-rules.md#seniority).
"""

import re
from dataclasses import dataclass

PNS = "pns"
PPPK = "pppk"


@dataclass(frozen=True)
class Rank:
    code: str  # "III/a" or "IX"
    scheme: str  # PNS or PPPK
    order: int  # higher is more senior within the scheme
    pangkat: str  # empty for PPPK


_PNS_RANKS = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
_ROMAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip

PNS_RANKS = {code: Rank(code, PNS, i, name) for i, (code, name) in enumerate(_PNS_RANKS, 1)}
PPPK_RANKS = {code: Rank(code, PPPK, i, "") for i, code in enumerate(_ROMAN, 1)}

_PNS_SHAPE = re.compile(r"^(IV|III|II|I)\s*[/.\-]?\s*([A-Ea-e])$")
_PANGKAT_BY_NAME = {name.lower(): code for code, name in _PNS_RANKS}


def parse_rank(raw: str, scheme: str) -> Rank | None:
    """The rank written in `raw` for an employee of `scheme`, or None if unreadable.

    Accepts what SIASN/SIMPEG exports contain: `III/a`, `III/A`, `III.a`, `III a`, a pangkat
    name with or without the golongan (`Penata Muda, III/a`, `Penata Muda`); PPPK as a Roman
    numeral `IX` (optionally prefixed `Golongan`).
    """
    text = " ".join((raw or "").replace("\u00a0", " ").split()).strip()
    if not text:
        return None
    if scheme == PPPK:
        roman = re.sub(r"(?i)^gol(ongan)?\.?\s*", "", text).upper()
        return PPPK_RANKS.get(roman)
    for part in re.split(r"[,()]", text):
        part = part.strip()
        match = _PNS_SHAPE.match(part.upper() if len(part) <= 6 else part)
        if match:
            return PNS_RANKS[f"{match.group(1)}/{match.group(2).lower()}"]
        if part.lower() in _PANGKAT_BY_NAME:
            return PNS_RANKS[_PANGKAT_BY_NAME[part.lower()]]
    return None


def rank_label(code: str, scheme: str) -> str:
    """`Penata Muda, III/a` for PNS; `IX` for PPPK; the code itself if unknown."""
    rank = (PNS_RANKS if scheme == PNS else PPPK_RANKS).get(code)
    if rank is None:
        return code
    return f"{rank.pangkat}, {rank.code}" if rank.pangkat else rank.code
