"""The dry run reads SIASN-shaped files and says, per row, what would happen and why."""

import json

import pytest

from kembang.common.tests.xlsx import EXACT
from kembang.organisation.importing.models import ImportBatch, ImportRow
from kembang.organisation.importing.planning import NIP_TAKEN
from kembang.organisation.importing.tests.helpers import (
    ADDRESS,
    NIK,
    NPWP,
    csv_bytes,
    dry_run,
    rows_by_number,
    siasn_row,
    texts,
    xlsx_bytes,
)
from kembang.organisation.models import Employee, OrgUnit
from kembang.organisation.tests.factories import EmployeeFactory, UnitFactory, make_nip

pytestmark = pytest.mark.django_db


def _actions(batch):
    return {n: r.action for n, r in rows_by_number(batch).items()}


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_siasn_csv_with_bom_is_read_with_either_delimiter(hr_officer_a, sub_unit_a, delimiter):
    a, b = make_nip(), make_nip("pppk", sex=2)
    data = csv_bytes([
        siasn_row(a, "Budi Santoso", gelar_belakang="S.Pd.", unor="Bidang Guru", gol="III.b"),
        siasn_row(b, "Siti  Aminah ", kind="PPPK Paruh Waktu", gol="IX", email="siti@example.id"),
    ], delimiter=delimiter)
    batch = dry_run(hr_officer_a, data)
    assert batch.status == ImportBatch.Status.VALIDATED, batch.error
    rows = rows_by_number(batch)
    assert _actions(batch) == {2: "create", 3: "create"}
    assert rows[2].data["unit_name"] == "Bidang Guru"
    assert (rows[2].data["rank"], rows[2].data["sex"], rows[2].data["kind"]) == ("III/b", "1", "pns")
    assert (rows[3].data["name"], rows[3].data["kind"], rows[3].data["sex"]) == ("Siti Aminah", "pppk", "2")
    assert batch.summary["counts"]["create"] == 2
    assert batch.total_rows == batch.processed_rows == 2


def test_siasn_xlsx_is_read(hr_officer_a):
    nip = make_nip()
    batch = dry_run(hr_officer_a, xlsx_bytes([siasn_row(nip, "Rina Wulandari")]), "siasn.xlsx")
    assert _actions(batch) == {2: "create"}
    assert rows_by_number(batch)[2].nip == nip


def test_headers_are_matched_case_insensitively_and_trimmed(hr_officer_a):
    nip = make_nip()
    columns = ["  nama ", "Nip", "unor induk", "Gol Akhir"]
    data = csv_bytes([{"  nama ": "Dewi", "Nip": nip, "unor induk": "dinas pendidikan",
                       "Gol Akhir": "III/c"}], columns=columns)
    row = rows_by_number(dry_run(hr_officer_a, data))[2]
    assert row.action == "create", texts(row)
    assert row.data["rank"] == "III/c"


def test_nip_as_an_exact_integer_cell_is_accepted(hr_officer_a):
    nip = make_nip()
    data = xlsx_bytes([siasn_row(EXACT, "Angka Utuh")], exact_nip=int(nip))
    row = rows_by_number(dry_run(hr_officer_a, data, "angka.xlsx"))[2]
    assert row.action == "create", texts(row)
    assert row.nip == nip


def test_nip_as_a_float_cell_is_rejected_asking_for_a_text_column(hr_officer_a):
    nip = make_nip()
    data = xlsx_bytes([siasn_row(float(nip), "Angka Desimal")])
    row = rows_by_number(dry_run(hr_officer_a, data, "float.xlsx"))[2]
    assert row.action == "reject"
    [message] = texts(row)
    assert message.startswith("Baris 2, kolom NIP: ")
    assert "Format kolom NIP sebagai Teks" in message


def test_nip_as_exponent_text_is_rejected(hr_officer_a):
    data = csv_bytes([siasn_row("1.98501012010011E+17", "Eksponen")])
    row = rows_by_number(dry_run(hr_officer_a, data))[2]
    assert row.action == "reject"
    assert "Format kolom NIP sebagai Teks" in texts(row)[0]


def test_a_bad_nip_names_row_and_column(hr_officer_a):
    data = csv_bytes([siasn_row(make_nip(), "Baik"), siasn_row("19850101201001100", "Kurang")])
    row = rows_by_number(dry_run(hr_officer_a, data))[3]
    assert texts(row) == ["Baris 3, kolom NIP: NIP harus 18 digit, bukan 17."]


