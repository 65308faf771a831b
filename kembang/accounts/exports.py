"""Activation codes as a CSV file for mail merge (*Unit kerja → Buat dan unduh CSV*)."""

from __future__ import annotations

from collections.abc import Iterable

from kembang.common import files


def activation_codes_csv(rows: Iterable[tuple]) -> bytes:
    """``(employee, code)`` pairs as CSV: UTF-8 with BOM, semicolons; NIPs spaced
    ("19850101 201001 1 001") so Excel keeps them as text. Names and unit names are text
    someone typed: written through `kembang.common.files`, so one starting with ``=``
    (``=HYPERLINK(…)``) reaches the spreadsheet as text, not as a formula."""
    return files.csv_bytes(
        [
            ["NIP", "NAMA", "UNIT KERJA", "KODE AKTIVASI"],
            *([employee.nip_display, employee.full_name, employee.unit.name, code]
              for employee, code in rows),
        ]
    )
