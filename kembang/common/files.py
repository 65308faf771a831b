"""Every CSV and XLSX file Kembang writes, written here so that none can carry a formula.

Producers: the `hitung_jp` results (CLI and web), the employee export and its empty
template, the activation codes for mail merge. Each builds rows of plain values and hands
them to `CsvWriter` / `csv_bytes` or `write_xlsx` / `xlsx_bytes`; none calls `csv.writer`
or openpyxl itself.

Why (formula or "CSV" injection): a spreadsheet runs what looks like a formula. A name,
a unit or a message is data someone typed, so

* XLSX: every text value is a string cell (``data_type "s"``) — never a formula
  (``=HYPERLINK(…)``), never an error value (``#N/A``). openpyxl would otherwise store
  any text starting with ``=`` as a formula. Characters XML cannot hold are dropped
  rather than failing the whole file.
* CSV: text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
  leading apostrophe, which Excel and LibreOffice show as text and hide (OWASP's advice).
  A `PhoneNumber` ("+62 812-3456": a plus, digits, spaces, hyphens — nothing a
  spreadsheet could run) is the one text kept as written, so an export re-imports
  unchanged.

Numbers (int, Decimal, float) stay numbers in both formats, negative ones included: the
escaping concerns text. Dates are ISO text in CSV and date cells in XLSX.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, BinaryIO

# The first characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+?\d[\d -]*$")


class PhoneNumber(str):
    """Text that holds a phone number. In CSV it stays as written ("+62 812-3456") when it
    is only an optional plus, digits, spaces and hyphens; anything else is escaped like
    any text."""


def csv_cell(value: Any) -> str:
    """One value as CSV text: ``None`` → ""; numbers as written (``-2`` stays ``-2``);
    dates ``YYYY-MM-DD``; text starting with = + - @ tab or CR prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, PhoneNumber) and _PHONE.match(text):
        return text
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


class CsvWriter:
    """`csv.writer` whose every row goes through `csv_cell`."""

    def __init__(self, stream: IO[str], *, delimiter: str = ",", lineterminator: str = "\r\n"):
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator=lineterminator)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(v) for v in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_bytes(rows: Iterable[Iterable[Any]], *, delimiter: str = ";",
              lineterminator: str = "\r\n") -> bytes:
    """A whole CSV file for people: UTF-8 with a BOM (so Excel recognises the encoding),
    semicolons by default (what Excel with Indonesian settings splits on)."""
    out = io.StringIO()
    out.write("\ufeff")
    CsvWriter(out, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return out.getvalue().encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """One worksheet to write.

    `header` is a bold row frozen at the top (none for a sheet of notes); `rows` any
    iterable of value sequences, read once. `widths` are column widths in order (None
    keeps the default). `formats` maps a 0-based column to a number format for its data
    cells ("@" text, "DD/MM/YYYY"); `blank_rows` adds that many empty rows carrying those
    formats, for a template someone fills in (a NIP typed into an "@" cell stays text).
    """

    title: str
    header: Sequence[str] = ()
    rows: Iterable[Sequence[Any]] = ()
    widths: Sequence[int | None] = ()
    formats: Mapping[int, str] = field(default_factory=dict)
    blank_rows: int = 0


def _xlsx_cell(sheet, value: Any, number_format: str | None, font=None):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # Set after the value: openpyxl has just typed "=…" as a formula, "#N/A" as an error.
        cell.data_type = "s"
    elif value is None or isinstance(value, (bool, int, float, Decimal, date)):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        return _xlsx_cell(sheet, str(value), number_format, font)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def write_xlsx(sheets: Iterable[Sheet], target: str | Path | BinaryIO) -> None:
    """Write the sheets, in order, as one workbook to a path or a binary stream.

    Write-only mode: memory stays constant however many rows there are.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for index, width in enumerate(spec.widths, start=1):
            if width is not None:
                sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.header:
            sheet.freeze_panes = "A2"
            sheet.append([_xlsx_cell(sheet, name, None, bold) for name in spec.header])
        for values in spec.rows:
            sheet.append([_xlsx_cell(sheet, value, spec.formats.get(index))
                          for index, value in enumerate(values)])
        if spec.blank_rows and spec.formats:
            width = max(len(spec.header), max(spec.formats) + 1)
            for _row in range(spec.blank_rows):
                sheet.append([_xlsx_cell(sheet, None, spec.formats.get(index))
                              if index in spec.formats else None for index in range(width)])
    workbook.save(target)


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """`write_xlsx` into memory, for an HTTP response."""
    out = io.BytesIO()
    write_xlsx(sheets, out)
    return out.getvalue()