def test_a_nip_twice_in_one_file_rejects_the_later_row(hr_officer_a):
    nip = make_nip()
    data = csv_bytes([siasn_row(nip, "Pertama"), siasn_row(make_nip(), "Lain"),
                      siasn_row(nip, "Kedua")])
    batch = dry_run(hr_officer_a, data)
    assert _actions(batch) == {2: "create", 3: "create", 4: "reject"}
    assert "sudah ada di baris 2" in texts(rows_by_number(batch)[4])[0]


def test_supervisor_may_be_a_later_row_or_an_existing_employee(hr_officer_a, unit_b):
    boss_elsewhere = EmployeeFactory(unit=unit_b)  # another unit, same regency
    staff, head = make_nip(), make_nip()
    data = csv_bytes([siasn_row(staff, "Staf", atasan=head),
                      siasn_row(head, "Kepala", atasan=boss_elsewhere.nip)])
    assert _actions(dry_run(hr_officer_a, data)) == {2: "create", 3: "create"}


def test_supervisor_self_reference_is_rejected(hr_officer_a):
    nip = make_nip()
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Diri", atasan=nip)])))[2]
    assert row.action == "reject"
    assert texts(row) == ["Baris 2, kolom NIP ATASAN: Atasan langsung tidak boleh pegawai itu sendiri."]


def test_a_supervisor_loop_is_a_warning_and_is_broken(hr_officer_a):
    """docs/import.md#imported-with-a-warning: a loop of supervisors is imported with a
    warning, the supervisor of the rows in the loop left empty; a row pointing into the
    loop keeps its supervisor."""
    a, b, c = make_nip(), make_nip(), make_nip()
    data = csv_bytes([siasn_row(a, "A", atasan=b), siasn_row(b, "B", atasan=a),
                      siasn_row(c, "C", atasan=a)])
    batch = dry_run(hr_officer_a, data)
    rows = rows_by_number(batch)
    assert (rows[2].action, rows[3].action, rows[4].action) == ("create",) * 3
    assert rows[2].has_warnings and rows[3].has_warnings
    assert "lingkaran atasan: baris 2 → baris 3 → baris 2" in " ".join(texts(rows[2]))
    assert not rows[4].has_warnings


def test_a_loop_through_stored_employees_is_a_warning(hr_officer_a, unit_a):
    boss = EmployeeFactory(unit=unit_a)
    deputy = EmployeeFactory(unit=unit_a, supervisor=boss)
    data = csv_bytes([siasn_row(boss.nip, boss.name, atasan=deputy.nip)])
    row = rows_by_number(dry_run(hr_officer_a, data))[2]
    assert row.action != "reject" and row.has_warnings
    assert "lingkaran" in " ".join(texts(row))


def test_an_unknown_supervisor_is_a_warning_not_a_refusal(hr_officer_a, other_regency):
    stranger = EmployeeFactory(unit=UnitFactory(regency=other_regency))
    data = csv_bytes([siasn_row(make_nip(), "X", atasan=make_nip()),
                      siasn_row(make_nip(), "Y", atasan=stranger.nip)])
    batch = dry_run(hr_officer_a, data)
    assert _actions(batch) == {2: "create", 3: "create"}
    rows = rows_by_number(batch)
    assert rows[2].has_warnings and rows[3].has_warnings
    assert "Tidak ada pegawai dengan NIP" in " ".join(texts(rows[3]))


def test_unknown_unit_is_rejected_for_an_hr_officer(hr_officer_a):
    data = csv_bytes([siasn_row(make_nip(), "X", unor="Bidang Baru"),
                      siasn_row(make_nip(), "Y", induk="Dinas Pariwisata")])
    batch = dry_run(hr_officer_a, data)
    rows = rows_by_number(batch)
    assert _actions(batch) == {2: "reject", 3: "reject"}
    assert texts(rows[2]) == ["Baris 2, kolom NAMA UNOR: Unit “Bidang Baru” belum terdaftar di "
                              "bawah Dinas Pendidikan. Unit baru hanya dapat dibuat oleh BKPSDM."]
    assert "kolom UNOR INDUK" in texts(rows[3])[0]
    assert batch.summary["new_units"] == []


