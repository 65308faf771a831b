"""Locked periods (docs/locked-months.md): once a month is reported, the JP counted in it
stay.

A unit-month locks when its unit report is submitted; BKPSDM can lock a whole
regency-month. Sessions validated in the month at that moment are frozen with their JP;
a session validated later is judged against that state and its JP is booked as a
correction in the participant's next open month.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal
from kembang.learning.models import LockedPeriod, Session
from kembang.organisation.dates import regency_today


@transaction.atomic
def period_lock(*, actor, regency, month: date, unit=None, reason: str = "") -> LockedPeriod:
    """Lock `month` (any day of it) for `unit` with its sub-units, or the whole regency."""
    first = month.replace(day=1)
    if unit is not None and unit.regency_id != regency.pk:
        raise RuleRefusal(_("Unit tidak ditemukan."), code="unit_not_found", field="unit")
    if first >= regency_today(regency).replace(day=1):
        raise RuleRefusal(_("Hanya bulan yang sudah lewat yang dapat dikunci."),
                          code="period_not_past", field="month")
    period, created = LockedPeriod.objects.get_or_create(
        regency=regency, unit=unit, month=first,
        defaults={"locked_by": actor, "reason": reason})
    if not created:
        return period
    in_month = Q(date__year=first.year, date__month=first.month)
    booked_here = Q(correction_month=first)  # corrections reported with this month
    if unit is not None:
        in_month &= Q(unit__path__startswith=unit.path)
        booked_here &= Q(participant__unit__path__startswith=unit.path)
    frozen = Session.objects.filter(in_month | booked_here, regency=regency,
                                    status=Session.Status.VALIDATED, locked=False
                                    ).update(locked=True)
    audit_record(actor=actor, regency=regency, action="period.lock", obj=period,
                 changes={"month": [None, first], "unit": [None, unit],
                          "sessions_frozen": [None, frozen]}, reason=reason)
    return period


@transaction.atomic
def period_unlock(*, actor, regency, month: date, unit=None, reason: str = "") -> bool:
    """Undo `period_lock` for `month` and `unit` (a returned unit report reopens its
    months, docs/reports.md). The sessions it froze thaw unless another lock — the
    regency's, or a unit's above — still covers them. False when nothing was locked."""
    first = month.replace(day=1)
    period = LockedPeriod.objects.filter(regency=regency, unit=unit, month=first).first()
    if period is None:
        return False
    period.delete()
    others = LockedPeriod.objects.filter(regency=regency, month=first)
    thawed = 0
    if not others.filter(unit__isnull=True).exists():
        in_month = Q(date__year=first.year, date__month=first.month)
        if unit is not None:
            in_month &= Q(unit__path__startswith=unit.path)
        sessions = Session.objects.filter(in_month, regency=regency, locked=True)
        for path in others.exclude(unit=None).values_list("unit__path", flat=True):
            if unit is None or not unit.path.startswith(path):
                sessions = sessions.exclude(unit__path__startswith=path)
            else:
                sessions = sessions.none()  # a unit above is still locked
        thawed = sessions.update(locked=False)
    audit_record(actor=actor, regency=regency, action="period.unlock", obj=None,
                 changes={"month": [first, None], "unit": [unit, None],
                          "sessions_thawed": [None, thawed]}, reason=reason)
    return True
