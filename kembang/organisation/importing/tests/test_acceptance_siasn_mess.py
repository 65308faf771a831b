"""Issue 10's acceptance: a 2,000-row SIASN-shaped XLSX with every kind of mess. Exactly
the rows wrong in themselves are rejected; a row whose NIP ATASAN is unknown or sits on a
rejected row goes in with a warning and no supervisor; a loop of supervisors is a warning;
nothing cascades."""

import io
import re

import pytest
from openpyxl import Workbook

from kembang.organisation.importing.tests.helpers import COLUMNS, apply, dry_run, siasn_row
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import make_nip

pytestmark = pytest.mark.django_db

TOTAL = 2000
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _spaced(nip):
    return f" {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]} "


class File:
    """Rows appended with what the test expects of each: rejected, warned, or fine."""

    def __init__(self):
        self.rows, self.rejected, self.warned, self.nip_of = [], set(), set(), {}
        self.formulas = set()

    def add(self, nip_cell, name, *, nip=None, expect=None, **fields):
        number = len(self.rows) + 2  # row 1 is the header
        self.rows.append(siasn_row(nip_cell, name, unor="Bidang Guru", **fields))
        if expect == "reject":
            self.rejected.add(number)
        elif expect == "warn":
            self.warned.add(number)
        if nip:
            self.nip_of[number] = nip
        return number

    def xlsx(self) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(COLUMNS)
        for number, row in enumerate(self.rows, start=2):
            sheet.append([row.get(c, "") for c in COLUMNS])
            if number in self.formulas:  # a real formula, no cached value (as openpyxl saves)
                sheet.cell(row=number, column=1).value = f"=UPPER(C{number})"
        buf = io.BytesIO()
        workbook.save(buf)
        return buf.getvalue()


def _messy_file():
    f = File()
    head = make_nip()
    f.add(head, "Kepala Bidang", nip=head, gol="IV/b")
    for _ in range(20):  # NIP as a number cell: digits lost
        f.add(float(make_nip()), "Angka", expect="reject")
    for _ in range(20):  # 17 digits
        f.add(make_nip()[:-1], "Kurang Digit", expect="reject")
    for _ in range(20):  # born in month 13
        nip = make_nip()
        f.add(nip[:4] + "13" + nip[6:], "Bulan Mustahil", expect="reject")
    for _ in range(20):  # printed with spaces
        nip = make_nip()
        f.add(_spaced(nip), "Berspasi", nip=nip, atasan=head)
    for _ in range(20):  # full-width digits
        nip = make_nip()
        f.add(nip.translate(FULL_WIDTH), "Lebar Penuh", nip=nip, atasan=head)
    for _ in range(30):  # "III.A"
        nip = make_nip()
        f.add(nip, "Golongan Titik", nip=nip, gol="III.A", atasan=head)
    for _ in range(30):  # upper case with extra spaces
        nip = make_nip()
        f.add(nip, "  BUDI   SANTOSO  ", nip=nip, atasan=head)
    for _ in range(20):  # a Cyrillic А
        nip = make_nip()
        f.add(nip, "\u0410hmad Fauzi", nip=nip, atasan=head)
    formula_nips = []
    for _ in range(10):  # NAMA is a formula with no value
        nip = make_nip()
        f.formulas.add(f.add(nip, "x", nip=nip, expect="reject"))
        formula_nips.append(nip)
    twice = []
    for _ in range(20):  # duplicates: the later copy is rejected
        nip = make_nip()
        f.add(nip, "Asli", nip=nip, atasan=head)
        twice.append(nip)
    for nip in twice:
        f.add(nip, "Salinan", expect="reject")
    own = []
    for _ in range(10):  # own supervisor
        nip = make_nip()
        f.add(nip, "Atasan Diri", nip=nip, atasan=nip, expect="reject")
        own.append(nip)
    for _ in range(40):  # unknown supervisor
        f.add(make_nip(), "Atasan Asing", atasan=make_nip(), expect="warn")
    on_rejected = []
    for target in formula_nips + own + formula_nips + own + formula_nips:  # 50 rows
        nip = make_nip()
        on_rejected.append(f.add(nip, "Atasan Ditolak", nip=nip, atasan=target, expect="warn"))
    # Their own staff are fine: nothing cascades.
    chained = [f.add(make_nip(), "Staf Berantai", atasan=f.nip_of[n]) for n in on_rejected[:10]]
    loop = [make_nip() for _ in range(3)]
    loop_rows = [f.add(nip, "Lingkar", nip=nip, atasan=loop[(i + 1) % 3], expect="warn")
                 for i, nip in enumerate(loop)]
    pair = [make_nip(), make_nip()]
    loop_rows += [f.add(pair[0], "Pasangan", nip=pair[0], atasan=pair[1], expect="warn"),
                  f.add(pair[1], "Pasangan", nip=pair[1], atasan=pair[0], expect="warn")]
    while len(f.rows) < TOTAL - 1:  # plain rows, their supervisor later in the file
        f.add(make_nip(), "Pegawai Biasa", atasan=head)
    f.add(make_nip(), "Terakhir", gol="III/a")
    assert len(f.rows) == TOTAL
    return f, {"head": head, "chained": chained, "loop_rows": loop_rows,
               "on_rejected": on_rejected}


