"""Issue 10 in a real browser: the dry run shows a row with an unknown NIP ATASAN as a
warning (not rejected), lists it under "Dengan peringatan", and offers the rejected rows
as a file to download. Debian's chromium through Playwright."""

import io

import pytest
from openpyxl import load_workbook

from kembang.organisation.importing.tests.helpers import siasn_xlsx_file
from kembang.organisation.tests.factories import make_nip

PASSWORD = "rahasia-uji-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_dry_run_shows_warnings_and_offers_the_rejected_rows(live_server, page, hr_officer_a,
                                                             sub_unit_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    errors = []
    page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
    good, warned = make_nip(), make_nip()
    path = siasn_xlsx_file(tmp_path / "siasn.xlsx", [
        {"NAMA": "Rina Wulandari", "NIP": good, "UNOR INDUK": "Dinas Pendidikan"},
        {"NAMA": "Budi Atasan Asing", "NIP": warned, "UNOR INDUK": "Dinas Pendidikan",
         "NIP ATASAN": make_nip()},
        {"NAMA": "Baris Salah", "NIP": "19850101201001100", "UNOR INDUK": "Dinas Pendidikan"},
    ])

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(hr_officer_a.employee.nip_display)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/impor/")
    page.get_by_label("Berkas pegawai (XLSX atau CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_text("Hasil pemeriksaan (belum disimpan)").wait_for()
    counts = " ".join(page.locator("ul.list-inline").inner_text().split())
    assert "2 baru" in counts and "1 ditolak" in counts and "1 dengan peringatan" in counts
    warned_row = page.locator("#baris-3")
    assert "baru" in warned_row.inner_text() and "peringatan" in warned_row.inner_text()
    page.get_by_text("Baris tetap diimpor tanpa atasan.").wait_for()

    page.get_by_role("link", name="Lihat baris dengan peringatan").click()
    page.wait_for_url("**tindakan=peringatan**")
    table = page.locator("table.import-rows").inner_text()
    assert "Budi Atasan Asing" in table and "Rina Wulandari" not in table

    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh 1 baris yang ditolak (XLSX)").click()
    download = info.value
    assert download.suggested_filename.endswith("baris-ditolak.xlsx")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][-1] == "ALASAN DITOLAK"
    assert values[1][-1] == "Baris 4, kolom NIP: NIP harus 18 digit, bukan 17."
    assert errors == []
