"""The development plan, the regency view and the route rule pages
(docs/competency.md#plan, docs/competency.md#regency-view, docs/competency.md#route).
Thin: parse, check scope, call `plans` / `regency` / `mentors`, render.

Who: the plan page whoever sees the employee's gaps; proposing it the direct supervisor,
agreeing it the employee; the regency view, its export and the route rule BKPSDM.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kembang.common.downloads import attachment_disposition
from kembang.common.files import csv_bytes
from kembang.competency import mentors, plans, selectors, services
from kembang.competency import regency as regency_view
from kembang.competency.models import Cause
from kembang.competency.views import id_param, profile_today, user_regency
from kembang.organisation.access import access_employee, require_roles
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.policy import competency_route


@require_http_methods(["GET", "POST"])
def route_rule_page(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = user_regency(request)
    error, status = "", 200
    if request.method == "POST":
        try:
            plans.set_route_rule(
                actor=request.user, motivation_route=request.POST.get("motivation_route", ""),
                skill_route=request.POST.get("skill_route", ""),
                knowledge_route=request.POST.get("knowledge_route", ""),
                small_gap=request.POST.get("small_gap", "")[:4])
        except services.CompetencyRefused as refusal:
            error, status = refusal.message, 400
        else:
            messages.success(request, _("Aturan saran jalur tersimpan."))
            return redirect("competency:route_rule")
    rule = plans.route_rule(regency)
    current = dict(rule.by_cause)
    fields = [("motivation_route", Cause.MOTIVATION.label, current[Cause.MOTIVATION]),
              ("skill_route", Cause.SKILL.label, current[Cause.SKILL]),
              ("knowledge_route", Cause.KNOWLEDGE.label, current[Cause.KNOWLEDGE])]
    return render(request, "competency/route_rule.html", {
        "fields": fields, "small_gap": rule.small_gap, "error": error,
        "routes": [(r, selectors.route_label(r)) for r in competency_route.ROUTES],
        "own": rule != competency_route.DEFAULT_RULE,
    }, status=status)


# --- the development plan -----------------------------------------------------------------


def _plan_year(request, regency) -> int:
    first, last = plans.plan_years(regency)
    raw = request.POST.get("tahun") or request.GET.get("tahun") or ""
    if not raw:
        return first
    if not raw.isdecimal() or len(raw) != 4 or int(raw) not in (first, last):
        raise Http404
    return int(raw)


def _prefill_jp(target, count: int) -> Decimal:
    """The target shared over the chosen gaps, rounded up to half a JP: a start to edit."""
    if not count:
        return Decimal(0)
    share = Decimal(target) / count
    return (share * 2).to_integral_value(rounding=ROUND_CEILING) / 2


def _plan_page(request, employee, year, *, error="", status=200):
    regency = employee.regency
    profile = profile_today(regency)
    gaps = selectors.gaps_for(regency, [employee], offered=profile.activity_types,
                              rule=plans.route_rule(regency))[0]
    summary = selectors.plan_summary(regency, employee, year, profile)
    may_propose = plans.may_propose_plan(request.user, employee)
    gap_lines = [line for line in gaps.lines if line.has_gap or (
        line.current is None and line.supervisor_gap and line.supervisor_gap > 0)]
    share = _prefill_jp(profile.target_for(employee.kind), len(gap_lines))
    chosen = {i.competency_id: i for i in summary.items} if summary else {}
    rows = []
    for line in gaps.lines:
        item = chosen.get(line.competency.pk)
        route = item.route if item else (line.suggestion.route if line.suggestion else
                                         competency_route.CLASSICAL)
        picked = bool(item) or (not chosen and line in gap_lines)
        rows.append({"line": line, "picked": picked, "route": route,
                     "jp": item.planned_jp if item else (share if picked else "")})
    routes = [(r, selectors.route_label(r)) for r in profile.activity_types
              ] + [(competency_route.CLASSICAL, selectors.route_label(competency_route.CLASSICAL))]
    return render(request, "competency/plan.html", {
        "employee": employee, "year": year, "years": plans.plan_years(regency),
        "summary": summary, "rows": rows, "routes": routes, "error": error,
        "may_propose": may_propose,
        "may_agree": summary is not None and plans.may_agree_plan(request.user,
                                                                     summary.plan),
        "plan_rows": _plan_rows(summary) if summary else [],
        "rights": plans.start_rights(request.user, summary.plan if summary else None,
                                     employee, profile),
        "mentors": _mentor_rows(regency, employee, summary, profile),
        "own": employee.pk == request.user.employee_id,
    }, status=status)


def _mentor_rows(regency, employee, summary, profile) -> list[tuple]:
    """Each mentoring item with its suggested mentors, read at once."""
    items = [i for i in (summary.items if summary else [])
             if i.route == competency_route.MENTORING]
    found = mentors.mentor_suggestions_for(regency, employee, [i.competency for i in items],
                                           profile=profile)
    return [(item, found[item.competency_id]) for item in items]


def _plan_rows(summary) -> list[dict]:
    """Each item with its progress and the start page's address for it."""
    progress = selectors.plan_progress(summary.plan, summary.items)
    rows = []
    for item in summary.items:
        start = ""
        if item.route in plans.STARTABLE_ROUTES:
            start = f"{reverse('learning:program_start', args=[item.route])}?rencana={item.pk}"
        rows.append({"item": item, "progress": progress[item.competency_id], "start": start})
    return rows


