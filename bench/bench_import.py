"""Benchmark: importing a SIASN employee export at regency scale.

Builds a SIASN-shaped XLSX and CSV of N employees (default 10,000; `--rows 1000`,
`--rows 50000`) in a temporary directory — 40 Perangkat Daerah with 5 work units each,
~300 position names, a NIP ATASAN on every row (the unit head comes *after* their staff,
so supervisors point at later rows), and the personal columns filled as real exports are.
Then, for a fresh regency and BKPSDM admin:

1. XLSX dry run (every row new; units and positions shown to be created), and its apply;
2. CSV dry run of the same people (every row "tidak berubah"), and its apply.

Each step is timed separately with its query count (CaptureQueriesContext), and compared
with the bare SQL doing the same size of write: one executemany of N employee-shaped rows
into a scratch table.

    .venv/bin/python bench/bench_import.py [--rows N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench .venv/bin/python …

Without DATABASE_URL it uses var/bench_import.sqlite3 (rebuilt each run). Against
PostgreSQL it adds a new regency each run (unique slug and NIPs) and deletes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import setup_django  # noqa: E402

PDS, SUBS = 40, 5


def _nip_factory(rng: random.Random):
    """Unique PNS NIPs for this run: a TMT year-month nobody in the database uses yet."""
    from kembang.organisation.models import Employee

    while True:
        year, month = rng.randint(1985, 2020), rng.randint(1, 12)
        if not Employee.objects.filter(nip__regex=rf"^\d{{8}}{year}{month:02d}").exists():
            break

    def make(i: int) -> str:
        # 999 serials per birth date; birth dates count up from 1965-01-01.
        return f"{_date_from_index(i // 999)}{year}{month:02d}{1 + i % 2}{1 + i % 999:03d}"

    return make


def _date_from_index(k: int) -> str:
    from datetime import date, timedelta

    return (date(1965, 1, 1) + timedelta(days=k)).strftime("%Y%m%d")


def build_rows(n: int, nip_of) -> list[dict]:
    from kembang.organisation.importing.columns import SIASN_COLUMNS

    rng = random.Random(n)
    grades = ["II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"]
    functions = ["Analis Kepegawaian", "Pranata Komputer", "Guru", "Perawat", "Penyuluh Pertanian",
                 "Auditor", "Arsiparis", "Pengelola Pengadaan Barang/Jasa", "Statistisi"]
    levels = ["Ahli Pertama", "Ahli Muda", "Ahli Madya", "Terampil", "Mahir", "Penyelia"]
    positions = [f"{f} {lv}" for f in functions for lv in levels]
    positions += [f"Pengadministrasi {x}" for x in ("Umum", "Keuangan", "Perkantoran",
                                                    "Kepegawaian", "Sarana", "Data")]
    positions += [f"Analis {x} {i}" for x in ("Kebijakan", "Anggaran", "Program") for i in
                  range(80)]
    rows, i = [], 0
    per_unit = max(2, n // (PDS * SUBS))
    while len(rows) < n:
        unit_index = (len(rows) // per_unit) % (PDS * SUBS)
        pd, sub = divmod(unit_index, SUBS)
        group = min(per_unit, n - len(rows))
        head = nip_of(i + group - 1)
        for k in range(group):
            nip = nip_of(i)
            is_head = k == group - 1
            row = {c: "" for c in SIASN_COLUMNS}
            row.update({
                "NAMA": f"Pegawai {i:06d} Santoso", "NIP": nip,
                "GELAR BELAKANG": rng.choice(["", "S.Kom.", "S.H.", "S.E., M.Si."]),
                "TEMPAT LAHIR": "Nganjuk", "TANGGAL LAHIR": "01-01-1985",
                "JENIS KELAMIN": "Pria" if nip[14] == "1" else "Wanita", "AGAMA": "Islam",
                "JENIS KAWIN": "Menikah", "NIK": f"3518{rng.randrange(10**12):012d}",
                "NOMOR HP": f"08{rng.randrange(10**10):010d}", "EMAIL": f"p{i}@example.id",
                "ALAMAT": "Jl. Contoh No. 1", "NPWP": "09.254.294.3-407.000",
                "BPJS": f"{rng.randrange(10**13):013d}", "JENIS PEGAWAI": "PNS",
                "KEDUDUKAN HUKUM": "Aktif", "GOL AKHIR": rng.choice(grades),
                "JENIS JABATAN": "Fungsional",
                "NAMA JABATAN": "Kepala Seksi" if is_head else rng.choice(positions),
                "NAMA UNOR": f"Bidang {sub + 1} Dinas {pd + 1}" if sub else "",
                "UNOR INDUK": f"Dinas {pd + 1}",
                "NIP ATASAN": "" if is_head else head,
            })
            rows.append(row)
            i += 1
    return rows


def write_files(rows: list[dict], directory: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from kembang.organisation.importing.columns import SIASN_COLUMNS

    columns = SIASN_COLUMNS + ["NIP ATASAN"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Pegawai")
    sheet.append(columns)
    for row in rows:
        cells = []
        for c in columns:
            if c in ("NIP", "NIP ATASAN"):
                cell = WriteOnlyCell(sheet, value=row[c])
                cell.number_format = "@"
                cells.append(cell)
            else:
                cells.append(row[c])
        sheet.append(cells)
    xlsx = directory / "siasn.xlsx"
    workbook.save(xlsx)
    _add_dimension(xlsx, len(rows) + 1, len(columns))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    path_csv = directory / "siasn.csv"
    path_csv.write_bytes(("\ufeff" + out.getvalue()).encode())
    return xlsx, path_csv


def _add_dimension(path: Path, rows: int, columns: int) -> None:
    """Write the sheet's <dimension> as Excel does. openpyxl's write-only mode leaves it
    out, and openpyxl's reader then scans the whole sheet once more to find the size."""
    import zipfile

    from openpyxl.utils import get_column_letter

    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                ref = f'<dimension ref="A1:{get_column_letter(columns)}{rows}"/>'.encode()
                content = content.replace(b"<sheetViews>", ref + b"<sheetViews>", 1) \
                    if b"<sheetViews>" in content else content.replace(
                        b"<sheetData>", ref + b"<sheetData>", 1)
            dst.writestr(item, content)
    path.write_bytes(out.getvalue())


