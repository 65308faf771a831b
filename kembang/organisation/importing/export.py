"""Employees out to XLSX and CSV, in the shape the import reads (so an export re-imports
as "tidak berubah"), and the empty template with SIASN's headers.

NIPs stay text: in XLSX a string cell formatted "@" (a number cell would keep only 15
significant digits); in CSV the printed form with spaces ("19850101 201001 1 001"), which
Excel keeps as text when it opens the file and the import reads back as 18 digits.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from kembang.organisation.importing.columns import EXPORT_COLUMNS, TEMPLATE_COLUMNS
from kembang.organisation.models import OrgUnit, Position
from kembang.policy.nip import format_nip

NIP_COLUMNS = {"NIP", "NIP ATASAN"}
WIDTHS = {"NAMA": 32, "NIP": 21, "NIP ATASAN": 21, "NAMA JABATAN": 40, "NAMA UNOR": 32,
          "UNOR INDUK": 32, "EMAIL": 28}


def export_rows(employees, *, regency_id: int) -> Iterator[dict[str, str]]:
    """One dict per employee, keyed by `EXPORT_COLUMNS`. `employees` must select_related
    unit, position and supervisor (`selectors.employee_list` does); the Perangkat Daerah of
    each unit comes from one query over the regency's units."""
    units = dict(OrgUnit.objects.filter(regency_id=regency_id).values_list("id", "name"))
    kinds = dict(Position.Kind.choices)
    for e in employees.iterator(chunk_size=2000):
        root = [p for p in e.unit.path.split("/") if p]
        pd_name = units.get(int(root[0]), e.unit.name) if root else e.unit.name
        yield {
            "NAMA": e.name,
            "NIP": e.nip,
            "GELAR DEPAN": e.title_prefix,
            "GELAR BELAKANG": e.title_suffix,
            "NOMOR HP": e.phone,
            "EMAIL": e.email,
            "JENIS PEGAWAI": e.kind.upper(),
            "GOL AKHIR": e.rank,
            "JENIS JABATAN": str(kinds.get(e.position.kind, "")) if e.position_id else "",
            "NAMA JABATAN": e.position.name if e.position_id else "",
            "NAMA UNOR": e.unit.name,
            "UNOR INDUK": pd_name,
            "NIP ATASAN": e.supervisor.nip if e.supervisor_id else "",
            # Data values, not interface text: the same in every language.
            "BERTALENTA": "Ya" if e.is_talent else "Tidak",
            "STATUS AKTIF": "Aktif" if e.is_active else "Nonaktif",
        }


_PHONE = re.compile(r"^\+?[\d\s-]+$")


def _csv_safe(value: str) -> str:
    """A spreadsheet opening the CSV would run a cell starting with = + - @ as a formula
    (CSV injection); such text gets a leading apostrophe. Phone numbers ("+62…") stay."""
    if value and value[0] in "=+-@\t\r" and not _PHONE.match(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, str]]) -> bytes:
    """UTF-8 with BOM and semicolons, as Excel with Indonesian settings opens it."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([format_nip(row[c]) if c in NIP_COLUMNS and row[c] else _csv_safe(row[c])
                         for c in EXPORT_COLUMNS])
    return out.getvalue().encode("utf-8")


def _header_cells(sheet, columns):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def write_xlsx(rows: Iterable[dict[str, str]]) -> bytes:
    """A write-only workbook (constant memory per row); NIP cells are text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Pegawai"))
    for index, name in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, EXPORT_COLUMNS))
    for row in rows:
        cells = []
        for name in EXPORT_COLUMNS:
            value = row[name]
            if name in NIP_COLUMNS:
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.number_format = "@"
                cells.append(cell)
            elif isinstance(value, str) and value.startswith("="):
                # openpyxl would store it as a formula; a name is text (no injection).
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_xlsx() -> bytes:
    """An empty file with SIASN's headers and our two extra columns; NIP columns are
    formatted as text so a NIP typed or pasted into them keeps all 18 digits."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Pegawai")
    sheet.append(TEMPLATE_COLUMNS)
    for index, name in enumerate(TEMPLATE_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = WIDTHS.get(name, 16)
        if name in NIP_COLUMNS:
            for row in range(2, 1002):
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Petunjuk"))
    for line in [
        _("Isi satu pegawai per baris di lembar pertama. Kolom wajib: NIP dan NAMA."),
        _("NIP: 18 angka, ketik sebagai teks (kolom NIP sudah berformat Teks)."),
        _("UNOR INDUK: nama Perangkat Daerah; NAMA UNOR: unit kerja di bawahnya "
          "(kosong atau sama dengan UNOR INDUK berarti Perangkat Daerah itu sendiri)."),
        _("JENIS PEGAWAI: PNS atau PPPK. GOL AKHIR: mis. III/a (PNS) atau IX (PPPK)."),
        _("NIP ATASAN: NIP atasan langsung (boleh pegawai di baris lain berkas ini)."),
        _("BERTALENTA: Ya atau Tidak."),
        _("Untuk pegawai yang sudah terdaftar, sel kosong tidak mengubah datanya, kecuali "
          "GELAR DEPAN dan GELAR BELAKANG (kosong berarti tanpa gelar)."),
        _("Kolom data pribadi (NIK, NPWP, BPJS, alamat, agama, dll.) boleh ada tetapi "
          "tidak dibaca dan tidak disimpan."),
    ]:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