@require_GET
def plan_page(request, employee_id):
    employee = access_employee(request.user, id_param(employee_id))
    return _plan_page(request, employee, _plan_year(request, employee.regency))


@require_POST
def plan_propose(request, employee_id):
    employee = access_employee(request.user, id_param(employee_id))
    year = _plan_year(request, employee.regency)
    if not plans.may_propose_plan(request.user, employee):
        raise Http404
    profile = profile_today(employee.regency)
    book = selectors.StandardBook(employee.regency, [employee.position])
    items = [plans.ItemInput(req.competency, request.POST.get(f"route_{req.competency.pk}",
                                                                 ""),
                                request.POST.get(f"jp_{req.competency.pk}", ""))
             for req in book.requirements(employee.position)
             if request.POST.get(f"pick_{req.competency.pk}")]
    try:
        plans.propose_plan(actor=request.user, employee=employee, year=year, items=items,
                              profile=profile)
    except services.CompetencyRefused as refusal:
        return _plan_page(request, employee, year, error=refusal.message, status=400)
    messages.success(request, _("Rencana diusulkan; menunggu kesepakatan pegawai."))
    return redirect(f"{reverse('competency:plan', args=[employee.pk])}?tahun={year}")


@require_POST
def plan_agree(request, employee_id):
    employee = access_employee(request.user, id_param(employee_id))
    year = _plan_year(request, employee.regency)
    summary = selectors.plan_summary(employee.regency, employee, year,
                                     profile_today(employee.regency))
    if summary is None:
        messages.error(request, _("Belum ada rencana yang diusulkan untuk tahun ini."))
        return redirect(f"{reverse('competency:plan', args=[employee.pk])}?tahun={year}")
    try:
        plans.agree_plan(actor=request.user, plan=summary.plan)
    except services.CompetencyRefused as refusal:
        return _plan_page(request, employee, year, error=refusal.message, status=400)
    messages.success(request, _("Rencana pengembangan disepakati."))
    return redirect(f"{reverse('competency:plan', args=[employee.pk])}?tahun={year}")


# --- the regency view ---------------------------------------------------------------------


@require_GET
def regency_page(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = user_regency(request)
    by = request.GET.get("per", "unit")
    if by not in ("unit", "kind"):
        by = "unit"
    today = regency_today(regency)
    year_ago = today - timedelta(days=365)
    return render(request, "competency/regency.html", {
        "view": regency_view.regency_gaps(regency, by=by, year_ago=year_ago), "by": by,
        "year_ago": year_ago, "years": plans.plan_years(regency),
    })


@require_GET
def agency_plan_export(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = user_regency(request)
    first, last = plans.plan_years(regency)
    raw = request.GET.get("tahun", "")
    year = int(raw) if raw.isdecimal() and len(raw) == 4 else first
    if not first - 5 <= year <= last:
        raise Http404
    header = [_("NIP"), _("Nama"), _("Unit kerja"), _("Jabatan"), _("Tahun"), _("Status"),
              _("Kompetensi"), _("Level saat ini"), _("Level standar"), _("Jalur"),
              _("JP direncanakan")]
    rows = [header] + [
        [item.plan.employee.nip, item.plan.employee.full_name, item.plan.employee.unit.name,
         item.plan.employee.position.name if item.plan.employee.position_id else "",
         item.plan.year, item.plan.get_status_display(), item.wording.name,
         item.current_level, item.required_level, item.get_route_display(), item.planned_jp]
        for item in regency_view.agency_plan_rows(regency, year)]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(
        f"rencana-pengembangan-kompetensi-{regency.slug}-{year}.csv")
    return response
