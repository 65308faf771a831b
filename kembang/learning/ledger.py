"""Writes the JP the policy ledger computes onto each session
(docs/jp-rules.md#official-and-provisional-jp, docs/locked-months.md).

Load first, then calculate on plain values, then write back only what changed. Only the
given participant's rows of the given year are read and written.
"""

from datetime import date
from decimal import Decimal

from kembang.learning.models import LockedPeriod, Session
from kembang.learning.profiles import schedule_for
from kembang.organisation.dates import regency_today
from kembang.organisation.selectors import unit_on
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.ledger import (
    LedgerSession,
    LockedSession,
    LockState,
    ledger_for_participant,
)
from kembang.policy.reasons import Reason
from kembang.recap.summary import participant_year_store

LEDGER_STATUSES = tuple(str(s) for s in OFFICIAL_STATUSES | PENDING_STATUSES)
ZERO = Decimal("0")


def _unit_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _lock_state(participant, sessions: list[Session], year: int, today: date):
    """The participant's locked months and reported sessions (docs/locked-months.md), or
    None.

    A month is locked when it is locked for the whole regency, or for the unit (or a unit
    above it) that a session of that month belongs to — the unit of the session's date,
    not today's (docs/locked-months.md#unit-of-a-session). Corrections go to the first
    month from today that is open for the participant's current unit."""
    rows = LockedPeriod.objects.filter(
        regency_id=participant.regency_id,
        month__gte=date(year, 1, 1), month__lte=date(year + 2, 12, 1),
    ).values_list("unit_id", "month")
    regency_wide, by_month = set(), {}
    for unit_id, month in rows:
        key = (month.year, month.month)
        if unit_id is None:
            regency_wide.add(key)
        else:
            by_month.setdefault(key, set()).add(unit_id)

    def locked_for(key, path) -> bool:
        return key in regency_wide or bool(by_month.get(key, set()) & set(_unit_ids(path)))

    months = {(s.date.year, s.date.month) for s in sessions
              if locked_for((s.date.year, s.date.month), s.unit.path)}
    frozen = [s for s in sessions if s.locked]
    months |= {(s.date.year, s.date.month) for s in frozen}
    if not months:
        return None
    year_, month_ = today.year, today.month
    while locked_for((year_, month_), participant.unit.path):
        year_, month_ = (year_ + 1, 1) if month_ == 12 else (year_, month_ + 1)
    return LockState(months=frozenset(months), sessions=tuple(_as_locked(s) for s in frozen),
                     correction_month=(year_, month_))


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
    sessions = list(Session.objects.filter(participant=participant, date__year=year)
                    .select_related("unit"))
    if not sessions:
        return 0
    regency = participant.regency
    schedule = schedule_for(regency)
    lock = _lock_state(participant, sessions, year, regency_today(regency))
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
            # Once booked, a correction stays in its month: that month may be reported.
            correction = session.correction_month or date(*row.correction_month, 1)
        new = (jp, jp_provisional, counted, reasons, correction)
        old = (session.jp, session.jp_provisional, session.counted, session.reasons,
               session.correction_month)
        if new != old:
            (session.jp, session.jp_provisional, session.counted, session.reasons,
             session.correction_month) = new
            changed.append(session)
    _store(changed)
    participant_year_store(participant, year, sessions)
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


PREVIEW_KEY = "preview"


def participant_preview(*, participant, regency, activity: str, day: date, scope: str,
                        minutes: int | None, replacing: Session | None = None):
    """How the ledger would judge one more session of `participant` — or `replacing` as
    corrected — without storing anything: the row `participant_recompute` would write
    once it is pending (provisional JP, docs/jp-rules.md#official-and-provisional-jp), after
    the participant's validated and pending sessions of that year, locked months included
    (docs/locked-months.md).

    A new session comes after the participant's other sessions of its date (creation
    order); a corrected one keeps its place. Raises `LedgerInputError` when the ledger
    cannot judge it (the form's checks come first)."""
    sessions = [s for s in Session.objects.filter(participant=participant, date__year=day.year)
                .select_related("unit") if replacing is None or s.pk != replacing.pk]
    typed = Session(participant=participant, activity=activity, date=day, scope=scope,
                    minutes=minutes, status=Session.Status.SUBMITTED,
                    unit=unit_on(participant, day))
    lock = _lock_state(participant, [*sessions, typed], day.year, regency_today(regency))
    sequence = replacing.pk if replacing is not None else max(
        (s.pk for s in sessions), default=0) + 1
    live = [_as_ledger_input(s) for s in sessions
            if s.status in LEDGER_STATUSES and not s.locked]
    live.append(LedgerSession(key=PREVIEW_KEY, activity=activity, date=day, scope=scope,
                              minutes=minutes, status=str(Session.Status.SUBMITTED),
                              sequence=sequence))
    ledger = ledger_for_participant(schedule_for(regency), live, provisional=True, lock=lock)
    return ledger.row_for(PREVIEW_KEY)
