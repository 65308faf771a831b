"""Writers for `hitung_jp` results: JSON (the contract), CSV and XLSX (for people).

CSV and XLSX carry the same rows, totals, rejected rows and notes as the JSON; their layout is
documented in docs/hitung_jp.md. NIPs are printed with spaces there
(``19680501 199202 1 001``) so a spreadsheet keeps them as text; JP are plain numbers
(CSV: decimal point; XLSX: number cells). Both are written by `kembang.common.files`,
so text from the input file (names) can never become a formula.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from kembang.common import files
from kembang.policy.activities import ACTIVITY_TYPES
from kembang.policy.nip import format_nip
from kembang.regulation.jp_file import FileResult

ROW_COLUMNS = (
    "baris",
    "nip",
    "nama",
    "jenis",
    "tanggal",
    "cakupan",
    "durasi_menit",
    "jp",
    "dihitung",
    "kode_alasan",
    "alasan",
)
ERROR_COLUMNS = ("baris", "kolom", "pesan")
NOTE_COLUMNS = ("catatan",)


def to_json(result: FileResult) -> str:
    """The JSON contract, UTF-8 text (not ASCII-escaped), indented."""
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def _yes_no(value: bool) -> str:
    return _("ya") if value else _("tidak")


def total_columns(result: FileResult) -> tuple[str, ...]:
    """Rekap columns: one JP column per activity the profile regulates."""
    activities = tuple(a for a in ACTIVITY_TYPES if result.profile.regulates(a))
    return ("nip", "nama", "tahun", "jp", *activities, "memenuhi_target")


def _row_values(result: FileResult, row: dict) -> list:
    valid = result.valid_rows[row["row"]]
    return [
        row["row"],
        format_nip(row["nip"]),
        valid.name,
        row["activity"],
        valid.date,
        row["scope"],
        valid.minutes,
        Decimal(row["jp"]),
        _yes_no(row["counted"]),
        " ".join(row["reason_codes"]),
        row["reason"],
    ]


def _total_values(result: FileResult, total: dict) -> list:
    activities = [c for c in total_columns(result)[4:-1]]
    return [
        format_nip(total["nip"]),
        result.names.get(total["nip"], ""),
        total["year"],
        Decimal(total["jp"]),
        *(Decimal(total["by_activity"].get(a, "0")) for a in activities),
        _yes_no(total["meets_target"]),
    ]


def write_csv(result: FileResult, stream: IO[str]) -> None:
    """Four sections separated by a blank line: the rows (header first), then a title
    row and the totals per NIP and year, then a title row and the rejected rows, then a
    title row and the notes (header only when there are none). Written
    through `kembang.common.files`: a name such as ``=HYPERLINK(…)`` is escaped."""
    writer = files.CsvWriter(stream, lineterminator="\n")
    writer.writerow(ROW_COLUMNS)
    writer.writerows(_row_values(result, row) for row in result.rows)
    writer.writerow([])
    writer.writerow([_("Rekap per NIP dan tahun")])
    writer.writerow(total_columns(result))
    writer.writerows(_total_values(result, total) for total in result.participants)
    writer.writerow([])
    writer.writerow([_("Baris ditolak")])
    writer.writerow(ERROR_COLUMNS)
    writer.writerows([e["row"], e["column"], e["message"]] for e in result.errors)
    writer.writerow([])
    writer.writerow([_("Catatan")])
    writer.writerow(NOTE_COLUMNS)
    writer.writerows([note] for note in result.notes)


def write_xlsx(result: FileResult, target) -> None:
    """Sheets "Baris", "Rekap", "Ditolak" and "Catatan", each with a bold, frozen header row; JP,
    minutes, row numbers and years are number cells, dates are date cells (DD/MM/YYYY),
    every text a string cell (never a formula). `target` is a path or a binary stream."""
    columns = total_columns(result)
    files.write_xlsx(
        [
            files.Sheet(
                _("Baris"),
                ROW_COLUMNS,
                (_row_values(result, row) for row in result.rows),
                (7, 23, 28, 16, 12, 14, 13, 6, 9, 34, 70),
                formats={ROW_COLUMNS.index("tanggal"): "DD/MM/YYYY"},
            ),
            files.Sheet(
                _("Rekap"),
                columns,
                (_total_values(result, total) for total in result.participants),
                (23, 28, 7, 7, *([16] * (len(columns) - 5)), 16),
            ),
            files.Sheet(
                _("Ditolak"),
                ERROR_COLUMNS,
                ([e["row"], e["column"], e["message"]] for e in result.errors),
                (7, 14, 90),
            ),
            files.Sheet(
                _("Catatan"),
                NOTE_COLUMNS,
                ([note] for note in result.notes),
                (120,),
            ),
        ],
        target,
    )
