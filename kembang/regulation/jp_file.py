"""`kembang hitung_jp`: the ledger over an HR officer's spreadsheet (docs/hitung_jp.md).

Reads the table (`kembang.common.spreadsheet`), validates every row — rejecting, never
fixing — turns the valid rows into validated ledger sessions (sequence = row number),
runs the policy ledger per NIP, and returns the JSON contract other tools rely on:
``{"profile", "rows", "participants", "errors", "notes"}``. Messages are Indonesian.

Eligibility (docs/hitung_jp.md#who-may-take-part): a file shows a NIP's kind (PNS or PPPK,
`parse_nip`) but not talent-pool membership. A row whose kind the profile never admits — a
PPPK NIP under a profile for PNS only — is refused on ``nip``; that membership was not
checked is said once, in ``notes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kembang.common.nip import nip_error_message
from kembang.common.spreadsheet import (
    CellError,
    Table,
    nip_from_cell,
    parse_date_cell,
    text_from_cell,
    whole_number_from_cell,
)
from kembang.policy.activities import ActivityType, Scope
from kembang.policy.ledger import LedgerSession, ledger_for_participants
from kembang.policy.nip import KIND_PNS, KIND_PPPK, NipError, parse_nip
from kembang.policy.profiles import Profile, participant_eligible
from kembang.policy.text import normalize_key
from kembang.regulation.profile_table import label
from kembang.regulation.reasons import activity_label, render_reasons

REQUIRED_COLUMNS = ("nip", "jenis", "tanggal")
COLUMN_ORDER = ("nip", "nama", "jenis", "tanggal", "cakupan", "durasi_menit")

ACTIVITY_ALIASES = {
    "coaching": ActivityType.COACHING.value,
    "pembimbingan": ActivityType.COACHING.value,
    "mentoring": ActivityType.MENTORING.value,
    "pendampingan": ActivityType.MENTORING.value,
    "belajar mandiri": ActivityType.SELF_STUDY.value,
    "belajar_mandiri": ActivityType.SELF_STUDY.value,
}
SCOPE_VALUES = {Scope.NASIONAL.value, Scope.INTERNASIONAL.value}
# A self-study row is one day's learning: at most 24 hours, the bound the session form
# and `session_submit` apply to sessions recorded in the app.
MINUTES_MAX = 24 * 60


class FileUnusable(Exception):
    """The file cannot be used at all (exit status 2). `message` is Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ValidRow:
    row: int
    nip: str
    name: str
    activity: str
    date: date
    scope: str
    minutes: int | None


@dataclass
class FileResult:
    """What `hitung_jp` reports: the JSON contract plus what the CSV/XLSX writers need."""

    profile: Profile
    rows: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the file could not show
    names: dict[str, str] = field(default_factory=dict)  # NIP → first name given
    valid_rows: dict[int, ValidRow] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The contract: profile id, rows in file order, participants by NIP and year,
        errors by row, notes (always present, often empty)."""
        return {
            "profile": self.profile.id,
            "rows": self.rows,
            "participants": self.participants,
            "errors": self.errors,
            "notes": self.notes,
        }

    @property
    def exit_status(self) -> int:
        """0 when every row was valid, 1 when some rows were rejected (a PPPK NIP under a
        profile for PNS only among them). Notes never change it."""
        return 1 if self.errors else 0


def jp_text(value: Decimal) -> str:
    """A JP value as a decimal string without trailing zeros or exponent: "2", "2.4"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _error(errors: list, row: int, column: str, message: str) -> None:
    errors.append({"row": row, "column": column, "message": message})


def _eligibility_source(profile: Profile) -> dict[str, str]:
    """The message parameters naming who may take part and where the profile says so —
    the instrument and clause, as the app's own refusals name them."""
    return {
        "profile": profile.id,
        "rule": label(profile.eligibility.value),
        "source": f"{profile.name}, {profile.eligibility.clause}",
    }


def _kind_refused(profile: Profile, kind: str) -> bool:
    """True when no employee of `kind` may take part under `profile`, talent pool or not
    (`participant_eligible`, checked with membership granted: a file cannot show it)."""
    return not participant_eligible(profile, kind=kind, is_talent=True)


def _notes(profile: Profile) -> list[str]:
    """What `profile` asks that a file cannot show. Under a profile for PNS in the talent
    pool (Belitung Timur Pasal 1 angka 15, 18) membership is not in the file: every PNS row
    is computed as if the participant were in it."""
    notes = []
    if participant_eligible(profile, kind=KIND_PNS, is_talent=True) and not participant_eligible(
        profile, kind=KIND_PNS, is_talent=False
    ):
        notes.append(
            _(
                "Keanggotaan manajemen talenta (talent pool) tidak terlihat dari berkas dan "
                "tidak diperiksa: peserta menurut profil %(profile)s adalah %(rule)s "
                "(%(source)s); setiap baris PNS dihitung."
            )
            % _eligibility_source(profile)
        )
    return notes


def _check_columns(table: Table) -> None:
    missing = [name for name in REQUIRED_COLUMNS if not table.has(name)]
    if missing:
        found = ", ".join(h.original for h in table.headers) or _("(tidak ada)")
        raise FileUnusable(
            _("Kolom wajib tidak ada: %(missing)s. Kolom yang ditemukan: %(found)s.")
            % {"missing": ", ".join(missing), "found": found}
        )


