"""The whole coaching journey in a real browser, once per regulation profile (issue
acceptance): real logins; the coach starts a program and the coachee agrees; three coaching
sessions in one month; the coach initials them; HR validates them in one go; the
participant sees exactly the JP the profile gives (nganjuk 4 + 4 + 0, the others
2 + 2 + 0, with the reason on the third) and evaluates the coach; and a returned session
comes back corrected and is initialled again.

Debian's chromium through Playwright, on a phone-sized (390 px) viewport.
"""

import re
import time

import pytest

from kembang.learning.models import Program, Session
from kembang.learning.tests.conftest import People

PASSWORD = "rahasia-uji-123"
SESSION_DAYS = ["2026-10-05", "2026-10-12", "2026-10-19"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Journey:
    """One browser tab shared by the people taking turns; logging out = clearing cookies
    (the "Keluar" button sits in the collapsed navbar on a phone)."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.errors: list[str] = []
        page.on("response", lambda r: r.status >= 500 and self.errors.append(
            f"{r.status} {r.url}"))
        page.on("dialog", lambda dialog: dialog.accept())  # data-confirm questions

    def go(self, path: str):
        self.page.goto(self.base + path)

    def login_as(self, user):
        self.page.context.clear_cookies()
        self.go("/akun/masuk/")
        self.page.get_by_label("NIP atau nama pengguna").fill(user.username)
        self.page.get_by_label("Kata sandi").fill(PASSWORD)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_url(self.base + "/")
        assert "Selamat datang" in self.page.content()

    def click(self, name: str, role: str = "button"):
        self.page.get_by_role(role, name=name, exact=True).click()

    def expect_text(self, text: str):
        self.page.get_by_text(text, exact=False).first.wait_for()


def cells(page, column: int) -> list[str]:
    rows = page.locator("table tbody tr")
    return [rows.nth(i).locator("td").nth(column).inner_text().strip()
            for i in range(rows.count())]


@pytest.mark.parametrize("profile_id, expected_jp, total", [
    ("nganjuk", ["4", "4", "0"], "8"),
    ("langsa", ["2", "2", "0"], "4"),
    ("belitung-timur", ["2", "2", "0"], "4"),
])
def test_coaching_journey_for_each_profile(live_server, page, profile_id, expected_jp, total):
    started = time.monotonic()
    p = People(profile_id)
    j = Journey(page, live_server.url)

    # The coach proposes coaching.
    j.login_as(p.coach_user)
    j.go("/program/baru/coaching/")
    page.get_by_label("Coachee (peserta bimbingan)").select_option(
        label=f"{p.participant.full_name} — {p.participant.nip_display} — Dinas Uji")
    page.get_by_label(re.compile(r"^Mulai\b")).fill("2026-10-01")
    page.get_by_label(re.compile(r"^Selesai\b")).fill("2026-12-31")
    page.get_by_label("A. Identifikasi kebutuhan pengembangan").fill(
        "Menyusun laporan kinerja triwulan")
    page.get_by_label("B. Hubungan tanggung jawab pekerjaan").fill("Tugas pelaporan unit")
    page.get_by_label("C. Kegiatan pengembangan").fill("Praktik menyusun laporan bersama")
    if profile_id == "belitung-timur":
        page.get_by_label("Permasalahan kinerja").fill("Laporan sering terlambat")
    j.click("Kirim")
    page.wait_for_url(re.compile(r"/program/\d+/$"))
    program_path = page.url.removeprefix(live_server.url)
    j.expect_text("Menunggu kesepakatan peserta")

    # The coachee agrees and logs three sessions in October.
    j.login_as(p.participant_user)
    j.go(program_path)
    j.click("Saya setuju (konsensus)")
    j.expect_text("Kesepakatan tercatat")
    for n, day in enumerate(SESSION_DAYS, start=1):
        j.go(program_path)
        j.click("Catat sesi", role="link")
        page.get_by_label("Hari/tanggal").fill(day)
        page.get_by_label(re.compile(r"^Materi\b")).fill(f"Sesi {n}: menyusun laporan")
        j.click("Simpan dan ajukan untuk diparaf")
        j.expect_text("Sesi tersimpan.")
        j.expect_text("Diajukan")
    program = Program.objects.get(participant=p.participant)
    assert program.status == Program.Status.ACTIVE
    assert Session.objects.filter(program=program, status="submitted").count() == 3

    # The coach initials each one from the program page.
    j.login_as(p.coach_user)
    for n in range(1, 4):
        j.go(program_path)
        page.get_by_role("link", name=f"Sesi {n}: menyusun laporan").click()
        j.click("Paraf")
        j.expect_text("Sesi diparaf.")

    # HR validates all three with one confirmation.
    j.login_as(p.hr_user)
    j.go("/validasi/")
    page.get_by_label("Pilih semua").check()
    j.click("Validasi yang dicentang")
    j.expect_text("3 sesi divalidasi.")
    assert Session.objects.filter(program=program, status="validated").count() == 3

    # The participant sees the JP the profile gives, and why the third earns nothing.
    j.login_as(p.participant_user)
    j.go("/jp/")
    assert cells(page, 2) == expected_jp
    assert "Tidak dihitung" in cells(page, 1)[2]
    assert page.locator("#jp-official strong").inner_text() == total

    # The participant evaluates the coach: after each session under nganjuk, at the end
    # of the program elsewhere (the coach closes it first).
    if profile_id != "nganjuk":
        j.login_as(p.coach_user)
        j.go(program_path)
        j.click("Tutup program")
        j.expect_text("Program ditutup.")
        j.login_as(p.participant_user)
        j.go(program_path)
        page.get_by_role("link", name="Isi Formulir Evaluasi Coaching").click()
    else:
        j.go(program_path)
        page.get_by_role("link", name="Isi Formulir Evaluasi Coaching untuk sesi 05/10/2026"
                         ).click()
    radios = page.locator('input[type="radio"][value="3"]')
    assert radios.count() == 9
    for i in range(radios.count()):
        radios.nth(i).check()
    page.locator('textarea[name="suggestions"]').fill("Penjelasan coach mudah diikuti.")
    j.click("Kirim")
    j.expect_text("Terima kasih, evaluasi tersimpan.")

    # A returned session comes back corrected (nganjuk's program is still running; the
    # others' was closed for the evaluation, so they use a second program).
    if profile_id != "nganjuk":
        j.login_as(p.coach_user)
        j.go("/program/baru/coaching/")
        page.get_by_label("Coachee (peserta bimbingan)").select_option(
            label=f"{p.participant.full_name} — {p.participant.nip_display} — Dinas Uji")
        page.get_by_label(re.compile(r"^Mulai\b")).fill("2026-11-01")
        page.get_by_label(re.compile(r"^Selesai\b")).fill("2026-12-31")
        page.get_by_label("A. Identifikasi kebutuhan pengembangan").fill("Presentasi data")
        if profile_id == "belitung-timur":
            page.get_by_label("Permasalahan kinerja").fill("Presentasi kurang jelas")
        j.click("Kirim")
        page.wait_for_url(re.compile(r"/program/\d+/$"))
        program_path = page.url.removeprefix(live_server.url)
        j.login_as(p.participant_user)
        j.go(program_path)
        j.click("Saya setuju (konsensus)")
        j.expect_text("Kesepakatan tercatat")
    else:
        j.login_as(p.participant_user)
    j.go(program_path)
    j.click("Catat sesi", role="link")
    page.get_by_label("Hari/tanggal").fill("2026-11-02")
    page.get_by_label(re.compile(r"^Materi\b")).fill("Sesi 4: draf kabur")
    j.click("Simpan dan ajukan untuk diparaf")
    j.expect_text("Sesi tersimpan.")
    session_path = page.url.removeprefix(live_server.url)

    j.login_as(p.coach_user)
    j.go(session_path)
    page.get_by_label("Kembalikan dengan alasan").fill("Sebutkan laporan yang dibahas.")
    j.click("Kembalikan")
    j.expect_text("Sesi dikembalikan.")

    j.login_as(p.participant_user)
    j.go(session_path)
    j.expect_text("Sebutkan laporan yang dibahas.")
    j.click("Ubah", role="link")
    page.get_by_label(re.compile(r"^Materi\b")).fill("Sesi 4: laporan kinerja triwulan III")
    j.click("Simpan")
    j.expect_text("Perubahan disimpan.")
    j.click("Ajukan untuk diparaf")
    j.expect_text("Sesi diajukan untuk diparaf.")

    j.login_as(p.coach_user)
    j.go(session_path)
    j.click("Paraf")
    j.expect_text("Sesi diparaf.")
    corrected = Session.objects.get(date="2026-11-02", participant=p.participant)
    assert (corrected.status, corrected.topic) == ("confirmed",
                                                   "Sesi 4: laporan kinerja triwulan III")
    assert list(corrected.transitions.values_list("to_status", flat=True)) == [
        "submitted", "returned", "submitted", "confirmed"]

    assert not j.errors, j.errors
    assert time.monotonic() - started < 60