def test_unit_outside_the_officers_scope_is_rejected(hr_officer_a, unit_b):
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes(
        [siasn_row(make_nip(), "X", induk=unit_b.name)])))[2]
    assert row.action == "reject"
    assert "bukan unit kerja Anda" in texts(row)[0]


def test_unknown_units_are_shown_to_be_created_for_bkpsdm(hr_admin, unit_a):
    data = csv_bytes([siasn_row(make_nip(), "X", induk="dinas pendidikan", unor="Bidang Baru"),
                      siasn_row(make_nip(), "Y", induk="Dinas Pariwisata", unor="UPT Museum"),
                      siasn_row(make_nip(), "Z", induk="Dinas Pariwisata")])
    batch = dry_run(hr_admin, data)
    assert _actions(batch) == {2: "create", 3: "create", 4: "create"}
    assert batch.summary["new_units"] == ["Dinas Pariwisata", "Dinas Pariwisata › UPT Museum",
                                          "Dinas Pendidikan › Bidang Baru"]
    assert not OrgUnit.objects.filter(name="Dinas Pariwisata").exists()


def test_nip_registered_in_another_unit_is_rejected_without_saying_where(hr_officer_a, employee_b):
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes([siasn_row(employee_b.nip, "Pindah")])))[2]
    assert row.action == "reject"
    assert row.messages == [{"column": "NIP", "message": NIP_TAKEN, "level": "error"}]
    assert NIP_TAKEN == "NIP sudah terdaftar; pemindahan pegawai dilakukan oleh BKPSDM"


def test_nip_registered_in_another_regency_gets_the_same_message(hr_officer_a, other_regency):
    stranger = EmployeeFactory(unit=UnitFactory(regency=other_regency, name="Dinas Pendidikan"))
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes([siasn_row(stranger.nip, "Asing")])))[2]
    assert row.messages == [{"column": "NIP", "message": NIP_TAKEN, "level": "error"}]
    assert "Langsa" not in json.dumps(row.messages)


def test_hr_officer_updates_employees_of_their_sub_units(hr_officer_a, sub_unit_a):
    employee = EmployeeFactory(unit=sub_unit_a, rank="III/a")
    data = csv_bytes([siasn_row(employee.nip, employee.name, unor="Bidang Guru", gol="III/b",
                                jabatan=employee.position.name)])
    row = rows_by_number(dry_run(hr_officer_a, data))[2]
    assert row.action == "update", texts(row)
    assert row.data["changes"] == [["Golongan", "III/a", "III/b"]]


def test_pns_nip_with_pppk_kind_is_rejected(hr_officer_a):
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes(
        [siasn_row(make_nip("pns"), "X", kind="PPPK", gol="")])))[2]
    assert texts(row) == ["Baris 2, kolom JENIS PEGAWAI: NIP ini berformat PNS, bukan PPPK."]


def test_unknown_rank_is_rejected(hr_officer_a):
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X", gol="V/z")])))[2]
    assert texts(row) == ["Baris 2, kolom GOL AKHIR: Golongan “V/z” tidak dikenal untuk PNS "
                          "(contoh: III/a)."]


def test_a_bad_email_is_left_out_with_a_warning(hr_officer_a):
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes(
        [siasn_row(make_nip(), "X", email="bukan-email")])))[2]
    assert row.action == "create"
    assert row.messages[0]["level"] == "warning"
    assert row.data["email"] is None


def test_position_kind_comes_from_the_regencys_mapping(hr_admin, unit_a):
    from kembang.organisation.models import PositionKindPattern
    from kembang.policy.positions import DEFAULT_KIND_PATTERNS

    # As `regency_create` seeds it, plus the regency's own first rule.
    PositionKindPattern.objects.bulk_create(
        PositionKindPattern(regency=hr_admin.regency, fragment=p.fragment, kind=p.kind,
                            priority=i) for i, p in enumerate(DEFAULT_KIND_PATTERNS, 1))
    PositionKindPattern.objects.create(regency=hr_admin.regency, fragment="pengadministrasi",
                                       kind="terampil", priority=0)
    data = csv_bytes([siasn_row(make_nip(), "X", jabatan="Pengadministrasi Umum"),
                      siasn_row(make_nip(), "Y", jabatan="Kepala Seksi Kurikulum")])
    batch = dry_run(hr_admin, data)
    assert sorted(batch.summary["new_positions"]) == [
        ["Kepala Seksi Kurikulum", "Pengawas"], ["Pengadministrasi Umum", "Fungsional Terampil"]]


