"""The columns of an employee file and reading one row into the fields Kembang stores.

The file is SIASN's employee export ("data utama") as it comes, or the same shape typed by
hand (reference/siasn-formats.md §1), plus the optional columns an officer adds:
NIP ATASAN, BERTALENTA and STATUS (what our own export writes). Headers are matched case-
insensitively after trimming, and a few names SIMPEG exports use are accepted as aliases.
Every other column — NIK, NPWP, BPJS, address, religion, education… — is never read.

`parse_row` is a pure function of one row: it knows nothing of the database, so it
decides only what the row itself says (a valid NIP, a known rank, a readable flag).
What depends on stored data (is the NIP registered elsewhere, does the unit exist, is the
supervisor known) is decided by `planning`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kembang.common.nip import nip_error_message
from kembang.common.spreadsheet import Table, nip_from_cell, text_from_cell
from kembang.policy.nip import NipError, parse_nip
from kembang.policy.ranks import PNS, PPPK, parse_rank
from kembang.policy.text import normalize_key, normalize_text

# The SIASN employee export, in its order (reference/siasn-formats.md §1).
SIASN_COLUMNS = [
    "NAMA", "NIP", "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR", "TANGGAL LAHIR",
    "JENIS KELAMIN", "AGAMA", "JENIS KAWIN", "NIK", "NOMOR HP", "EMAIL", "ALAMAT", "NPWP",
    "BPJS", "JENIS PEGAWAI", "KEDUDUKAN HUKUM", "STATUS CPNS PNS", "KARTU ASN VIRTUAL",
    "TMT CPNS", "TMT PNS", "GOL AWAL", "GOL AKHIR", "TMT GOLONGAN", "MK TAHUN", "MK BULAN",
    "JENIS JABATAN", "NAMA JABATAN", "TMT JABATAN", "TINGKAT PENDIDIKAN", "NAMA PENDIDIKAN",
    "NAMA UNOR", "UNOR INDUK",
]  # fmt: skip
EXTRA_COLUMNS = ["NIP ATASAN", "BERTALENTA"]
TEMPLATE_COLUMNS = SIASN_COLUMNS + EXTRA_COLUMNS

# What our export writes: the SIASN columns Kembang stores, in SIASN's order, then ours.
EXPORT_COLUMNS = [
    "NAMA", "NIP", "GELAR DEPAN", "GELAR BELAKANG", "NOMOR HP", "EMAIL", "JENIS PEGAWAI",
    "GOL AKHIR", "JENIS JABATAN", "NAMA JABATAN", "NAMA UNOR", "UNOR INDUK", "NIP ATASAN",
    "BERTALENTA", "STATUS AKTIF",
]  # fmt: skip

# field → the headers that mean it (normalised: lower case, single spaces). The first is
# the SIASN name, used in messages when the file does not have the column.
FIELD_HEADERS = {
    "nip": ["nip", "nip baru", "nip pegawai"],
    "name": ["nama", "nama pegawai", "nama lengkap"],
    "title_prefix": ["gelar depan"],
    "title_suffix": ["gelar belakang"],
    "phone": ["nomor hp", "no hp", "no. hp", "nomor telepon", "no telp", "hp"],
    "email": ["email", "e-mail", "alamat email"],
    "kind": ["jenis pegawai", "status kepegawaian"],
    "rank": ["gol akhir", "golongan", "gol/ruang", "golongan/ruang", "pangkat/golongan"],
    "position": ["nama jabatan", "jabatan"],
    "unit_name": ["nama unor", "unit kerja", "unor"],
    "unit_induk": ["unor induk", "perangkat daerah", "opd", "skpd"],
    "supervisor_nip": ["nip atasan", "nip atasan langsung"],
    "is_talent": ["bertalenta", "pns bertalenta"],
    # Ours, not SIASN's (whose "STATUS CPNS PNS" and "KEDUDUKAN HUKUM" mean other things).
    "is_active": ["status aktif", "aktif"],
}
REQUIRED_FIELDS = ("nip", "name")

MAX_LENGTH = {"name": 160, "title_prefix": 40, "title_suffix": 80, "position": 255,
              "unit_name": 255, "unit_induk": 255, "email": 254, "phone": 30}

_YES = {"ya", "y", "1", "true", "benar", "bertalenta", "x", "v", "✓", "iya"}
_NO = {"tidak", "t", "0", "false", "salah", "bukan", "n", "no", "-", "tdk"}
_EMPTY_MARKS = {"-", "--", "—", "n/a", "tidak ada", "null"}


@dataclass
class Columns:
    """Which header of this file holds which field, and how to name it in a message."""

    header_of: dict[str, str]  # field → normalised header present in the file
    label_of: dict[str, str]  # field → the header as written in the file (or SIASN's)
    order: list[str] = field(default_factory=list)  # fields present, in the file's order

    def has(self, name: str) -> bool:
        return name in self.header_of

    def label(self, name: str) -> str:
        return self.label_of[name]


def columns_of(table: Table) -> Columns:
    """Match the file's headers to Kembang's fields (first alias present wins)."""
    originals = {h.name: h.original for h in table.headers}
    header_of, label_of = {}, {}
    for name, aliases in FIELD_HEADERS.items():
        label_of[name] = aliases[0].upper()
        for alias in aliases:
            if alias in originals:
                header_of[name] = alias
                label_of[name] = originals[alias]
                break
    position = {h.name: h.column for h in table.headers}
    order = sorted(header_of, key=lambda name: position[header_of[name]])
    return Columns(header_of, label_of, order)


def missing_required(header_names) -> list[str]:
    """The required columns (NIP, NAMA) that none of `header_names` (normalised) provide."""
    present = set(header_names)
    return [FIELD_HEADERS[f][0].upper() for f in REQUIRED_FIELDS
            if not present.intersection(FIELD_HEADERS[f])]


@dataclass
class ParsedRow:
    """One row read and checked on its own. ``None`` means "the file does not say"
    (column absent, or an optional cell left empty): the stored value is kept."""

    row_number: int
    nip: str = ""
    nip_text: str = ""  # what the NIP cell showed, for display when it is invalid
    name: str = ""
    title_prefix: str | None = None
    title_suffix: str | None = None
    kind: str = ""
    sex: str = ""
    rank: str | None = None
    unit_induk: str = ""
    unit_name: str = ""
    position: str | None = None
    supervisor_nip: str | None = None
    is_talent: bool | None = None
    email: str | None = None
    phone: str | None = None
    is_active: bool = True
    # The cells Kembang reads, as the file showed them: ``[[header, text], …]`` in the
    # file's order. Kept only for a rejected row, for the file of rows to fix.
    cells: list[list[str]] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return any(m["level"] == "error" for m in self.messages)

    def error(self, column: str, message: str) -> None:
        self.messages.append({"column": column, "message": message, "level": "error"})

    def warn(self, column: str, message: str) -> None:
        self.messages.append({"column": column, "message": message, "level": "warning"})

    def data(self) -> dict[str, Any]:
        """The stored fields as JSON (no messages): what the apply reads back. The raw
        cells only for a rejected row (the apply never reads them back)."""
        data = {name: getattr(self, name) for name in _DATA_FIELDS}
        if not self.rejected:
            del data["cells"]
        return data

    @classmethod
    def from_data(cls, row_number: int, data: dict[str, Any]) -> ParsedRow:
        return cls(row_number=row_number, **{k: data[k] for k in _DATA_FIELDS if k in data})


_DATA_FIELDS = [f for f in ParsedRow.__dataclass_fields__ if f not in {"row_number", "messages"}]


def _text(value: Any) -> str:
    text = text_from_cell(value)
    return "" if text.lower() in _EMPTY_MARKS else text


def _flag(value: Any) -> bool | None | str:
    """True/False from "Ya"/"Tidak" and friends; None when empty; the text if unknown."""
    if isinstance(value, bool):
        return value
    text = normalize_key(text_from_cell(value))
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    return text


# Longer than any field may be (MAX_LENGTH), so a cell cut here is rejected for its length
# all the same; the cut keeps an oversized cell out of storage.
SHOWN_LENGTH = 256


def _shown(name: str, value: Any) -> str:
    """A cell as text for the file of rejected rows. A NIP held as a fractional number
    keeps its exponent form ("1.98501012010011e+17"): written out as 18 digits it would
    look like a NIP that was never typed."""
    if value is None:
        return ""
    if isinstance(value, float) and name in {"nip", "supervisor_nip"}:
        return str(value)
    return text_from_cell(value)[:SHOWN_LENGTH]


def parse_row(row_number: int, raw: dict[str, Any], columns: Columns) -> ParsedRow:
    """Read one row into a `ParsedRow`, with an Indonesian message per problem naming the
    column. Personal columns are never looked at."""
    row = ParsedRow(row_number=row_number)

    def cell(name: str) -> Any:
        return raw.get(columns.header_of[name]) if columns.has(name) else None

    row.cells = [[columns.label(name), _shown(name, cell(name))] for name in columns.order]

    # NIP: text, or a whole-number cell read as digits; a float or exponent is rejected.
    nip_cell = cell("nip")
    row.nip_text = normalize_text(str(nip_cell))[:40] if nip_cell is not None else ""
    nip = None
    try:
        nip = parse_nip(nip_from_cell(None if nip_cell == "" else nip_cell))
    except NipError as err:
        row.error(columns.label("nip"), nip_error_message(err))
    if nip is not None:
        row.nip, row.nip_text, row.sex = nip.digits, nip.digits, str(nip.sex)
        row.kind = nip.kind

    row.name = _text(cell("name"))
    if not row.name:
        row.error(columns.label("name"), _("Nama wajib diisi."))

    for name in ("title_prefix", "title_suffix"):
        if columns.has(name):
            setattr(row, name, _text(cell(name)))

    if columns.has("kind"):
        written = normalize_key(_text(cell("kind")))
        kind = None
        if written.startswith(("pns", "cpns")):
            kind = PNS  # also "PNS Daerah", "CPNS"
        elif written.startswith(("pppk", "p3k")):
            kind = PPPK  # also "PPPK Paruh Waktu"
        elif written:
            row.error(columns.label("kind"), _("Jenis pegawai “%(value)s” tidak dikenal; isi "
                                               "PNS atau PPPK.") % {"value": _text(cell("kind"))})
        if kind and nip is not None and kind != nip.kind:
            row.error(columns.label("kind"), _("NIP ini berformat %(nip_kind)s, bukan "
                                               "%(kind)s.") % {"nip_kind": nip.kind.upper(),
                                                               "kind": kind.upper()})

    raw_rank = _text(cell("rank"))
    if raw_rank and nip is not None:
        rank = parse_rank(raw_rank, nip.kind)
        if rank is None:
            example = "III/a" if nip.kind == PNS else "IX"
            row.error(columns.label("rank"), _("Golongan “%(value)s” tidak dikenal untuk "
                                               "%(kind)s (contoh: %(example)s).")
                      % {"value": raw_rank, "kind": nip.kind.upper(), "example": example})
        else:
            row.rank = rank.code

    row.unit_induk = _text(cell("unit_induk"))
    row.unit_name = _text(cell("unit_name"))
    position = _text(cell("position"))
    row.position = position or None

    if columns.has("supervisor_nip"):
        sup_cell = cell("supervisor_nip")
        if not (sup_cell is None or (isinstance(sup_cell, str) and not _text(sup_cell))):
            try:
                row.supervisor_nip = parse_nip(nip_from_cell(sup_cell)).digits
            except NipError as err:
                row.error(columns.label("supervisor_nip"), nip_error_message(err))

    if columns.has("is_talent"):
        flag = _flag(cell("is_talent"))
        if isinstance(flag, str):
            row.error(columns.label("is_talent"),
                      _("Isi “Ya” atau “Tidak”, bukan “%(value)s”.") % {"value": flag})
        else:
            row.is_talent = flag

    if columns.has("is_active"):
        status = normalize_key(_text(cell("is_active")))
        if status in {"nonaktif", "non aktif", "non-aktif", "tidak aktif"}:
            row.is_active = False
        elif status and status != "aktif":
            row.error(columns.label("is_active"), _("Isi “Aktif” atau “Nonaktif”, bukan "
                                                    "“%(value)s”.") % {"value": status})

    # Contact details: a bad value is left out with a warning, the row still goes in.
    email = _text(cell("email"))
    if email:
        try:
            validate_email(email)
            row.email = email
        except ValidationError:
            row.warn(columns.label("email"), _("Alamat email “%(value)s” tidak valid; "
                                               "diabaikan.") % {"value": email[:80]})
    phone = _text(cell("phone"))
    if phone:
        if len(phone) > MAX_LENGTH["phone"]:
            row.warn(columns.label("phone"), _("Nomor HP terlalu panjang; diabaikan."))
        else:
            row.phone = phone

    for name in ("name", "title_prefix", "title_suffix", "position", "unit_name",
                 "unit_induk"):
        value = getattr(row, name)
        if value and len(value) > MAX_LENGTH[name]:
            row.error(columns.label(name), _("Isinya terlalu panjang (%(length)s karakter; "
                                             "paling banyak %(max)s).")
                      % {"length": len(value), "max": MAX_LENGTH[name]})
    return row
