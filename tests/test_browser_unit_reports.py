"""Unit reports in a real browser (Debian's chromium through Playwright, a phone viewport):

- under nganjuk and belitung-timur the HR officer prepares the report, the head of the
  Perangkat Daerah approves and sends it, a later edit of a session does not change it,
  BKPSDM returns it (the period reopens), it is prepared and sent again, BKPSDM receives it;
- under nganjuk a report not sent by its due day shows as late (pinned clock);
- under langsa the page says no report is due.

Every wait is `expect()`'s (no sleeps). Belitung Timur's report can only be sent in
December: that test runs at 10 December of the pinned year.
"""

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from kembang.common.tests.clock import TODAY, on
from kembang.learning.models import LockedPeriod, Session
from kembang.learning.services import sessions
from kembang.learning.tests.conftest import People
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import grant, login_for
from kembang.reports.models import UnitReport
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(profile_id):
    p = People(profile_id)
    p.admin = login_for(regency=p.regency, username="admin.laporan")
    grant(p.admin, Role.HR_ADMIN)
    program = start_coaching(p)
    p.session = sessions.session_validate(actor=p.hr_user,
                                          session=log_and_confirm(p, program, on(-1, 5)))
    return p


def _steps(j, p):
    page = j.page
    j.login_as(p.hr_user)
    j.go("/laporan/")
    page.locator("#report-rows tr", has_text=p.unit.name).get_by_role(
        "link", name="Siapkan laporan").click()
    page.get_by_label("Catatan pengelola SDM").fill("Semua sesi sudah divalidasi")
    j.click("Siapkan laporan")
    expect(page.locator("#report-status")).to_have_text("Disiapkan")
    expect(page.locator("#report-clause")).to_contain_text(p.regency_rule_clause)
    url = page.url

    j.login_as(p.head_user)
    page.goto(url)
    j.click("Setujui dan kirim")
    expect(page.locator("#report-status")).to_have_text("Dikirim")
    sent_table = page.locator("#report-table").inner_text()
    assert LockedPeriod.objects.filter(unit=p.unit, month=on(-1, 1)).exists()

    Session.objects.filter(pk=p.session.pk).update(topic="Diubah sesudahnya", jp=9)
    page.reload()
    expect(page.locator("#report-status")).to_have_text("Dikirim")
    assert page.locator("#report-table").inner_text() == sent_table
    expect(page.locator("#report-table")).not_to_contain_text("Diubah sesudahnya")

    j.login_as(p.admin)
    page.goto(url)
    page.get_by_label("Alasan pengembalian").fill("Lampiran belum lengkap")
    j.click("Kembalikan")
    expect(page.locator("#report-status")).to_have_text("Dikembalikan")
    expect(page.locator("#return-reason")).to_contain_text("Lampiran belum lengkap")
    assert not LockedPeriod.objects.filter(unit=p.unit, month=on(-1, 1)).exists()

    j.login_as(p.hr_user)
    page.goto(url)
    page.get_by_role("link", name="Siapkan ulang").click()
    j.click("Siapkan laporan")
    expect(page.locator("#report-status")).to_have_text("Disiapkan")
    j.login_as(p.head_user)
    page.goto(url)
    j.click("Setujui dan kirim")
    expect(page.locator("#report-status")).to_have_text("Dikirim")
    j.login_as(p.admin)
    page.goto(url)
    j.click("Terima laporan")
    expect(page.locator("#report-status")).to_have_text("Diterima")
    assert UnitReport.objects.get().status == "received"
    assert not j.errors


def test_nganjuk_monthly_report_steps(live_server, page):
    p = _world("nganjuk")
    p.regency_rule_clause = "huruf E angka 2 huruf a"
    _steps(Journey(page, live_server.url), p)


def test_belitung_timur_annual_report_steps_in_december(live_server, page):
    if (TODAY.month, TODAY.day) > (12, 10) or TODAY.month == 1:
        pytest.skip("the pinned today leaves no December day ahead in its year")
    with time_machine.travel(date(TODAY.year, 12, 10), tick=True):
        p = _world("belitung-timur")
        p.regency_rule_clause = "huruf J"
        _steps(Journey(page, live_server.url), p)


def test_nganjuk_report_not_sent_by_its_due_day_is_late(live_server, page):
    p = _world("nganjuk")
    due = on(0, 31)
    with time_machine.travel(on(1, 2), tick=True):
        j = Journey(page, live_server.url)
        j.login_as(p.hr_user)
        flags = page.locator("#report-flags")
        expect(flags).to_contain_text("Terlambat")
        expect(flags).to_contain_text(due.strftime("%d/%m/%Y"))
        j.go("/laporan/")
        late = page.locator('#report-rows tr[data-state="late"]')
        expect(late).to_have_count(1)
        expect(late).to_contain_text(p.unit.name)
        expect(late).to_contain_text(due.strftime("%d/%m/%Y"))


def test_langsa_says_no_report_is_due(live_server, page):
    p = _world("langsa")
    j = Journey(page, live_server.url)
    j.login_as(p.hr_user)
    j.go("/laporan/")
    expect(page.locator("#no-report-due")).to_contain_text(
        "Tidak ada laporan unit yang wajib dikirim")
    expect(page.locator("#no-report-due")).to_contain_text("tidak mengatur pelaporan")
    page.get_by_role("link", name="Buka rekap JP unit").click()
    expect(page).to_have_url(live_server.url + "/rekap/")
