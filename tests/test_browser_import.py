"""An HR officer imports a SIASN file in a real browser: upload, read the dry run (with the
bad row's error naming row and column), confirm, wait until done, and find the new
employees in the list. Debian's chromium through Playwright, phone-sized viewport."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from kembang.organisation.importing.tests.helpers import siasn_xlsx_file
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import make_nip

PASSWORD = "rahasia-uji-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_hr_officer_imports_asiasn_xlsx_file(live_server, page, hr_officer_a, sub_unit_a,
                                          settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    errors = []
    page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
    page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm question
    head, staff, pppk = make_nip(), make_nip(sex=2), make_nip("pppk", sex=2)
    path = siasn_xlsx_file(tmp_path / "siasn-dinas-pendidikan.xlsx", [
        {"NAMA": "Rina Wulandari", "NIP": staff, "GELAR BELAKANG": "S.Kom.",
         "JENIS PEGAWAI": "PNS", "GOL AKHIR": "III/b", "NAMA JABATAN": "Pranata Komputer Ahli Pertama",
         "NAMA UNOR": "Bidang Guru", "UNOR INDUK": "Dinas Pendidikan", "NIP ATASAN": head,
         "NIK": "3518014101850001"},
        {"NAMA": "Ahmad Fauzi", "NIP": head, "GELAR DEPAN": "Dr.", "JENIS PEGAWAI": "PNS",
         "GOL AKHIR": "IV/a", "NAMA JABATAN": "Kepala Bidang Guru", "NAMA UNOR": "Bidang Guru",
         "UNOR INDUK": "Dinas Pendidikan"},
        {"NAMA": "Sri Rahayu", "NIP": pppk, "JENIS PEGAWAI": "PPPK", "GOL AKHIR": "IX",
         "NAMA JABATAN": "Guru Ahli Pertama", "UNOR INDUK": "Dinas Pendidikan"},
        {"NAMA": "Baris Salah", "NIP": "19850101201001100", "JENIS PEGAWAI": "PNS",
         "UNOR INDUK": "Dinas Pendidikan"},
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
    page.get_by_text("Baris 5, kolom NIP: NIP harus 18 digit, bukan 17.").wait_for()
    bad_row = page.locator("#baris-5")
    assert "ditolak" in bad_row.inner_text()
    assert "3 baru" in " ".join(page.locator("ul.list-inline").inner_text().split())
    assert not Employee.objects.filter(nip=staff).exists()  # nothing written before confirming

    page.get_by_role("button", name="Terapkan").click()
    page.get_by_text("Impor selesai diterapkan").wait_for()

    page.get_by_role("link", name="Lihat daftar pegawai").click()
    # Typing before the list page has loaded its scripts would type into a page htmx does
    # not listen to yet.
    page.wait_for_url(f"{live_server.url}/pegawai/")
    page.wait_for_load_state("load")
    rows = page.locator("#employee-rows")
    search = page.get_by_label("Cari nama atau NIP")
    for typed, found, absent in [("Rina", "Rina Wulandari, S.Kom.", "Ahmad Fauzi"),
                                 ("Ahmad", "Dr. Ahmad Fauzi", "Rina Wulandari"),
                                 ("Sri Rahayu", "Sri Rahayu", "Ahmad Fauzi")]:
        # Wait for the search's own answer (htmx, after its 400 ms pause), not a fixed time:
        # on a loaded machine the list with its JP figures takes a while.
        def is_search(response, typed=typed):
            parts = urlsplit(response.url)
            return parts.path == "/pegawai/" and parse_qs(parts.query).get("q") == [typed]

        with page.expect_response(is_search, timeout=30_000):
            search.fill(typed)
        expect(rows).not_to_contain_text(absent, timeout=15_000)
        expect(rows).to_contain_text(found)
    assert not Employee.objects.filter(name="Baris Salah").exists()
    assert Employee.objects.get(nip=staff).supervisor.nip == head
    assert errors == []


def test_the_page_polls_progress_and_shows_the_result_when_done(live_server, page, hr_officer_a,
                                                                settings, tmp_path):
    """With a queued backend the dry run finishes later: the page polls every second and
    reloads itself into the result."""
    from kembang.organisation.importing.models import ImportBatch

    settings.MEDIA_ROOT = tmp_path / "media"
    batch = ImportBatch.objects.create(regency=hr_officer_a.regency, created_by=hr_officer_a,
                                       filename="besar.xlsx", status="validating",
                                       total_rows=10000, processed_rows=2500)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(hr_officer_a.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/impor/{batch.pk}/")
    expect(page.locator("#import-progress")).to_contain_text("2.500 dari 10.000")
    ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=7500)
    expect(page.locator("#import-progress")).to_contain_text("7.500 dari 10.000")
    ImportBatch.objects.filter(pk=batch.pk).update(
        status="validated", processed_rows=10000,
        summary={"counts": {"create": 0, "update": 0, "unchanged": 0, "reject": 0,
                            "deactivate": 0}})
    page.get_by_text("Hasil pemeriksaan (belum disimpan)").wait_for()
    assert page.locator("#import-progress").count() == 0
