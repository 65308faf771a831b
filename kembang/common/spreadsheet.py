"""Reading spreadsheets that HR officers upload or pass to the CLI (CSV and XLSX).

Used by `kembang hitung_jp` and the employee import. What real files contain (SIASN
exports, files retyped by hand): a BOM, semicolons where Excel's Indonesian locale puts
them, headers in mixed case with stray spaces, blank rows, NIPs stored as numbers (with
their last digits gone), dates as text in three layouts or as date cells.

`read_table` gives headers and rows with their spreadsheet row numbers (header = 1), so an
error can point at the row the officer sees. Cell helpers (`nip_from_cell`,
`parse_date_cell`, `whole_number_from_cell`, `text_from_cell`) turn one raw value into a
clean one or raise an error with a stable code and an Indonesian message.

Every read is bounded (`Limits`, from the ``KEMBANG_UPLOAD_MAX_*`` settings): unpacked
size, rows, columns and characters per cell are counted while the file streams, never
taken from what the file declares about itself (zip member sizes, the sheet's
``<dimension>``), so a small "zip bomb" is refused before it is expanded in memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from kembang.policy.nip import NIP_EMPTY, NIP_FLOAT, NIP_NOT_DIGITS, NipError, normalize_nip
from kembang.policy.text import normalize_key, normalize_text

CSV = "csv"
XLSX = "xlsx"


class SpreadsheetError(Exception):
    """The file cannot be read as a table at all. `message` is Indonesian, for the officer.

    Codes: ``unsupported_format``, ``unreadable``, ``bad_encoding``, ``empty``, and the
    limits: ``too_large``, ``too_many_rows``, ``too_many_columns``, ``cell_too_long``.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class CellError(ValueError):
    """One cell's value is unusable. `code` is stable, `message` Indonesian.

    Codes: ``date_empty``, ``date_format``, ``date_invalid``, ``number_empty``,
    ``number_format``, ``number_not_whole``, ``number_too_small``, ``number_too_large``.
    """

    def __init__(self, code: str, message: str, params: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = dict(params or {})


def normalize_header(name: Any) -> str:
    """A header as matched: trimmed, inner whitespace collapsed, lower case (NFKC, look-alike
    letters mapped). ``None`` (an empty header cell) gives ``""``."""
    return normalize_key(None if name is None else str(name))


@dataclass(frozen=True)
class Header:
    original: str  # as written in the file, trimmed
    name: str  # normalised: lower case, trimmed, whitespace collapsed
    column: int  # 1-based column position


@dataclass
class Table:
    """A sheet read into memory.

    `headers` lists the non-empty header cells in file order; `rows` holds
    ``(row_number, {header name: raw value})`` for every row with at least one non-blank
    cell, where `row_number` is the spreadsheet's own (header row = 1 when the sheet
    starts at its first line; blank rows keep their numbers by being skipped). Raw values
    are strings for CSV and openpyxl's types (str, int, float, datetime, bool) for XLSX;
    empty cells are ``None`` (XLSX) or ``""`` (CSV). A header repeated later is ignored
    and listed in `duplicate_headers`.
    """

    format: str
    headers: list[Header]
    rows: list[tuple[int, dict[str, Any]]]
    header_row: int = 1
    duplicate_headers: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """True when a column with this (normalised) header exists."""
        return any(h.name == name for h in self.headers)

    @property
    def names(self) -> list[str]:
        return [h.name for h in self.headers]


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- limits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """What one file may hold: `unpacked_bytes` in total once unzipped (CSV: the file),
    `rows` as the sheet numbers them, `columns` up to the last holding a value,
    `cell_chars` characters in one cell (shared string or inline)."""

    unpacked_bytes: int
    rows: int
    columns: int
    cell_chars: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            unpacked_bytes=settings.KEMBANG_UPLOAD_MAX_UNPACKED_MB * 1024 * 1024,
            rows=settings.KEMBANG_UPLOAD_MAX_ROWS,
            columns=settings.KEMBANG_UPLOAD_MAX_COLUMNS,
            cell_chars=settings.KEMBANG_UPLOAD_MAX_CELL_CHARS,
        )

    def too_large(self) -> SpreadsheetError:
        return SpreadsheetError("too_large", _(
            "Berkas terlalu besar: isinya lebih dari %(mb)s MB setelah dibuka. Bagi menjadi "
            "beberapa berkas.") % {"mb": _count(self.unpacked_bytes // (1024 * 1024))})

    def too_many_rows(self) -> SpreadsheetError:
        return SpreadsheetError("too_many_rows", _(
            "Berkas berisi lebih dari %(max)s baris. Bagi menjadi beberapa berkas.")
            % {"max": _count(self.rows)})

    def too_many_columns(self) -> SpreadsheetError:
        return SpreadsheetError("too_many_columns", _(
            "Berkas berisi lebih dari %(max)s kolom. Hapus kolom yang tidak diperlukan.")
            % {"max": _count(self.columns)})

    def cell_too_long(self) -> SpreadsheetError:
        return SpreadsheetError("cell_too_long", _(
            "Berkas berisi sel yang lebih panjang dari %(max)s karakter. Periksa dan "
            "perpendek isi sel tersebut.") % {"max": _count(self.cell_chars)})


def _count(number: int) -> str:
    """A count as Indonesian writes it: 60.000."""
    return f"{number:,}".replace(",", ".")


def _read_bytes(source: str | Path | BinaryIO, limit: int) -> bytes:
    """The file's bytes; at most `limit` (one more byte read refuses it as too large)."""
    if isinstance(source, (str, Path)):
        try:
            with Path(source).open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as err:
            raise SpreadsheetError(
                "unreadable", _("Berkas tidak dapat dibuka: %(error)s.") % {"error": err.strerror}
            ) from None
    else:
        if hasattr(source, "seek"):
            try:
                source.seek(0)
            except (OSError, ValueError):
                pass
        data = source.read(limit + 1)
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(data) > limit:
        raise Limits.from_settings().too_large()
    return data


# Excel's own last row: a row numbered beyond it is refused even when empty, as openpyxl
# would otherwise yield every empty row up to it.
_EXCEL_LAST_ROW = 1_048_576
_CHUNK = 64 * 1024


def _column_index(reference: str) -> int:
    """``"AB12"`` → 28; 0 when the reference has no letters."""
    index = 0
    for char in reference.upper():
        if not "A" <= char <= "Z":
            break
        index = index * 26 + ord(char) - 64
        if index > 16_384:  # beyond XFD: stop growing a number from a hostile reference
            break
    return index


class _PartScan:
    """Counts one XML part of a workbook as expat streams it, in constant memory.

    Text is counted inside the ``<v>``/``<t>`` of a sheet cell ``<c>`` or a shared string
    ``<si>`` (rich-text runs summed). Row and column positions come from each element's
    ``r`` reference or its place after the previous one; ``<dimension>`` is ignored.
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self.row = 0
        self.column = 0
        self.in_cell = 0  # depth of <c>/<si>
        self.in_text = 0  # depth of <v>/<t> inside one
        self.chars = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            reference = attrs.get("r", "")
            if len(reference) > 8:
                raise self.limits.too_many_rows()
            self.row = int(reference) if reference.isdigit() else self.row + 1
            if self.row > _EXCEL_LAST_ROW:
                raise self.limits.too_many_rows()
            self.column = 0
        elif local in ("c", "si"):
            if local == "c":
                self.column = _column_index(attrs.get("r", "")) or self.column + 1
            self.in_cell += 1
            self.chars = 0
        elif local in ("v", "t") and self.in_cell:
            self.in_text += 1

    def end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        if local in ("c", "si") and self.in_cell:
            self.in_cell -= 1
        elif local in ("v", "t") and self.in_text:
            self.in_text -= 1

    def text(self, data: str) -> None:
        if not self.in_text:
            return
        self.chars += len(data)
        if self.chars > self.limits.cell_chars:
            raise self.limits.cell_too_long()
        if data.strip() and self.column:  # a value in a sheet cell, not a shared string
            if self.row > self.limits.rows:
                raise self.limits.too_many_rows()
            if self.column > self.limits.columns:
                raise self.limits.too_many_columns()

    def parser(self):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.buffer_text = False  # text arrives in pieces: a long cell is never joined
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        return parser

    @staticmethod
    def _refuse_doctype(*args) -> None:
        # No OOXML part has a DOCTYPE; one here can only be there to expand entities.
        raise SpreadsheetError("unreadable", _(
            "Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx)."))


def _scan_xlsx(data: bytes, limits: Limits) -> None:
    """Refuse the workbook before openpyxl opens it when it is over a limit.

    First the sizes the zip declares (cheap, and enough for an honest file), then the
    truth: every member is decompressed in 64 KB pieces, its bytes counted against
    `limits.unpacked_bytes` and, when it is XML, fed to `_PartScan`. Nothing is kept, so
    memory stays flat whatever the file claims or holds.
    """
    unreadable = SpreadsheetError("unreadable", _(
        "Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise unreadable from None
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > limits.unpacked_bytes:
            raise limits.too_large()
        total = 0
        for member in members:
            # Every member, whatever its name: a sheet can be stored under any name.
            parser = _PartScan(limits).parser()
            try:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.unpacked_bytes:
                            raise limits.too_large()
                        if parser is not None:
                            try:
                                parser.Parse(chunk, False)
                            except expat.ExpatError:
                                # Not XML (an image), or XML expat cannot read: left to
                                # openpyxl, which refuses it or reads it with `_build`
                                # still counting every row and cell.
                                parser = None
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError,
                    EOFError, OSError):
                raise unreadable from None


def open_workbook(data: bytes):
    """An openpyxl read-only workbook (values, not formulas) over XLSX bytes, after
    `_scan_xlsx` has checked them against the ``KEMBANG_UPLOAD_MAX_*`` limits. Raises
    `SpreadsheetError` (``unreadable`` or a limit's code). The caller closes it."""
    # Imported here: openpyxl is heavy and only this path needs it.
    from openpyxl import load_workbook

    _scan_xlsx(data, Limits.from_settings())
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - anything openpyxl raises means "not a workbook"
        raise SpreadsheetError(
            "unreadable",
            _("Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx)."),
        ) from None


def _format_of(filename: str) -> str:
    suffix = Path(str(filename)).suffix.lower()
    if suffix == ".csv":
        return CSV
    if suffix == ".xlsx":
        return XLSX
    raise SpreadsheetError(
        "unsupported_format",
        _("Format berkas tidak didukung (%(suffix)s). Gunakan .csv atau .xlsx.")
        % {"suffix": suffix or _("tanpa ekstensi")},
    )


def _check_row(number: int, values, limits: Limits) -> bool:
    """True when the row holds a value; refuses it when it is beyond a limit. Counted
    on the row itself, whatever the sheet declared."""
    last = 0
    for column, value in enumerate(values, start=1):
        if _is_blank(value):
            continue
        last = column
        if isinstance(value, str) and len(value) > limits.cell_chars:
            raise limits.cell_too_long()
    if not last:
        return False
    if number > limits.rows:
        raise limits.too_many_rows()
    if last > limits.columns:
        raise limits.too_many_columns()
    return True


def _build(fmt: str, raw_rows) -> Table:
    """Headers from the first non-blank row; data rows after it, blank ones skipped."""
    limits = Limits.from_settings()
    headers: list[Header] = []
    duplicates: list[str] = []
    header_row = 0
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in raw_rows:
        filled = _check_row(number, values, limits)
        if not header_row:
            if not filled:
                continue
            header_row = number
            seen = set()
            for column, value in enumerate(values, start=1):
                name = normalize_header(value)
                if not name:
                    continue
                if name in seen:
                    duplicates.append(name)
                    continue
                seen.add(name)
                headers.append(Header(str(value).strip(), name, column))
            continue
        if not filled:
            continue
        width = len(values)
        rows.append(
            (
                number,
                {h.name: (values[h.column - 1] if h.column <= width else None) for h in headers},
            )
        )
    if not header_row:
        raise SpreadsheetError("empty", _("Berkas kosong: tidak ada baris judul kolom."))
    return Table(fmt, headers, rows, header_row, duplicates)


def _sniff_delimiter(text: str) -> str:
    """Comma or semicolon, whichever the header line has more of (outside quotes)."""
    for line in text.splitlines():
        if line.strip(" \t,;"):
            bare = re.sub(r'"[^"]*"', "", line)
            return ";" if bare.count(";") > bare.count(",") else ","
    return ","


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            "bad_encoding",
            _(
                "Berkas CSV tidak ber-enkode UTF-8. Simpan ulang dari Excel dengan "
                "“CSV UTF-8 (Comma delimited)”."
            ),
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(
            "unreadable", _("Berkas ini bukan CSV teks; mungkin berkas Excel yang diganti namanya.")
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        return _build(CSV, enumerate(reader, start=1))
    except csv.Error as err:
        # The csv module's own bound (131,072 characters) is far above ours: a field it
        # refuses is a cell over the limit, not a damaged file.
        if "field larger than field limit" in str(err):
            raise Limits.from_settings().cell_too_long() from None
        raise SpreadsheetError(
            "unreadable", _("Berkas CSV rusak: %(error)s.") % {"error": err}
        ) from None


def _read_xlsx(data: bytes) -> Table:
    workbook = open_workbook(data)
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("empty", _("Berkas XLSX tidak berisi lembar kerja."))
        sheet = workbook.worksheets[0]
        # Some writers record a wrong sheet size; read every row that is really there.
        sheet.reset_dimensions()
        return _build(XLSX, enumerate(sheet.iter_rows(values_only=True), start=1))
    except SpreadsheetError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet can fail anywhere inside openpyxl
        raise SpreadsheetError(
            "unreadable", _("Lembar pertama berkas XLSX tidak dapat dibaca (rusak).")
        ) from None
    finally:
        workbook.close()


def read_table(source: str | Path | BinaryIO, filename: str | None = None) -> Table:
    """Read the first sheet of a ``.csv`` or ``.xlsx`` file into a `Table`.

    `source` is a path or a binary file object (e.g. an uploaded file); `filename`
    decides the format by its extension (defaults to the path). CSV: UTF-8 with or
    without BOM; delimiter comma or semicolon, sniffed from the header line. XLSX: the
    first sheet, values as last computed (formulas not evaluated). The header row is the
    first non-blank row; row numbers are the spreadsheet's. Raises `SpreadsheetError`
    (Indonesian message) when the file is not CSV/XLSX, not decodable, corrupt, empty or
    over a ``KEMBANG_UPLOAD_MAX_*`` limit (`Limits`, counted while reading).
    """
    if filename is None:
        if not isinstance(source, (str, Path)):
            filename = getattr(source, "name", "") or ""
        else:
            filename = str(source)
    fmt = _format_of(filename)
    data = _read_bytes(source, Limits.from_settings().unpacked_bytes)
    return _read_csv(data) if fmt == CSV else _read_xlsx(data)


# --- cells ---------------------------------------------------------------------------

_EXPONENT = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
# A long number with a decimal part ("198501012010011001.0", "1,98501E+17" aside): what a
# number cell becomes when a tool writes it out as text.
_DECIMAL_NUMBER = re.compile(r"^\d{12,}[.,]\d+$")


def nip_from_cell(value: Any) -> str:
    """The NIP in a cell, normalised but not yet validated (call `parse_nip` next).

    Text is normalised (spaces, dots, look-alike digits: `normalize_nip`). A whole-number
    cell (openpyxl gives ``int``) is read as its digits. A float cell, or text holding a
    number in exponent form (``1.98501012010011E+17``) or with a decimal part, raises
    ``NipError("nip_float")``: a spreadsheet number keeps ~15 significant digits, so an
    18-digit NIP stored that way has lost its last digits and must be re-entered as text
    (docs/nip.md#validity). An empty cell raises ``nip_empty``.
    """
    if value is None:
        raise NipError(NIP_EMPTY)
    if isinstance(value, bool):
        raise NipError(NIP_NOT_DIGITS, {"char": str(value), "position": 1})
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise NipError(NIP_FLOAT, {"value": f"{value:.15g}"})
    if isinstance(value, Decimal):
        value = str(value)
    text = str(value).strip()
    compact = re.sub(r"\s+", "", text)
    if _EXPONENT.match(compact) or _DECIMAL_NUMBER.match(compact):
        raise NipError(NIP_FLOAT, {"value": text})
    return normalize_nip(text)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_DATE = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$")


def parse_date_cell(value: Any) -> date:
    """The calendar date in a cell.

    Accepts a date or datetime cell (the time is dropped), or text as ``YYYY-MM-DD``,
    ``DD/MM/YYYY`` or ``DD-MM-YYYY`` with day and month with or without a leading zero.
    Raises `CellError`: ``date_empty``; ``date_format`` for any other text or a number;
    ``date_invalid`` for an impossible date such as 31/02/2025. Nothing is guessed.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_blank(value):
        raise CellError("date_empty", _("Tanggal wajib diisi."))
    text = normalize_text(str(value))
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY_DATE.match(text)
        if not match:
            raise CellError(
                "date_format",
                _(
                    "Tanggal “%(value)s” tidak dikenali. Gunakan YYYY-MM-DD, DD/MM/YYYY "
                    "atau DD-MM-YYYY."
                )
                % {"value": text},
                {"value": text},
            )
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(
            "date_invalid",
            _("Tanggal “%(value)s” tidak ada di kalender.") % {"value": text},
            {"value": text},
        ) from None


# Numbers in cells are counts (minutes, rows): beyond this they are typing errors or an
# attack. Checked on the Decimal's exponent before any int(): int() of "1E+300000" takes
# seconds and its digits overflow Python's int-to-text limit (4300 digits).
WHOLE_NUMBER_LIMIT = 10**15


def _shown(text: str, limit: int = 40) -> str:
    """A cell's text as quoted back in a message: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def whole_number_from_cell(
    value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number from a cell: ``90``, ``"90"``, ``90.0`` or ``"90.0"`` give 90.

    Raises `CellError`: ``number_empty``; ``number_format`` (not a number, NaN, infinity);
    ``number_not_whole`` (``90.5``); ``number_too_small`` below `minimum`;
    ``number_too_large`` above `maximum` (and, whatever the bounds, beyond
    ±`WHOLE_NUMBER_LIMIT`). The range is checked on the exact Decimal before it becomes an
    int, so ``1E+300000`` is refused at once instead of being expanded.
    """
    if _is_blank(value):
        raise CellError("number_empty", _("Angka wajib diisi."))
    if isinstance(value, bool):
        raise CellError("number_format", _("“%(value)s” bukan angka.") % {"value": value})
    if isinstance(value, int):
        number = Decimal(value)
        shown = str(value) if abs(value) < WHOLE_NUMBER_LIMIT else f"{number:.6E}"
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("number_format", _("“%(value)s” bukan angka.") % {"value": value})
        number = Decimal(repr(value))
        shown = repr(value)
    else:
        text = normalize_text(str(value))
        shown = _shown(text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise CellError(
                "number_format", _("“%(value)s” bukan angka.") % {"value": shown},
                {"value": shown},
            )
    # Comparisons and to_integral_value() work on the exponent: cheap at any size.
    if number != number.to_integral_value():
        raise CellError(
            "number_not_whole",
            _("%(value)s bukan bilangan bulat.") % {"value": shown},
            {"value": shown},
        )
    low = -WHOLE_NUMBER_LIMIT if minimum is None else minimum
    high = WHOLE_NUMBER_LIMIT if maximum is None else maximum
    if number < low:
        raise CellError(
            "number_too_small",
            _("%(value)s terlalu kecil; paling sedikit %(minimum)s.")
            % {"value": shown, "minimum": low},
            {"value": shown, "minimum": low},
        )
    if number > high:
        raise CellError(
            "number_too_large",
            _("%(value)s terlalu besar; paling banyak %(maximum)s.")
            % {"value": shown, "maximum": high},
            {"value": shown, "maximum": high},
        )
    return int(number)


def text_from_cell(value: Any) -> str:
    """A cell as clean text (`normalize_text`): ``None`` → ``""``; a whole float → ``"90"``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return normalize_text(str(value))