def test_a_messy_2000_row_file_rejects_only_rows_wrong_in_themselves(hr_officer_a, sub_unit_a):
    f, marks = _messy_file()
    batch = dry_run(hr_officer_a, f.xlsx(), "siasn-2000.xlsx")
    assert batch.status == "validated", batch.error
    rows = {r.row_number: r for r in batch.rows.exclude(action="deactivate")}
    assert len(rows) == TOTAL

    rejected = {n for n, r in rows.items() if r.action == "reject"}
    assert rejected == f.rejected
    warned = {n for n, r in rows.items() if r.has_warnings}
    assert warned == f.warned
    counts = batch.summary["counts"]
    assert counts["reject"] == len(f.rejected) == 100
    assert counts["warning"] == len(f.warned) == 95
    assert counts["create"] == TOTAL - 100

    def message(n):
        return [m["text"] for m in rows[n].message_texts]

    first = {kind: min(n for n in f.rejected if rows[n].name == kind) for kind in
             ("Angka", "Kurang Digit", "Bulan Mustahil", "Salinan", "Atasan Diri")}
    assert "Format kolom NIP sebagai Teks" in message(first["Angka"])[0]
    assert message(first["Kurang Digit"]) == [
        f"Baris {first['Kurang Digit']}, kolom NIP: NIP harus 18 digit, bukan 17."]
    # The day of the impossible month comes from the generator's NIP counter.
    assert re.search(r"kolom NIP: Tanggal lahir pada NIP \(digit 1–8\) tidak valid: "
                     r"198513\d\d\.$", message(first["Bulan Mustahil"])[0])
    assert "sudah ada di baris" in message(first["Salinan"])[0]
    assert message(first["Atasan Diri"])[0].endswith(
        "Atasan langsung tidak boleh pegawai itu sendiri.")
    formula_row = min(f.formulas)
    assert message(formula_row) == [f"Baris {formula_row}, kolom NAMA: Nama wajib diisi."]

    # Every normalisation.
    by_name = {}
    for r in rows.values():
        by_name.setdefault(r.name, []).append(r)
    for r in by_name["Berspasi"] + by_name["Lebar Penuh"]:
        assert r.action == "create" and r.nip == f.nip_of[r.row_number]
    assert {r.data["rank"] for r in by_name["Golongan Titik"]} == {"III/a"}
    assert len(by_name["BUDI SANTOSO"]) == 30
    assert len(by_name["Ahmad Fauzi"]) == 20  # Latin A

    for n in marks["on_rejected"][:1]:
        assert message(n)[0].endswith("yang ditolak. Baris tetap diimpor tanpa atasan.")
    for n in marks["chained"]:
        assert rows[n].action == "create" and not rows[n].has_warnings
    for n in marks["loop_rows"]:
        assert "lingkaran atasan" in message(n)[0]

    batch = apply(batch)
    assert batch.status == "applied", batch.error
    assert Employee.objects.filter(regency=batch.regency, nip__in=[
        r.nip for r in rows.values() if r.action == "create"]).count() == TOTAL - 100
    sups = dict(Employee.objects.filter(nip__in=[
        rows[n].nip for n in f.warned | set(marks["chained"])]).values_list(
        "nip", "supervisor__nip"))
    assert {sups[rows[n].nip] for n in f.warned} == {None}
    for n in marks["chained"]:
        assert sups[rows[n].nip] is not None
    assert Employee.objects.get(nip=f.nip_of[first["Salinan"] - 20]).supervisor.nip == marks[
        "head"]
