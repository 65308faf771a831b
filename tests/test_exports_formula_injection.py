"""Every CSV and XLSX Kembang produces, walked with names a spreadsheet would run.

Producers (all through `kembang.common.files`): `hitung_jp` CSV and XLSX (CLI to stdout
and to a file, and the web downloads), the activation codes CSV, the employee export CSV
and XLSX, and the empty import template. With names ``=HYPERLINK("http://x")``, ``+1``,
``-2`` and ``@SUM(1)``, no XLSX may hold a formula cell and no CSV cell may start with
= + - @ tab or CR unless it is a number Kembang wrote as a number.
"""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from kembang.organisation.tests.factories import EmployeeFactory, UnitFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)"]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
NIPS = ["196805011992021001", "198501012010011002", "200012312024211001", "197001011995031003"]


def check_csv(body: bytes, delimiter: str) -> list[str]:
    """All cells of a CSV, after checking none could run as a formula."""
    cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig")),
                                        delimiter=delimiter) for cell in row]
    for cell in cells:
        assert cell not in HOSTILE, f"unescaped {cell!r}"
        assert not cell.startswith(DANGEROUS_START) or NUMBER.match(cell), f"unescaped {cell!r}"
    return cells


def check_xlsx(body: bytes) -> list:
    """All cells of a workbook, after checking none is a formula (in openpyxl's reading
    and in the XML itself) and every hostile name is a string cell."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), name
    workbook = load_workbook(io.BytesIO(body))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for cell in cells:
        if cell.value in HOSTILE:
            assert cell.data_type == "s", cell.coordinate
    return cells


def hostile_sessions_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["nip", "nama", "jenis", "tanggal", "cakupan", "durasi_menit"])
    for nip, name in zip(NIPS, HOSTILE, strict=True):
        writer.writerow([nip, name, "coaching", "2025-01-06", "", ""])
    writer.writerow(["123", "=1+1", "=HYPERLINK(\"http://x\")", "2025-01-06", "", ""])
    return out.getvalue()


def assert_names_escaped_in_csv(cells: list[str]) -> None:
    for name in HOSTILE:
        assert "'" + name in cells, name


def assert_names_kept_in_xlsx(cells: list) -> None:
    values = {c.value for c in cells}
    assert set(HOSTILE) <= values


def test_hitung_jp_cli_outputs(tmp_path):
    source = tmp_path / "sesi.csv"
    source.write_text(hostile_sessions_csv(), encoding="utf-8")

    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("hitung_jp", str(source), "--profil", "langsa", "--format", "csv",
                     stdout=out, stderr=io.StringIO())
    assert_names_escaped_in_csv(check_csv(out.getvalue().encode(), ","))

    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"hasil.{fmt}"
        with pytest.raises(SystemExit):
            call_command("hitung_jp", str(source), "--profil", "langsa", "--format", fmt,
                         "--output", str(target), stderr=io.StringIO())
        if fmt == "csv":
            assert_names_escaped_in_csv(check_csv(target.read_bytes(), ","))
        else:
            cells = check_xlsx(target.read_bytes())
            assert_names_kept_in_xlsx(cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hitung_jp_web_downloads(client_for, hr_officer_a, fmt):
    upload = SimpleUploadedFile("sesi.csv", hostile_sessions_csv().encode())
    response = client_for(hr_officer_a).post(
        reverse("regulation:calculate"), {"berkas": upload, "profil": "langsa", "format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        assert_names_escaped_in_csv(check_csv(response.content, ","))
    else:
        assert_names_kept_in_xlsx(check_xlsx(response.content))


def hostile_employees(unit):
    hostile_unit = UnitFactory(regency=unit.regency, name='=HYPERLINK("http://x")', parent=unit)
    for name in HOSTILE:
        EmployeeFactory(unit=hostile_unit, name=name)


def test_activation_codes_csv(client_for, hr_officer_a, sub_unit_a):
    hostile_employees(sub_unit_a)
    response = client_for(hr_officer_a).post(reverse("organisation:unit_activation_codes"),
                                             {"format": "csv"})
    assert response.status_code == 200
    assert_names_escaped_in_csv(check_csv(response.content, ";"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_employee_export(client_for, hr_admin, sub_unit_a, fmt):
    hostile_employees(sub_unit_a)
    response = client_for(hr_admin).get(reverse("imports:export"), {"format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        assert_names_escaped_in_csv(check_csv(response.content, ";"))
    else:
        assert_names_kept_in_xlsx(check_xlsx(response.content))


def test_import_template(client_for, hr_admin):
    response = client_for(hr_admin).get(reverse("imports:template"))
    assert response.status_code == 200
    check_xlsx(response.content)


def test_only_kembang_common_files_writes_csv_or_xlsx():
    """A new producer must go through `kembang.common.files`, or this walk misses it."""
    package = Path(__file__).resolve().parents[1] / "kembang"
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\bWorkbook\(|WriteOnlyCell\(")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and path != package / "common" / "files.py"
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
