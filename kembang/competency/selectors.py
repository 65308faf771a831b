"""Reading competencies, standards and gaps (docs/competency.md#gaps).

Every function takes the regency first and never crosses it. The gap of a list of
employees is computed in a fixed number of queries whatever the list's length: the
dictionary, the standards of their positions, the wordings, the assessed levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from kembang.competency import dictionary
from kembang.competency.models import (
    Assessment,
    AssessmentLevel,
    Cause,
    Competency,
    CompetencyWording,
    DevelopmentPlan,
    Kind,
    PlanProgram,
    PositionStandard,
)
from kembang.learning.models import Session
from kembang.policy import competency_route
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.positions import COMPETENCY_LEVEL

KIND_ORDER = (Kind.TEKNIS, Kind.MANAJERIAL, Kind.SOSIAL_KULTURAL)

ROUTE_LABELS = {
    competency_route.COACHING: _("Coaching"),
    competency_route.MENTORING: _("Mentoring"),
    competency_route.SELF_STUDY: _("Belajar mandiri"),
    competency_route.CLASSICAL: _("Pelatihan klasikal"),
}


def route_label(route: str) -> str:
    return str(ROUTE_LABELS.get(route, route))


def national_competencies():
    return Competency.objects.filter(regency__isnull=True).order_by("order", "id")


def wordings_for(regency, competency_ids) -> dict[int, CompetencyWording]:
    """The wording in force per competency: the regency's latest own version, else the
    latest national one. One query."""
    found: dict[int, CompetencyWording] = {}
    rows = (CompetencyWording.objects
            .filter(Q(regency__isnull=True) | Q(regency=regency),
                    competency_id__in=list(competency_ids))
            .order_by("competency_id", "-version"))
    for wording in rows:
        current = found.get(wording.competency_id)
        if current is None or (current.regency_id is None and wording.regency_id is not None):
            found[wording.competency_id] = wording
    return found


def wording_history(regency, competency):
    return (CompetencyWording.objects
            .filter(Q(regency__isnull=True) | Q(regency=regency), competency=competency)
            .select_related("created_by").order_by("-version"))


def shows_seed_table(profile_id: str) -> bool:
    """Does this profile's seed print the 1–3 "Tabel Level Kompetensi"?"""
    return profile_id in dictionary.SEED_TABLE_PROFILES


@dataclass
class DictionaryEntry:
    competency: Competency
    wording: CompetencyWording
    seed: tuple[str, str, str, str] | None  # (name as printed, level 1, 2, 3)


def dictionary_entries(regency, *, profile_id: str) -> list[DictionaryEntry]:
    competencies = list(national_competencies())
    wordings = wordings_for(regency, [c.pk for c in competencies])
    seed = shows_seed_table(profile_id)
    return [DictionaryEntry(c, wordings[c.pk],
                            dictionary.SEED_TABLE.get(c.code) if seed else None)
            for c in competencies if c.pk in wordings]


# --- standards --------------------------------------------------------------------------


@dataclass
class Requirement:
    competency: Competency
    wording: CompetencyWording
    level: int | None
    standard: PositionStandard | None  # None: the default by position kind

    @property
    def is_default(self) -> bool:
        return self.standard is None


def default_level(position) -> int | None:
    """The default required level of `position`'s kind (kembang/policy/positions.py), to
    verify against the regency's Standar Kompetensi Jabatan."""
    if position is None:
        return None
    return COMPETENCY_LEVEL.get(position.kind)


def _standards_by_position(regency, position_ids) -> dict[int, list[PositionStandard]]:
    by_position: dict[int, list[PositionStandard]] = {}
    rows = (PositionStandard.objects.filter(regency=regency, position_id__in=list(position_ids))
            .select_related("competency").order_by("competency__order", "competency_id"))
    for standard in rows:
        by_position.setdefault(standard.position_id, []).append(standard)
    return by_position


class StandardBook:
    """The requirements of many positions, loaded at once (three queries)."""

    def __init__(self, regency, positions):
        self.regency = regency
        positions = [p for p in positions if p is not None]
        self.national = list(national_competencies())
        self.standards = _standards_by_position(regency, {p.pk for p in positions})
        ids = {c.pk for c in self.national}
        for rows in self.standards.values():
            ids.update(s.competency_id for s in rows)
        self.wordings = wordings_for(regency, ids)

    def requirements(self, position) -> list[Requirement]:
        if position is None:
            return [Requirement(c, self.wordings[c.pk], None, None) for c in self.national
                    if c.pk in self.wordings]
        own = {s.competency_id: s for s in self.standards.get(position.pk, [])}
        fallback = default_level(position)
        lines = []
        technical = [s for s in own.values() if s.competency.kind == Kind.TEKNIS]
        for standard in technical:
            lines.append(Requirement(standard.competency, self.wordings[standard.competency_id],
                                     standard.required_level, standard))
        for competency in self.national:
            standard = own.get(competency.pk)
            if competency.pk not in self.wordings:
                continue
            lines.append(Requirement(competency, self.wordings[competency.pk],
                                     standard.required_level if standard else fallback,
                                     standard))
        return lines


