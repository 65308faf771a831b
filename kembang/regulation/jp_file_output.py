"""Writers for `hitung_jp` results: JSON (the contract), CSV and XLSX (for people).

CSV and XLSX carry the same rows, totals and rejected rows as the JSON; their layout is
documented in docs/hitung_jp.md. NIPs are printed with spaces there
(``19680501 199202 1 001``) so a spreadsheet keeps them as text; JP are plain numbers
(CSV: decimal point; XLSX: number cells).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

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


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(result: FileResult, stream: IO[str]) -> None:
    """Three sections separated by a blank line: the rows (header first), then a title
    row and the totals per NIP and year, then a title row and the rejected rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(ROW_COLUMNS)
    for row in result.rows:
        writer.writerow([_csv_cell(v) for v in _row_values(result, row)])
    writer.writerow([])
    writer.writerow([_("Rekap per NIP dan tahun")])
    writer.writerow(total_columns(result))
    for total in result.participants:
        writer.writerow([_csv_cell(v) for v in _total_values(result, total)])
    writer.writerow([])
    writer.writerow([_("Baris ditolak")])
    writer.writerow(ERROR_COLUMNS)
    for error in result.errors:
        writer.writerow([error["row"], error["column"], error["message"]])


def write_xlsx(result: FileResult, path) -> None:
    """Sheets "Baris", "Rekap" and "Ditolak", each with a bold, frozen header row; JP,
    minutes, row numbers and years are number cells, dates are date cells (DD/MM/YYYY)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    bold = Font(bold=True)

    def sheet(ws, title, columns, rows, widths):
        ws.title = title
        ws.append(list(columns))
        for cell in ws[1]:
            cell.font = bold
        for values in rows:
            ws.append(values)
        ws.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width

    sheet(
        workbook.active,
        _("Baris"),
        ROW_COLUMNS,
        (_row_values(result, row) for row in result.rows),
        (7, 23, 28, 16, 12, 14, 13, 6, 9, 34, 70),
    )
    rows_sheet = workbook.active
    for cell in rows_sheet["E"][1:]:
        cell.number_format = "DD/MM/YYYY"
    columns = total_columns(result)
    sheet(
        workbook.create_sheet(),
        _("Rekap"),
        columns,
        (_total_values(result, total) for total in result.participants),
        (23, 28, 7, 7, *([16] * (len(columns) - 5)), 16),
    )
    sheet(
        workbook.create_sheet(),
        _("Ditolak"),
        ERROR_COLUMNS,
        ([e["row"], e["column"], e["message"]] for e in result.errors),
        (7, 14, 90),
    )
    workbook.save(path)