def timed(label: str, n: int, func):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - start
    print(f"  {label:<40} {seconds:7.2f} s  {n / seconds:9,.0f} rows/s  "
          f"{len(ctx.captured_queries):6,} queries")
    return result, seconds


SCRATCH = {
    "bench_scratch_employee": "nip varchar(18), name varchar(160), title_prefix varchar(40), "
    "title_suffix varchar(80), kind varchar(4), sex varchar(1), rank varchar(8), "
    "unit_id integer, position_id integer, supervisor_id integer, email varchar(254), "
    "phone varchar(30), is_active boolean",
    "bench_scratch_history": "employee_id integer, unit_id integer, position_id integer, "
    "valid_from date",
    "bench_scratch_audit": "action varchar(80), object_type varchar(80), object_id varchar(40), "
    "object_repr varchar(255), changes text, reason text",
}


def bare_insert(rows: list[dict], *, all_tables: bool) -> float:
    """The same rows written with executemany into scratch tables shaped like the
    employee table (and, with `all_tables`, its history and audit rows too): the floor
    an import's writes could reach without the ORM, checks or lookups."""
    import json

    from django.db import connection, transaction

    pk = "id integer primary key" if connection.vendor == "sqlite" else "id serial primary key"
    tables = SCRATCH if all_tables else {"bench_scratch_employee": SCRATCH["bench_scratch_employee"]}
    values = {
        "bench_scratch_employee": [
            (r["NIP"], r["NAMA"], "", r["GELAR BELAKANG"], "pns", r["NIP"][14], r["GOL AKHIR"],
             1, 1, None, r["EMAIL"], r["NOMOR HP"], True) for r in rows],
        "bench_scratch_history": [(i, 1, 1, "2026-01-01") for i in range(len(rows))],
        "bench_scratch_audit": [
            ("employee.create", "organisation.employee", str(i), r["NAMA"],
             json.dumps({k.lower(): [None, v] for k, v in list(r.items())[:14]}), "Impor")
            for i, r in enumerate(rows)],
    }
    with connection.cursor() as cursor:
        for table, columns in tables.items():
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(f"CREATE TABLE {table} ({pk}, {columns})")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in tables.items():
            names = [c.split()[0] for c in columns.split(", ")]
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                f"({', '.join(['%s'] * len(names))})", values[table])
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE {table}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    setup_django("bench_import.sqlite3")

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from kembang.common.spreadsheet import read_table
    from kembang.organisation.importing import services
    from kembang.organisation.importing.models import ImportBatch
    from kembang.organisation.models import Employee, Regency
    from kembang.organisation.tests.factories import grant, login_for

    n = args.rows
    rng = random.Random(time.time_ns())
    nip_of = _nip_factory(rng)
    slug = f"bench-import-{time.time_ns()}"
    regency = Regency.objects.create(name=slug, slug=slug, profile_id="nganjuk")
    admin = login_for(regency=regency, username=slug)
    grant(admin, "hr_admin")
    with tempfile.TemporaryDirectory() as tmp:
        from django.conf import settings

        settings.MEDIA_ROOT = Path(tmp) / "media"
        rows = build_rows(n, nip_of)
        xlsx, path_csv = write_files(rows, Path(tmp))
        db = connection.vendor + (f" ({connection.settings_dict['NAME']})")
        print(f"Kembang import benchmark: {n:,} rows on {db}")
        print(f"  files: xlsx {xlsx.stat().st_size / 1e6:.1f} MB, "
              f"csv {path_csv.stat().st_size / 1e6:.1f} MB")
        _, t_read_x = timed("read_table alone, xlsx", n, lambda: read_table(xlsx))
        timed("read_table alone, csv", n, lambda: read_table(path_csv))

        def dry(path: Path) -> ImportBatch:
            upload = SimpleUploadedFile(path.name, path.read_bytes())
            batch = services.batch_start(actor=admin, upload=upload)
            batch.refresh_from_db()
            assert batch.status == ImportBatch.Status.VALIDATED, batch.error
            return batch

        def confirm(batch: ImportBatch) -> ImportBatch:
            services.batch_confirm(actor=admin, batch=batch, deactivate_missing=False)
            batch.refresh_from_db()
            assert batch.status == ImportBatch.Status.APPLIED, batch.error
            return batch

        batch, t_dry = timed("xlsx dry run (all new)", n, lambda: dry(xlsx))
        print(f"    {batch.summary['counts']}, {len(batch.summary['new_units'])} new units, "
              f"{len(batch.summary['new_positions'])} new positions")
        batch, t_apply = timed("xlsx apply (create all)", n, lambda: confirm(batch))
        print(f"    {batch.summary['applied']}")
        assert Employee.objects.filter(regency=regency).count() == n
        assert Employee.objects.filter(regency=regency, supervisor__isnull=False).count() > 0
        batch, _ = timed("csv dry run (same people: unchanged)", n, lambda: dry(path_csv))
        assert batch.summary["counts"]["unchanged"] == n, batch.summary["counts"]
        timed("csv apply (nothing to write)", n, lambda: confirm(batch))
        t_bare = bare_insert(rows, all_tables=False)
        t_bare3 = bare_insert(rows, all_tables=True)
        print(f"  {'bare SQL: N employee rows':<40} {t_bare:7.2f} s  {n / t_bare:9,.0f} rows/s")
        print(f"  {'bare SQL: N employee+history+audit rows':<40} {t_bare3:7.2f} s  "
              f"{n / t_bare3:9,.0f} rows/s")
        print(f"  apply (create) / bare: {t_apply / t_bare:5.1f}x one table, "
              f"{t_apply / t_bare3:5.1f}x three tables; dry run without reading the file: "
              f"{t_dry - t_read_x:.2f} s")
        print(f"  end to end, xlsx upload → applied: {t_dry + t_apply:.2f} s "
              f"({n / (t_dry + t_apply):,.0f} rows/s)")


if __name__ == "__main__":
    main()
