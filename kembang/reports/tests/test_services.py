"""The steps of a unit report: scope, separation of duties, snapshot, locks, audit."""

from datetime import date

import pytest
import time_machine

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, on
from kembang.learning.errors import RuleRefusal
from kembang.learning.models import LockedPeriod, Session
from kembang.learning.services import sessions
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import grant, login_for
from kembang.reports.selectors import reports_due
from kembang.reports.services import report_prepare, report_receive, report_return, report_send

LAST_MONTH = on(-1, 1)


def world(people_for, profile_id="nganjuk"):
    p = people_for(profile_id)
    p.admin = login_for(regency=p.regency, username="admin.laporan")
    grant(p.admin, Role.HR_ADMIN)
    p.program = start_coaching(p)
    p.session = sessions.session_validate(actor=p.hr_user,
                                          session=log_and_confirm(p, p.program, on(-1, 5)))
    return p


def _prepare(p, note="Rekap bulan lalu"):
    return report_prepare(actor=p.hr_user, unit=p.unit, kind="monthly", start=LAST_MONTH,
                          note=note)


def test_the_steps_under_nganjuk_snapshot_lock_and_audit(people_for):
    p = world(people_for)
    report = _prepare(p)
    assert report.status == "prepared" and report.prepared_by == p.hr_user
    assert report.due_date == on(0, 31)  # the last day of the next month
    report = report_send(actor=p.head_user, report=report)
    assert report.status == "sent"
    rows = report.snapshot["rows"]
    assert [row[0] for row in rows if row[0] == p.participant.nip] == [p.participant.nip]
    assert LockedPeriod.objects.filter(unit=p.unit, month=LAST_MONTH).exists()
    p.session.refresh_from_db()
    assert p.session.locked
    before = report.snapshot
    Session.objects.filter(pk=p.session.pk).update(topic="Diubah sesudahnya", jp=9)
    report.refresh_from_db()
    assert report.snapshot == before  # a later edit does not change what was sent
    report = report_receive(actor=p.admin, report=report)
    assert report.status == "received" and report.decided_by == p.admin
    actions = list(AuditEvent.objects.filter(object_type="reports.unitreport")
                   .values_list("action", flat=True).order_by("pk"))
    assert actions == ["report.prepare", "report.send", "report.receive"]


def test_returning_unlocks_the_months_and_reopens_the_report(people_for):
    p = world(people_for)
    report = report_send(actor=p.head_user, report=_prepare(p))
    with pytest.raises(RuleRefusal):
        report_return(actor=p.admin, report=report, reason=" ")
    report = report_return(actor=p.admin, report=report, reason="Data belum lengkap")
    assert report.status == "returned" and report.return_reason == "Data belum lengkap"
    assert not LockedPeriod.objects.filter(unit=p.unit, month=LAST_MONTH).exists()
    p.session.refresh_from_db()
    assert not p.session.locked
    assert AuditEvent.objects.filter(action="period.unlock").count() == 1
    again = _prepare(p, note="Diperbaiki")
    assert again.pk == report.pk and again.status == "prepared"
    assert report_send(actor=p.head_user, report=again).status == "sent"


def test_only_hr_prepares_only_the_head_sends_only_bkpsdm_decides(people_for):
    p = world(people_for)
    with pytest.raises(RuleRefusal):
        report_prepare(actor=p.head_user, unit=p.unit, kind="monthly", start=LAST_MONTH)
    with pytest.raises(RuleRefusal):
        report_prepare(actor=p.hr_user, unit=p.other_unit, kind="monthly", start=LAST_MONTH)
    report = _prepare(p)
    for actor in (p.hr_user, p.admin, p.coach_user):
        with pytest.raises(RuleRefusal):
            report_send(actor=actor, report=report)
    report = report_send(actor=p.head_user, report=report)
    for actor in (p.hr_user, p.head_user):
        with pytest.raises(RuleRefusal):
            report_receive(actor=actor, report=report)
    with pytest.raises(RuleRefusal):
        _prepare(p)  # already sent


