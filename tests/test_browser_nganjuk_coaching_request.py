"""Issue 10 item 1 in a real browser: under `nganjuk` an employee asks a coach appointed
for their unit for coaching, and the coach accepts (Diktum KEEMPAT; Lampiran huruf D
(Coaching) angka 4 huruf a, the agreement of both parties)."""

import re

import pytest

from kembang.common.tests.clock import iso, on
from kembang.learning.models import ActivityType, Program
from kembang.learning.tests.conftest import OCT, People
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employee_asks_an_appointed_coach_who_accepts(live_server, page):
    p = People("nganjuk")
    j = Journey(page, live_server.url)

    j.login_as(p.participant_user)
    j.go("/program/")
    j.click("Minta pembimbingan (coaching)", role="link")
    page.get_by_label("Coach yang ditunjuk untuk unit Anda").select_option(
        label=f"{p.coach.full_name} — {p.coach.nip_display} — Dinas Uji")
    page.get_by_label(re.compile(r"^Mulai\b")).fill(iso(OCT))
    page.get_by_label(re.compile(r"^Selesai\b")).fill(iso(on(1, 31)))
    page.get_by_label(re.compile(r"^A\. Identifikasi kebutuhan pengembangan")).fill(
        "Menyusun telaahan staf yang ringkas")
    j.click("Kirim")
    page.wait_for_url(re.compile(r"/program/\d+/$"))
    program_path = page.url.removeprefix(live_server.url)
    j.expect_text("Menunggu jawaban")
    program = Program.objects.get(participant=p.participant)
    assert (program.activity, program.status, program.guide) == (
        ActivityType.COACHING, Program.Status.REQUESTED, p.coach)

    j.login_as(p.coach_user)
    j.go(program_path)
    j.click("Terima permohonan")
    j.expect_text("Jawaban tercatat.")
    j.expect_text("Berjalan")
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE and program.agreed_at is not None
    assert not j.errors
