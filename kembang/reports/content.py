"""What a unit report says: the unit recap of its period (`kembang.recap.unit_report`),
or, for a follow-up report, the sessions held or validated after the yearly report —
laid out as one plain table (header, rows, totals) that is stored as the snapshot."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from kembang.learning.models import Session
from kembang.organisation.dates import regency_today
from kembang.policy.activities import OFFICIAL_STATUSES
from kembang.recap.unit_report import (
    jp_number,
    numeric_columns,
    period_label,
    table_header,
    table_rows,
    totals_row,
    unit_report,
)
from kembang.regulation.reasons import activity_label

VALIDATED = tuple(str(s) for s in OFFICIAL_STATUSES)


def _plain(value):
    if isinstance(value, Decimal):
        return str(jp_number(value))
    return value


def recap_table(regency, unit, *, year: int, first: int, last: int) -> dict:
    report = unit_report(regency, unit, year=year, first=first, last=last)
    return {"period": period_label(year, first, last), "header": table_header(report),
            "numeric": sorted(numeric_columns(report)),
            "rows": [[_plain(v) for v in row] for row in table_rows(report)],
            "totals": [_plain(v) for v in totals_row(report)],
            "as_of": report.as_of.isoformat()}


def follow_up_sessions(regency, unit, *, year: int, annual):
    """The validated sessions of `year` under `unit` held after the yearly report's
    period or validated after it was sent."""
    after = Q(date__gt=annual.period_end)
    if annual.sent_at is not None:
        after |= Q(validated_at__gt=annual.sent_at)
    return (Session.objects.filter(after, regency=regency, unit__path__startswith=unit.path,
                                   status__in=VALIDATED, date__year=year)
            .select_related("participant", "unit").order_by("date", "pk"))


def follow_up_table(regency, unit, *, year: int, annual) -> dict:
    header = [_("NIP"), _("Nama"), _("Unit"), _("Tanggal"), _("Kegiatan"), _("JP resmi")]
    rows, total = [], Decimal(0)
    for s in follow_up_sessions(regency, unit, year=year, annual=annual):
        rows.append([s.participant.nip, s.participant.full_name, s.unit.name,
                     s.date.strftime("%d/%m/%Y"), activity_label(s.activity),
                     _plain(s.jp)])
        total += s.jp
    return {"period": str(year), "header": header, "numeric": [5], "rows": rows,
            "totals": [_("Jumlah"), "", "", "", "", _plain(total)],
            "as_of": regency_today(regency).isoformat()}


def report_table(report, annual=None) -> dict:
    """The table of `report` as it stands now (the snapshot when it is sent)."""
    start = report.period_start
    if report.kind == report.Kind.FOLLOW_UP:
        return follow_up_table(report.regency, report.unit, year=start.year, annual=annual)
    last = report.period_end.month if report.kind == report.Kind.MONTHLY else 12
    return recap_table(report.regency, report.unit, year=start.year, first=start.month,
                       last=last)
