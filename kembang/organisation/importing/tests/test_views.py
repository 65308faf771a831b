"""The import pages: who may see them, bad files, progress, and constant query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.tests.helpers import (
    csv_bytes,
    dry_run,
    siasn_row,
    xlsx_bytes,
)
from kembang.organisation.models import Employee, Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for, make_nip

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_officer_b(unit_b):
    user = login_for(EmployeeFactory(unit=unit_b, name="Pengelola SDM B"))
    grant(user, Role.HR_OFFICER, unit_b)
    return user


def _upload(client, data, name):
    return client.post(reverse("imports:start"), {"file": SimpleUploadedFile(name, data)})


def test_anonymous_is_sent_to_login(client, hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X")]))
    for url in [reverse("imports:start"), reverse("imports:batch", args=[batch.pk]),
                reverse("imports:export"), reverse("imports:template")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_employee_without_an_import_role_gets_404(client_for, unit_a, hr_officer_a):
    plain = login_for(EmployeeFactory(unit=unit_a))
    head = login_for(EmployeeFactory(unit=unit_a))
    grant(head, Role.HEAD_OF_UNIT, unit_a)
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X")]))
    for user in (plain, head):
        client = client_for(user)
        assert client.get(reverse("imports:start")).status_code == 404
        assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
        assert client.post(reverse("imports:apply", args=[batch.pk])).status_code == 404
    assert client_for(plain).get(reverse("imports:export")).status_code == 404


def test_hr_officer_cannot_see_another_officers_batch(client_for, hr_officer_a, hr_officer_b,
                                                     hr_admin):
    batch = dry_run(hr_officer_b, csv_bytes([siasn_row(make_nip(), "X", induk="Dinas Kesehatan")]))
    client = client_for(hr_officer_a)
    for name in ("imports:batch", "imports:progress"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:apply", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports:batch", args=[batch.pk + 999])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED
    # BKPSDM sees every batch of its regency, but only the uploader applies it.
    html = client_for(hr_admin).get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Hanya pengunggah" in html


def test_batch_of_another_regency_is_404_for_bkpsdm(client_for, other_regency, hr_officer_a):
    from kembang.organisation.tests.factories import login_for as make_login

    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X")]))
    admin = make_login(regency=other_regency, username="admin.langsa")
    grant(admin, Role.HR_ADMIN)
    assert client_for(admin).get(reverse("imports:batch", args=[batch.pk])).status_code == 404


def test_upload_check_confirm_and_done(client_for, hr_officer_a, sub_unit_a):
    client = client_for(hr_officer_a)
    assert "Unggah dan periksa" in client.get(reverse("imports:start")).content.decode()
    nip = make_nip()
    data = xlsx_bytes([siasn_row(nip, "Budi Santoso", unor="Bidang Guru"),
                       siasn_row("19850101201001100", "Salah NIP")])
    response = _upload(client, data, "siasn.xlsx")
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:batch",
                                                                             args=[batch.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Baris 3, kolom NIP: NIP harus 18 digit, bukan 17." in html
    assert "data-confirm" in html and "Budi Santoso" in html
    response = client.post(reverse("imports:apply", args=[batch.pk]))
    html = client.get(response["Location"]).content.decode()
    assert "Impor selesai diterapkan" in html
    assert Employee.objects.filter(nip=nip, unit=sub_unit_a).exists()
    # A second confirmation (double click, replay) is refused with a message.
    response = client.post(reverse("imports:apply", args=[batch.pk]), follow=True)
    assert "sudah diterapkan" in response.content.decode()


@pytest.mark.parametrize("name,data,message", [
    ("data.xlsx", b"\x00\x01garbage that is no zip" * 10, "bukan berkas Excel .xlsx yang sah"),
    ("data.xlsx", b"PK\x03\x04" + b"\x00" * 200, "bukan berkas Excel .xlsx yang sah"),
    ("data.csv", "NIP;NAMA\n".encode("utf-16"), "UTF-8"),
    ("data.csv", b"", "Berkas kosong"),
    ("data.csv", b"\n\n  \n", "tidak ada baris judul"),
    ("data.txt", b"NIP,NAMA\n1,2\n", "Format berkas tidak didukung"),
    ("data.csv", b"NAMA,UNOR INDUK\nBudi,Dinas\n", "Kolom NIP tidak ditemukan"),
    ("data.xlsx", None, "Kolom NAMA tidak ditemukan"),
])
def test_a_bad_file_is_explained_on_the_upload_page(client_for, hr_officer_a, name, data, message):
    if data is None:
        data = xlsx_bytes([{"NIP": make_nip()}], columns=["NIP", "UNOR INDUK"])
    response = _upload(client_for(hr_officer_a), data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_damaged_sheet_fails_the_batch_with_a_message(client_for, hr_officer_a, monkeypatch):
    from kembang.common.spreadsheet import SpreadsheetError
    from kembang.organisation.importing import services

    def broken(*args, **kwargs):
        raise SpreadsheetError("unreadable", "Lembar pertama berkas XLSX tidak dapat dibaca (rusak).")

    monkeypatch.setattr(services, "read_table", broken)
    client = client_for(hr_officer_a)
    response = _upload(client, xlsx_bytes([siasn_row(make_nip(), "X")]), "rusak.xlsx")
    html = client.get(response["Location"]).content.decode()
    assert "Impor gagal" in html and "tidak dapat dibaca (rusak)" in html
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


def test_progress_polls_while_running_and_reloads_when_done(client_for, hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X")]))
    client = client_for(hr_officer_a)
    response = client.get(reverse("imports:progress", args=[batch.pk]))
    assert response["HX-Refresh"] == "true"
    ImportBatch.objects.filter(pk=batch.pk).update(status="validating", total_rows=10000,
                                                   processed_rows=2500)
    html = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and "2.500 dari 10.000" in html
    assert 'aria-valuenow="25"' in html
    html = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert 'id="import-progress"' in html


def test_template_has_siasn_headers_and_text_nip_columns(client_for, hr_officer_a):
    response = client_for(hr_officer_a).get(reverse("imports:template"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["NAMA", "NIP", "GELAR DEPAN"]
    assert headers[-2:] == ["NIP ATASAN", "BERTALENTA"] and "UNOR INDUK" in headers
    assert sheet["B2"].number_format == "@"


def _count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_result_page_queries_do_not_grow_with_rows(client_for, hr_officer_a, unit_a):
    def batch_of(n):
        rows = [siasn_row(make_nip(), f"Pegawai {i}") for i in range(n)]
        rows += [siasn_row("123", "Salah")]
        for _ in range(n // 5):
            EmployeeFactory(unit=unit_a)  # would be deactivated
        return dry_run(hr_officer_a, csv_bytes(rows))

    client = client_for(hr_officer_a)
    small, large = batch_of(10), batch_of(50)
    url_small = reverse("imports:batch", args=[small.pk])
    url_large = reverse("imports:batch", args=[large.pk])
    assert _count_queries(client, url_small) == _count_queries(client, url_large)
    assert (_count_queries(client, url_small, tindakan="ditolak")
            == _count_queries(client, url_large, tindakan="ditolak"))


def test_start_page_lists_recent_imports_in_constant_queries(client_for, hr_admin, hr_officer_a,
                                                             hr_officer_b):
    client = client_for(hr_admin)
    for user in (hr_officer_a, hr_officer_b):
        dry_run(user, csv_bytes([siasn_row(make_nip(), "X")]))
    few = _count_queries(client, reverse("imports:start"))
    for user in (hr_officer_a, hr_officer_b, hr_admin) * 3:
        dry_run(user, csv_bytes([siasn_row(make_nip(), "X")]))
    html = client.get(reverse("imports:start")).content.decode()
    assert "Pengelola SDM B" in html and "admin.bkpsdm" in html
    assert _count_queries(client, reverse("imports:start")) == few


def test_deactivation_is_offered_listed_and_done_only_when_ticked(client_for, hr_officer_a,
                                                                  unit_a):
    gone = EmployeeFactory(unit=unit_a, name="Sudah Pensiun")
    data = csv_bytes([siasn_row(make_nip(), "Baru"),
                      siasn_row(hr_officer_a.employee.nip, "Pengelola SDM A")])
    client = client_for(hr_officer_a)
    batch = dry_run(hr_officer_a, data)
    html = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Sudah Pensiun" in html and 'name="deactivate_missing"' in html
    client.post(reverse("imports:apply", args=[batch.pk]), {"deactivate_missing": "on"})
    gone.refresh_from_db()
    assert not gone.is_active
    html = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "1 dinonaktifkan" in html