def test_the_head_never_sends_what_they_prepared_themselves(people_for):
    p = world(people_for)
    grant(p.head_user, Role.HR_OFFICER, p.unit)
    p.head_user._kembang_scope = None
    del p.head_user._kembang_scope
    report = report_prepare(actor=p.head_user, unit=p.unit, kind="monthly", start=LAST_MONTH)
    with pytest.raises(RuleRefusal) as refused:
        report_send(actor=p.head_user, report=report)
    assert refused.value.code == "own_preparation"


def test_a_month_without_sessions_owes_nothing_and_an_unsent_one_turns_late(people_for):
    p = world(people_for)
    rows = {(r.unit.pk, r.period_start): r for r in reports_due(p.regency, TODAY)}
    assert rows[(p.unit.pk, LAST_MONTH)].state == "due"
    assert rows[(p.other_unit.pk, LAST_MONTH)].state == "none_owed"
    after_due = date(TODAY.year + (TODAY.month == 12), TODAY.month % 12 + 1, 1)
    rows = {(r.unit.pk, r.period_start): r for r in reports_due(p.regency, after_due)}
    assert rows[(p.unit.pk, LAST_MONTH)].state == "late"
    report_send(actor=p.head_user, report=_prepare(p))
    rows = {(r.unit.pk, r.period_start): r for r in reports_due(p.regency, after_due)}
    assert rows[(p.unit.pk, LAST_MONTH)].state == "sent"


def test_langsa_owes_no_report(people_for):
    p = world(people_for, "langsa")
    assert reports_due(p.regency, TODAY) == []
    with pytest.raises(RuleRefusal) as refused:
        _prepare(p)
    assert refused.value.code == "no_report_due"


def _december(day: int) -> date:
    year = TODAY.year if (TODAY.month, TODAY.day) <= (12, day) else TODAY.year + 1
    return date(year, 12, day)


def test_belitung_timur_annual_report_from_1_december_then_the_follow_up(people_for):
    p = world(people_for, "belitung-timur")
    year = _december(10).year
    if year != TODAY.year:
        pytest.skip("the pinned today is after this year's December window")
    # The world's program runs around the pinned today; this test lives in December.
    type(p.program).objects.filter(pk=p.program.pk).update(end_date=date(year, 12, 31))
    p.program.refresh_from_db()
    with time_machine.travel(date(year, 11, 30), tick=True):
        with pytest.raises(RuleRefusal) as refused:
            report_prepare(actor=p.hr_user, unit=p.unit, kind="annual", start=date(year, 1, 1))
        assert refused.value.code == "not_open_yet"
    with time_machine.travel(_december(10), tick=True):
        report = report_prepare(actor=p.hr_user, unit=p.unit, kind="annual",
                                start=date(year, 1, 1))
        assert report.due_date == date(year, 12, 31)
        report = report_send(actor=p.head_user, report=report)
        assert report.period_end == date(year, 12, 10)
        assert LockedPeriod.objects.filter(unit=p.unit, month=date(year, 11, 1)).exists()
        rows = [r for r in reports_due(p.regency, _december(10))
                if r.unit == p.unit and r.period_start.year == year]
        assert [(r.kind, r.state) for r in rows] == [("annual", "sent"),
                                                     ("follow_up", "none_owed")]
    with time_machine.travel(date(year, 12, 20), tick=True):
        sessions.session_validate(actor=p.hr_user,
                                  session=log_and_confirm(p, p.program, date(year, 12, 18)))
        rows = [r for r in reports_due(p.regency, date(year, 12, 20)) if r.unit == p.unit]
        follow = rows[-1]
        assert (follow.kind, follow.state, follow.due_date) == (
            "follow_up", "due", date(year + 1, 1, 31))
    with time_machine.travel(date(year + 1, 1, 5), tick=True):
        follow_up = report_prepare(actor=p.hr_user, unit=p.unit, kind="follow_up",
                                   start=date(year, 12, 11))
        follow_up = report_send(actor=p.head_user, report=follow_up)
        assert [row[3] for row in follow_up.snapshot["rows"]] == [f"18/12/{year}"]
        assert LockedPeriod.objects.filter(unit=p.unit, month=date(year, 12, 1)).exists()
