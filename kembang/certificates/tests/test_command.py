"""`kembang sertifikat` (docs/sertifikat.md) on the demo's learning activity, and the
SIASN export and IP ASN worksheet that follow from the certificates."""

import csv
import io
import json
import zipfile
from decimal import ROUND_FLOOR

import pypdfium2
import pytest
import zxingcpp
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from kembang.certificates import exports
from kembang.common.tests.clock import TODAY, this_month
from kembang.learning.demo import learning_demo
from kembang.recap.figures import year_recap

# The demo's completed program has its sessions two months back (kembang/certificates/demo.py):
# on 1 January they belong to the year just ended.
YEAR = this_month(-2).year


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("sertifikat", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo(people_for):
    p = people_for("nganjuk")
    assert learning_demo(regency=p.regency, head_user=p.head_user, coach_user=p.coach_user,
                         participant_user=p.participant_user, hr_user=p.hr_user)
    return p


def test_the_demo_zip_holds_checkable_certificates_and_a_second_run_issues_none(demo, tmp_path):
    target = tmp_path / "s.zip"
    code, out, err = _run("--regency", demo.regency.slug, "--tahun", str(YEAR),
                          "--output", str(target))
    assert code == 0, err
    result = json.loads(out)
    assert result["issued"] >= 1 and result["written"] == result["issued"]
    archive = zipfile.ZipFile(target)
    listing = archive.read("daftar.csv").decode("utf-8")
    assert listing.startswith("\ufeffnomor;nip;nama;kegiatan;mulai;selesai;jp;url;berkas")
    rows = list(csv.DictReader(io.StringIO(listing.lstrip("\ufeff")), delimiter=";"))
    assert [r["berkas"] for r in rows] == sorted(n for n in archive.namelist()
                                                 if n.endswith(".pdf"))
    for row in rows:
        data = archive.read(row["berkas"])
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert demo.participant.full_name in text and row["nip"][:8] in text
        assert row["kegiatan"] == "mentoring" and row["jp"] not in ("", "0")
        assert f"{row['jp']} JP" in text
        image = pypdfium2.PdfDocument(data)[0].render(scale=3).to_pil()
        [url] = [r.text for r in zxingcpp.read_barcodes(image)]
        assert url == row["url"]
        assert Client().get("/" + url.split("://", 1)[1].split("/", 1)[1]).status_code == 200
    first = {n: archive.read(n) for n in archive.namelist()}
    code, out, _err = _run("--regency", demo.regency.slug, "--tahun", str(YEAR),
                           "--output", str(target))
    assert code == 0 and json.loads(out) == {"issued": 0, "written": result["written"]}
    again = zipfile.ZipFile(target)
    assert again.read("daftar.csv") == first["daftar.csv"]


@pytest.mark.parametrize("args", [
    ["--regency", "tidak-ada", "--tahun", "2026"],
    ["--tahun", "1999"], ["--tahun", str(TODAY.year + 1)], ["--unit", "987654"],
])
def test_bad_arguments_exit_2_and_write_nothing(demo, tmp_path, args):
    target = tmp_path / "s.zip"
    base = {"--regency": demo.regency.slug, "--tahun": str(YEAR)}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    code, out, err = _run(*[x for kv in base.items() for x in kv], "--output", str(target))
    assert code == 2 and out == "" and err and not target.exists()


def test_output_must_be_a_writable_zip_and_a_signatory_configured(people_for, tmp_path):
    p = people_for("nganjuk")
    code, _out, err = _run("--regency", p.regency.slug, "--tahun", str(YEAR),
                           "--output", str(tmp_path / "s.zip"))
    assert code == 2 and "enandatangan" in err and not (tmp_path / "s.zip").exists()
    for bad in (tmp_path / "s.txt", tmp_path / "missing" / "s.zip"):
        assert _run("--regency", p.regency.slug, "--tahun", str(YEAR),
                    "--output", str(bad))[0] == 2


def test_nothing_due_still_writes_the_header(people_for, tmp_path):
    from kembang.certificates.tests.helpers import signatory

    p = people_for("nganjuk")
    signatory(p.regency)
    code, out, _err = _run("--regency", p.regency.slug, "--tahun", str(YEAR),
                           "--output", str(tmp_path / "s.zip"))
    assert code == 0 and json.loads(out) == {"issued": 0, "written": 0}
    assert zipfile.ZipFile(tmp_path / "s.zip").namelist() == ["daftar.csv"]


@pytest.mark.parametrize("profile_id", ["nganjuk", "langsa", "belitung-timur"])
def test_the_siasn_export_of_each_demo_regency_passes_its_checks(people_for, tmp_path,
                                                                 profile_id):
    p = people_for(profile_id)
    learning_demo(regency=p.regency, head_user=p.head_user, coach_user=p.coach_user,
                  participant_user=p.participant_user, hr_user=p.hr_user)
    if profile_id == "nganjuk":
        assert _run("--regency", p.regency.slug, "--tahun", str(YEAR),
                    "--output", str(tmp_path / "s.zip"))[0] == 0
    rows = exports.siasn_rows(p.regency, YEAR)
    assert exports.siasn_problems(rows) == []
    from kembang.certificates.models import Certificate

    for row, certificate in zip(rows, Certificate.objects.filter(regency=p.regency)
                                .order_by("number"), strict=True):
        assert row[0] == certificate.nip and row[1] == "15"
        assert row[5] == int(certificate.jp.to_integral_value(rounding=ROUND_FLOOR))
        assert row[6] == certificate.first_date.strftime("%d-%m-%Y")
    if profile_id == "nganjuk":
        assert rows
    assert exports.siasn_csv(rows).decode("utf-8-sig").startswith("nip;jenisDiklatId")


def test_siasn_checks_list_every_problem():
    rows = [["123", "14", "", "Coaching", "X", 4, "", "01-01-2026", 2026, "A"],
            ["198501012010011001", "14", "", "Coaching", "X", 4, "01-01-2026", "01-01-2026",
             2026, "A"]]
    problems = exports.siasn_problems(rows)
    assert len(problems) == 3


def test_the_ipasn_worksheet_agrees_with_rekap_per_person(demo):
    p = demo
    recap = {r.employee.nip: r for r in year_recap(p.regency, YEAR).people}
    rows = exports.ipasn_worksheet(p.regency, YEAR)
    assert any(row.total > 0 for row in rows)
    for row in rows:
        assert row.total == recap[row.nip].official
        assert row.meets_target == recap[row.nip].meets_target
        assert row.components["leadership"] == "tidak_diketahui"
    assert exports.ipasn_csv(rows, YEAR).decode("utf-8-sig").startswith("nip;nama")
