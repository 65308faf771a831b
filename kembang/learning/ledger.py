"""Writes the JP the policy ledger computes onto each session (SPEC §10.2, §10.4).

Load first, then calculate on plain values, then write back only what changed. Only the
given participant's rows of the given year are read and written.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q

from kembang.learning.models import LockedPeriod, Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.ledger import (
    LedgerSession,
    LockedSession,
    LockState,
    ledger_for_participant,
)
from kembang.policy.reasons import Reason

LEDGER_STATUSES = tuple(str(s) for s in OFFICIAL_STATUSES | PENDING_STATUSES)
ZERO = Decimal("0")


def _locked_months(participant, year: int) -> set[tuple[int, int]]:
    """Months of `year` reported for the participant's unit (or a unit above it) or for
    the whole regency."""
    unit_ids = [int(i) for i in participant.unit.path.strip("/").split("/") if i]
    rows = LockedPeriod.objects.filter(
        Q(unit__isnull=True) | Q(unit_id__in=unit_ids),
        regency_id=participant.regency_id, month__year__in=[year, year + 1],
    ).values_list("month", flat=True)
    return {(m.year, m.month) for m in rows}


def _correction_month(locked: set[tuple[int, int]], today: date) -> tuple[int, int]:
    """The participant's next open month, from the current month on (SPEC §10.4)."""
    year, month = today.year, today.month
    while (year, month) in locked:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year, month


def _as_ledger_input(session: Session) -> LedgerSession:
    return LedgerSession(key=session.pk, activity=session.activity, date=session.date,
                         scope=session.scope, minutes=session.minutes, status=session.status,
                         sequence=session.pk)


def _as_locked(session: Session) -> LockedSession:
    booked = session.correction_month
    return LockedSession(
        key=session.pk, activity=session.activity, date=session.date, jp=session.jp,
        counted=session.counted, scope=session.scope, minutes=session.minutes,
        sequence=session.pk, reasons=tuple(Reason.from_dict(r) for r in session.reasons),
        booked_month=(booked.year, booked.month) if booked else None)


def participant_recompute(*, participant, year: int) -> int:
    """Recompute and store the JP of `participant`'s sessions in `year`; returns how many
    sessions changed. Validated sessions get official JP; pending ones provisional JP;
    sessions of locked months keep what was reported."""
    sessions = list(Session.objects.filter(participant=participant, date__year=year))
    if not sessions:
        return 0
    regency = participant.regency
    schedule = schedule_for(regency)
    locked_months = _locked_months(participant, year)
    lock = None
    if locked_months:
        lock = LockState(
            months=frozenset(locked_months),
            sessions=tuple(_as_locked(s) for s in sessions if s.locked),
            correction_month=_correction_month(locked_months, regency_today(regency)),
        )
    live = [_as_ledger_input(s) for s in sessions
            if s.status in LEDGER_STATUSES and not s.locked]
    official = ledger_for_participant(schedule, live, lock=lock)
    provisional = ledger_for_participant(schedule, live, provisional=True, lock=lock)
    official_rows = {row.key: row for row in official.rows}
    provisional_rows = {row.key: row for row in provisional.rows}

    changed = []
    for session in sessions:
        if session.locked:
            continue
        row = official_rows.get(session.pk)
        prov = provisional_rows.get(session.pk)
        jp = row.jp if row else ZERO
        jp_provisional = prov.jp if prov else ZERO
        source = row or prov
        counted = bool(source and source.counted)
        reasons = [r.to_dict() for r in source.reasons] if source else []
        correction = None
        if row and row.correction_month:
            correction = date(row.correction_month[0], row.correction_month[1], 1)
        new = (jp, jp_provisional, counted, reasons, correction)
        old = (session.jp, session.jp_provisional, session.counted, session.reasons,
               session.correction_month)
        if new != old:
            (session.jp, session.jp_provisional, session.counted, session.reasons,
             session.correction_month) = new
            changed.append(session)
    _store(changed)
    return len(changed)


STORED_FIELDS = ("jp", "jp_provisional", "counted", "reasons", "correction_month")


def _store(changed: list[Session]) -> None:
    """A status change usually moves one to three rows: plain UPDATEs by primary key are
    cheaper then than one CASE-per-field `bulk_update`, which wins beyond a handful."""
    if len(changed) > 4:
        Session.objects.bulk_update(changed, STORED_FIELDS)
        return
    for session in changed:
        Session.objects.filter(pk=session.pk).update(
            **{field: getattr(session, field) for field in STORED_FIELDS})
