"""Issue 10 item 4 in a real browser: under `nganjuk` the coach logs a session, the
participant writes sections A/B/C when acknowledging it, and the session page shows the
titled sections (Lampiran huruf C angka 3–4). Debian's chromium through Playwright."""

import re

import pytest

from kembang.common.tests.clock import iso, on
from kembang.learning.models import Session
from kembang.learning.services import programs
from kembang.learning.tests.conftest import OCT, People
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = ("A. Identifikasi kebutuhan pengembangan", "B. Hubungan tanggung jawab pekerjaan",
          "C. Kegiatan pengembangan")


def test_under_nganjuk_the_participant_writes_abc_at_the_acknowledgement(live_server, page):
    p = People("nganjuk")
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan kinerja triwulan")
    programs.program_agree(actor=p.participant_user, program=program)
    j = Journey(page, live_server.url)

    # The coach logs the session; Materi is optional under nganjuk.
    j.login_as(p.coach_user)
    j.go(f"/program/{program.pk}/")
    j.click("Catat sesi", role="link")
    page.get_by_label("Hari/tanggal").fill(iso(on(-1, 5)))
    assert page.get_by_label(re.compile(r"^Materi\b")).get_attribute("required") is None
    j.click("Simpan")
    j.expect_text("Sesi tersimpan.")
    session_path = page.url.removeprefix(live_server.url)
    session = Session.objects.get(program=program)
    assert session.status == Session.Status.AWAITING_ACK and session.form_c == ""

    # The participant writes B and C (A comes pre-filled) and acknowledges.
    j.login_as(p.participant_user)
    j.go(session_path)
    form = page.locator("#acknowledge-form")
    assert form.get_by_label(TITLES[0]).input_value() == "Menyusun laporan kinerja triwulan"
    form.get_by_label(TITLES[1]).fill("Tugas pelaporan kinerja unit")
    form.get_by_label(TITLES[2]).fill("Menyusun kerangka laporan bersama coach\nUmpan balik")
    j.click("Simpan dan setujui")
    j.expect_text("Sesi disetujui.")
    assert j.errors == []

    session.refresh_from_db()
    assert session.status == Session.Status.CONFIRMED
    assert session.topic == "Menyusun kerangka laporan bersama coach"
    sections = page.locator("#session-sections")
    assert sections.locator("h2").all_inner_texts() == list(TITLES)
    assert "Tugas pelaporan kinerja unit" in sections.inner_text()
    assert "Umpan balik" in sections.inner_text()
    assert page.locator("h1").inner_text() == "Menyusun kerangka laporan bersama coach"
    assert page.locator("#acknowledge-form").count() == 0
