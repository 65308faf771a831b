"""The steps of a unit report (docs/reports.md). Every step is audited.

- `report_prepare`: an HR officer of the Perangkat Daerah (or BKPSDM, `hr_covers`) writes
  the note; a returned report is prepared again the same way.
- `report_send`: the head of that Perangkat Daerah approves and sends — never the person
  who prepared it (docs/separation-of-duties.md). Sending takes the snapshot and locks
  the past months it covers for the unit and its sub-units (`period_lock`).
- `report_receive` / `report_return`: BKPSDM. Returning needs a reason; it unlocks the
  months the sending locked and reopens the report.

Lateness is only shown; it never changes JP.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal
from kembang.learning.models import LockedPeriod
from kembang.learning.profiles import schedule_for
from kembang.learning.services.periods import period_lock, period_unlock
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.policy.profiles import (
    REPORT_ANNUAL,
    REPORT_FOLLOW_UP,
    REPORT_MONTHLY,
    annual_report_period,
    follow_up_report_period,
    monthly_report_period,
)
from kembang.reports.content import report_table
from kembang.reports.models import UnitReport

NOTE_MAX = 4000


def _refuse(message: str, code: str, field: str | None = None):
    raise RuleRefusal(message, code=code, field=field)


def annual_report(regency, unit, year: int) -> UnitReport | None:
    """The unit's sent or received yearly report of `year`, or None."""
    return (UnitReport.objects.filter(
        regency=regency, unit=unit, kind=UnitReport.Kind.ANNUAL,
        period_start=date(year, 1, 1),
        status__in=(UnitReport.Status.SENT, UnitReport.Status.RECEIVED)).first())


def period_for(regency, unit, kind: str, start: date):
    """The profile's period of `kind` starting at (the month or year of) `start` for
    `unit`, or None when the profile asks for no such report."""
    profile = schedule_for(regency).at(start)
    if kind == REPORT_MONTHLY:
        return monthly_report_period(profile, start.year, start.month)
    if kind == REPORT_ANNUAL:
        return annual_report_period(profile, start.year)
    if kind == REPORT_FOLLOW_UP:
        annual = annual_report(regency, unit, start.year)
        if annual is None:
            return None
        return follow_up_report_period(profile, start.year,
                                       sent_on=timezone.localtime(annual.sent_at).date())
    return None


def _check_unit(actor, unit) -> None:
    if unit.regency_id != actor.regency_id or unit.parent_id is not None:
        _refuse(_("Unit tidak ditemukan."), "unit_not_found", "unit")


def may_prepare(user, report_or_unit) -> bool:
    unit = getattr(report_or_unit, "unit", report_or_unit)
    return scope_for(user).hr_covers(unit.path) and unit.regency_id == user.regency_id


def may_send(user, report: UnitReport) -> bool:
    return (report.status == UnitReport.Status.PREPARED
            and scope_for(user).heads(report.unit.path)
            and report.prepared_by_id != user.pk)


def may_decide(user, report: UnitReport) -> bool:
    return report.status == UnitReport.Status.SENT and scope_for(user).is_admin


@transaction.atomic
def report_prepare(*, actor, unit, kind: str, start: date, note: str = "") -> UnitReport:
    """Prepare (or prepare again) the report of `unit` for the period of `kind` at
    `start`: the HR officer's note; nothing is locked yet."""
    _check_unit(actor, unit)
    if not may_prepare(actor, unit):
        _refuse(_("Anda tidak menyiapkan laporan unit ini."), "not_allowed")
    regency = unit.regency
    period = period_for(regency, unit, kind, start)
    if period is None:
        _refuse(_("Aturan yang berlaku tidak meminta laporan ini."), "no_report_due")
    today = regency_today(regency)
    if today < period.opens:
        _refuse(_("Laporan ini baru dapat disiapkan mulai %(day)s.")
                % {"day": period.opens.strftime("%d/%m/%Y")}, "not_open_yet")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        _refuse(_("Catatan terlalu panjang."), "note_too_long", "note")
    report = (UnitReport.objects.select_for_update()
              .filter(regency=regency, unit=unit, kind=kind, period_start=period.start).first())
    old_status = report.status if report else None
    if report is None:
        report = UnitReport(regency=regency, unit=unit, kind=kind, period_start=period.start)
    elif report.status in (UnitReport.Status.SENT, UnitReport.Status.RECEIVED):
        _refuse(_("Laporan ini sudah dikirim."), "already_sent")
    report.period_end, report.due_date = period.end, period.due
    report.status, report.note = UnitReport.Status.PREPARED, note
    report.prepared_by, report.prepared_at = actor, timezone.now()
    report.save()
    audit_record(actor=actor, regency=regency, action="report.prepare", obj=report,
                 changes={"status": [old_status, report.status], "note": [None, note]})
    return report


