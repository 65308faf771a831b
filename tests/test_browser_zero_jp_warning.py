"""Say it before it happens, in a real browser: under each profile the employee fills the
session form so that it would earn 0 JP and reads why — the month's cap already reached,
less than one JP of self-study, the day's 2 JP already used — before saving anything;
and after a form error the evidence file must be chosen again, which the form says next
to it, while every typed field is kept. Debian's chromium through Playwright; each wait
is for the preview's htmx response, then for the text (no sleeps)."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kembang.common.tests.clock import TODAY, iso, on
from kembang.learning.models import Evidence, Session
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT, People
from tests.test_browser_csp import Watched
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

END = on(1, 31)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
WAIT = 20_000  # ms: generous under load; every wait still ends as soon as the text shows


def log(p, program, day, **data):
    return sessions.session_log(
        actor=p.participant_user, program=program, submit=True,
        data={"date": day, "topic": f"Materi {day:%d/%m}", "mode": "luring",
              "scope": "nasional", **data}).session


def coaching(p):
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Menyusun laporan kinerja", job_link="Tugas pelaporan",
        planned_activities="Praktik bersama", performance_problem="Laporan terlambat")
    return programs.program_agree(actor=p.participant_user, program=program)


def mentoring(p):
    program = programs.mentoring_request(
        actor=p.participant_user, mentor=p.coach, start_date=OCT, end_date=END,
        development_need="Menyusun telaahan staf", guidance_need="Arahan menyusun telaahan")
    return programs.mentoring_answer(actor=p.coach_user, program=program, accept=True)


def self_study(p):
    return programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")


def preview_after(page, action):
    """Run `action` (a change of the date, scope or minutes) and wait for the preview's
    htmx answer; returns the preview box."""
    with page.expect_response(lambda r: "/pratinjau-jp/" in r.url
                              and r.request.method == "POST", timeout=WAIT) as answer:
        action()
    assert answer.value.ok, answer.value.status
    return page.locator("#jp-preview")


def open_form(page, live_server, p, program) -> Journey:
    """The participant on the program's session form; `j.errors` collects 5xx answers,
    `j.watched.problems` CSP refusals, console errors and script errors (htmx's too)."""
    watched = Watched(page, live_server.url)
    j = Journey(page, live_server.url)
    j.watched = watched
    j.login_as(p.participant_user)
    j.go(reverse("learning:session_create", args=[program.pk]))
    expect(page.locator("#jp-preview")).to_be_attached(timeout=WAIT)
    return j


def fill_date(page, day):
    return lambda: page.get_by_label("Hari/tanggal").fill(iso(day))


@pytest.mark.parametrize("profile_id, start, activity_label", [
    ("nganjuk", coaching, "Pembimbingan/Coaching"),
    ("belitung-timur", mentoring, "Pendampingan/Mentoring"),
])
def test_the_third_session_of_a_month_warns_of_0_jp_before_saving(
        live_server, page, profile_id, start, activity_label):
    p = People(profile_id)
    program = start(p)
    log(p, program, on(-1, 5))
    log(p, program, on(-1, 12))
    j = open_form(page, live_server, p, program)

    box = preview_after(page, fill_date(page, on(-1, 19)))
    expect(box).to_contain_text("Sesi ini akan mendapat 0 JP.", timeout=WAIT)
    expect(box).to_contain_text(
        f"Tidak dihitung: sudah 2 sesi {activity_label} bulan ini (sesi ke-3, maks. 2).",
        timeout=WAIT)

    # Another month still has its slots: the warning goes away as the date changes.
    box = preview_after(page, fill_date(page, TODAY))
    expect(box).not_to_contain_text("0 JP", timeout=WAIT)
    expect(box).to_contain_text("Dihitung: sesi ke-1 bulan ini (maks. 2).", timeout=WAIT)
    assert Session.objects.filter(program=program).count() == 2  # nothing was saved
    assert not j.errors and not j.watched.problems, (j.errors, j.watched.problems)


def test_langsa_self_study_warns_under_45_minutes_and_after_the_day_s_2_jp(live_server, page):
    p = People("langsa")
    program = self_study(p)
    log(p, program, on(-1, 6), minutes=90, resume="Tabel pivot", learning_source="Kursus")
    j = open_form(page, live_server, p, program)
    minutes = page.get_by_label("Durasi (menit)")

    preview_after(page, fill_date(page, on(-1, 5)))  # no minutes yet: nothing to say
    minutes.fill("30")
    box = preview_after(page, lambda: minutes.press("Tab"))
    expect(box).to_contain_text("Sesi ini akan mendapat 0 JP.", timeout=WAIT)
    expect(box).to_contain_text("Kurang dari 1 JP (45 menit).", timeout=WAIT)

    # The 6th already holds 90 minutes, the day's 2 JP.
    minutes.fill("45")
    preview_after(page, lambda: minutes.press("Tab"))
    box = preview_after(page, fill_date(page, on(-1, 6)))
    expect(box).to_contain_text("Sesi ini akan mendapat 0 JP.", timeout=WAIT)
    expect(box).to_contain_text("Dibatasi 2 JP sehari.", timeout=WAIT)

    # On a free day the same 45 minutes earn 1 JP.
    box = preview_after(page, fill_date(page, on(-1, 7)))
    expect(box).to_contain_text("Sesi ini akan mendapat 1 JP.", timeout=WAIT)
    assert Session.objects.filter(program=program).count() == 1
    assert not j.errors and not j.watched.problems, (j.errors, j.watched.problems)


def test_langsa_third_coaching_session_warns_too(live_server, page):
    p = People("langsa")
    program = coaching(p)
    log(p, program, on(-1, 5))
    log(p, program, on(-1, 12))
    j = open_form(page, live_server, p, program)
    box = preview_after(page, fill_date(page, on(-1, 26)))
    expect(box).to_contain_text("Sesi ini akan mendapat 0 JP.", timeout=WAIT)
    expect(box).to_contain_text("Tidak dihitung: sudah 2 sesi", timeout=WAIT)
    assert not j.errors and not j.watched.problems, (j.errors, j.watched.problems)


def test_after_a_form_error_the_file_must_be_chosen_again_and_typed_text_is_kept(
        live_server, page):
    p = People("langsa")
    program = coaching(p)
    j = open_form(page, live_server, p, program)
    tomorrow = iso(TODAY + datetime.timedelta(days=1))
    evidence = page.get_by_label("Bukti (PDF/JPG/PNG, maks. 5 MB)")

    # A date in the future: the preview says so before saving.
    box = preview_after(page, lambda: page.get_by_label("Hari/tanggal").fill(tomorrow))
    expect(box).to_contain_text("Tanggal sesi tidak boleh di masa depan.", timeout=WAIT)
    page.get_by_label(re.compile(r"^Materi\b")).fill("Menyusun kerangka laporan")
    page.get_by_label("Cara").select_option("daring")
    preview_after(page, lambda: page.get_by_label("Cakupan").select_option("internasional"))
    page.get_by_label("Catatan").fill("Dibahas bersama coach dari lembaga luar negeri")
    evidence.set_input_files(files=[{"name": "bukti.pdf", "mimeType": "application/pdf",
                                     "buffer": PDF}])
    j.click("Simpan dan ajukan untuk diparaf")

    # Saved anyway: refused on the date, the file input emptied and the form says so.
    field = page.locator("div.mb-3", has=page.locator("#id_evidence"))
    expect(field).to_contain_text(
        "Berkas bukti belum tersimpan. Pilih berkasnya lagi sebelum menyimpan.", timeout=WAIT)
    expect(page.locator("div.mb-3", has=page.locator("#id_date"))).to_contain_text(
        "Tanggal sesi tidak boleh di masa depan.")
    assert evidence.evaluate("input => input.files.length") == 0
    expect(page.get_by_label(re.compile(r"^Materi\b"))).to_have_value(
        "Menyusun kerangka laporan")
    expect(page.get_by_label("Catatan")).to_have_value(
        "Dibahas bersama coach dari lembaga luar negeri")
    expect(page.get_by_label("Hari/tanggal")).to_have_value(tomorrow)
    expect(page.get_by_label("Cara")).to_have_value("daring")
    expect(page.get_by_label("Cakupan")).to_have_value("internasional")
    assert not Session.objects.exists()

    # Corrected, with the file chosen again, it is saved with its evidence.
    box = preview_after(page, fill_date(page, on(-1, 5)))
    expect(box).to_contain_text("Sesi ini akan mendapat 4 JP.", timeout=WAIT)
    evidence.set_input_files(files=[{"name": "bukti.pdf", "mimeType": "application/pdf",
                                     "buffer": PDF}])
    j.click("Simpan dan ajukan untuk diparaf")
    j.expect_text("Sesi tersimpan.")
    session = Session.objects.get()
    assert (session.topic, session.scope, session.mode) == (
        "Menyusun kerangka laporan", "internasional", "daring")
    assert Evidence.objects.filter(session=session).count() == 1
    assert not j.errors and not j.watched.problems, (j.errors, j.watched.problems)
