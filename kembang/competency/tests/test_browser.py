"""In a real browser: a supervisor records their assessment, sees the gap chart, proposes
the year's plan; the employee agrees; the supervisor starts a coaching program from one
item and the employee sends a mentoring request to a suggested mentor from another
(Debian's chromium through Playwright)."""

import pytest
from playwright.sync_api import expect

from kembang.common.tests.clock import iso, on
from kembang.competency.models import DevelopmentPlan, PlanProgram
from kembang.competency.tests.conftest import assess, national
from kembang.learning.models import Program
from kembang.learning.tests.conftest import OCT

PASSWORD = "rahasia-uji-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")


def test_supervisor_assesses_plans_and_the_employee_agrees(live_server, page, browser,
                                                          world):
    p = world("langsa")
    p.participant.position.kind = "administrator"  # required level 3
    p.participant.position.save()
    errors = []
    page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
    integrity, communication = national("M1"), national("M3")
    assess(p, p.head, {"M1": 4})  # a senior of the same agency, assessed: a mentor to suggest

    _login(page, live_server, p.coach.nip)
    page.goto(f"{live_server.url}/kompetensi/pegawai/{p.participant.pk}/")
    page.locator("#id_source").select_option("atasan")
    page.locator(f"#id_level_{integrity.pk}").select_option("1")
    page.get_by_label("Penyebab kesenjangan kinerja: Integritas").select_option(
        "keterampilan")
    page.locator(f"#id_level_{communication.pk}").select_option("2")
    page.get_by_label("Penyebab kesenjangan kinerja: Komunikasi").select_option("motivasi")
    page.get_by_role("button", name="Simpan penilaian").click()
    page.get_by_text("Penilaian tersimpan.").wait_for()
    expect(page.locator("canvas[data-gap-chart]")).to_have_attribute("data-drawn", "true")
    expect(page.locator("#gap-table")).to_contain_text("Integritas")

    page.get_by_role("link", name="Rencana pengembangan kompetensi").click()
    page.get_by_label("Integritas", exact=True).check()
    page.get_by_label("Jalur: Integritas").select_option("mentoring")
    page.get_by_label("JP direncanakan: Integritas").fill("12")
    page.get_by_label("Komunikasi", exact=True).check()
    page.get_by_label("Jalur: Komunikasi").select_option("coaching")
    page.get_by_label("JP direncanakan: Komunikasi").fill("8")
    page.get_by_role("button", name="Usulkan rencana").click()
    page.get_by_text("Rencana diusulkan; menunggu kesepakatan pegawai.").wait_for()
    expect(page.locator("#plan-status")).to_have_text("diusulkan atasan")

    employee = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    other = employee.new_page()
    other.set_default_timeout(15000)
    other.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
    _login(other, live_server, p.participant.nip)
    other.goto(f"{live_server.url}/kompetensi/pegawai/{p.participant.pk}/rencana/")
    other.get_by_role("button", name="Saya menyepakati rencana ini").click()
    other.get_by_text("Rencana pengembangan disepakati.").wait_for()
    expect(other.locator("#plan-status")).to_have_text("disepakati pegawai")

    # The supervisor starts coaching from the agreed plan's coaching item: the form is
    # filled from it.
    page.reload()
    page.get_by_role("link", name="Mulai program coaching").click()
    expect(page.locator("#from-plan")).to_contain_text("Komunikasi")
    # Only the supervisor's view is recorded: the assessor's current level is unknown.
    expect(page.locator("#id_development_need")).to_have_value(
        "Kesenjangan kompetensi Komunikasi: level saat ini —, standar jabatan 3.")
    expect(page.locator("#id_target_competencies")).to_have_value("Komunikasi level 3")
    page.locator("#id_start_date").fill(iso(OCT))
    page.locator("#id_end_date").fill(iso(on(1, 28)))
    page.locator("#id_performance_problem").fill("Laporan sering terlambat")
    page.get_by_role("button", name="Kirim").click()
    page.get_by_text("Program dibuat.").wait_for()
    coaching = Program.objects.get(activity="coaching")
    assert PlanProgram.objects.get(program=coaching).competency == communication

    # The employee sends a mentoring request to a suggested mentor from the other item.
    other.goto(f"{live_server.url}/kompetensi/pegawai/{p.participant.pk}/rencana/")
    expect(other.locator("#plan-progress")).to_contain_text("Menunggu kesepakatan peserta")
    other.get_by_role("link", name=f"Ajukan kepada {p.head.full_name}").click()
    expect(other.locator("#id_development_need")).to_have_value(
        "Kesenjangan kompetensi Integritas: level saat ini —, standar jabatan 3.")
    expect(other.locator("#id_mentor")).to_have_value(str(p.head.pk))
    other.locator("#id_start_date").fill(iso(OCT))
    other.locator("#id_end_date").fill(iso(on(1, 28)))
    other.get_by_role("button", name="Kirim").click()
    other.get_by_text("Program dibuat.").wait_for()
    employee.close()
    mentoring = Program.objects.get(activity="mentoring")
    assert (mentoring.guide, mentoring.status) == (p.head, Program.Status.REQUESTED)
    assert PlanProgram.objects.get(program=mentoring).competency == integrity
    assert DevelopmentPlan.objects.get(employee=p.participant).status == "agreed"
    assert errors == []