def _months(start: date, end: date):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month.replace(year=month.year + 1, month=1) if month.month == 12
                 else month.replace(month=month.month + 1))


@transaction.atomic
def report_send(*, actor, report: UnitReport) -> UnitReport:
    """The head of the Perangkat Daerah approves and sends: snapshot, then lock."""
    report = UnitReport.objects.select_for_update().select_related("unit", "regency").get(
        pk=report.pk)
    if report.status != UnitReport.Status.PREPARED:
        _refuse(_("Laporan ini belum disiapkan atau sudah dikirim."), "not_prepared")
    if not scope_for(actor).heads(report.unit.path):
        _refuse(_("Hanya kepala perangkat daerah ini yang mengirim laporannya."), "not_head")
    if report.prepared_by_id == actor.pk:
        _refuse(_("Laporan ini Anda siapkan sendiri; yang menyetujui dan mengirimnya harus "
                  "orang lain."), "own_preparation")
    regency, unit = report.regency, report.unit
    now = timezone.now()
    today = regency_today(regency)
    annual = (annual_report(regency, unit, report.period_start.year)
              if report.kind == UnitReport.Kind.FOLLOW_UP else None)
    if report.kind == UnitReport.Kind.ANNUAL:
        report.period_end = min(today, report.period_end)  # 1 January to the sending date
    report.snapshot = report_table(report, annual=annual)
    report.snapshot["taken_at"] = now.isoformat()
    locked = []
    this_month = today.replace(day=1)
    for month in _months(report.period_start, report.period_end):
        if month >= this_month:
            break  # only a month that has passed can be locked
        if LockedPeriod.objects.filter(regency=regency, unit=unit, month=month).exists():
            continue
        period_lock(actor=actor, regency=regency, month=month, unit=unit,
                    reason=_("Laporan unit dikirim"))
        locked.append(month.isoformat())
    report.snapshot["locked_months"] = locked
    report.status, report.sent_by, report.sent_at = UnitReport.Status.SENT, actor, now
    report.decided_by, report.decided_at = None, None
    report.save()
    audit_record(actor=actor, regency=regency, action="report.send", obj=report,
                 changes={"status": [UnitReport.Status.PREPARED, report.status],
                          "locked_months": [None, locked]})
    return report


def _decide(actor, report, *, to: str, reason: str = "") -> UnitReport:
    report = UnitReport.objects.select_for_update().select_related("unit", "regency").get(
        pk=report.pk)
    if not scope_for(actor).is_admin or report.regency_id != actor.regency_id:
        _refuse(_("Hanya BKPSDM yang menerima atau mengembalikan laporan."), "not_bkpsdm")
    if report.status != UnitReport.Status.SENT:
        _refuse(_("Laporan ini tidak sedang menunggu keputusan BKPSDM."), "not_sent")
    old = report.status
    report.status, report.decided_by, report.decided_at = to, actor, timezone.now()
    if to == UnitReport.Status.RETURNED:
        report.return_reason = reason
        for month in report.snapshot.get("locked_months", []):
            period_unlock(actor=actor, regency=report.regency, month=date.fromisoformat(month),
                          unit=report.unit, reason=reason)
    report.save()
    audit_record(actor=actor, regency=report.regency, action=f"report.{'return' if reason else 'receive'}",
                 obj=report, changes={"status": [old, to]}, reason=reason)
    return report


@transaction.atomic
def report_receive(*, actor, report: UnitReport) -> UnitReport:
    return _decide(actor, report, to=UnitReport.Status.RECEIVED)


@transaction.atomic
def report_return(*, actor, report: UnitReport, reason: str) -> UnitReport:
    """BKPSDM returns a sent report with a reason: its months reopen, it can be prepared
    again."""
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Tulis alasan pengembalian."), "reason_required", "reason")
    if len(reason) > NOTE_MAX:
        _refuse(_("Alasan terlalu panjang."), "reason_too_long", "reason")
    return _decide(actor, report, to=UnitReport.Status.RETURNED, reason=reason)
