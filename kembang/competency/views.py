"""Competency pages (docs/competency.md#who-may-do-what). Thin: parse, check scope, call
`kembang.competency.selectors` / `services` / `importing`, render.

Who: everyone reads the dictionary and their own gaps; a supervisor their direct
subordinates; HR officers and heads of unit their units; BKPSDM the regency and edits the
dictionary and the standards. Anything else, and any other regency, is 404.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kembang.common.params import InvalidInput, text_param
from kembang.competency import importing, plans, selectors, services
from kembang.competency.models import Assessment, Cause, Competency, Confidence, Kind
from kembang.competency.models import PositionStandard as Standard
from kembang.organisation.access import (
    access_employee,
    employees_in_scope,
    require_roles,
    scope_for,
)
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Position, Role
from kembang.policy import competency_route
from kembang.regulation.selectors import profile_for

STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
HR_ROLES = (Role.HR_OFFICER, Role.HR_ADMIN)
PAGE_SIZE = 25
MAX_UPLOAD_MB = 10


def user_regency(request):
    """The user's regency; 404 for a user without one."""
    regency = getattr(request.user, "regency", None)
    if regency is None:
        raise Http404
    return regency


def profile_today(regency):
    """The regulation profile in force for the regency today."""
    return profile_for(regency, regency_today(regency))


