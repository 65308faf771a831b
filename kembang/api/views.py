"""The REST API (OpenAPI at /api/docs). Every endpoint is scoped like the pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate
from ninja.security import django_auth

from kembang.api.inputs import Pagination, Text, invalid_input_body
from kembang.api.schemas import EmployeeOut, ErrorOut, JpStandingOut, MeOut, UnitOut
from kembang.common.errors import DomainError
from kembang.learning.selectors import jp_standing
from kembang.organisation import selectors
from kembang.organisation.access import access_employee, scope_for
from kembang.organisation.dates import regency_today
from kembang.regulation.jp_file import jp_text
from kembang.regulation.reasons import render_reasons

api = NinjaAPI(
    title="Kembang API",
    version="1",
    description="Coaching, mentoring, belajar mandiri and the 20 JP ledger.",
    auth=django_auth,
    docs_decorator=login_required,
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"code": exc.code, "message": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    return api.create_response(request, invalid_input_body(exc.errors), status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"code": "not_found", "message": "Data tidak ditemukan."}, status=404
    )


@api.get("/me", response=MeOut, tags=["akun"])
def me(request):
    user = request.auth
    scope = scope_for(user)
    employee = user.employee
    return {
        "username": user.username,
        "regency": str(user.regency) if user.regency_id else None,
        "roles": sorted(scope.roles),
        "employee": employee,
    }


class EmployeeFilter(Schema):
    q: Text = ""
    unit: int | None = None
    kind: Text = ""
    status: Text = "aktif"


@api.get("/employees", response=list[EmployeeOut], tags=["pegawai"])
@paginate(Pagination)
def employees(request, filters: Query[EmployeeFilter]):
    """Employees the caller may see (own record, unit(s), or regency)."""
    # A queryset: the paginator slices it, so only one page of rows is built.
    return selectors.employee_list(request.auth, search=filters.q, unit_id=filters.unit,
                                   kind=filters.kind, status=filters.status)


@api.get("/employees/{employee_id}", response={200: EmployeeOut, 404: ErrorOut},
         tags=["pegawai"])
def employee(request, employee_id: int):
    return access_employee(request.auth, employee_id)


@api.get("/units", response=list[UnitOut], tags=["organisasi"])
def units(request):
    return list(selectors.unit_list(request.auth).values("id", "name", "parent_id"))


def _year_param(year: int | None, today) -> int:
    return year if year and 2000 <= year <= today.year + 1 else today.year


def _standing_body(standing) -> dict:
    return {
        "year": standing.year, "target": jp_text(standing.target),
        "official": jp_text(standing.official), "provisional": jp_text(standing.provisional),
        "classical": jp_text(standing.classical),
        "meets_target": standing.official >= standing.target,
        "behind_pace": standing.outlook.behind_pace if standing.outlook else None,
        "status": str(standing.status),
        "activities": [{
            "activity": a.activity, "label": str(a.label), "official": jp_text(a.official),
            "provisional": jp_text(a.provisional),
            "countable_left_this_month": a.left_this_month} for a in standing.activities],
        "sessions": [{
            "id": s.pk, "date": s.date.isoformat(), "activity": s.activity,
            "status": s.status, "jp": jp_text(s.jp), "jp_provisional": jp_text(s.jp_provisional),
            "counted": s.counted, "reason_codes": [r["code"] for r in s.reasons],
            "reason": render_reasons(s.reasons)} for s in standing.sessions],
    }


@api.get("/jp", response={200: JpStandingOut, 404: ErrorOut}, tags=["jp"])
def myjp_text(request, year: int | None = None):
    # The docstring is the endpoint's description in the OpenAPI page; the rule behind
    # official and provisional JP: docs/jp-rules.md#official-and-provisional-jp.
    """The caller's JP for a year (default: this year): official and provisional against
    the target, by activity, every session with its JP and the reason."""
    employee = request.auth.employee
    if employee is None:
        raise Http404
    today = regency_today(request.auth.regency)
    return _standing_body(jp_standing(employee, year=_year_param(year, today), today=today))


@api.get("/employees/{employee_id}/jp", response={200: JpStandingOut, 404: ErrorOut},
         tags=["jp"])
def employee_jp(request, employee_id: int, year: int | None = None):
    # Scoped like the employee's page (kembang.organisation.access.employees_in_scope);
    # the same figures as `kembang rekap` (docs/rekap.md).
    """An employee's JP for a year, in the shape of /api/jp: for BKPSDM any employee of
    the regency, for HR officers and heads of unit their units', for a supervisor their
    direct subordinates'."""
    employee = access_employee(request.auth, employee_id)
    today = regency_today(employee.regency)
    return _standing_body(jp_standing(employee, year=_year_param(year, today), today=today))
