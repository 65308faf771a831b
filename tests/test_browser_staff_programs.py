"""Issue 12, "Programs for staff", in a real browser on a phone-sized screen, once per
regulation profile: BKPSDM opens the program list from the navigation, sees every pair,
keeps only the idle ones (no session for 30 days, as `kembang pengingat` finds them),
finds the idle pair flagged with the date of its last session, and opens it to read its
sessions. Debian's chromium through Playwright; every wait is an `expect()`."""

import re

import pytest
from playwright.sync_api import expect

from kembang.common.tests.clock import days_ago, on, shown, this_month
from kembang.learning.services import programs, sessions
from kembang.learning.services.reminders import INACTIVE_DAYS
from kembang.learning.tests.conftest import People
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 20_000  # ms: generous under load; every wait still ends as soon as the page shows it
START = this_month(-2)  # at least 59 days back: before the 30-day window
LONG_AGO = on(-2, 10)   # the idle pair's last session, more than 30 days back
RECENT = days_ago(2)


def coaching(coach_user, coachee, coachee_user):
    program = programs.coaching_propose(
        actor=coach_user, participant=coachee, start_date=START, end_date=on(1, 28),
        development_need="Menyusun laporan kinerja", job_link="Tugas pelaporan",
        planned_activities="Praktik bersama", performance_problem="Laporan terlambat",
        leadership_task="Laporan triwulan")
    return programs.program_agree(actor=coachee_user, program=program)


def log(actor, program, day, topic):
    sessions.session_log(actor=actor, program=program, submit=True, data={
        "date": day, "topic": topic, "mode": "luring", "scope": "nasional"})


@pytest.mark.parametrize("profile_id", ["nganjuk", "belitung-timur", "langsa"])
def test_bkpsdm_finds_the_idle_pair_and_opens_its_sessions(live_server, page, profile_id):
    p = People(profile_id)
    admin = login_for(regency=p.regency, username=f"bkpsdm.{profile_id}")
    grant(admin, Role.HR_ADMIN)
    idle = coaching(p.coach_user, p.participant, p.participant_user)
    log(p.participant_user, idle, LONG_AGO, "Menyusun kerangka laporan")
    busy_person = EmployeeFactory(unit=p.unit, position=p.participant.position,
                                  rank="III/a", supervisor=p.coach, name="Pegawai Rajin",
                                  is_talent=True)
    busy_user = login_for(busy_person)
    busy = coaching(p.coach_user, busy_person, busy_user)
    log(busy_user, busy, RECENT, "Diskusi draf laporan")

    j = Journey(page, live_server.url)
    j.login_as(admin)
    # The phone's collapsed menu holds the link.
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("link", name="Program pegawai", exact=True).click()
    expect(page.get_by_role("heading", name="Program pegawai")).to_be_visible(timeout=WAIT)
    rows = page.locator("#staff-programs > li")
    expect(rows).to_have_count(2, timeout=WAIT)
    expect(page.locator("#idle-summary")).to_contain_text(
        f"1 pasangan belum mencatat sesi selama {INACTIVE_DAYS} hari.")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Only the idle pairs: the list is drawn again in place, the address keeps the filter.
    page.get_by_label(f"Hanya pasangan tanpa sesi {INACTIVE_DAYS} hari").check()
    expect(rows).to_have_count(1, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"tanpa_sesi=on"), timeout=WAIT)
    row = rows.first
    expect(row).to_contain_text(p.participant.full_name)
    expect(row).to_contain_text(f"Tanpa sesi {INACTIVE_DAYS} hari")
    expect(row).to_contain_text(f"Sesi terakhir {shown(LONG_AGO)}")
    expect(row).not_to_contain_text(busy_person.full_name)

    # The row opens the program page with its sessions.
    row.get_by_role("link", name=p.participant.full_name).click()
    expect(page).to_have_url(re.compile(rf"/program/{idle.pk}/$"), timeout=WAIT)
    expect(page.locator("table")).to_contain_text("Menyusun kerangka laporan", timeout=WAIT)
    expect(page.locator("main")).to_contain_text(p.participant.full_name)
    assert not j.errors, j.errors
