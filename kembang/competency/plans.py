"""The development plan and the regency's route rule (docs/competency.md#plan,
docs/competency.md#route).

* The direct supervisor proposes the year's plan (the gaps chosen, the route and the JP of
  each); the employee agrees — a recorded step; a new proposal needs a new agreement.
* Once agreed, its coaching and mentoring items start programs through the normal start
  pages, filled from the item and linked to the plan (docs/competency.md#programs-from-the-plan).
* BKPSDM may set the regency's own route rule; without one, Kembang's default applies.

Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.competency.mentors import mentor_suggestions
from kembang.competency.models import (
    Competency,
    DevelopmentPlan,
    PlanItem,
    PlanProgram,
    RouteSetting,
)
from kembang.competency.selectors import gaps_for
from kembang.competency.services import (
    CompetencyRefused,
    may_edit_dictionary,
    may_record_supervisor_view,
)
from kembang.learning.models import ActivityType
from kembang.learning.services import programs as program_services
from kembang.organisation.access import employees_in_scope, scope_for
from kembang.organisation.dates import regency_today
from kembang.policy import competency_route as r

JP_MAX = Decimal("200")


@dataclass
class ItemInput:
    competency: Competency
    route: str
    planned_jp: object


def clean_jp(value, *, field: str = "planned_jp") -> Decimal:
    text = str(value if value is not None else "").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if (number is None or not number.is_finite() or number <= 0 or number > JP_MAX
            or number != number.quantize(Decimal("0.1"))):
        raise CompetencyRefused(_("JP direncanakan harus angka lebih dari 0 dan paling banyak "
                                  "%(max)s, dengan paling banyak satu angka desimal.")
                                % {"max": JP_MAX}, field=field)
    return number.quantize(Decimal("0.1"))


def plan_years(regency) -> tuple[int, int]:
    """A plan is for this year or the next (planned ahead, PP 11/2017 Pasal 205)."""
    year = regency_today(regency).year
    return year, year + 1


def may_propose_plan(user, employee) -> bool:
    return may_record_supervisor_view(user, employee)


def may_agree_plan(user, plan) -> bool:
    scope = scope_for(user)
    return (scope.regency_id == plan.regency_id and scope.employee_id == plan.employee_id
            and plan.status == plan.Status.PROPOSED)


@transaction.atomic
def propose_plan(*, actor, employee, year: int, items: list[ItemInput], profile):
    """The supervisor's proposal: replaces the items of the year's plan, which then waits
    for the employee's agreement again."""
    if not may_propose_plan(actor, employee):
        raise CompetencyRefused(_("Rencana pengembangan diusulkan oleh atasan langsung "
                                  "pegawai."))
    if year not in plan_years(employee.regency):
        raise CompetencyRefused(_("Rencana dibuat untuk tahun ini atau tahun depan."),
                                field="year")
    if not items:
        raise CompetencyRefused(_("Pilih paling sedikit satu kesenjangan untuk direncanakan."),
                                field="items")
    gaps = gaps_for(employee.regency, [employee], offered=profile.activity_types,
                    rule=route_rule(employee.regency))[0]
    lines = {line.competency.pk: line for line in gaps.lines}
    rows, seen = [], set()
    for item in items:
        line = lines.get(item.competency.pk)
        if line is None or item.competency.pk in seen:
            raise CompetencyRefused(_("Kompetensi ini bukan standar jabatan pegawai."),
                                    field="items")
        seen.add(item.competency.pk)
        if item.route not in r.ROUTES or (item.route != r.CLASSICAL
                                          and item.route not in profile.activity_types):
            raise CompetencyRefused(_("Jalur “%(route)s” tidak diatur profil daerah ini.")
                                    % {"route": item.route}, field="route")
        rows.append((line, item.route, clean_jp(item.planned_jp)))
    plan = (DevelopmentPlan.objects.select_for_update()
            .filter(employee=employee, year=year).first())
    old = None
    if plan is None:
        plan = DevelopmentPlan(regency=employee.regency, employee=employee, year=year)
    else:
        old = {"status": plan.status,
               "items": [[i.competency_id, i.route, str(i.planned_jp)]
                         for i in plan.items.all()]}
        plan.items.all().delete()
    plan.status = DevelopmentPlan.Status.PROPOSED
    plan.proposed_by = actor
    plan.proposed_at = timezone.now()
    plan.agreed_at = None
    plan.save()
    PlanItem.objects.bulk_create([
        PlanItem(plan=plan, competency=line.competency, wording=line.requirement.wording,
                 required_level=line.required, current_level=line.current, route=route,
                 suggested_route=line.suggestion.route if line.suggestion else "",
                 planned_jp=jp) for line, route, jp in rows])
    audit_record(actor=actor, regency=employee.regency, action="competency.plan_propose",
                 obj=plan, changes={
                     "employee": employee, "year": year,
                     "status": [old["status"] if old else None, plan.status],
                     "items": [old["items"] if old else None,
                               [[line.name, route, str(jp)] for line, route, jp in rows]]})
    return plan


