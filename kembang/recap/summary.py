"""Keeping `JpYear` equal to the sums of the stored session JP (docs/rekap.md#cost)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.recap.models import MONTH_FIELDS, JpYear

ZERO = Decimal("0")
VALIDATED = frozenset(str(s) for s in OFFICIAL_STATUSES)
COUNTED = frozenset(VALIDATED | {str(s) for s in PENDING_STATUSES})


def participant_year_store(participant, year: int, sessions) -> None:
    """Store the sums of `sessions` — all of the participant's sessions dated in `year`,
    with their JP as just computed — replacing what was stored for that year. Writes only
    the rows that changed (usually one)."""
    wanted: dict[tuple[int, str], dict] = {}
    for s in sessions:
        if s.date.year != year or s.status not in COUNTED:
            continue
        row = wanted.setdefault((s.unit_id, s.activity), _empty_sums())
        row["sessions"] += 1
        if s.status in VALIDATED:
            row["official"] += s.jp
            row[MONTH_FIELDS[s.date.month - 1]] += s.jp
        row["provisional"] += s.jp_provisional
    stored = {(r.unit_id, r.activity): r for r in
              JpYear.objects.filter(employee_id=participant.pk, year=year)}
    gone = [r.pk for key, r in stored.items() if key not in wanted]
    if gone:
        JpYear.objects.filter(pk__in=gone).delete()
    new = []
    for (unit_id, activity), sums in wanted.items():
        row = stored.get((unit_id, activity))
        if row is None:
            new.append(JpYear(regency_id=participant.regency_id, employee_id=participant.pk,
                              year=year, unit_id=unit_id, activity=activity, **sums))
        elif any(getattr(row, name) != value for name, value in sums.items()):
            JpYear.objects.filter(pk=row.pk).update(**sums)
    if new:
        JpYear.objects.bulk_create(new)


def _empty_sums() -> dict:
    return {"sessions": 0, "official": ZERO, "provisional": ZERO,
            **{name: ZERO for name in MONTH_FIELDS}}


def rebuild(regency_id: int | None = None) -> int:
    """Recreate the rows from the sessions (of one regency, or all); returns how many."""
    from kembang.learning.models import Session

    return rebuild_with(Session, JpYear, regency_id)


def rebuild_with(session_model, jp_year_model, regency_id: int | None = None) -> int:
    """`rebuild` with the given models (a migration passes its historical ones)."""
    rows = session_model.objects.filter(status__in=tuple(COUNTED))
    old = jp_year_model.objects.all()
    if regency_id is not None:
        rows, old = rows.filter(regency_id=regency_id), old.filter(regency_id=regency_id)
    old.delete()
    validated = Q(status__in=tuple(VALIDATED))
    months = {name: Sum("jp", filter=validated & Q(date__month=month))
              for month, name in enumerate(MONTH_FIELDS, start=1)}
    sums = (rows.annotate(year=ExtractYear("date"))
            .values("regency_id", "participant_id", "year", "unit_id", "activity")
            .annotate(sessions=Count("id"), official=Sum("jp", filter=validated),
                      provisional=Sum("jp_provisional"), **months)
            .order_by())
    batch = [jp_year_model(regency_id=row.pop("regency_id"),
                           employee_id=row.pop("participant_id"),
                           **{name: ZERO if value is None else value
                              for name, value in row.items()})
             for row in sums]
    jp_year_model.objects.bulk_create(batch, batch_size=5000)
    return len(batch)
