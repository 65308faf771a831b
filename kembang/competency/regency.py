"""BKPSDM's regency view: the largest total gaps by Perangkat Daerah or position kind, how
they moved over a year, and the agency's plan (docs/competency.md#regency-view)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kembang.competency.models import Kind, PlanItem
from kembang.competency.selectors import StandardBook, gaps_for
from kembang.organisation.models import Employee, OrgUnit, Position


@dataclass
class GapTotals:
    label: str
    by_competency: dict  # competency key → total gap
    employees: int = 0
    cells: list = field(default_factory=list)  # the totals in the order of the columns

    @property
    def total(self) -> int:
        return sum(self.by_competency.values())


@dataclass
class RegencyGaps:
    columns: list  # (key, label): the national competencies, then "teknis"
    rows: list  # GapTotals per unit or position kind, largest total first
    totals: dict  # key → total gap now
    totals_before: dict  # key → total gap a year ago
    employees: int
    assessed: int

    @property
    def ranked(self) -> list:
        """The columns by total gap now, largest first, with the change over the year."""
        return sorted(((key, label, self.totals.get(key, 0),
                        self.totals.get(key, 0) - self.totals_before.get(key, 0))
                       for key, label in self.columns), key=lambda c: (-c[2], c[1]))


def regency_gaps(regency, *, by: str, year_ago) -> RegencyGaps:
    """The total gap per competency over the regency's active employees, by top-level unit
    (`by="unit"`) or position kind (`by="kind"`), now and as it stood `year_ago`. Technical
    competencies are summed in one column. A fixed number of queries."""
    employees = list(Employee.objects.filter(regency=regency, is_active=True)
                     .select_related("position", "unit"))
    book = StandardBook(regency, list({e.position_id: e.position for e in employees
                                       if e.position_id}.values()))
    now = gaps_for(regency, employees, whole_regency=True, book=book)
    before = gaps_for(regency, employees, whole_regency=True, book=book, as_of=year_ago)
    columns = [(c.pk, book.wordings[c.pk].name) for c in book.national if c.pk in book.wordings]
    columns.append(("teknis", str(Kind.TEKNIS.label)))
    tops = {}
    if by == "unit":
        top_ids = {int(e.unit.path.strip("/").split("/")[0]) for e in employees
                   if e.unit.path.strip("/")}
        tops = dict(OrgUnit.objects.filter(regency=regency, pk__in=top_ids)
                    .values_list("pk", "name"))
    kinds = dict(Position.Kind.choices)

    def group_of(employee) -> str:
        if by == "unit":
            first = employee.unit.path.strip("/").split("/")[0]
            return tops.get(int(first), "—") if first.isdecimal() else "—"
        return str(kinds.get(employee.position.kind, "—")) if employee.position_id else "—"

    def key_of(line) -> object:
        return "teknis" if line.kind == Kind.TEKNIS else line.competency.pk

    groups: dict[str, GapTotals] = {}
    totals: dict = {}
    assessed = 0
    for gaps in now:
        group = groups.setdefault(group_of(gaps.employee), GapTotals(group_of(gaps.employee),
                                                                     {}))
        group.employees += 1
        assessed += gaps.assessed
        for line in gaps.lines:
            if line.has_gap:
                key = key_of(line)
                group.by_competency[key] = group.by_competency.get(key, 0) + line.gap
                totals[key] = totals.get(key, 0) + line.gap
    totals_before: dict = {}
    for gaps in before:
        for line in gaps.lines:
            if line.has_gap:
                key = key_of(line)
                totals_before[key] = totals_before.get(key, 0) + line.gap
    rows = sorted(groups.values(), key=lambda g: (-g.total, g.label))
    for group in rows:
        group.cells = [group.by_competency.get(key, 0) for key, _label in columns]
    return RegencyGaps(columns, rows, totals, totals_before, len(employees), assessed)


def agency_plan_rows(regency, year: int):
    """Every plan item of the year in the regency, for the agency's plan export. One
    query."""
    return (PlanItem.objects.filter(plan__regency=regency, plan__year=year)
            .select_related("plan__employee__unit", "plan__employee__position", "wording")
            .order_by("plan__employee__unit__path", "plan__employee__name", "plan_id",
                      "competency__order", "competency_id"))


