"""The annual evaluation page, its PDF and the two writes. Thin: parse, check scope, call
`kembang.annual.selectors` / `kembang.annual.services`, render.

Who: BKPSDM the regency (or any of its units); HR officers and heads of unit their units
with sub-units (`units_in_scope`), heads reading only; anyone else 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kembang.annual import pdf, services
from kembang.annual.pdf import too_few_text
from kembang.annual.selectors import ABANDONED, COMPLETED, annual_evaluation, basis_text
from kembang.common.downloads import attachment_disposition
from kembang.documents.pdf import regency_heading
from kembang.learning.models import Program, Session
from kembang.organisation.access import require_roles, units_in_scope
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.selectors import unit_path_labels

STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)


def _unit_choices(units):
    rows = list(units)
    labels = unit_path_labels(rows) if rows else {}
    return sorted(((u, labels[u.pk]) for u in rows), key=lambda p: (p[1].casefold(), p[0].pk))


def _params(request, data):
    """(units, unit or None, year or None, year error): the chosen unit among the user's
    (404 for any other), None for the regency (BKPSDM's default); the year, this one by
    default."""
    scope = require_roles(request.user, *STAFF_ROLES)
    regency = request.user.regency
    choices = _unit_choices(units_in_scope(request.user))
    raw = data.get("unit", "")
    if raw:
        unit = next((u for u, _label in choices if raw.isdecimal() and len(raw) < 12
                     and u.pk == int(raw)), None)
        if unit is None:
            raise Http404
    elif scope.whole_regency:
        unit = None
    else:
        unit = choices[0][0] if choices else None
    today = regency_today(regency)
    raw_year = data.get("tahun", "") or str(today.year)
    year, error = None, ""
    if raw_year.isdecimal() and len(raw_year) == 4:
        year = int(raw_year)
    try:
        if year is None:
            raise services.AnnualRefused(_("Tahun ditulis dengan angka, misalnya %(year)s.")
                                         % {"year": today.year})
        services.check_year(regency, year)
    except services.AnnualRefused as refusal:
        year, error = None, refusal.message
    return scope, choices, unit, year, error


def _page(request, *, unit_form=None, conclusion_form=None, status=200):
    scope, choices, unit, year, year_error = _params(
        request, request.POST if request.method == "POST" else request.GET)
    regency = request.user.regency
    context = {"choices": choices, "unit": unit, "year": year, "year_error": year_error,
               "whole_regency": scope.whole_regency,
               "no_units": not choices and not scope.whole_regency,
               "heading": regency_heading(regency), "too_few": too_few_text(),
               "raw_year": request.GET.get("tahun", "")}
    if year is not None and (unit is not None or scope.whole_regency):
        evaluation = annual_evaluation(regency, year=year, unit=unit)
        own = next((e for _label, e in evaluation.unit_evaluations
                    if unit is not None and e.unit_id == unit.pk), None)
        context.update({
            "evaluation": evaluation, "basis": basis_text(evaluation),
            "coach_totals": evaluation.totals(evaluation.coaches),
            "mentor_totals": evaluation.totals(evaluation.mentors),
            "program_statuses": Program.Status.choices,
            "session_statuses": Session.Status.choices,
            "completed": COMPLETED, "abandoned": ABANDONED,
            "query": urlencode({"unit": unit.pk if unit else "", "tahun": year}),
            "may_write_unit": (unit is not None and not evaluation.concluded
                               and services.may_write_unit_evaluation(request.user, unit)),
            "may_conclude": services.may_conclude(request.user, regency),
            "unit_form": unit_form or {"text": own.text if own else ""},
            "conclusion_form": conclusion_form or {
                "conclusions": evaluation.conclusion.conclusions if evaluation.conclusion
                else "",
                "recommendations": evaluation.conclusion.recommendations
                if evaluation.conclusion else ""},
        })
    return render(request, "annual/annual_evaluation.html", context, status=status)


def _back(unit, year):
    query = urlencode({"unit": unit.pk if unit else "", "tahun": year})
    return redirect(f"{reverse('annual:page')}?{query}")


@require_GET
def annual_page(request):
    return _page(request)


@require_GET
def annual_pdf(request):
    scope, _choices, unit, year, _error = _params(request, request.GET)
    if year is None or (unit is None and not scope.whole_regency):
        return _page(request)  # the page says what is missing
    regency = request.user.regency
    evaluation = annual_evaluation(regency, year=year, unit=unit)
    body = pdf.annual_pdf(evaluation, printed_on=regency_today(regency))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"evaluasi-tahunan-{year}-{evaluation.scope_label}.pdf"
    response["Content-Disposition"] = attachment_disposition(name)
    return response


@require_POST
def unit_evaluation_write(request):
    """The HR officer's evaluation of the chosen unit's year (default: their first unit)."""
    scope = require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    _scope, choices, unit, year, error = _params(request, request.POST)
    if unit is None and not request.POST.get("unit"):
        unit = next((u for u, _label in choices
                     if any(u.path.startswith(p) for p in scope.hr_paths)), None)
    text = request.POST.get("text", "")
    try:
        if year is None:
            raise services.AnnualRefused(error)
        if unit is None:
            raise services.AnnualRefused(_("Evaluasi unit ditulis oleh pengelola SDM unit itu."))
        services.unit_evaluation_save(actor=request.user, unit=unit, year=year, text=text)
    except services.AnnualRefused as refusal:
        if unit is None or year is None or refusal.field != "text":
            messages.error(request, refusal.message)
            return _back(unit, year or regency_today(request.user.regency).year)
        return _page(request, unit_form={"text": text[:services.TEXT_MAX],
                                         "error": refusal.message})
    messages.success(request, _("Evaluasi unit tersimpan."))
    return _back(unit, year)


@require_POST
def conclusion_write(request):
    """BKPSDM's conclusions and recommendations for the year."""
    require_roles(request.user, Role.HR_ADMIN)
    _scope, _choices, unit, year, error = _params(request, request.POST)
    form = {"conclusions": request.POST.get("conclusions", "")[:services.TEXT_MAX],
            "recommendations": request.POST.get("recommendations", "")[:services.TEXT_MAX]}
    try:
        if year is None:
            raise services.AnnualRefused(error)
        services.conclusion_save(actor=request.user, regency=request.user.regency, year=year,
                                 conclusions=request.POST.get("conclusions", ""),
                                 recommendations=request.POST.get("recommendations", ""))
    except services.AnnualRefused as refusal:
        if year is None or refusal.field not in ("conclusions", "recommendations"):
            messages.error(request, refusal.message)
            return _back(unit, year or regency_today(request.user.regency).year)
        return _page(request, conclusion_form={**form, "error": refusal.message})
    messages.success(request, _("Kesimpulan dan rekomendasi tersimpan."))
    return _back(unit, year)