# --- gaps -------------------------------------------------------------------------------


@dataclass
class GapLine:
    requirement: Requirement
    result: AssessmentLevel | None  # the latest assessor's result
    supervisor: AssessmentLevel | None  # the latest supervisor's view
    suggestion: competency_route.RouteSuggestion | None = None

    @property
    def competency(self):
        return self.requirement.competency

    @property
    def name(self) -> str:
        return self.requirement.wording.name

    @property
    def kind(self) -> str:
        return self.requirement.competency.kind

    @property
    def required(self) -> int | None:
        return self.requirement.level

    @property
    def current(self) -> int | None:
        return self.result.level if self.result else None

    @property
    def supervisor_level(self) -> int | None:
        return self.supervisor.level if self.supervisor else None

    @property
    def gap(self) -> int | None:
        return competency_route.gap_of(self.required, self.current)

    @property
    def supervisor_gap(self) -> int | None:
        return competency_route.gap_of(self.required, self.supervisor_level)

    @property
    def cause(self) -> str:
        """The recorded cause: the assessor's, else the supervisor's from the dialogue."""
        if self.result and self.result.cause:
            return self.result.cause
        return self.supervisor.cause if self.supervisor else ""

    @property
    def cause_label(self) -> str:
        return str(Cause(self.cause).label) if self.cause in Cause.values else ""

    @property
    def route_label(self) -> str:
        return route_label(self.suggestion.route) if self.suggestion else ""

    @property
    def wanted_label(self) -> str:
        return route_label(self.suggestion.wanted) if self.suggestion else ""

    @property
    def has_gap(self) -> bool:
        return bool(self.gap and self.gap > 0)


@dataclass
class EmployeeGaps:
    employee: object
    lines: list[GapLine] = field(default_factory=list)

    @property
    def position_level(self) -> int | None:
        return default_level(self.employee.position)

    def of_kind(self, kind: str) -> list[GapLine]:
        return [line for line in self.lines if line.kind == kind]

    @property
    def total_gap(self) -> int:
        return sum(line.gap for line in self.lines if line.has_gap)

    @property
    def assessed(self) -> bool:
        return any(line.result for line in self.lines)


def _latest_levels(regency, employee_ids, as_of=None):
    """(employee id, competency id, source) → the latest AssessmentLevel (on or before
    `as_of` when given). One query."""
    latest: dict[tuple[int, int, str], AssessmentLevel] = {}
    rows = AssessmentLevel.objects.filter(assessment__regency=regency)
    if employee_ids is not None:
        rows = rows.filter(assessment__employee_id__in=list(employee_ids))
    if as_of is not None:
        rows = rows.filter(assessment__assessed_on__lte=as_of)
    rows = (rows.select_related("assessment")
            .order_by("-assessment__assessed_on", "-assessment_id"))
    for line in rows:
        key = (line.assessment.employee_id, line.competency_id, line.assessment.source)
        latest.setdefault(key, line)
    return latest


def gaps_for(regency, employees, *, offered: tuple[str, ...] = (),
             rule: competency_route.RouteRule = competency_route.DEFAULT_RULE,
             as_of=None, whole_regency: bool = False, book: StandardBook | None = None
             ) -> list[EmployeeGaps]:
    """Each employee's gap per competency (required − the latest assessor's level), with
    the supervisor's view beside it and the suggested route. `employees` must have their
    position loaded (select_related). Four queries, whatever their number. `as_of` reads
    the assessments as they stood on that date; `whole_regency` reads every assessment of
    the regency instead of listing the employees' ids in the query."""
    employees = list(employees)
    book = book or StandardBook(regency, [e.position for e in employees])
    latest = _latest_levels(regency, None if whole_regency else [e.pk for e in employees],
                            as_of)
    result = []
    for employee in employees:
        gaps = EmployeeGaps(employee)
        for requirement in book.requirements(employee.position):
            key = (employee.pk, requirement.competency.pk)
            line = GapLine(requirement,
                           latest.get((*key, Assessment.Source.RESULT)),
                           latest.get((*key, Assessment.Source.SUPERVISOR)))
            line.suggestion = competency_route.suggest_route(
                gap=line.gap, cause=line.cause, offered=offered, rule=rule)
            gaps.lines.append(line)
        result.append(gaps)
    return result


def assessment_history(regency, employee):
    return (Assessment.objects.filter(regency=regency, employee=employee)
            .select_related("recorded_by")
            .prefetch_related("levels__wording")
            .order_by("-assessed_on", "-id"))


