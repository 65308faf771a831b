"""In a real browser: a supervisor records their assessment, sees the gap chart, proposes
the year's plan; the employee agrees (Debian's chromium through Playwright)."""

import pytest
from playwright.sync_api import expect

from kembang.competency.models import DevelopmentPlan
from kembang.competency.tests.conftest import national

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
    integrity = national("M1")

    _login(page, live_server, p.coach.nip)
    page.goto(f"{live_server.url}/kompetensi/pegawai/{p.participant.pk}/")
    page.locator("#id_source").select_option("atasan")
    page.locator(f"#id_level_{integrity.pk}").select_option("1")
    page.get_by_label("Penyebab kesenjangan kinerja: Integritas").select_option(
        "keterampilan")
    page.get_by_role("button", name="Simpan penilaian").click()
    page.get_by_text("Penilaian tersimpan.").wait_for()
    expect(page.locator("canvas[data-gap-chart]")).to_have_attribute("data-drawn", "true")
    expect(page.locator("#gap-table")).to_contain_text("Integritas")

    page.get_by_role("link", name="Rencana pengembangan kompetensi").click()
    page.get_by_label("Integritas", exact=True).check()
    page.get_by_label("Jalur: Integritas").select_option("mentoring")
    page.get_by_label("JP direncanakan: Integritas").fill("12")
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
    employee.close()
    assert DevelopmentPlan.objects.get(employee=p.participant).status == "agreed"
    assert errors == []