@transaction.atomic
def agree_plan(*, actor, plan):
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if not may_agree_plan(actor, plan):
        raise CompetencyRefused(_("Rencana disepakati oleh pegawai yang bersangkutan, setelah "
                                  "diusulkan atasan."))
    plan.status = DevelopmentPlan.Status.AGREED
    plan.agreed_at = timezone.now()
    plan.save(update_fields=["status", "agreed_at", "updated_at"])
    audit_record(actor=actor, regency=plan.regency, action="competency.plan_agree", obj=plan,
                 changes={"status": [DevelopmentPlan.Status.PROPOSED, plan.status]})
    return plan


def program_prefill(item) -> dict[str, str]:
    """What a coaching program started from a plan item is filled with: its development
    need and target competencies (for the program start page)."""
    name = item.wording.name
    need = _("Kesenjangan kompetensi %(name)s: level saat ini %(current)s, standar jabatan "
             "%(required)s.") % {"name": name, "current": item.current_level or "—",
                                 "required": item.required_level or "—"}
    target = (_("%(name)s level %(level)s") % {"name": name, "level": item.required_level}
              if item.required_level else name)
    return {"development_need": need, "target_competencies": target}


# --- programs started from a plan item ----------------------------------------------------

# The routes a program can be started from: coaching and mentoring are programs of this
# system; self-study is instructed by the supervisor on its own page, classical training
# is recorded when done.
STARTABLE_ROUTES = (r.COACHING, r.MENTORING)


@dataclass
class StartRights:
    """What the viewer of an agreed plan may start from its items: propose coaching (the
    coach), ask for coaching (the employee, where the profile lets them), request
    mentoring (the employee only: mentoring starts at the employee's initiative)."""

    coach: bool = False
    ask_coaching: bool = False
    mentoring: bool = False


def start_rights(user, plan, employee, profile) -> StartRights:
    """At most one query (the coach's appointments under an appointed-pool profile)."""
    if plan is None or plan.status != DevelopmentPlan.Status.AGREED:
        return StartRights()
    me = scope_for(user).employee_id
    if me is not None and me == employee.pk:
        return StartRights(
            ask_coaching=(profile.regulates(ActivityType.COACHING)
                          and program_services.may_request_coaching(profile)),
            mentoring=profile.regulates(ActivityType.MENTORING))
    coach = getattr(user, "employee", None) if me is not None else None
    return StartRights(coach=bool(
        coach is not None and profile.regulates(ActivityType.COACHING)
        and program_services.eligible_participants(profile, ActivityType.COACHING,
                                                   guide=coach, candidates=[employee])))


def startable_item(user, raw, activity: str, *, for_self: bool, participants=None):
    """The item of an agreed plan a program start page is filled from, or None — the page
    then ignores it: an id that is not a short run of digits, of another regency, of an
    employee the user may not see (the plan page's scope), of a plan not yet agreed, of
    another route. `for_self`: the user starts the program as its participant (a mentoring
    request, a coaching request) — the plan must be theirs; otherwise it must not be, and
    its employee must be among `participants` (the ids of whom the user may take in)."""
    text = str(raw or "").strip()
    if (activity not in STARTABLE_ROUTES or not text.isascii() or not text.isdecimal()
            or len(text) > 12):
        return None
    scope = scope_for(user)
    if scope.regency_id is None or scope.employee_id is None:
        return None
    items = PlanItem.objects.filter(
        pk=int(text), route=activity, plan__regency_id=scope.regency_id,
        plan__status=DevelopmentPlan.Status.AGREED,
        plan__employee__in=employees_in_scope(user).values("pk"))
    items = (items.filter(plan__employee_id=scope.employee_id) if for_self
             else items.exclude(plan__employee_id=scope.employee_id)
             .filter(plan__employee_id__in=list(participants or ())))
    return items.select_related("plan__employee__unit", "plan__employee__position",
                                "wording", "competency").first()


