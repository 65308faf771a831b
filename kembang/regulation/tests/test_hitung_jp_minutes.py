"""`durasi_menit` in *Hitung JP* (CLI and web): a whole number from 1 to 1440, or a row error.

A value such as ``1E+300000`` once cost seconds of CPU and ended in a traceback (CLI) or
a 500 (web); ``100000`` minutes was accepted although a session form refuses more than a
day. Every such value must now be a row error in Indonesian, at once, with exit status 1.
"""

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

PNS = "196805011992021001"
CALCULATE = "/profil/hitung/"
ROOT = Path(__file__).resolve().parents[3]
TOO_LONG = "Durasi satu hari tidak boleh lebih dari 1.440 menit."
NOT_WHOLE = "Durasi harus bilangan bulat menit, bukan 90.5."


def minutes_csv(*values: str) -> str:
    lines = ["nip,nama,jenis,tanggal,durasi_menit"]
    lines += [f"{PNS},Siti,belajar mandiri,2025-03-0{i + 1},{v}" for i, v in enumerate(values)]
    return "\n".join(lines) + "\n"


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("hitung_jp", str(path), "--profil", "langsa", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "value,message",
    [
        ("1E+300000", TOO_LONG),
        ("1E+5000", TOO_LONG),
        ("100000", TOO_LONG),
        ("1441", TOO_LONG),
        ("-1E+300000", "Durasi harus lebih dari 0 menit."),
        ("0", "Durasi harus lebih dari 0 menit."),
        ("90.5", NOT_WHOLE),
        ("1E-300000", "Durasi harus bilangan bulat menit, bukan 1E-300000."),
        ("Infinity", "Durasi “Infinity” bukan angka."),
    ],
)
def test_minutes_outside_one_to_1440_are_a_row_error(tmp_path, value, message):
    path = tmp_path / "sesi.csv"
    path.write_text(minutes_csv("90", value), encoding="utf-8")
    started = time.process_time()
    status, out, err = run(path)
    assert time.process_time() - started < 1
    data = json.loads(out)
    assert status == 1
    assert data["errors"] == [{"row": 3, "column": "durasi_menit", "message": message}]
    assert [r["row"] for r in data["rows"]] == [2]  # the other rows are still computed


@pytest.mark.parametrize("value", ["1", "90", "90.0", "1440", "1440.000"])
def test_whole_minutes_up_to_a_day_are_accepted(tmp_path, value):
    path = tmp_path / "sesi.csv"
    path.write_text(minutes_csv(value), encoding="utf-8")
    status, out, _ = run(path)
    assert status == 0 and not json.loads(out)["errors"]


def test_an_xlsx_number_cell_of_a_huge_value_is_a_row_error(tmp_path):
    workbook = Workbook()
    workbook.active.append(["nip", "jenis", "tanggal", "durasi_menit"])
    workbook.active.append([PNS, "belajar mandiri", "2025-03-01", 1e300])
    workbook.active.append([PNS, "belajar mandiri", "2025-03-02", 100000])
    workbook.active.append([PNS, "belajar mandiri", "2025-03-03", "1E+300000"])
    workbook.active.append([PNS, "belajar mandiri", "2025-03-04", 90.0])
    path = tmp_path / "sesi.xlsx"
    workbook.save(path)
    status, out, _ = run(path)
    data = json.loads(out)
    assert status == 1
    assert [(e["row"], e["message"]) for e in data["errors"]] == [
        (2, TOO_LONG), (3, TOO_LONG), (4, TOO_LONG)]
    assert [r["row"] for r in data["rows"]] == [5]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_csv_and_xlsx_outputs_carry_the_row_error(tmp_path, fmt):
    path = tmp_path / "sesi.csv"
    path.write_text(minutes_csv("1E+300000"), encoding="utf-8")
    target = tmp_path / f"hasil.{fmt}"
    status, _, err = run(path, "--format", fmt, "--output", str(target))
    assert status == 1 and "1 masalah" in err
    assert target.stat().st_size > 0


def test_the_real_command_prints_no_traceback(tmp_path):
    path = tmp_path / "sesi.csv"
    path.write_text(minutes_csv("1E+300000", "1E+5000", "100000"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "hitung_jp", str(path), "--profil", "langsa"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert [e["row"] for e in json.loads(proc.stdout)["errors"]] == [2, 3, 4]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["", "json", "csv", "xlsx"])
def test_the_web_page_shows_the_row_error_instead_of_a_500(client_for, hr_officer_a, fmt):
    upload = SimpleUploadedFile(
        "sesi.csv", minutes_csv("1E+300000", "1E+5000", "100000", "90").encode())
    started = time.process_time()
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload, "profil": "langsa", "format": fmt})
    assert time.process_time() - started < 2
    assert response.status_code == 200
    if fmt == "":
        result = response.context["result"]
        assert [(e["row"], e["message"]) for e in result["errors"]] == [
            (2, TOO_LONG), (3, TOO_LONG), (4, TOO_LONG)]
        assert [r["row"] for r in result["rows"]] == [5]
        assert TOO_LONG in response.content.decode()
    elif fmt == "json":
        assert [e["row"] for e in json.loads(response.content)["errors"]] == [2, 3, 4]


def _minutes_per_jp_error(value):
    from kembang.policy.builtin import LANGSA
    from kembang.regulation.forms import ProfileVersionForm

    blank = ProfileVersionForm(base=LANGSA)
    data = {name: "" if blank[name].value() is None else str(blank[name].value())
            for name in blank.fields}
    data.update(effective_month="2027-01", reason="Perbup 2027", minutes_per_jp=value)
    form = ProfileVersionForm(data, base=LANGSA)
    form.is_valid()
    return form.errors.get("minutes_per_jp")


@pytest.mark.parametrize("value", ["45", "60", "1440"])
def test_minutes_per_jp_of_a_new_version_up_to_a_day_is_accepted(value):
    assert _minutes_per_jp_error(value) is None


@pytest.mark.parametrize("value", ["0", "1441", "100000", "90.5", "1E+300000"])
def test_minutes_per_jp_outside_one_to_1440_is_refused(value):
    assert _minutes_per_jp_error(value)
