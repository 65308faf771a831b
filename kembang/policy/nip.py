"""NIP (Nomor Induk Pegawai): normalisation and structural validation.

One rule set for every door a NIP comes through — forms, the employee import, the
`hitung_jp` CLI (docs/nip.md):

* PNS, 18 digits: birth date YYYYMMDD (1–8), TMT CPNS YYYYMM (9–14, month 01–12),
  sex 1|2 (15), serial 001–999 (16–18).
* PPPK, 18 digits: birth date YYYYMMDD (1–8), appointment year YYYY (9–12), the marker
  ``2`` (13), a batch digit 1–9 (14), sex 1|2 (15), serial 001–999 (16–18).

A PNS TMT month starts with 0 or 1, so a ``2`` in position 13 (digits 13–14 > 12) can only
be PPPK; that is the discriminator. There are deliberately no age or today's-date checks:
the core never reads the clock, and old records must stay valid.

Errors are `NipError(code, params)` with stable codes; `kembang.common.nip` renders them
in Indonesian.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

NIP_LENGTH = 18

KIND_PNS = "pns"
KIND_PPPK = "pppk"

# Error codes (stable: forms, imports and API clients match on them).
NIP_EMPTY = "nip_empty"
NIP_NOT_DIGITS = "nip_not_digits"  # params: char, position (1-based, in the normalised text)
NIP_LENGTH_ERROR = "nip_length"  # params: length
NIP_BIRTH_DATE = "nip_birth_date"  # params: value (digits 1–8)
NIP_TMT_MONTH = "nip_tmt_month"  # params: value (digits 13–14)
NIP_SEX = "nip_sex"  # params: value (digit 15)
NIP_SERIAL = "nip_serial"  # params: value (digits 16–18)
NIP_PPPK_BATCH = "nip_pppk_batch"  # params: value (digit 14)
NIP_FLOAT = "nip_float"  # params: value; raised by spreadsheet readers, not by parse_nip

ERROR_CODES = (
    NIP_EMPTY,
    NIP_NOT_DIGITS,
    NIP_LENGTH_ERROR,
    NIP_BIRTH_DATE,
    NIP_TMT_MONTH,
    NIP_SEX,
    NIP_SERIAL,
    NIP_PPPK_BATCH,
    NIP_FLOAT,
)


class NipError(ValueError):
    """A NIP failed normalisation or structural validation.

    `code` is one of `ERROR_CODES`; `params` holds the offending part, as plain strings
    and ints, for the message (e.g. ``{"length": 17}``).
    """

    def __init__(self, code: str, params: dict[str, Any] | None = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{code} {self.params}" if self.params else code)


# Look-alike letters that turn up in NIPs typed or pasted from PDFs and word processors.
# Kept small and explicit on purpose: anything else is reported, never guessed.
_LOOKALIKES = {
    "O": "0",  # Latin capital O
    "o": "0",  # Latin small o
    "\u041e": "0",  # Cyrillic capital O
    "\u043e": "0",  # Cyrillic small o
    "\u039f": "0",  # Greek capital Omicron
    "\u03bf": "0",  # Greek small omicron
    "l": "1",  # Latin small L
    "I": "1",  # Latin capital i
    "\u0406": "1",  # Cyrillic capital Byelorussian-Ukrainian I
    "\u0456": "1",  # Cyrillic small Byelorussian-Ukrainian i
    "\u04c0": "1",  # Cyrillic letter palochka
    "\u04cf": "1",  # Cyrillic small letter palochka
    "\u0417": "3",  # Cyrillic capital Ze
    "\u0437": "3",  # Cyrillic small ze
}

# Separators people print inside a NIP: spaces (any Unicode space, NBSP, thin space), dots
# and hyphen-like dashes. Format characters (zero-width space, BOM, soft hyphen) vanish too.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d")
_DOTS = frozenset(".\u00b7\u2024\uff0e")


def _is_separator(ch: str) -> bool:
    if ch in _DOTS or ch in _DASHES or ch.isspace():
        return True
    category = unicodedata.category(ch)
    return category == "Zs" or category == "Cf"


def _strip_label(text: str) -> str:
    """Drop a leading ``NIP`` label, as printed under signatures: ``NIP. 19680501 …``."""
    head = text.lstrip()
    if head[:3].upper() == "NIP":
        rest = head[3:].lstrip(" .:\u00a0\t")
        if rest != head[3:] or rest[:1].isdigit():
            return rest
    return text


def normalize_nip(raw: str) -> str:
    """Return `raw` with separators removed and look-alike characters mapped to ASCII digits.

    Removes every Unicode space (incl. NBSP and thin spaces), dots, hyphen-like dashes and
    invisible format characters; maps any Unicode decimal digit (full-width, Arabic-Indic,
    …) to its ASCII digit; maps the look-alike letters O/o/О/о → 0, l/I/І/і/Ӏ → 1, З/з → 3;
    drops a leading ``NIP``/``NIP.``/``NIP:`` label. Anything else is kept as it is, so
    `parse_nip` can report it. The result is not validated (docs/nip.md#validity).
    """
    if raw is None:
        return ""
    text = _strip_label(unicodedata.normalize("NFKC", str(raw)))
    out = []
    for ch in text:
        if "0" <= ch <= "9":
            out.append(ch)
        elif _is_separator(ch):
            continue
        elif ch in _LOOKALIKES:
            out.append(_LOOKALIKES[ch])
        else:
            digit = unicodedata.decimal(ch, None)
            out.append(str(digit) if digit is not None else ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Nip:
    """A structurally valid NIP and what its digits say.

    `digits` is the canonical 18-character ASCII form (what is stored). PNS have
    `tmt_year`/`tmt_month` (TMT CPNS); PPPK have `appointment_year`/`batch`.
    """

    digits: str
    kind: str  # KIND_PNS | KIND_PPPK
    birth_date: date
    sex: int  # 1 male, 2 female
    serial: int  # 1–999
    tmt_year: int | None = None
    tmt_month: int | None = None
    appointment_year: int | None = None
    batch: int | None = None

    @property
    def formatted(self) -> str:
        """The printed form with spaces, see `format_nip`."""
        return format_nip(self.digits)

    @property
    def service_start(self) -> date | None:
        """The earliest day the NIP shows the employee in service: the first of the TMT
        CPNS month (PNS) or 1 January of the appointment year (PPPK, whose NIP holds the
        year only). None when those digits are no calendar year (``0000``)."""
        year = self.tmt_year if self.kind == KIND_PNS else self.appointment_year
        if not year:
            return None
        return date(year, self.tmt_month or 1, 1)


def nip_kind(digits: str) -> str:
    """``"pppk"`` when digit 13 is the PPPK marker ``2`` (so digits 13–14 > 12), else ``"pns"``.

    Expects 18 ASCII digits (docs/nip.md#structure: the kind is read from digit 13).
    """
    return KIND_PPPK if digits[12] == "2" else KIND_PNS


def _first_bad_char(normalised: str) -> tuple[str, int]:
    """The first non-digit of the normalised text and its 1-based position in it."""
    for position, ch in enumerate(normalised, start=1):
        if not ("0" <= ch <= "9"):
            return ch, position
    return "", 0  # pragma: no cover - only called when a non-digit exists


def parse_nip(raw: str) -> Nip:
    """Normalise `raw` (see `normalize_nip`) and validate its structure; return a `Nip`.

    Checks, in this order, each raising `NipError`: empty (``nip_empty``); a character that
    is not a digit (``nip_not_digits``, params ``char``, ``position``); not 18 digits
    (``nip_length``, ``length``); digits 1–8 not a real calendar date (``nip_birth_date``,
    ``value``); then PPPK (digit 13 = ``2``): batch digit 14 not 1–9 (``nip_pppk_batch``);
    PNS: TMT month, digits 13–14, not 01–12 (``nip_tmt_month``); both: sex digit 15 not
    1|2 (``nip_sex``); serial 16–18 = 000 (``nip_serial``). No age or today's-date checks
    (docs/nip.md#validity).
    """
    digits = normalize_nip(raw)
    if not digits:
        raise NipError(NIP_EMPTY)
    if not digits.isascii() or not digits.isdigit():
        char, position = _first_bad_char(digits)
        raise NipError(NIP_NOT_DIGITS, {"char": char, "position": position})
    if len(digits) != NIP_LENGTH:
        raise NipError(NIP_LENGTH_ERROR, {"length": len(digits)})

    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(NIP_BIRTH_DATE, {"value": digits[0:8]}) from None

    kind = nip_kind(digits)
    if kind == KIND_PPPK:
        if digits[13] == "0":
            raise NipError(NIP_PPPK_BATCH, {"value": digits[13]})
    else:
        month = int(digits[12:14])
        if not 1 <= month <= 12:
            raise NipError(NIP_TMT_MONTH, {"value": digits[12:14]})

    if digits[14] not in "12":
        raise NipError(NIP_SEX, {"value": digits[14]})
    serial = int(digits[15:18])
    if serial == 0:
        raise NipError(NIP_SERIAL, {"value": digits[15:18]})

    if kind == KIND_PPPK:
        return Nip(
            digits=digits,
            kind=kind,
            birth_date=birth,
            sex=int(digits[14]),
            serial=serial,
            appointment_year=int(digits[8:12]),
            batch=int(digits[13]),
        )
    return Nip(
        digits=digits,
        kind=kind,
        birth_date=birth,
        sex=int(digits[14]),
        serial=serial,
        tmt_year=int(digits[8:12]),
        tmt_month=int(digits[12:14]),
    )


def service_start(raw: str) -> date | None:
    """`Nip.service_start` of `raw`, or None when `raw` is not a valid NIP (an old stored
    value must not block anything). A learning session dated before it predates the
    employee's appointment (docs/nip.md#appointment-date: the NIP's own digits, no clock)."""
    try:
        return parse_nip(raw).service_start
    except NipError:
        return None


def is_valid_nip(raw: str) -> bool:
    """True when `parse_nip(raw)` succeeds."""
    try:
        parse_nip(raw)
    except NipError:
        return False
    return True


def format_nip(digits: str) -> str:
    """The printed form of an 18-digit NIP: ``19680501 199202 1 001``.

    PNS and PPPK are printed alike, 8-6-1-3 (birth date, TMT CPNS or appointment year with
    the ``2`` marker and batch, sex, serial), because that is how both appear on decrees,
    ID cards and signature blocks, so an officer can compare them at a glance; e.g. PPPK
    ``20001231 202421 1 001``. Input that is not 18 ASCII digits is returned unchanged,
    so a bad stored value still displays as it is.
    """
    if len(digits) != NIP_LENGTH or not digits.isascii() or not digits.isdigit():
        return digits
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"
