"""`kembang hitung_jp` and who may take part (issue 10 item 9,
docs/hitung_jp.md#who-may-take-part): a PPPK NIP under a profile for PNS only is refused on
its row; that talent-pool membership was not checked is said in the notes of every output —
JSON, CSV, XLSX and the web page."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from kembang.common.spreadsheet import read_table
from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.regulation.jp_file import compute_file

PNS = "196805011992021001"
PPPK = "200012312024211001"
CALCULATE = "/profil/hitung/"

BT_CLAUSE = "Pasal 1 angka 15 dan angka 18"
PPPK_REFUSAL = (
    "NIP PPPK ditolak: peserta menurut profil belitung-timur adalah PNS bertalenta "
    "(manajemen talenta) saja (Belitung Timur — Pembimbingan dan Pendampingan PNS "
    f"Bertalenta, {BT_CLAUSE})."
)
TALENT_NOTE = (
    "Keanggotaan manajemen talenta (talent pool) tidak terlihat dari berkas dan tidak "
    "diperiksa: peserta menurut profil belitung-timur adalah PNS bertalenta (manajemen "
    "talenta) saja (Belitung Timur — Pembimbingan dan Pendampingan PNS Bertalenta, "
    f"{BT_CLAUSE}); setiap baris PNS dihitung."
)

MIXED = (
    "nip,nama,jenis,tanggal\n"
    f"{PNS},Sutrisno,pembimbingan,2025-01-06\n"
    f"{PPPK},Siti,pendampingan,2025-01-07\n"
    f"{PNS},Sutrisno,pendampingan,2025-01-08\n"
)
PNS_ONLY = "nip,nama,jenis,tanggal\n" f"{PNS},Sutrisno,pembimbingan,2025-01-06\n"


def run(tmp_path, text, *args, profile="belitung-timur"):
    """(exit status, stdout, stderr) of the command on `text` as a CSV file."""
    path = tmp_path / "sesi.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("hitung_jp", str(path), "--profil", profile, *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


# --- the policy of the file: which profiles refuse PPPK, which carry the note -------------


def test_only_belitung_timur_admits_pns_only_and_has_the_talent_pool_note(tmp_path):
    path = tmp_path / "sesi.csv"
    path.write_text(MIXED, encoding="utf-8")
    table = read_table(path)
    outcomes = {}
    for profile_id, profile in BUILTIN_PROFILES.items():
        result = compute_file(table, profile)
        outcomes[profile_id] = (
            [(e["row"], e["column"]) for e in result.errors], len(result.notes)
        )
    assert outcomes == {
        "belitung-timur": ([(3, "nip")], 1),
        "langsa": ([], 0),
        "nganjuk": ([], 0),
    }


# --- JSON and the exit status -------------------------------------------------------------


def test_a_pppk_row_under_belitung_timur_is_refused_with_the_clause_and_exits_1(tmp_path):
    status, out, err = run(tmp_path, MIXED)
    assert (status, err) == (1, "")
    data = json.loads(out)
    assert list(data) == ["profile", "rows", "participants", "errors", "notes"]
    assert data["errors"] == [{"row": 3, "column": "nip", "message": PPPK_REFUSAL}]
    assert [(r["row"], r["nip"], r["jp"]) for r in data["rows"]] == [(2, PNS, "2"), (4, PNS, "2")]
    assert [p["nip"] for p in data["participants"]] == [PNS]
    assert data["notes"] == [TALENT_NOTE]


def test_pns_rows_only_under_belitung_timur_exit_0_with_the_note(tmp_path):
    status, out, err = run(tmp_path, PNS_ONLY)
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["errors"] == [] and data["notes"] == [TALENT_NOTE]


def test_a_pppk_row_with_another_bad_value_gets_both_errors(tmp_path):
    status, out, _ = run(tmp_path, "nip,jenis,tanggal\n" f"{PPPK},kursus,2025-01-07\n")
    assert status == 1
    errors = json.loads(out)["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "nip"), (2, "jenis")]
    assert errors[0]["message"] == PPPK_REFUSAL


def test_a_malformed_pppk_nip_keeps_its_structure_message_only(tmp_path):
    bad = PPPK[:13] + "0" + PPPK[14:]  # batch digit 0
    status, out, _ = run(tmp_path, "nip,jenis,tanggal\n" f"{bad},coaching,2025-01-07\n")
    assert status == 1
    errors = json.loads(out)["errors"]
    assert len(errors) == 1 and "angkatan PPPK" in errors[0]["message"]


@pytest.mark.parametrize("profile", ["langsa", "nganjuk"])
def test_pppk_rows_are_computed_and_there_are_no_notes_under_profiles_for_all_asn(
    tmp_path, profile
):
    status, out, _ = run(tmp_path, MIXED, profile=profile)
    assert status == 0
    data = json.loads(out)
    assert data["errors"] == [] and data["notes"] == []
    assert [r["row"] for r in data["rows"]] == [2, 3, 4]


# --- CSV ----------------------------------------------------------------------------------


def test_the_csv_ends_with_a_catatan_section(tmp_path):
    status, out, _ = run(tmp_path, MIXED, "--format", "csv")
    assert status == 1
    lines = list(csv.reader(io.StringIO(out)))
    rejected = lines.index(["Baris ditolak"])
    assert lines[rejected + 1 : rejected + 3] == [
        ["baris", "kolom", "pesan"],
        ["3", "nip", PPPK_REFUSAL],
    ]
    assert lines[rejected + 3 :] == [[], ["Catatan"], ["catatan"], [TALENT_NOTE]]


def test_the_csv_has_an_empty_catatan_section_without_notes(tmp_path):
    status, out, _ = run(tmp_path, MIXED, "--format", "csv", profile="nganjuk")
    assert status == 0
    lines = list(csv.reader(io.StringIO(out)))
    assert lines[-4:] == [["baris", "kolom", "pesan"], [], ["Catatan"], ["catatan"]]


# --- XLSX ---------------------------------------------------------------------------------


def test_the_xlsx_has_a_catatan_sheet(tmp_path):
    target = tmp_path / "hasil.xlsx"
    status, out, err = run(tmp_path, MIXED, "--format", "xlsx", "--output", str(target))
    assert status == 1 and out == ""
    assert "1 masalah" in err
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Baris", "Rekap", "Ditolak", "Catatan"]
    notes = workbook["Catatan"]
    assert list(notes.iter_rows(values_only=True)) == [("catatan",), (TALENT_NOTE,)]
    assert notes["A1"].font.bold and notes.freeze_panes == "A2"
    assert list(workbook["Ditolak"].iter_rows(min_row=2, values_only=True)) == [
        (3, "nip", PPPK_REFUSAL)
    ]


# --- the web page ---------------------------------------------------------------------------


def upload(text):
    return SimpleUploadedFile("sesi.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.mark.django_db
def test_the_page_shows_the_notes_and_the_pppk_refusal(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(MIXED), "profil": "belitung-timur"}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result["notes"] == [TALENT_NOTE]
    assert [(e["row"], e["column"], e["message"]) for e in result["errors"]] == [
        (3, "nip", PPPK_REFUSAL)
    ]
    page = response.content.decode()
    assert 'id="notes"' in page and "tidak terlihat dari berkas dan tidak diperiksa" in page
    assert "<td>3</td><td><code>nip</code></td>" in page and "NIP PPPK ditolak" in page


@pytest.mark.django_db
def test_the_page_shows_no_notes_under_nganjuk(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(MIXED), "profil": "nganjuk"}
    )
    assert response.context["result"]["notes"] == []
    assert 'id="notes"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_the_downloads_carry_the_notes_as_the_cli_does(client_for, hr_officer_a, tmp_path, fmt):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(MIXED), "profil": "belitung-timur", "format": fmt}
    )
    assert response.status_code == 200
    if fmt == "json":
        assert json.loads(response.content)["notes"] == [TALENT_NOTE]
        assert json.loads(response.content) == json.loads(run(tmp_path, MIXED)[1])
    elif fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert lines[-3:] == [["Catatan"], ["catatan"], [TALENT_NOTE]]
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook["Catatan"]["A2"].value == TALENT_NOTE
