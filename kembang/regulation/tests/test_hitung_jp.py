"""`kembang hitung_jp`: the interface other tools check us with (issue 3 §4)."""

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from kembang.common.tests.xlsx import EXACT, with_exact_integer
from kembang.policy.nip import format_nip

PNS = "196805011992021001"
PNS_PRINTED = "19680501 199202 1 001"
PPPK = "200012312024211001"
ROOT = Path(__file__).resolve().parents[3]


def run(path, *args):
    """(exit status, stdout, stderr) of the command run in-process."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("hitung_jp", str(path), *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def run_json(path, profile="langsa"):
    status, out, err = run(path, "--profil", profile)
    return status, (json.loads(out) if out.strip() else None), err


def write_csv(tmp_path, text, name="sesi.csv", bom=False, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path




def write_xlsx(tmp_path, rows, name="sesi.xlsx", exact=None):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue() if exact is None else with_exact_integer(buf.getvalue(), exact)
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- exit 0 ------------------------------------------------------------------------------


def test_all_valid_rows_exit_0_with_the_json_contract(tmp_path):
    path = write_csv(
        tmp_path,
        "nip,nama,jenis,tanggal,cakupan,durasi_menit\n"
        f"{PNS},Sutrisno,coaching,2025-01-31,,\n"
        f"{PNS},Sutrisno,coaching,2025-01-31,internasional,\n"
        f"{PNS},Sutrisno,coaching,2025-01-31,,\n"
        f"{PNS},Sutrisno,pembimbingan,2025-02-01,,\n"
        f"{PPPK},Siti,belajar mandiri,2025-12-31,internasional,200\n"
        f"{PPPK},Siti,Belajar_Mandiri,2026-01-01,,44\n",
    )
    status, data, err = run_json(path)
    assert (status, err) == (0, "")
    assert data["profile"] == "langsa"
    assert data["errors"] == []
    assert [(r["row"], r["jp"], r["counted"]) for r in data["rows"]] == [
        (2, "2", True),
        (3, "4", True),
        (4, "0", False),
        (5, "2", True),
        (6, "2.4", True),
        (7, "0", True),
    ]
    assert data["rows"][2] == {
        "row": 4,
        "nip": PNS,
        "activity": "coaching",
        "date": "2025-01-31",
        "scope": "nasional",
        "jp": "0",
        "counted": False,
        "reason_codes": ["monthly_cap_reached"],
        "reason": "Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini (sesi ke-3, maks. 2).",
    }
    assert data["rows"][4]["reason_codes"] == [
        "self_study_credited",
        "self_study_daily_cap",
        "international_uplift",
    ]
    assert data["rows"][5]["reason"] == "Kurang dari 1 JP (45 menit)."
    assert data["participants"] == [
        {
            "nip": PNS,
            "year": 2025,
            "jp": "8",
            "by_activity": {"coaching": "8"},
            "meets_target": False,
        },
        {
            "nip": PPPK,
            "year": 2025,
            "jp": "2.4",
            "by_activity": {"belajar_mandiri": "2.4"},
            "meets_target": False,
        },
        {
            "nip": PPPK,
            "year": 2026,
            "jp": "0",
            "by_activity": {"belajar_mandiri": "0"},
            "meets_target": False,
        },
    ]


def test_header_only_file_exits_0_with_empty_lists(tmp_path):
    status, data, _ = run_json(write_csv(tmp_path, "nip,jenis,tanggal\n"))
    assert status == 0
    assert data == {
        "profile": "langsa", "rows": [], "participants": [], "errors": [], "notes": []
    }


def test_semicolon_csv_with_bom_and_messy_headers(tmp_path):
    path = write_csv(
        tmp_path,
        " NIP ;NAMA;Jenis ; TANGGAL;Kolom Lain\r\n"
        f"{PNS_PRINTED};Sutrisno, S.H.;Mentoring;5/1/2025;abaikan\r\n"
        ";;;;\r\n"
        f"NIP. {PNS_PRINTED};Sutrisno;PENDAMPINGAN ; 06-01-2025 ;x\r\n",
        bom=True,
    )
    status, data, _ = run_json(path, "nganjuk")
    assert status == 0
    assert [(r["row"], r["nip"], r["activity"], r["date"], r["jp"]) for r in data["rows"]] == [
        (2, PNS, "mentoring", "2025-01-05", "2"),
        (4, PNS, "mentoring", "2025-01-06", "2"),
    ]


def test_twenty_jp_meets_the_target(tmp_path):
    lines = [f"{PNS},coaching,2025-{m:02d}-0{d}" for m in range(1, 6) for d in (1, 2)]
    status, data, _ = run_json(write_csv(tmp_path, "nip,jenis,tanggal\n" + "\n".join(lines)))
    assert status == 0
    assert data["participants"][0]["jp"] == "20"
    assert data["participants"][0]["meets_target"] is True


def test_nganjuk_accepts_internasional_with_the_same_jp(tmp_path):
    path = write_csv(
        tmp_path, f"nip,jenis,tanggal,cakupan\n{PNS},coaching,2025-03-03,internasional\n"
    )
    status, data, _ = run_json(path, "nganjuk")
    assert status == 0
    assert (data["rows"][0]["scope"], data["rows"][0]["jp"]) == ("internasional", "4")


def test_duplicates_are_separate_sessions_and_the_earlier_row_wins_a_tie(tmp_path):
    path = write_csv(
        tmp_path,
        "nip,jenis,tanggal,cakupan\n"
        f"{PNS},coaching,2025-03-03,\n"
        f"{PNS},coaching,2025-03-03,internasional\n"
        f"{PNS},coaching,2025-03-03,internasional\n",
    )
    _, data, _ = run_json(path)
    assert [(r["jp"], r["counted"]) for r in data["rows"]] == [
        ("2", True),
        ("4", True),
        ("0", False),
    ]


def test_durasi_menit_is_ignored_on_coaching_rows(tmp_path):
    path = write_csv(tmp_path, f"nip,jenis,tanggal,durasi_menit\n{PNS},coaching,2025-03-03,abc\n")
    status, data, _ = run_json(path)
    assert status == 0 and data["rows"][0]["jp"] == "2"


# --- XLSX ----------------------------------------------------------------------------------


def test_xlsx_with_date_cells_number_minutes_and_an_exact_integer_nip(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["nip", "nama", "jenis", "tanggal", "cakupan", "durasi_menit"],
            [EXACT, "Siti", "belajar mandiri", datetime(2025, 4, 7), None, 90.0],
            [PNS_PRINTED, "Sutrisno", "coaching", date(2025, 4, 8), "Nasional", None],
        ],
        exact=int(PPPK),
    )
    status, data, _ = run_json(path)
    assert status == 0, data["errors"]
    assert [(r["nip"], r["date"], r["jp"]) for r in data["rows"]] == [
        (PPPK, "2025-04-07", "2"),
        (PNS, "2025-04-08", "2"),
    ]


def test_xlsx_nip_stored_as_a_float_is_rejected_with_a_clear_message(tmp_path):
    path = write_xlsx(
        tmp_path,
        [["nip", "jenis", "tanggal"], [int(PNS), "coaching", date(2025, 4, 8)]],
    )
    status, data, _ = run_json(path)
    assert status == 1
    assert data["rows"] == []
    (error,) = data["errors"]
    assert (error["row"], error["column"]) == (2, "nip")
    assert "digit terakhirnya hilang" in error["message"]
    assert "Teks" in error["message"]


# --- exit 1 --------------------------------------------------------------------------------


def test_a_file_mixing_valid_and_invalid_rows_exits_1_and_computes_the_valid_ones(tmp_path):
    path = write_csv(
        tmp_path,
        "nip,nama,jenis,tanggal,cakupan,durasi_menit\n"
        f"{PNS},A,coaching,2025-05-05,,\n"  # 2 valid
        f"{PNS[:-1]},B,coaching,2025-05-06,,\n"  # 3 nip length
        f"{PNS},C,yoga,31/02/2025,regional,\n"  # 4 jenis, tanggal, cakupan
        f"{PNS},D,belajar mandiri,2025-05-07,,90.5\n"  # 5 durasi not whole
        f"{PNS},E,belajar mandiri,2025-05-07,,0\n"  # 6 durasi ≤ 0
        f"{PNS},F,belajar mandiri,2025-05-07,,\n"  # 7 durasi missing
        f"1.98501012010011E+17,G,mentoring,2025-05-07,,\n"  # 8 float nip
        f"{PNS},H,belajar mandiri,2025-05-08,,90.0\n"  # 9 valid
        f"196805011992023001,I,,,,\n",  # 10 sex digit, jenis and tanggal empty
    )
    status, data, _ = run_json(path)
    assert status == 1
    assert [r["row"] for r in data["rows"]] == [2, 9]
    assert [(e["row"], e["column"]) for e in data["errors"]] == [
        (3, "nip"),
        (4, "jenis"),
        (4, "tanggal"),
        (4, "cakupan"),
        (5, "durasi_menit"),
        (6, "durasi_menit"),
        (7, "durasi_menit"),
        (8, "nip"),
        (10, "nip"),
        (10, "jenis"),
        (10, "tanggal"),
    ]
    messages = {(e["row"], e["column"]): e["message"] for e in data["errors"]}
    assert messages[(3, "nip")] == "NIP harus 18 digit, bukan 17."
    assert messages[(10, "nip")] == "Digit jenis kelamin (digit ke-15) harus 1 atau 2, bukan 3."
    assert messages[(4, "tanggal")] == "Tanggal “31/02/2025” tidak ada di kalender."
    assert "90.5" in messages[(5, "durasi_menit")]
    assert data["participants"][0]["jp"] == "4"


def test_self_study_under_nganjuk_is_rejected(tmp_path):
    path = write_csv(
        tmp_path, f"nip,jenis,tanggal,durasi_menit\n{PNS},belajar mandiri,2025-03-03,90\n"
    )
    status, data, _ = run_json(path, "nganjuk")
    assert status == 1
    assert data["errors"] == [
        {"row": 2, "column": "jenis", "message": "Profil nganjuk tidak mengatur Belajar Mandiri."}
    ]


def test_without_a_durasi_menit_column_self_study_rows_are_rejected_and_others_computed(tmp_path):
    path = write_csv(
        tmp_path,
        f"nip,jenis,tanggal\n{PNS},belajar mandiri,2025-03-03\n{PNS},coaching,2025-03-03\n",
    )
    status, data, _ = run_json(path)
    assert status == 1
    assert [r["row"] for r in data["rows"]] == [3]
    assert data["errors"][0]["column"] == "durasi_menit"
    assert "Kolom durasi_menit tidak ada" in data["errors"][0]["message"]


def test_a_file_whose_rows_are_all_rejected_exits_1(tmp_path):
    status, data, _ = run_json(write_csv(tmp_path, "nip,jenis,tanggal\n123,coaching,2025-01-01\n"))
    assert status == 1
    assert data["rows"] == [] and data["participants"] == []
    assert len(data["errors"]) == 1


# --- exit 2 --------------------------------------------------------------------------------


def test_a_missing_required_column_exits_2_with_a_message_on_stderr(tmp_path):
    status, out, err = run(
        write_csv(tmp_path, f"nip,jenis\n{PNS},coaching\n"), "--profil", "langsa"
    )
    assert (status, out) == (2, "")
    assert "Kolom wajib tidak ada: tanggal" in err


def test_an_unknown_profile_exits_2(tmp_path):
    status, out, err = run(write_csv(tmp_path, "nip,jenis,tanggal\n"), "--profil", "jakarta")
    assert (status, out) == (2, "")
    assert "Profil tidak dikenal: jakarta" in err


@pytest.mark.parametrize(
    "name,content",
    [
        ("sesi.txt", b"nip,jenis,tanggal\n"),
        ("sesi.xlsx", b"nip,jenis,tanggal\n"),
        ("sesi.csv", "nip,jenis,tanggal\nÀ,coaching,2025-01-01\n".encode("latin-1")),
        ("sesi.csv", b""),
    ],
)
def test_an_unreadable_file_exits_2(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    status, out, err = run(path, "--profil", "langsa")
    assert (status, out) == (2, "")
    assert err.strip()


def test_a_missing_file_exits_2(tmp_path):
    status, _, err = run(tmp_path / "tidak-ada.csv", "--profil", "langsa")
    assert status == 2 and "tidak dapat dibuka" in err


def test_xlsx_output_without_a_path_exits_2(tmp_path):
    status, _, err = run(
        write_csv(tmp_path, "nip,jenis,tanggal\n"), "--profil", "langsa", "--format", "xlsx"
    )
    assert status == 2 and "--output" in err


# --- outputs -------------------------------------------------------------------------------

MIXED = (
    "nip,nama,jenis,tanggal,cakupan,durasi_menit\n"
    f"{PNS},Sutrisno,coaching,2025-01-31,internasional,\n"
    f"{PPPK},Siti,belajar mandiri,2025-01-31,internasional,90\n"
    "123,X,coaching,2025-01-31,,\n"
)


def test_json_output_to_a_file(tmp_path):
    target = tmp_path / "hasil.json"
    status, out, err = run(
        write_csv(tmp_path, MIXED), "--profil", "langsa", "--output", str(target)
    )
    assert status == 1 and out == ""
    assert "1 masalah" in err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["rows"]) == 2


def test_csv_output_carries_rows_totals_and_rejections(tmp_path):
    status, out, _ = run(write_csv(tmp_path, MIXED), "--profil", "langsa", "--format", "csv")
    assert status == 1
    lines = list(csv.reader(io.StringIO(out)))
    assert lines[0][:8] == [
        "baris",
        "nip",
        "nama",
        "jenis",
        "tanggal",
        "cakupan",
        "durasi_menit",
        "jp",
    ]
    assert lines[1][:9] == [
        "2",
        PNS_PRINTED,
        "Sutrisno",
        "coaching",
        "2025-01-31",
        "internasional",
        "",
        "4",
        "ya",
    ]
    assert lines[2][7] == "2.4"
    assert lines[3] == []
    assert lines[4] == ["Rekap per NIP dan tahun"]
    assert lines[5] == [
        "nip",
        "nama",
        "tahun",
        "jp",
        "coaching",
        "mentoring",
        "belajar_mandiri",
        "memenuhi_target",
    ]
    assert lines[6] == [PNS_PRINTED, "Sutrisno", "2025", "4", "4", "0", "0", "tidak"]
    assert lines[7] == [format_nip(PPPK), "Siti", "2025", "2.4", "0", "0", "2.4", "tidak"]
    assert lines[8] == []
    assert lines[9] == ["Baris ditolak"]
    assert lines[10] == ["baris", "kolom", "pesan"]
    assert lines[11][:2] == ["4", "nip"]


def test_csv_output_file_has_a_bom_and_reads_back_as_input(tmp_path):
    target = tmp_path / "hasil.csv"
    run(
        write_csv(tmp_path, MIXED), "--profil", "langsa", "--format", "csv", "--output", str(target)
    )
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_output_has_number_cells_and_date_cells(tmp_path):
    target = tmp_path / "hasil.xlsx"
    status, _, _ = run(
        write_csv(tmp_path, MIXED),
        "--profil",
        "langsa",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    assert status == 1
    wb = load_workbook(target)
    assert wb.sheetnames == ["Baris", "Rekap", "Ditolak", "Catatan"]
    rows = wb["Baris"]
    assert rows["A2"].value == 2
    assert rows["B2"].value == PNS_PRINTED
    assert rows["E2"].value == datetime(2025, 1, 31) and rows["E2"].number_format == "DD/MM/YYYY"
    assert rows["H2"].value == 4 and rows["H3"].value == 2.4
    assert wb["Rekap"]["D2"].value == 4
    assert wb["Ditolak"]["B2"].value == "nip"


# --- the real process ----------------------------------------------------------------------


def test_manage_py_exit_status_and_stdout_carrying_only_json(tmp_path):
    path = write_csv(tmp_path, MIXED)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "hitung_jp", str(path), "--profil", "langsa"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["profile"] == "langsa"

    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "hitung_jp", str(path), "--profil", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == "" and "Profil tidak dikenal" in proc.stderr
