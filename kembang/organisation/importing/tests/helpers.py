"""Building SIASN-shaped files for import tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kembang.common.tests.xlsx import with_exact_integer
from kembang.organisation.importing import services
from kembang.organisation.importing.columns import SIASN_COLUMNS
from kembang.organisation.importing.models import ImportBatch

COLUMNS = SIASN_COLUMNS + ["NIP ATASAN"]
NIK = "3518014101850001"
NPWP = "09.254.294.3-407.000"
ADDRESS = "Jl. Rahasia Pribadi No. 7"


def siasn_row(nip, name, *, induk="Dinas Pendidikan", unor="", kind="PNS", gol="III/a",
              jabatan="Analis Sumber Daya Manusia Aparatur Ahli Pertama", atasan="",
              gelar_depan="", gelar_belakang="", email="", hp="", **extra):
    row = {c: "" for c in COLUMNS}
    row.update({
        "NAMA": name, "NIP": nip, "GELAR DEPAN": gelar_depan, "GELAR BELAKANG": gelar_belakang,
        "TEMPAT LAHIR": "Nganjuk", "TANGGAL LAHIR": "01-01-1985", "JENIS KELAMIN": "Pria",
        "AGAMA": "Islam", "JENIS KAWIN": "Menikah", "NIK": NIK, "NOMOR HP": hp, "EMAIL": email,
        "ALAMAT": ADDRESS, "NPWP": NPWP, "BPJS": "0001234567890", "JENIS PEGAWAI": kind,
        "KEDUDUKAN HUKUM": "Aktif", "GOL AKHIR": gol, "JENIS JABATAN": "Fungsional Tertentu",
        "NAMA JABATAN": jabatan, "NAMA UNOR": unor, "UNOR INDUK": induk, "NIP ATASAN": atasan,
    })
    row.update(extra)
    return row


def csv_bytes(rows, *, columns=COLUMNS, delimiter=",", bom=True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")




def xlsx_bytes(rows, *, columns=COLUMNS, exact_nip=None) -> bytes:
    """An XLSX; a NIP given as int/float is written as a number cell. `exact_nip` puts
    that integer, exactly, where a row's NIP is `EXACT` (as some export tools write it)."""
    wb = Workbook()
    ws = wb.active
    ws.append(columns)
    for row in rows:
        ws.append([row.get(c, "") for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue() if exact_nip is None else with_exact_integer(buf.getvalue(), exact_nip)


def dry_run(user, data: bytes, filename="pegawai.csv") -> ImportBatch:
    """Upload as `user`; the ImmediateBackend runs the dry run at once."""
    batch = services.batch_start(actor=user, upload=SimpleUploadedFile(filename, data))
    batch.refresh_from_db()
    return batch


def apply(batch, *, deactivate=False) -> ImportBatch:
    services.batch_confirm(actor=batch.created_by, batch=batch, deactivate_missing=deactivate)
    batch.refresh_from_db()
    return batch


def rows_by_number(batch):
    return {r.row_number: r for r in batch.rows.exclude(action="deactivate")}


def texts(row) -> list[str]:
    return [m["text"] for m in row.message_texts]


def siasn_xlsx_file(path, rows: list[dict]):
    """A SIASN-shaped workbook at `path` for a browser to upload: SIASN's columns plus
    NIP ATASAN, one row per dict (column name → value, missing ones empty)."""
    workbook = Workbook()
    sheet = workbook.active
    columns = SIASN_COLUMNS + ["NIP ATASAN"]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    workbook.save(path)
    return path
