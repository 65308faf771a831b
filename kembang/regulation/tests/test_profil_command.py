import io
import json

import pytest
from django.core.management import call_command

from kembang.policy.builtin import NGANJUK
from kembang.policy.profile_data import profile_from_dict
from kembang.regulation.profile_table import profile_rule_rows


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("profil", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def test_profil_prints_every_profile_with_clauses():
    status, out, _ = run("--lebar", "300")
    assert status == 0
    for expected in ("[belitung-timur]", "[langsa]", "[nganjuk]", "Aturan", "Nilai", "Dasar"):
        assert expected in out
    assert "Diktum KEEMPAT" in out
    assert "huruf J (Pelaporan)" in out


def test_profil_for_one_profile():
    status, out, _ = run("--profil", "nganjuk")
    assert status == 0
    assert "[nganjuk]" in out and "[langsa]" not in out
    assert "setelah setiap sesi" in out


def test_profil_unknown_id_exits_2():
    status, out, err = run("--profil", "jakarta")
    assert status == 2 and out == ""
    assert "Profil tidak dikenal" in err


def test_profil_json_is_the_stored_form():
    status, out, _ = run("--profil", "nganjuk", "--json")
    assert status == 0
    assert profile_from_dict(json.loads(out)) == NGANJUK


@pytest.mark.parametrize(
    "label,value",
    [
        ("Pembimbingan/Coaching: JP per sesi, nasional", "4 JP"),
        ("Pendampingan/Mentoring: JP per sesi, nasional", "2 JP"),
        ("Pembimbingan/Coaching: dihitung paling banyak", "2 sesi sebulan"),
        ("Peserta", "seluruh ASN (PNS dan PPPK)"),
        ("Pelaporan", "paling lambat 1 bulan setelah kegiatan selesai"),
        ("Target setahun", "≥ 20 JP"),
    ],
)
def test_rule_rows_read_like_the_regulation(label, value):
    rows = {row[0]: row[1] for row in profile_rule_rows(NGANJUK)}
    assert rows[label] == value
