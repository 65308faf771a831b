"""The annual evaluation's figures, read from the monitoring data (docs/annual-evaluation.md).

For a year and the regency (BKPSDM) or one unit with its sub-units:

* the coaching and mentoring programs that overlap the year and whose participant belongs
  to the scope, grouped by their coach or mentor: programs by status, the programs'
  sessions dated in the year by status, completed (closed) against abandoned (cancelled
  or declined);
* per coach, the mean of each statement of the coaching evaluation over the evaluations
  the coach received that year anywhere in the regency — shown only once at least three
  distinct coachees evaluated (docs/annual-evaluation.md#coaching-evaluations-and-anonymity), released in batches of three as the coach's
  own summary is (`kembang.learning.services.evaluations.coach_evaluation_summary`), so
  no page, of any scope and at any time, differs from another by one coachee's answers;
  the suggestions of the same released evaluations, sorted, never attributed;
* per mentor, how many of their closing assessments fell on each level of the profile's
  scale;
* the unit evaluations and BKPSDM's conclusions written for the year, and the unit
  reports sent that year when `kembang.reports` is installed.

A constant number of queries whatever the number of programs, sessions or evaluations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kembang.annual.models import RegencyConclusion, UnitEvaluation
from kembang.learning.models import (
    ActivityType,
    CoachEvaluation,
    MentorAssessment,
    Program,
    Session,
)
from kembang.learning.profiles import profile_on
from kembang.learning.services.evaluations import COACHING_FORM, MENTOR_FORM, MIN_EVALUATORS
from kembang.organisation.dates import regency_today
from kembang.organisation.selectors import unit_path_labels

COMPLETED = {Program.Status.CLOSED}
ABANDONED = {Program.Status.CANCELLED, Program.Status.DECLINED}
NGANJUK = "nganjuk"


@dataclass(frozen=True)
class EvaluationAggregate:
    """A coach's released evaluations: distinct coachees, forms, the mean per statement,
    the suggestions written (sorted: no order that reveals who)."""

    evaluators: int
    responses: int
    item_means: list[tuple[str, Decimal]]
    suggestions: list[str]


@dataclass
class GuideLine:
    """One coach or mentor: their programs and sessions in the scope and year."""

    employee: object
    activity: str
    programs: Counter = field(default_factory=Counter)
    sessions: Counter = field(default_factory=Counter)
    evaluation: EvaluationAggregate | None = None  # coaches: None while too few evaluators
    distribution: list[tuple[str, int]] = field(default_factory=list)  # mentors

    @property
    def completed(self) -> int:
        return sum(self.programs[s] for s in COMPLETED)

    @property
    def abandoned(self) -> int:
        return sum(self.programs[s] for s in ABANDONED)

    @property
    def program_count(self) -> int:
        return sum(self.programs.values())

    @property
    def session_count(self) -> int:
        return sum(self.sessions.values())


@dataclass
class AnnualEvaluation:
    regency: object
    year: int
    unit: object | None  # None: the whole regency
    scope_label: str
    profile: object
    as_of: date
    coaches: list[GuideLine]
    mentors: list[GuideLine]
    mentor_scale: list[str]
    unit_evaluations: list[tuple[str, UnitEvaluation]]
    conclusion: RegencyConclusion | None
    reports: list[tuple[str, str]] | None  # (label, url); None: no unit reports here

    @property
    def cites_nganjuk(self) -> bool:
        return self.profile.id == NGANJUK

    @property
    def concluded(self) -> bool:
        return self.conclusion is not None

    def totals(self, lines: list[GuideLine]) -> dict:
        return {"programs": sum(line.program_count for line in lines),
                "sessions": sum(line.session_count for line in lines),
                "completed": sum(line.completed for line in lines),
                "abandoned": sum(line.abandoned for line in lines)}

    @property
    def distribution_total(self) -> list[tuple[str, int]]:
        counts = Counter()
        for line in self.mentors:
            for label, n in line.distribution:
                counts[label] += n
        return [(label, counts[label]) for label in self.mentor_scale]


def status_text(counts: Counter, choices) -> str:
    """ "Berjalan 2 · Selesai 1", in the order of the model's statuses; "—" when none."""
    parts = [f"{label} {counts[value]}" for value, label in choices if counts.get(value)]
    return " · ".join(parts) or "—"


