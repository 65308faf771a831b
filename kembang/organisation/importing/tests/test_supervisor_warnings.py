"""docs/import.md#imported-with-a-warning, issue 10: an unusable NIP ATASAN is a warning,
not a rejection; nothing cascades; a loop of supervisors is broken with a warning; the
rejected rows come back as a file to fix; after an apply the new employees' activation codes
are one click away."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kembang.organisation.importing.models import ImportRow
from kembang.organisation.importing.tests.helpers import (
    COLUMNS,
    apply,
    csv_bytes,
    dry_run,
    rows_by_number,
    siasn_row,
    texts,
)
from kembang.organisation.models import Employee, Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    UnitFactory,
    grant,
    login_for,
    make_nip,
)

pytestmark = pytest.mark.django_db

UNKNOWN_TAIL = "Baris tetap diimpor tanpa atasan."


def _actions(batch):
    return {n: r.action for n, r in rows_by_number(batch).items()}


def test_unknown_supervisor_is_imported_without_one_and_a_warning(hr_officer_a, other_regency):
    stranger = EmployeeFactory(unit=UnitFactory(regency=other_regency))
    missing, x, y = make_nip(), make_nip(), make_nip()
    data = csv_bytes([siasn_row(x, "X", atasan=missing), siasn_row(y, "Y", atasan=stranger.nip)])
    batch = dry_run(hr_officer_a, data)
    assert _actions(batch) == {2: "create", 3: "create"}
    rows = rows_by_number(batch)
    shown = f"{missing[:8]} {missing[8:14]} {missing[14]} {missing[15:]}"
    assert texts(rows[2]) == [
        f"Baris 2, kolom NIP ATASAN: Tidak ada pegawai dengan NIP {shown} di berkas ini "
        f"maupun di data pegawai. {UNKNOWN_TAIL}"]
    assert rows[2].has_warnings and rows[3].has_warnings
    assert batch.summary["counts"]["warning"] == 2
    apply(batch)
    assert set(Employee.objects.filter(nip__in=[x, y]).values_list("supervisor", flat=True)) == {
        None}


def test_supervisor_on_a_rejected_row_is_a_warning_and_nothing_cascades(hr_officer_a):
    bad, middle, low, lowest = make_nip(), make_nip(), make_nip(), make_nip()
    data = csv_bytes([
        siasn_row(bad, "Rusak", gol="III/z"),
        siasn_row(middle, "Tengah", atasan=bad),
        siasn_row(low, "Bawah", atasan=middle),
        siasn_row(lowest, "Paling Bawah", atasan=low),
    ])
    batch = dry_run(hr_officer_a, data)
    assert _actions(batch) == {2: "reject", 3: "create", 4: "create", 5: "create"}
    rows = rows_by_number(batch)
    assert texts(rows[3])[0].endswith(f"ada di baris 2 yang ditolak. {UNKNOWN_TAIL}")
    assert not rows[4].has_warnings and not rows[5].has_warnings
    assert batch.summary["counts"]["warning"] == 1
    apply(batch)
    people = {e.nip: e for e in Employee.objects.filter(nip__in=[middle, low, lowest])}
    assert people[middle].supervisor_id is None
    assert people[low].supervisor == people[middle]
    assert people[lowest].supervisor == people[low]


def test_an_employee_already_stored_keeps_their_supervisor_when_the_file_names_an_unknown_one(
        hr_officer_a, unit_a):
    boss = EmployeeFactory(unit=unit_a)
    worker = EmployeeFactory(unit=unit_a, supervisor=boss)
    data = csv_bytes([siasn_row(worker.nip, worker.name, atasan=make_nip())])
    row = rows_by_number(dry_run(hr_officer_a, data))[2]
    assert row.action != "reject"
    assert texts(row)[0].endswith("Baris tetap diimpor; atasan yang tersimpan tidak diubah.")
    assert not any("NIP atasan" in change[0] for change in row.data.get("changes", []))


def test_own_supervisor_is_still_rejected_and_its_staff_only_warned(hr_officer_a):
    me, staff = make_nip(), make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(me, "Diri", atasan=me),
                                             siasn_row(staff, "Staf", atasan=me)]))
    assert _actions(batch) == {2: "reject", 3: "create"}
    assert rows_by_number(batch)[3].has_warnings


@pytest.mark.parametrize("length", [2, 3])
def test_a_loop_of_supervisors_is_broken_on_every_row_in_it(hr_officer_a, length):
    loop = [make_nip() for _ in range(length)]
    outside = make_nip()
    rows = [siasn_row(nip, f"Lingkar {i}", atasan=loop[(i + 1) % length])
            for i, nip in enumerate(loop)]
    rows.append(siasn_row(outside, "Di Luar", atasan=loop[0]))
    batch = dry_run(hr_officer_a, csv_bytes(rows))
    assert set(_actions(batch).values()) == {"create"}
    by_number = rows_by_number(batch)
    path = " → ".join(f"baris {n}" for n in [*range(2, 2 + length), 2])
    for number in range(2, 2 + length):
        assert by_number[number].has_warnings
        [message] = texts(by_number[number])
        assert f"lingkaran atasan: {path}. Atasan baris ini dikosongkan." in message
    assert not by_number[2 + length].has_warnings
    assert batch.summary["counts"]["warning"] == length
    apply(batch)
    assert batch.status == "applied", batch.error
    people = {e.nip: e for e in Employee.objects.filter(nip__in=[*loop, outside])}
    assert [people[nip].supervisor_id for nip in loop] == [None] * length
    assert people[outside].supervisor == people[loop[0]]


def test_a_loop_through_a_stored_employee_empties_the_rows_supervisor(hr_officer_a, unit_a):
    boss = EmployeeFactory(unit=unit_a)
    deputy = EmployeeFactory(unit=unit_a, supervisor=boss)
    row = rows_by_number(dry_run(hr_officer_a, csv_bytes([
        siasn_row(boss.nip, boss.name, atasan=deputy.nip)])))[2]
    assert row.action != "reject" and row.has_warnings
    assert "lingkaran atasan" in texts(row)[0]


def test_the_result_page_counts_and_filters_the_warnings(client_for, hr_officer_a):
    good, warned = make_nip(), make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(good, "Baik"),
                                             siasn_row(warned, "Diperingatkan",
                                                       atasan=make_nip()),
                                             siasn_row("123", "Rusak")]))
    client = client_for(hr_officer_a)
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "dengan peringatan" in page and "Dengan peringatan (1)" in page
    assert reverse("imports:rejected", args=[batch.pk]) in page
    shown = client.get(reverse("imports:batch", args=[batch.pk]),
                       {"tindakan": "peringatan"}).content.decode()
    assert "Diperingatkan" in shown and "Baik" not in shown.split('id="baris"')[1]


def _xlsx_upload(rows, columns):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def test_rejected_rows_download_has_the_read_columns_and_the_reason(client_for, hr_officer_a):
    twice = make_nip()
    rows = [siasn_row(twice, "Pertama"), siasn_row("19850101201001100", "Kurang Digit"),
            siasn_row(twice, "Kedua"), siasn_row(make_nip(), "=HYPERLINK(\"http://x\")",
                                                  gol="III/z"),
            siasn_row(make_nip(), "Baik", atasan=make_nip())]
    batch = dry_run(hr_officer_a, csv_bytes(rows))
    response = client_for(hr_officer_a).get(reverse("imports:rejected", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('baris-ditolak.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[0]
    # The columns the import reads, in the upload's order; never the personal ones.
    assert header[:3] == ["NAMA", "NIP", "GELAR DEPAN"] and header[-1] == "ALASAN DITOLAK"
    assert not {"NIK", "NPWP", "ALAMAT", "TANGGAL LAHIR"} & set(header)
    assert len(values) == 4  # header + three rejected rows, in row order
    nip, name, reason = header.index("NIP"), header.index("NAMA"), header.index("ALASAN DITOLAK")
    assert [(r[nip], r[name]) for r in values[1:]] == [
        ("19850101201001100", "Kurang Digit"), (twice, "Kedua"),
        (values[3][nip], "=HYPERLINK(\"http://x\")")]
    assert values[1][reason] == "Baris 3, kolom NIP: NIP harus 18 digit, bukan 17."
    assert "sudah ada di baris 2" in values[2][reason]
    # A formula-looking name stays text in the file (kembang.common.files).
    assert sheet.cell(row=4, column=name + 1).data_type == "s"
    # Uploading the file again reads it: the reason column is ignored.
    again = dry_run(hr_officer_a, response.content, "ditolak.xlsx")
    assert again.status == "validated", again.error
    assert again.total_rows == 3


def test_rejected_rows_download_is_for_those_who_may_see_the_batch(client, client_for,
                                                                   hr_officer_a, unit_b):
    other = login_for(EmployeeFactory(unit=unit_b, name="Pengelola SDM B"))
    grant(other, Role.HR_OFFICER, unit_b)
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row("123", "Rusak")]))
    url = reverse("imports:rejected", args=[batch.pk])
    assert client_for(other).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_after_the_apply_the_page_prints_codes_for_the_new_employees_only(
        client_for, hr_officer_a, sub_unit_a):
    from kembang.organisation.tests.factories import EmployeeFactory

    earlier = EmployeeFactory(unit=sub_unit_a, name="Pegawai Lama Belum Aktif")
    new = make_nip()
    batch = apply(dry_run(hr_officer_a, csv_bytes([
        siasn_row(new, "Pegawai Baru", unor="Bidang Guru")])))
    assert batch.status == "applied", batch.error
    client = client_for(hr_officer_a)
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Kode aktivasi untuk pegawai baru" in page
    assert reverse("organisation:unit_activation_codes") in page
    assert f'name="impor" value="{batch.pk}"' in page
    printed = client.post(reverse("organisation:unit_activation_codes"),
                          {"impor": batch.pk}).content.decode()
    assert "Pegawai Baru" in printed
    assert earlier.name not in printed  # not yet activated, but not from this import


def test_another_officers_batch_prints_no_codes(client_for, hr_officer_a, unit_b):
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

    batch = apply(dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Pegawai Baru")])))
    other = login_for(EmployeeFactory(unit=unit_b))
    grant(other, Role.HR_OFFICER, unit_b)
    response = client_for(other).post(reverse("organisation:unit_activation_codes"),
                                      {"impor": batch.pk})
    assert response.status_code == 404


def test_rows_keep_their_raw_cells_only_when_rejected(hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Baik"),
                                             siasn_row("123", "Rusak")], columns=COLUMNS))
    rows = rows_by_number(batch)
    assert "cells" not in rows[2].data
    assert ["NIP", "123"] in rows[3].data["cells"]
    assert ImportRow.objects.filter(batch=batch, has_warnings=True).count() == 0
