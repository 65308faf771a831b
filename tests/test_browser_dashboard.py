"""The regency dashboard in a real browser (Debian's chromium through Playwright) under
the strict Content-Security-Policy: BKPSDM opens it from the home page, the vendored
Chart.js draws every chart with no CSP violation and no console error, a number links to
the list behind it, and at phone width (390 px) the page is no wider than the screen.

Every wait is `expect()`'s (no sleeps)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kembang.common.tests.clock import TODAY, on
from kembang.learning.models import ClassicalTraining
from kembang.learning.services import sessions
from kembang.learning.tests.conftest import People
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from kembang.recap.dashboard import dashboard
from tests.test_browser_csp import Watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bkpsdm_reads_the_dashboard_charts_drawn_and_numbers_linked(live_server, page):
    p = People("langsa")
    program = start_coaching(p)
    sessions.session_validate(actor=p.hr_user, session=log_and_confirm(p, program, on(0, 1)))
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="klasikal", title="Bimtek",
        start_date=on(0, 1), end_date=on(0, 1), jp=Decimal("20"), recorded_by=p.hr_user)
    EmployeeFactory(unit=p.unit, kind="pppk", rank="IX", name="Pppk Belum")
    admin = login_for(regency=p.regency, username="admin.dasbor")
    grant(admin, Role.HR_ADMIN)
    board = dashboard(p.regency, TODAY.year)
    w = Watched(page, live_server.url)

    w.login_as(admin)
    expect(page.locator("#home-dashboard")).to_contain_text(
        f"{board.total.meeting} dari {board.total.people} pegawai")
    page.locator("#home-dashboard").get_by_role("link", name="Buka dasbor").click()
    page.wait_for_url(re.compile(r"/rekap/dasbor/$"))

    # Every chart is drawn by dashboard.js on a canvas Chart.js sized.
    canvases = page.locator("canvas[data-chart]")
    expect(canvases).to_have_count(3)
    for i in range(3):
        expect(canvases.nth(i)).to_have_attribute("data-drawn", "true")
        assert canvases.nth(i).evaluate("c => c.width > 0 && c.height > 0")
    # The numbers are in a table under each chart too.
    expect(page.locator("#dashboard-units table")).to_contain_text(p.unit.name)
    expect(page.locator("#mix-70")).to_contain_text("tidak dicatat di Kembang")

    # At phone width the page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # "who meets the target" opens the employee list filtered to them.
    page.locator("#link-meeting").click()
    page.wait_for_url(re.compile(rf"/pegawai/\?year={TODAY.year}&jp_status=memenuhi"))
    expect(page.locator("#employee-table")).to_contain_text(p.participant.full_name)
    expect(page.locator("#employee-table")).not_to_contain_text("Pppk Belum")
    assert not w.problems, w.problems