def test_personal_columns_are_never_stored(hr_officer_a, media_in_tmp):
    nip = make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Privasi"),
                                             siasn_row("123", "Ditolak")]))
    stored = json.dumps([(r.nip, r.name, r.messages, r.data) for r in ImportRow.objects.all()])
    stored += json.dumps(batch.summary)
    for secret in (NIK, NPWP, ADDRESS, "Islam", "Menikah", "Nganjuk"):
        assert secret not in stored
    assert not any(k in row.data for row in batch.rows.all()
                   for k in ("nik", "npwp", "alamat", "agama", "bpjs", "tempat lahir"))
    # The upload itself (with NIK, NPWP…) is gone once checked.
    assert batch.stored_file == ""
    assert not list((media_in_tmp / "imports").glob("*"))
    employee_fields = {f.name for f in Employee._meta.get_fields()}
    assert not employee_fields & {"nik", "npwp", "address", "religion", "birth_place"}


def test_missing_employees_of_the_covered_units_are_listed_for_deactivation(
        hr_officer_a, unit_a, sub_unit_a, unit_b):
    gone = EmployeeFactory(unit=unit_a, name="Sudah Pensiun")
    EmployeeFactory(unit=unit_a, name="Sudah Nonaktif", is_active=False)
    EmployeeFactory(unit=sub_unit_a, name="Di Bidang Lain")  # the file has no Bidang Guru row
    EmployeeFactory(unit=unit_b, name="Di Unit Lain")
    data = csv_bytes([siasn_row(make_nip(), "Baru"),
                      siasn_row(hr_officer_a.employee.nip, "Pengelola SDM A")])
    batch = dry_run(hr_officer_a, data)
    missing = batch.rows.filter(action="deactivate")
    assert list(missing.values_list("name", "nip", "data")) == [
        ("Sudah Pensiun", gone.nip, {"id": gone.pk, "unit": "Dinas Pendidikan"})]
    assert batch.summary["counts"]["deactivate"] == 1


def test_an_empty_data_sheet_fails_with_a_message(hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([]))
    assert batch.status == ImportBatch.Status.FAILED
    assert "tidak berisi baris data" in batch.error


def test_headers_without_rows_fail_with_a_message(hr_officer_a):
    assert dry_run(hr_officer_a, xlsx_bytes([]), "t.xlsx").status == ImportBatch.Status.FAILED


def test_units_an_hr_officer_only_heads_are_outside_their_import_scope(hr_officer_a, unit_b):
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant

    grant(hr_officer_a, Role.HEAD_OF_UNIT, unit_b)
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes(
        [siasn_row(make_nip(), "X", induk=unit_b.name)])))[2]
    assert row.action == "reject"


def test_an_inactive_employee_in_the_file_is_reactivated_unless_it_says_nonaktif(
        hr_officer_a, unit_a):
    from kembang.organisation.importing.tests.helpers import COLUMNS

    back = EmployeeFactory(unit=unit_a, is_active=False)
    still = EmployeeFactory(unit=unit_a, is_active=False)
    columns = [*COLUMNS, "Status Aktif", "BERTALENTA"]
    data = csv_bytes([
        siasn_row(back.nip, back.name, jabatan=back.position.name, **{"Status Aktif": ""}),
        siasn_row(still.nip, still.name, jabatan=still.position.name,
                  **{"Status Aktif": "Nonaktif"}),
        siasn_row(make_nip(), "Bertalenta?", BERTALENTA="mungkin"),
        siasn_row(make_nip(), "Daerah", kind="PNS Daerah", BERTALENTA="ya"),
    ], columns=columns)
    rows = rows_by_number(dry_run(hr_officer_a, data))
    assert (rows[2].action, rows[2].data["changes"]) == ("update", [["Aktif", "Tidak", "Ya"]])
    assert rows[3].action == "unchanged"
    assert texts(rows[4]) == ["Baris 4, kolom BERTALENTA: Isi “Ya” atau “Tidak”, bukan “mungkin”."]
    assert (rows[5].action, rows[5].data["is_talent"], rows[5].data["kind"]) == ("create", True, "pns")