def id_param(raw) -> int:
    """An id from a URL; 404 for anything but a short run of digits."""
    text = str(raw or "")
    if not text.isdecimal() or len(text) > 12:
        raise Http404
    return int(text)


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _date_param(data, name: str) -> date | None:
    raw = str(data.get(name, "") or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise services.CompetencyRefused(_("Tanggal tidak dikenali; gunakan YYYY-MM-DD."),
                                         field=name) from None


# --- home ---------------------------------------------------------------------------------


@require_GET
def home(request):
    regency = user_regency(request)
    scope = scope_for(request.user)
    has_subordinates = (scope.employee_id is not None and employees_in_scope(request.user)
                        .filter(supervisor_id=scope.employee_id).exists())
    return render(request, "competency/home.html", {
        "regency": regency, "own_id": scope.employee_id,
        "sees_others": has_subordinates or bool(scope.roles),
        "staff": bool(scope.roles.intersection(STAFF_ROLES)),
        "hr": scope.is_hr, "admin": scope.is_admin,
    })


# --- dictionary ---------------------------------------------------------------------------


@require_GET
def dictionary_page(request):
    regency = user_regency(request)
    profile = profile_today(regency)
    return render(request, "competency/dictionary.html", {
        "entries": selectors.dictionary_entries(regency, profile_id=regency.profile_id),
        "seed": selectors.shows_seed_table(regency.profile_id),
        "profile": profile,
        "may_edit": services.may_edit_dictionary(request.user),
    })


def _competency_for(request, competency_id) -> Competency:
    regency = user_regency(request)
    try:
        return Competency.objects.filter(Q(regency__isnull=True) | Q(regency=regency)).get(
            pk=id_param(competency_id))
    except Competency.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def wording_edit(request, competency_id):
    require_roles(request.user, Role.HR_ADMIN)
    regency = user_regency(request)
    competency = _competency_for(request, competency_id)
    current = selectors.wordings_for(regency, [competency.pk])[competency.pk]
    form = {"name": current.name, "definition": current.definition,
            "confidence": current.confidence, "source": current.source,
            "levels": [current.descriptor(i) for i in (1, 2, 3, 4, 5)]}
    error, status = "", 200
    if request.method == "POST":
        try:
            data = services.WordingInput(
                name=text_param(request.POST, "name", max_length=services.NAME_MAX),
                definition=text_param(request.POST, "definition",
                                      max_length=services.TEXT_MAX),
                levels=tuple(text_param(request.POST, f"level_{i}",
                                        max_length=services.TEXT_MAX)
                             for i in (1, 2, 3, 4, 5)),
                confidence=text_param(request.POST, "confidence", max_length=1),
                source=text_param(request.POST, "source", max_length=services.TEXT_MAX))
            form = {"name": data.name, "definition": data.definition,
                    "confidence": data.confidence, "source": data.source,
                    "levels": list(data.levels)}
            services.edit_wording(actor=request.user, competency=competency, data=data)
        except (services.CompetencyRefused, InvalidInput) as refusal:
            error, status = refusal.message, 400
        else:
            messages.success(request, _("Rumusan baru tersimpan; penilaian lama tetap memakai "
                                        "rumusan yang berlaku saat itu."))
            return redirect("competency:dictionary")
    return render(request, "competency/wording_edit.html", {
        "competency": competency, "current": current, "form": form, "error": error,
        "levels": list(zip((1, 2, 3, 4, 5), form["levels"], strict=True)),
        "confidences": Confidence.choices,
        "history": selectors.wording_history(regency, competency),
    }, status=status)


# --- position standards -------------------------------------------------------------------


@require_GET
def standards_page(request):
    require_roles(request.user, *STAFF_ROLES)
    regency = user_regency(request)
    search = request.GET.get("q", "")[:100].replace("\x00", "")
    positions = Position.objects.filter(regency=regency).order_by("name", "id")
    if search.strip():
        positions = positions.filter(name__icontains=search.strip())
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = {}
    for standard in Standard.objects.filter(
            regency=regency, position_id__in=[p.pk for p in page.object_list]).only(
            "position_id"):
        counts[standard.position_id] = counts.get(standard.position_id, 0) + 1
    rows = [(p, selectors.default_level(p), counts.get(p.pk, 0)) for p in page.object_list]
    return render(request, "competency/standards.html", {
        "page_obj": page, "rows": rows, "q": search,
        "querystring_without_page": _querystring_without_page(request),
        "may_edit": services.may_edit_dictionary(request.user),
    })


def _position(request, position_id) -> Position:
    try:
        return Position.objects.get(regency=user_regency(request), pk=id_param(position_id))
    except Position.DoesNotExist:
        raise Http404 from None


def _position_page(request, position, *, error="", status=200):
    regency = user_regency(request)
    book = selectors.StandardBook(regency, [position])
    return render(request, "competency/position.html", {
        "position": position, "requirements": book.requirements(position),
        "default_level": selectors.default_level(position),
        "may_edit": services.may_edit_dictionary(request.user), "error": error,
        "sources": Standard.Source.choices, "levels": (1, 2, 3, 4, 5),
    }, status=status)


@require_GET
def position_page(request, position_id):
    require_roles(request.user, *STAFF_ROLES)
    return _position_page(request, _position(request, position_id))


def _standard_fields(data) -> dict:
    """The required level and the instrument it comes from, as both standard forms send
    them."""
    return {"required_level": data.get("required_level", ""),
            "source": data.get("source") or Standard.Source.SKJ,
            "instrument_number": text_param(data, "instrument_number",
                                            max_length=services.SHORT_MAX),
            "instrument_date": _date_param(data, "instrument_date")}


@require_POST
def standard_set(request, position_id):
    require_roles(request.user, Role.HR_ADMIN)
    position = _position(request, position_id)
    try:
        competency = _competency_for(request, request.POST.get("competency"))
        services.set_standard(actor=request.user, position=position, competency=competency,
                              **_standard_fields(request.POST))
    except (services.CompetencyRefused, InvalidInput) as refusal:
        return _position_page(request, position, error=refusal.message, status=400)
    messages.success(request, _("Standar kompetensi jabatan tersimpan."))
    return redirect("competency:position", position_id=position.pk)


@require_POST
def technical_add(request, position_id):
    require_roles(request.user, Role.HR_ADMIN)
    position = _position(request, position_id)
    try:
        services.add_technical(
            actor=request.user, position=position,
            name=text_param(request.POST, "name", max_length=services.NAME_MAX),
            definition=text_param(request.POST, "definition", max_length=services.TEXT_MAX),
            **_standard_fields(request.POST))
    except (services.CompetencyRefused, InvalidInput) as refusal:
        return _position_page(request, position, error=refusal.message, status=400)
    messages.success(request, _("Kompetensi teknis tersimpan."))
    return redirect("competency:position", position_id=position.pk)


def _upload(request):
    upload = request.FILES.get("file")
    if upload is None or not upload.size:
        raise services.CompetencyRefused(_("Pilih berkas XLSX atau CSV untuk diunggah."))
    if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise services.CompetencyRefused(_("Berkas terlalu besar (paling besar %(mb)s MB).")
                                         % {"mb": MAX_UPLOAD_MB})
    name = (upload.name or "")[:200]
    if not name.lower().endswith((".xlsx", ".csv")):
        raise services.CompetencyRefused(_("Format berkas tidak didukung. Unggah berkas .xlsx "
                                           "atau .csv."))
    return upload, name


def _import_page(request, *, kind: str, run):
    result, error, status = None, "", 200
    if request.method == "POST":
        try:
            upload, name = _upload(request)
            result = run(upload, name)
            if result.file_error:
                error, status, result = result.file_error, 400, None
        except services.CompetencyRefused as refusal:
            error, status = refusal.message, 400
    return render(request, "competency/import.html", {
        "kind": kind, "result": result, "error": error,
        "columns": (importing.STANDARD_COLUMNS if kind == "standards"
                    else importing.RESULT_COLUMNS),
        "required": (importing.STANDARD_REQUIRED if kind == "standards"
                     else importing.RESULT_REQUIRED),
    }, status=status)


@require_http_methods(["GET", "POST"])
def standards_import(request):
    require_roles(request.user, Role.HR_ADMIN)
    return _import_page(request, kind="standards", run=lambda upload, name: (
        importing.import_standards(actor=request.user, upload=upload, filename=name)))


@require_http_methods(["GET", "POST"])
def results_import(request):
    require_roles(request.user, *HR_ROLES)
    return _import_page(request, kind="results", run=lambda upload, name: (
        importing.import_results(actor=request.user, upload=upload, filename=name)))


# --- one employee -------------------------------------------------------------------------


def _chart(gaps) -> dict:
    lines = [line for line in gaps.lines if line.required is not None]
    return {"labels": [line.name for line in lines],
            "required": [line.required for line in lines],
            "current": [line.current for line in lines],
            "supervisor": [line.supervisor_level for line in lines],
            "required_label": _("Standar"), "current_label": _("Hasil penilaian"),
            "supervisor_label": _("Penilaian atasan")}


def _employee_page(request, employee, *, form_error="", form_source="", status=200):
    regency = employee.regency
    profile = profile_today(regency)
    rule = plans.route_rule(regency)
    gaps = selectors.gaps_for(regency, [employee], offered=profile.activity_types,
                              rule=rule)[0]
    may_result = services.may_record_result(request.user, employee)
    may_supervisor = services.may_record_supervisor_view(request.user, employee)
    sources = []
    if may_result:
        sources.append(Assessment.Source.RESULT)
    if may_supervisor:
        sources.append(Assessment.Source.SUPERVISOR)
    return render(request, "competency/employee.html", {
        "employee": employee, "gaps": gaps, "chart": _chart(gaps),
        "history": selectors.assessment_history(regency, employee),
        "sources": [(s, Assessment.Source(s).label) for s in sources],
        "causes": Cause.choices, "levels": (1, 2, 3, 4, 5),
        "form_error": form_error, "form_source": form_source,
        "offered": [selectors.route_label(a) for a in profile.activity_types],
        "today": regency_today(regency), "own": employee.pk == request.user.employee_id,
        "rule": _rule_context(regency, rule),
    }, status=status)


def _rule_context(regency, rule) -> dict:
    return {"own": rule != competency_route.DEFAULT_RULE,
            "causes": [(Cause(cause).label, selectors.route_label(route))
                       for cause, route in rule.by_cause],
            "small_gap": rule.small_gap}


@require_GET
def employee_page(request, employee_id):
    employee = access_employee(request.user, id_param(employee_id))
    return _employee_page(request, employee)


@require_POST
def assessment_record(request, employee_id):
    employee = access_employee(request.user, id_param(employee_id))
    source = request.POST.get("source", "")
    regency = employee.regency
    try:
        book = selectors.StandardBook(regency, [employee.position])
        levels = []
        for requirement in book.requirements(employee.position):
            pk = requirement.competency.pk
            raw = request.POST.get(f"level_{pk}", "").strip()
            if not raw:
                continue
            levels.append(services.LevelInput(
                requirement.competency,
                services.clean_level(raw, field=f"level_{pk}"),
                services.clean_cause(request.POST.get(f"cause_{pk}", ""), field=f"cause_{pk}")))
        services.record_assessment(
            actor=request.user, employee=employee, source=source,
            assessed_on=_date_param(request.POST, "assessed_on"), levels=levels,
            assessor=text_param(request.POST, "assessor", max_length=services.NAME_MAX),
            jpm=text_param(request.POST, "jpm", max_length=10),
            recommendation=text_param(request.POST, "recommendation",
                                      max_length=services.TEXT_MAX),
            note=text_param(request.POST, "note", max_length=services.TEXT_MAX))
    except (services.CompetencyRefused, InvalidInput) as refusal:
        if not (services.may_record_result(request.user, employee)
                or services.may_record_supervisor_view(request.user, employee)):
            raise Http404 from None
        return _employee_page(request, employee, form_error=refusal.message,
                              form_source=source, status=400)
    messages.success(request, _("Penilaian tersimpan."))
    return redirect(reverse("competency:employee", args=[employee.pk]))


# --- the subordinate table ----------------------------------------------------------------


@require_GET
def subordinates_page(request):
    regency = user_regency(request)
    scope = scope_for(request.user)
    employees = employees_in_scope(request.user).filter(is_active=True)
    if scope.employee_id is not None:
        employees = employees.exclude(pk=scope.employee_id)
    if not scope.roles:
        if scope.employee_id is None:
            raise Http404
        employees = employees.filter(supervisor_id=scope.employee_id)
    employees = employees.select_related("position", "unit").order_by("name", "id")
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    profile = profile_today(regency)
    rows = [(g, g.of_kind(Kind.TEKNIS), g.of_kind(Kind.MANAJERIAL),
             g.of_kind(Kind.SOSIAL_KULTURAL))
            for g in selectors.gaps_for(regency, page.object_list,
                                        offered=profile.activity_types,
                                        rule=plans.route_rule(regency))]
    langsa = regency.profile_id == "langsa"
    return render(request, "competency/subordinates.html", {
        "page_obj": page, "rows": rows, "show_level": not langsa,
        "socio_label": _("Kompetensi Sosiokultural") if langsa
        else _("Kompetensi Sosial Kultural"),
        "start": page.start_index() if rows else 0,
        "querystring_without_page": _querystring_without_page(request),
    })