def year_bounds(regency, year: int) -> tuple[datetime, datetime]:
    """The year as aware instants in the regency's zone: [1 January, next 1 January)."""
    zone = ZoneInfo(regency.timezone)
    return (datetime.combine(date(year, 1, 1), time(), zone),
            datetime.combine(date(year + 1, 1, 1), time(), zone))


def _release(rows):
    """The rows (evaluator, answers, suggestion) in arrival order, kept in batches that
    each hold at least MIN_EVALUATORS distinct evaluators; the last incomplete batch waits."""
    released, batch, evaluators = [], [], set()
    for row in rows:
        batch.append(row)
        evaluators.add(row[0])
        if len(evaluators) >= MIN_EVALUATORS:
            released += batch
            batch, evaluators = [], set()
    return released


def _aggregate(rows, items) -> EvaluationAggregate | None:
    released = _release(rows)
    if not released:
        return None
    means = []
    for index, item in enumerate(items):
        scores = [answers[index] for _e, answers, _s in released
                  if isinstance(answers, list) and len(answers) > index]
        mean = Decimal(sum(scores)) / len(scores) if scores else Decimal(0)
        means.append((item, mean.quantize(Decimal("0.01"), ROUND_HALF_UP)))
    return EvaluationAggregate(
        evaluators=len({e for e, _a, _s in released}), responses=len(released),
        item_means=means, suggestions=sorted(s for _e, _a, s in released if s))


def reports_installed() -> bool:
    return apps.is_installed("kembang.reports")


def _sent_reports(regency, year: int, unit):
    """The unit reports of `year` that were sent (sent or received), as (label, url), when
    `kembang.reports` is installed; None otherwise. Guarded: that app is built separately
    and may be absent or shaped differently. A report belongs to the year its period
    starts in (a December report sent in January is the old year's)."""
    if not reports_installed():
        return None
    try:
        from kembang.reports.models import UnitReport
    except ImportError:
        return None
    names = {f.name for f in UnitReport._meta.get_fields()}
    found = UnitReport.objects.filter(regency=regency, status__in=["sent", "received"])
    if "period_start" in names:
        found = found.filter(period_start__year=year)
    elif "sent_at" in names:
        start, end = year_bounds(regency, year)
        found = found.filter(sent_at__gte=start, sent_at__lt=end)
    if "unit" in names:
        found = found.select_related("unit")
        if unit is not None:
            found = found.filter(unit__path__startswith=unit.path)
    return [(str(report), report_url(report)) for report in found]


def report_url(report) -> str:
    """The report's page, when the reports app names one."""
    try:
        return reverse("reports:detail", kwargs={"report_id": report.pk})
    except NoReverseMatch:
        return ""


