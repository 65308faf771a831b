"""Employees out to XLSX and CSV, in the shape the import reads (so an export re-imports
as "tidak berubah"), the empty template with SIASN's headers, and a batch's rejected rows
to fix and upload again.

NIPs stay text: in XLSX a string cell formatted "@" (a number cell would keep only 15
significant digits); in CSV the printed form with spaces ("19850101 201001 1 001"), which
Excel keeps as text when it opens the file and the import reads back as 18 digits. Both
files are written by `kembang.common.files` (no formula cells, CSV text escaped).

After the columns the import reads come the JP of the year the list shows (`JP_COLUMNS`,
the figures of `kembang.recap.figures`), which the import does not read: the file still
re-imports as "tidak berubah".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from kembang.common import files
from kembang.organisation.importing.columns import EXPORT_COLUMNS, TEMPLATE_COLUMNS
from kembang.organisation.models import OrgUnit, Position
from kembang.policy.nip import format_nip
from kembang.recap.labels import status_label

NIP_COLUMNS = {"NIP", "NIP ATASAN"}
# The year's JP, after the columns the import reads (it ignores these). Empty for someone
# not active in that year.
JP_COLUMNS = ["TAHUN JP", "TARGET JP", "JP RESMI", "JP SEMENTARA", "STATUS JP"]
COLUMNS = [*EXPORT_COLUMNS, *JP_COLUMNS]
WIDTHS = {"NAMA": 32, "NIP": 21, "NIP ATASAN": 21, "NAMA JABATAN": 40, "NAMA UNOR": 32,
          "UNOR INDUK": 32, "EMAIL": 28, "STATUS JP": 30}


def _number(value: Decimal) -> Decimal:
    """20.00 → 20, 2.40 → 2.4: a number cell in XLSX, "2.4" in CSV."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def export_rows(listed, *, regency_id: int) -> Iterator[dict[str, object]]:
    """One dict per employee, keyed by `COLUMNS`, in the list's order. `listed` is the
    list page's `selectors.EmployeeJpList` (its rows select_related unit, position and
    supervisor, and carry `jp`); the Perangkat Daerah of each unit comes from one query
    over the regency's units."""
    units = dict(OrgUnit.objects.filter(regency_id=regency_id).values_list("id", "name"))
    kinds = dict(Position.Kind.choices)
    for e in listed.iter_rows():
        root = [p for p in e.unit.path.split("/") if p]
        pd_name = units.get(int(root[0]), e.unit.name) if root else e.unit.name
        jp = e.jp
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
            "TAHUN JP": listed.year,
            "TARGET JP": _number(jp.target) if jp else None,
            "JP RESMI": _number(jp.official) if jp else None,
            "JP SEMENTARA": _number(jp.provisional) if jp else None,
            "STATUS JP": status_label(jp.status) if jp else "",
        }


def _csv_value(column: str, value: str):
    if column in NIP_COLUMNS and value:
        return format_nip(value)
    if column == "NOMOR HP":
        return files.PhoneNumber(value)  # "+62 812-3456" stays as the officer typed it
    return value


def write_csv(rows: Iterable[dict[str, object]]) -> bytes:
    """UTF-8 with BOM and semicolons, as Excel with Indonesian settings opens it; text
    that a spreadsheet would run as a formula is escaped (`kembang.common.files`)."""
    return files.csv_bytes(
        [COLUMNS, *([_csv_value(c, row[c]) for c in COLUMNS] for row in rows)]
    )


def _sheet(rows: Iterable[Sequence], columns: Sequence[str], **options) -> files.Sheet:
    return files.Sheet(
        _("Pegawai"), columns, rows,
        widths=[WIDTHS.get(name, 16) for name in columns],
        formats={i: "@" for i, name in enumerate(columns) if name in NIP_COLUMNS},
        **options,
    )


def write_xlsx(rows: Iterable[dict[str, object]]) -> bytes:
    """A write-only workbook (constant memory per row); NIP cells are text cells formatted
    "@", every other text a string cell (a name "=HYPERLINK(…)" is not a formula); JP are
    number cells."""
    return files.xlsx_bytes([_sheet(
        ([str(row[c]) if c in NIP_COLUMNS else row[c] for c in COLUMNS] for row in rows),
        COLUMNS)])


def template_xlsx() -> bytes:
    """An empty file with SIASN's headers and our two extra columns; NIP columns are
    formatted as text so a NIP typed or pasted into them keeps all 18 digits."""
    notes = [
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
    ]
    return files.xlsx_bytes([
        _sheet((), TEMPLATE_COLUMNS, blank_rows=1000),
        files.Sheet(_("Petunjuk"), rows=([line] for line in notes), widths=[110]),
    ])


def rejected_rows_xlsx(rows: Iterable) -> bytes:
    """The rejected rows of a batch (`ImportRow`s, in row order) as the file showed them,
    with a last column giving why each was rejected, to fix and upload again
    (docs/import.md#fixing-refused-rows). Only the columns the import reads are there: the
    personal columns (NIK, NPWP, address…) were never stored, so they cannot come back. The
    header is the first row's (every row of one file has the same columns); the reason
    column is ignored when the file is uploaded again."""
    rows = list(rows)
    header = [name for name, _value in rows[0].data.get("cells", [])] if rows else []
    reason = _("ALASAN DITOLAK")

    def values(row) -> list[str]:
        shown = dict((name, value) for name, value in row.data.get("cells", []))
        errors = [m["text"] for m in row.message_texts if m["level"] == "error"]
        return [*(shown.get(name, "") for name in header), "; ".join(errors)]

    columns = [*header, reason]
    return files.xlsx_bytes([files.Sheet(
        _("Ditolak"), columns, (values(row) for row in rows),
        widths=[WIDTHS.get(name.upper(), 16) for name in header] + [80],
        formats={i: "@" for i, name in enumerate(header) if name.upper() in NIP_COLUMNS},
    )])
