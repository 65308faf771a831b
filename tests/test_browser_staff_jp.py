"""JP wherever staff look at people, in a real browser (Debian's chromium through
Playwright, a 390 px phone viewport), once per regulation profile:

- the HR officer filters the employee list by the participant's status (below pace at
  the suite's today), sees the filter take effect without a reload, opens the
  participant and reads the same JP, session by session with the same reasons, as the
  participant reads on *JP saya*;
- the supervisor opens a subordinate below pace from the home page and sees their JP.

Every wait is `expect()`'s (no sleeps). Statuses depend on the day of the year: the one
to filter by is asked of the core at the suite's pinned today.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kembang.common.tests.clock import TODAY
from kembang.learning.services import sessions
from kembang.learning.services.classical import classical_record
from kembang.learning.tests.conftest import People
from kembang.learning.tests.test_workflow import start_coaching
from kembang.organisation.tests.factories import EmployeeFactory, login_for
from kembang.recap.figures import year_recap
from kembang.recap.labels import status_label
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROFILES = ["nganjuk", "belitung-timur", "langsa"]
# Three days of this month up to today (repeated on the 1st and 2nd): the third coaching
# session of a month earns nothing under every profile, with its reason.
DAYS = [TODAY.replace(day=max(1, TODAY.day - k)) for k in (2, 1, 0)]


def log_confirmed(p, participant_user, program, day, topic):
    logged = sessions.session_log(
        actor=participant_user, program=program, submit=True,
        data={"date": day, "topic": topic, "mode": "luring", "scope": "nasional"})
    return sessions.session_confirm(actor=p.coach_user, session=logged.session)


def coaching_for(p, employee, user):
    from kembang.learning.services import programs

    program = programs.coaching_propose(
        actor=p.coach_user, participant=employee, start_date=TODAY.replace(day=1),
        end_date=TODAY + timedelta(days=60), development_need="Menyusun laporan kinerja",
        performance_problem="Laporan sering terlambat", job_link="Laporan bulanan",
        planned_activities="Diskusi draf")
    return programs.program_agree(actor=user, program=program)


def world(profile_id: str):
    """The participant with three validated coaching sessions this month (the third
    capped), a PPPK who met the target by classical training, and a second subordinate of
    the coach with one session still pending (0 official JP: behind pace on any day)."""
    p = People(profile_id)
    program = start_coaching(p)
    for n, day in enumerate(DAYS, start=1):
        sessions.session_validate(actor=p.hr_user, session=log_confirmed(
            p, p.participant_user, program, day, f"Sesi {n}: menyusun laporan"))
    p.met = EmployeeFactory(unit=p.unit, kind="pppk", rank="IX", name="Pppk Sudah Tuntas")
    for title in ("Pelatihan teknis", "Pelatihan teknis lanjutan"):
        classical_record(actor=p.hr_user, employee=p.met, route="KL03", title=title,
                         start_date=TODAY, end_date=TODAY, jp=Decimal(10))
    p.second = EmployeeFactory(unit=p.unit, supervisor=p.coach, position=p.participant.position,
                               rank="III/a", is_talent=True, name="Bawahan Kedua")
    second_user = login_for(p.second)
    log_confirmed(p, second_user, coaching_for(p, p.second, second_user), TODAY,
                  "Sesi pertama bawahan kedua")
    return p


def ledger(page) -> tuple[str, list[str]]:
    """The JP line and every row of the session table, as the page shows them."""
    rows = page.locator("table tbody tr").filter(has=page.locator('a[href^="/sesi/"]'))
    return (page.locator("#jp-official").inner_text().strip(),
            [re.sub(r"\s+", " ", rows.nth(i).inner_text()).strip()
             for i in range(rows.count())])


@pytest.mark.parametrize("profile_id", PROFILES)
def test_hr_filters_below_pace_and_reads_what_the_employee_reads(live_server, page,
                                                                 profile_id):
    p = world(profile_id)
    status = next(r.status for r in year_recap(p.regency, TODAY.year).people
                  if r.employee.pk == p.participant.pk)
    j = Journey(page, live_server.url)

    # What the participant reads on JP saya.
    j.login_as(p.participant_user)
    j.go("/jp/")
    expect(page.locator("#jp-official")).to_be_visible()
    own_total, own_rows = ledger(page)
    assert len(own_rows) == 3
    assert "Tidak dihitung" in own_rows[2]

    # The HR officer's list, filtered by that status without a reload.
    j.login_as(p.hr_user)
    j.go("/pegawai/")
    table = page.locator("#employee-table")
    expect(table).to_contain_text(p.met.full_name)
    page.get_by_label("Capaian JP").select_option(label=status_label(status))
    expect(table).not_to_contain_text(p.met.full_name)
    expect(page).to_have_url(re.compile(rf"jp_status={status}"))
    row = table.locator("tbody tr").filter(has_text=p.participant.full_name)
    expect(row).to_contain_text(status_label(status))
    expect(row.locator(".jp-official")).to_have_text(own_total.split()[0])
    row.get_by_role("link", name=p.participant.full_name).click()
    page.wait_for_url(re.compile(rf"/pegawai/{p.participant.pk}/"))

    # The employee page: the same JP and reasons, with the program behind them.
    expect(page.locator("#employee-jp")).to_contain_text(status_label(status))
    assert ledger(page) == (own_total, own_rows)
    expect(page.locator("#employee-programs").get_by_role("link")).to_have_count(1)
    assert not j.errors, j.errors


@pytest.mark.parametrize("profile_id", PROFILES)
def test_the_supervisor_opens_a_subordinate_from_the_home_page(live_server, page, profile_id):
    p = world(profile_id)
    j = Journey(page, live_server.url)
    j.login_as(p.coach_user)
    behind = page.locator("#subordinates-behind")
    expect(behind).to_contain_text(f"{p.second.full_name} (NIP {p.second.nip_display})")
    behind.get_by_role("link", name=p.second.full_name).click()
    page.wait_for_url(re.compile(rf"/pegawai/{p.second.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(p.second.full_name)
    expect(page.locator("#jp-official strong")).to_have_text("0")
    expect(page.locator("#employee-jp")).to_contain_text("Sesi pertama bawahan kedua")
    # A supervisor reads; HR's actions are not offered.
    expect(page.get_by_role("link", name="Ubah")).to_have_count(0)
    assert not j.errors, j.errors
