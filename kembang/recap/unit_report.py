"""The unit recap (docs/rekap.md#unit-recap-page): a unit with its sub-units over one month
or a range of whole months of one year — each employee's sessions by activity and JP of
that range, their status for the whole year — and the totals. The figures are
`year_recap`'s; this module only checks the period, orders the people, adds up the totals
and lays out the one table the page and the downloads share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kembang.common.errors import DomainError
from kembang.organisation.dates import regency_today
from kembang.organisation.models import OrgUnit
from kembang.recap.figures import ZERO, PersonYear, Recap, year_recap
from kembang.recap.labels import ORDER, status_label
from kembang.regulation.reasons import activity_label

FIRST_YEAR = 2000


class InvalidPeriod(DomainError):
    """A year or month range the recap does not cover; `field` names the parameter."""

    code = "invalid_period"


def last_year(regency) -> int:
    """The latest year a recap may be asked for: next year (plans already booked)."""
    return regency_today(regency).year + 1


def check_period(regency, *, year: int, first: int, last: int) -> None:
    """Raise `InvalidPeriod` unless 2000 ≤ year ≤ next year and 1 ≤ first ≤ last ≤ 12."""
    if not FIRST_YEAR <= year <= last_year(regency):
        raise InvalidPeriod(_("Tahun harus antara 2000 dan %(last)s.")
                            % {"last": last_year(regency)}, field="tahun")
    for name, month in (("dari", first), ("sampai", last)):
        if not 1 <= month <= 12:
            raise InvalidPeriod(_("Bulan harus antara Januari dan Desember."), field=name)
    if first > last:
        raise InvalidPeriod(_("Bulan akhir tidak boleh sebelum bulan awal."), field="sampai")


def month_name(month: int) -> str:
    return str(MONTHS[month])


def period_label(year: int, first: int, last: int) -> str:
    """ "Maret 2026" for one month, "Januari–Maret 2026" for a range."""
    if first == last:
        return f"{month_name(first)} {year}"
    return f"{month_name(first)}–{month_name(last)} {year}"


@dataclass
class Totals:
    people: int = 0
    sessions: list[int] = field(default_factory=list)  # in the profile's activity order
    official: Decimal = ZERO
    provisional: Decimal = ZERO
    classical: Decimal = ZERO
    statuses: list[tuple[str, int]] = field(default_factory=list)  # (code, count), best first


@dataclass
class Line:
    """One person's row: the range's sessions (in the profile's activity order) and JP,
    the whole year's status."""

    person: PersonYear
    sessions: list[int]
    official: Decimal
    provisional: Decimal
    classical: Decimal

    @property
    def employee(self):
        return self.person.employee

    @property
    def unit_label(self) -> str:
        return self.person.unit_label

    @property
    def status(self):
        return self.person.status


@dataclass
class UnitReport:
    unit: OrgUnit
    unit_label: str
    year: int
    first: int
    last: int
    recap: Recap
    lines: list[Line]
    totals: Totals

    @property
    def people(self) -> list[PersonYear]:
        return [line.person for line in self.lines]

    @property
    def activities(self) -> tuple[str, ...]:
        return self.recap.activities

    @property
    def as_of(self):
        return self.recap.as_of

    @property
    def period(self) -> str:
        return period_label(self.year, self.first, self.last)

    @property
    def activity_columns(self) -> list[tuple[str, str]]:
        """(activity, label) in the profile's order."""
        return [(a, activity_label(a)) for a in self.activities]


def jp_number(value: Decimal) -> Decimal:
    """A stored JP ("2.40") as the number it is (2.4), never an exponent."""
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def unit_report(regency, unit: OrgUnit, *, year: int, first: int, last: int) -> UnitReport:
    """The recap of `unit` and its sub-units for the months `first`..`last` of `year`
    (checked: `InvalidPeriod`). People ordered by unit, then name, then NIP."""
    check_period(regency, year=year, first=first, last=last)
    recap = year_recap(regency, year, unit=unit, months=(first, last))
    people = sorted(recap.people, key=lambda p: (p.unit_label, p.employee.name.casefold(),
                                                 p.employee.nip))
    lines = [Line(person=p,
                  sessions=[p.period[a].sessions if a in p.period else 0
                            for a in recap.activities],
                  official=jp_number(p.period_official),
                  provisional=jp_number(p.period_provisional),
                  classical=jp_number(p.period_classical)) for p in people]
    totals = Totals(people=len(lines),
                    sessions=[sum(line.sessions[i] for line in lines)
                              for i in range(len(recap.activities))],
                    official=jp_number(sum((line.official for line in lines), ZERO)),
                    provisional=jp_number(sum((line.provisional for line in lines), ZERO)),
                    classical=jp_number(sum((line.classical for line in lines), ZERO)))
    counted = Counter(str(line.status) for line in lines)
    totals.statuses = sorted(counted.items(), key=lambda item: ORDER.get(item[0], len(ORDER)))
    label = next((u.label for u in recap.units if u.unit.pk == unit.pk), unit.name)
    return UnitReport(unit=unit, unit_label=label, year=year, first=first, last=last,
                      recap=recap, lines=lines, totals=totals)


# --- the one table of the page and the downloads -------------------------------------------


def table_header(report: UnitReport) -> list[str]:
    return [_("NIP"), _("Nama"), _("Unit"),
            *(_("Sesi %(activity)s") % {"activity": label}
              for _a, label in report.activity_columns),
            _("JP resmi"), _("JP sementara"), _("JP klasikal"),
            _("Status tahun %(year)s") % {"year": report.year}]


def numeric_columns(report: UnitReport) -> set[int]:
    """The 0-based columns of `table_header` that hold numbers."""
    return set(range(3, 3 + len(report.activities) + 3))


def table_rows(report: UnitReport) -> list[list]:
    """One row per person, plain values: the NIP as text, counts and JP as numbers, the
    status in words."""
    return [[line.employee.nip, line.employee.full_name, line.unit_label, *line.sessions,
             line.official, line.provisional, line.classical, status_label(line.status)]
            for line in report.lines]


def totals_row(report: UnitReport) -> list:
    totals = report.totals
    return [_("Jumlah"),
            ngettext("%(n)s pegawai", "%(n)s pegawai", totals.people) % {"n": totals.people},
            "", *totals.sessions, totals.official, totals.provisional, totals.classical, ""]


def figures(report: UnitReport) -> tuple[list[tuple[Line, list[tuple[str, object]]]],
                                          list[tuple[str, object]]]:
    """For the page: each line with its (column label, number) pairs — the sessions by
    activity, then the JP — and the same pairs of the totals."""
    labels = table_header(report)[3:-1]
    lines = [(line, list(zip(labels, [*line.sessions, line.official, line.provisional,
                                      line.classical], strict=True)))
             for line in report.lines]
    totals = report.totals
    return lines, list(zip(labels, [*totals.sessions, totals.official, totals.provisional,
                                    totals.classical], strict=True))


def status_summary(report: UnitReport) -> list[tuple[str, str, int]]:
    """(code, label, count) of the statuses present, best first."""
    return [(code, status_label(code), n) for code, n in report.totals.statuses]


def file_stem(report: UnitReport) -> str:
    """ "rekap-jp-unit-12-2026-01-03": the download's name without extension."""
    return f"rekap-jp-unit-{report.unit.pk}-{report.year}-{report.first:02d}-{report.last:02d}"