def _activity(value: Any, profile: Profile, errors: list, row: int) -> str | None:
    key = normalize_key(text_from_cell(value))
    if not key:
        _error(errors, row, "jenis", _("Jenis kegiatan wajib diisi."))
        return None
    activity = ACTIVITY_ALIASES.get(key)
    if activity is None:
        _error(
            errors,
            row,
            "jenis",
            _(
                "Jenis kegiatan “%(value)s” tidak dikenal; gunakan coaching/pembimbingan, "
                "mentoring/pendampingan atau belajar mandiri."
            )
            % {"value": text_from_cell(value)},
        )
        return None
    if not profile.regulates(activity):
        _error(
            errors,
            row,
            "jenis",
            _("Profil %(profile)s tidak mengatur %(activity)s.")
            % {"profile": profile.id, "activity": activity_label(activity)},
        )
        return None
    return activity


def _minutes(values: dict, has_column: bool, errors: list, row: int) -> int | None:
    """The row's self-study minutes, a whole number from 1 to `MINUTES_MAX`, or None after
    appending the row's error. Huge values ("1E+300000") are refused on their exponent,
    never expanded (`whole_number_from_cell`)."""
    if not has_column:
        _error(
            errors,
            row,
            "durasi_menit",
            _("Kolom durasi_menit tidak ada; baris belajar mandiri memerlukan durasi dalam menit."),
        )
        return None
    try:
        return whole_number_from_cell(
            values.get("durasi_menit"), minimum=1, maximum=MINUTES_MAX
        )
    except CellError as err:
        messages = {
            "number_empty": _("Durasi (menit) wajib diisi untuk belajar mandiri."),
            "number_not_whole": _("Durasi harus bilangan bulat menit, bukan %(value)s."),
            "number_format": _("Durasi “%(value)s” bukan angka."),
            "number_too_small": _("Durasi harus lebih dari 0 menit."),
            # The same words as a session recorded in the app (`session_submit`).
            "number_too_large": _("Durasi satu hari tidak boleh lebih dari 1.440 menit."),
        }
        template = messages.get(err.code)
        message = template % {"value": err.params.get("value", "")} if template else err.message
        _error(errors, row, "durasi_menit", message)
        return None


def _validate_row(number: int, values: dict, table: Table, profile: Profile, errors: list):
    """A `ValidRow`, or None after appending this row's errors (it may have several)."""
    before = len(errors)
    nip = None
    try:
        parsed = parse_nip(nip_from_cell(values.get("nip")))
    except NipError as err:
        _error(errors, number, "nip", nip_error_message(err))
    else:
        nip = parsed.digits
        if parsed.kind == KIND_PPPK and _kind_refused(profile, KIND_PPPK):
            _error(
                errors,
                number,
                "nip",
                _("NIP PPPK ditolak: peserta menurut profil %(profile)s adalah %(rule)s "
                  "(%(source)s).")
                % _eligibility_source(profile),
            )

    activity = _activity(values.get("jenis"), profile, errors, number)

    day = None
    try:
        day = parse_date_cell(values.get("tanggal"))
    except CellError as err:
        _error(errors, number, "tanggal", err.message)

    scope = normalize_key(text_from_cell(values.get("cakupan"))) or Scope.NASIONAL.value
    if scope not in SCOPE_VALUES:
        _error(
            errors,
            number,
            "cakupan",
            _("Cakupan “%(value)s” tidak dikenal; gunakan nasional atau internasional.")
            % {"value": text_from_cell(values.get("cakupan"))},
        )

    minutes = None
    if activity == ActivityType.SELF_STUDY.value:
        # durasi_menit is ignored on coaching and mentoring rows, whatever it holds.
        minutes = _minutes(values, table.has("durasi_menit"), errors, number)

    if len(errors) > before:
        return None
    return ValidRow(
        row=number,
        nip=nip,
        name=text_from_cell(values.get("nama")),
        activity=activity,
        date=day,
        scope=scope,
        minutes=minutes,
    )


def compute_file(table: Table, profile: Profile) -> FileResult:
    """Validate and compute a table under `profile`; see the module docstring.

    Raises `FileUnusable` when a required column (nip, jenis, tanggal) is missing. Every
    valid data row is a validated session; duplicates are separate sessions; ties within
    a day or month go to the earlier row. A PPPK NIP under a profile that admits PNS only
    is a row error on ``nip`` (docs/hitung_jp.md#who-may-take-part).
    """
    _check_columns(table)
    result = FileResult(profile=profile, notes=_notes(profile))
    by_nip: dict[str, list[LedgerSession]] = {}
    for number, values in table.rows:
        valid = _validate_row(number, values, table, profile, result.errors)
        if valid is None:
            continue
        result.valid_rows[number] = valid
        if valid.name:
            result.names.setdefault(valid.nip, valid.name)
        by_nip.setdefault(valid.nip, []).append(
            LedgerSession(
                key=number,
                activity=valid.activity,
                date=valid.date,
                scope=valid.scope,
                minutes=valid.minutes,
                sequence=number,
            )
        )

    ledgers = ledger_for_participants(profile, by_nip)
    judged = {row.key: row for ledger in ledgers.values() for row in ledger.rows}
    for number, valid in result.valid_rows.items():
        row = judged[number]
        result.rows.append(
            {
                "row": number,
                "nip": valid.nip,
                "activity": valid.activity,
                "date": valid.date.isoformat(),
                "scope": valid.scope,
                "jp": jp_text(row.jp),
                "counted": row.counted,
                "reason_codes": list(row.reason_codes),
                "reason": render_reasons(row.reasons),
            }
        )
    for nip in sorted(ledgers):
        for year, total in sorted(ledgers[nip].years.items()):
            result.participants.append(
                {
                    "nip": nip,
                    "year": year,
                    "jp": jp_text(total.jp),
                    "by_activity": {a: jp_text(v) for a, v in total.by_activity.items()},
                    "meets_target": total.meets_target,
                }
            )
    order = {name: i for i, name in enumerate(COLUMN_ORDER)}
    result.errors.sort(key=lambda e: (e["row"], order.get(e["column"], len(order))))
    return result