def start_prefill(item, *, profile, mentor_raw="") -> tuple[dict, list]:
    """The start form's initial values for a program from `item`, and for a mentoring
    item the suggested mentors (docs/competency.md#mentor-suggestions): the one named by
    `mentor_raw` pre-selected when it is among them, else the first."""
    employee = item.plan.employee
    initial = program_prefill(item)
    suggestions = []
    if item.route == r.COACHING:
        initial["participant"] = employee.pk
    else:
        suggestions = mentor_suggestions(employee.regency, employee, item.competency,
                                         profile=profile)
        ids = [s.employee.pk for s in suggestions]
        text = str(mentor_raw or "").strip()
        wanted = (int(text) if text.isascii() and text.isdecimal() and len(text) <= 12
                  else None)
        if ids:
            initial["mentor"] = wanted if wanted in ids else ids[0]
    return initial, suggestions


@transaction.atomic
def start_program_from_item(*, actor, item, start, **data):
    """Start a program with the learning service `start` (coaching proposal, coaching
    request, mentoring request — the normal start, with its own checks) and link it to
    the plan's gap. Only from an agreed plan, for the plan's employee, on the item's
    route. Audited; the same form sent twice links the one program once."""
    plan = DevelopmentPlan.objects.select_for_update().get(pk=item.plan_id)
    item = PlanItem.objects.filter(pk=item.pk, plan=plan).select_related("wording").first()
    if (item is None or plan.status != DevelopmentPlan.Status.AGREED
            or item.route not in STARTABLE_ROUTES):
        raise CompetencyRefused(_("Program dapat dimulai dari butir rencana yang sudah "
                                  "disepakati pegawai."))
    participant = data.get("participant") or getattr(actor, "employee", None)
    if participant is None or participant.pk != plan.employee_id:
        raise CompetencyRefused(_("Program dari butir rencana ini untuk %(name)s.")
                                % {"name": plan.employee}, field="participant")
    program = start(actor=actor, **data)
    if program.activity != item.route or program.participant_id != plan.employee_id:
        raise CompetencyRefused(_("Program dari butir rencana ini untuk %(name)s.")
                                % {"name": plan.employee}, field="participant")
    link, created = PlanProgram.objects.get_or_create(
        program=program, defaults={"plan": plan, "competency": item.competency,
                                   "linked_by": actor})
    if created:
        audit_record(actor=actor, regency=plan.regency, action="competency.plan_program",
                     obj=link, changes={"plan": [None, plan.pk], "year": plan.year,
                                        "competency": [None, item.wording.name],
                                        "program": [None, program.pk],
                                        "activity": program.activity})
    return program


# --- the regency's route rule ---------------------------------------------------------------


def route_rule(regency) -> r.RouteRule:
    """The regency's own rule, else Kembang's default. One query."""
    setting = RouteSetting.objects.filter(regency=regency).first()
    return setting.rule() if setting else r.DEFAULT_RULE


@transaction.atomic
def set_route_rule(*, actor, motivation_route: str, skill_route: str, knowledge_route: str,
                   small_gap):
    if not may_edit_dictionary(actor):
        raise CompetencyRefused(_("Aturan saran jalur diatur oleh BKPSDM."))
    routes = {"motivation_route": motivation_route, "skill_route": skill_route,
              "knowledge_route": knowledge_route}
    for name, route in routes.items():
        if route not in r.ROUTES:
            raise CompetencyRefused(_("Pilih jalur dari daftar."), field=name)
    text = str(small_gap or "").strip()
    if not text.isdecimal() or len(text) > 1 or not 1 <= int(text) <= 4:
        raise CompetencyRefused(_("Kesenjangan kecil harus angka 1 sampai 4."),
                                field="small_gap")
    new = {**routes, "small_gap": int(text)}
    setting = RouteSetting.objects.select_for_update().filter(regency=actor.regency).first()
    old = {k: getattr(setting, k) for k in new} if setting else {}
    if setting is None:
        setting = RouteSetting(regency=actor.regency)
    for key, value in new.items():
        setattr(setting, key, value)
    setting.updated_by = actor
    setting.save()
    audit_record(actor=actor, regency=actor.regency, action="competency.route_rule",
                 obj=setting, changes={k: [old.get(k), v] for k, v in new.items()
                                       if old.get(k) != v})
    return setting