def annual_evaluation(regency, *, year: int, unit=None) -> AnnualEvaluation:
    """The annual evaluation of `year` for the regency (`unit` None) or `unit` with its
    sub-units. See the module docstring."""
    today = regency_today(regency)
    as_of = min(today, date(year, 12, 31))
    profile = profile_on(regency, as_of)
    coaching_form = profile.evaluation_form(COACHING_FORM)
    mentor_form = profile.evaluation_form(MENTOR_FORM)
    programs = Program.objects.filter(
        regency=regency, activity__in=[ActivityType.COACHING, ActivityType.MENTORING],
        start_date__lte=date(year, 12, 31), end_date__gte=date(year, 1, 1))
    if unit is not None:
        programs = programs.filter(participant__unit__path__startswith=unit.path)
    lines: dict[tuple[str, int], GuideLine] = {}
    for program in programs.select_related("guide").order_by():
        key = (program.activity, program.guide_id)
        if key not in lines:
            lines[key] = GuideLine(program.guide, program.activity)
        lines[key].programs[program.status] += 1
    for row in (Session.objects.filter(program__in=programs.values("pk"),
                                       date__year=year)
                .values("program__activity", "program__guide_id", "status")
                .annotate(n=Count("pk")).order_by()):
        line = lines.get((row["program__activity"], row["program__guide_id"]))
        if line is not None:
            line.sessions[row["status"]] += row["n"]
    coaches = sorted((line for (activity, _g), line in lines.items()
                      if activity == ActivityType.COACHING),
                     key=lambda line: (line.employee.name.casefold(), line.employee.pk))
    mentors = sorted((line for (activity, _g), line in lines.items()
                      if activity == ActivityType.MENTORING),
                     key=lambda line: (line.employee.name.casefold(), line.employee.pk))
    if coaches and coaching_form is not None:
        start, end = year_bounds(regency, year)
        rows = defaultdict(list)
        for coach_id, evaluator, answers, suggestion in (
                CoachEvaluation.objects.filter(
                    regency=regency, coach_id__in=[line.employee.pk for line in coaches],
                    form_code=coaching_form.code, created_at__gte=start, created_at__lt=end)
                .order_by("created_at", "pk")
                .values_list("coach_id", "evaluator_id", "answers", "suggestions")):
            rows[coach_id].append((evaluator, answers, suggestion))
        for line in coaches:
            line.evaluation = _aggregate(rows.get(line.employee.pk, []), coaching_form.items)
    scale = [point.label for point in mentor_form.scale] if mentor_form else []
    if mentors:
        counts = defaultdict(Counter)
        for row in (MentorAssessment.objects.filter(
                program__in=programs.filter(activity=ActivityType.MENTORING).values("pk"))
                .values("program__guide_id", "label").annotate(n=Count("pk")).order_by()):
            counts[row["program__guide_id"]][row["label"]] += row["n"]
        for line in mentors:
            mine = counts.get(line.employee.pk, Counter())
            extra = [label for label in mine if label not in scale]  # an older scale's word
            line.distribution = [(label, mine[label]) for label in scale + sorted(extra)]
        scale += sorted({label for line in mentors for label, _n in line.distribution} - set(scale))
    evaluations = UnitEvaluation.objects.filter(regency=regency, year=year).select_related(
        "unit", "written_by")
    if unit is not None:
        evaluations = evaluations.filter(unit=unit)
    evaluations = list(evaluations)
    labels = unit_path_labels([e.unit for e in evaluations]) if evaluations else {}
    unit_evaluations = sorted(((labels[e.unit_id], e) for e in evaluations),
                              key=lambda pair: (pair[0].casefold(), pair[1].pk))
    return AnnualEvaluation(
        regency=regency, year=year, unit=unit,
        scope_label=unit_path_labels([unit])[unit.pk] if unit is not None else str(regency),
        profile=profile, as_of=as_of, coaches=coaches, mentors=mentors, mentor_scale=scale,
        unit_evaluations=unit_evaluations,
        conclusion=RegencyConclusion.objects.filter(regency=regency, year=year).first(),
        reports=_sent_reports(regency, year, unit))


def basis_text(evaluation: AnnualEvaluation) -> str:
    """What the page rests on: Nganjuk's clauses under `nganjuk`; elsewhere, that this is
    Kembang's monitoring page and no clause of the profile asks for it."""
    if evaluation.cites_nganjuk:
        return _("Dasar: Lampiran Kepbup Nganjuk huruf C angka 9 (BKPSDM dan pengelola SDM "
                 "Perangkat Daerah mengevaluasi pelaksanaan Coaching dan Mentoring) dan huruf "
                 "E angka 3 (evaluasi tiap akhir tahun oleh BKPSDM berdasarkan hasil "
                 "monitoring dan laporan rekapitulasi Perangkat Daerah).")
    return _("Evaluasi tahunan ini adalah halaman pemantauan Kembang, disusun dari data "
             "pemantauan; regulasi profil daerah ini tidak mengatur evaluasi tahunan.")