def technical_competencies(regency, position):
    return (PositionStandard.objects
            .filter(regency=regency, position=position, competency__kind=Kind.TEKNIS)
            .select_related("competency"))


# --- the development plan ---------------------------------------------------------------


@dataclass
class PlanSummary:
    plan: object
    items: list
    total_jp: object
    target: object
    mix: dict  # "10" / "20" → planned JP

    @property
    def meets_target(self) -> bool:
        return self.total_jp >= self.target

    @property
    def mix_percent(self) -> dict:
        if not self.total_jp:
            return {part: 0 for part in self.mix}
        return {part: round(jp * 100 / self.total_jp) for part, jp in self.mix.items()}


def plan_summary(regency, employee, year: int, profile) -> PlanSummary | None:
    """The year's plan of `employee` with its total JP against the yearly target and its
    split between the 10 and the 20 of 10:20:70 (the 70 is work itself, never planned
    here). Two queries."""

    plan = (DevelopmentPlan.objects.filter(regency=regency, employee=employee, year=year)
            .select_related("proposed_by", "regency").first())
    if plan is None:
        return None
    items = list(plan.items.select_related("wording", "competency"))
    mix = {"10": Decimal(0), "20": Decimal(0)}
    for item in items:
        mix[competency_route.mix_part(item.route, profile.self_study_mix.value)] += (
            item.planned_jp)
    return PlanSummary(plan, items, sum((i.planned_jp for i in items), Decimal(0)),
                       profile.target_for(employee.kind), mix)


# --- the plan's progress ------------------------------------------------------------------

OFFICIAL = tuple(str(s) for s in OFFICIAL_STATUSES)
RECORDED = tuple(str(s) for s in OFFICIAL_STATUSES | PENDING_STATUSES)


@dataclass
class ProgramProgress:
    program: object
    sessions: int = 0  # submitted, waiting or validated
    validated: int = 0
    jp: Decimal = Decimal(0)  # official JP of the plan's year


@dataclass
class Reassessment:
    line: AssessmentLevel  # with its assessment
    gap: int | None  # the plan item's required level − this level


@dataclass
class ItemProgress:
    programs: list = field(default_factory=list)
    reassessments: list = field(default_factory=list)

    @property
    def sessions(self) -> int:
        return sum(p.sessions for p in self.programs)

    @property
    def validated(self) -> int:
        return sum(p.validated for p in self.programs)

    @property
    def jp(self) -> Decimal:
        return sum((p.jp for p in self.programs), Decimal(0))

    @property
    def latest_result(self):
        """The latest assessor's reassessment: the gap now."""
        results = [r for r in self.reassessments
                   if r.line.assessment.source == Assessment.Source.RESULT]
        return results[-1] if results else None


def plan_progress(plan, items) -> dict[int, ItemProgress]:
    """Per competency of the plan's items (docs/competency.md#plan): the programs started
    from them, their sessions (recorded and validated), the official JP they earned in the
    plan's year — the JP the ledger stored on each validated session, never recomputed —
    and the assessments of that competency made after the plan was agreed, each with the
    gap to the item's required level. Three queries, whatever the number of items and
    programs."""
    progress = {item.competency_id: ItemProgress() for item in items}
    links = list(PlanProgram.objects.filter(plan=plan).select_related("program"))
    by_program = {}
    for link in links:
        if link.competency_id in progress:
            entry = ProgramProgress(link.program)
            by_program[link.program_id] = entry
            progress[link.competency_id].programs.append(entry)
    official = Q(status__in=OFFICIAL)
    rows = (Session.objects.filter(program__plan_link__plan=plan, status__in=RECORDED)
            .values("program_id")
            .annotate(n=Count("id"), validated=Count("id", filter=official),
                      jp=Sum("jp", filter=official & Q(date__year=plan.year)))
            .order_by())
    for row in rows:
        entry = by_program.get(row["program_id"])
        if entry is not None:
            entry.sessions, entry.validated = row["n"], row["validated"]
            entry.jp = row["jp"] or Decimal(0)
    if plan.agreed_at is not None and progress:
        agreed_on = plan.agreed_at.astimezone(ZoneInfo(plan.regency.timezone)).date()
        required = {item.competency_id: item.required_level for item in items}
        lines = (AssessmentLevel.objects
                 .filter(assessment__regency_id=plan.regency_id,
                         assessment__employee_id=plan.employee_id,
                         competency_id__in=list(progress))
                 .filter(Q(assessment__assessed_on__gt=agreed_on)
                         | Q(assessment__assessed_on=agreed_on,
                             assessment__created_at__gt=plan.agreed_at))
                 .select_related("assessment")
                 .order_by("assessment__assessed_on", "assessment_id"))
        for line in lines:
            need = required.get(line.competency_id)
            progress[line.competency_id].reassessments.append(
                Reassessment(line, None if need is None else need - line.level))
    return progress
