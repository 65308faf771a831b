"""The REST API (OpenAPI at /api/docs). Every endpoint is scoped like the pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from ninja import NinjaAPI, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from kembang.api.schemas import EmployeeOut, ErrorOut, MeOut, UnitOut
from kembang.common.errors import DomainError
from kembang.organisation import selectors
from kembang.organisation.access import access_employee, scope_for

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


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"code": "not_found", "message": "Data tidak ditemukan."}, status=404
    )


def employee_out(employee) -> dict:
    return {
        "id": employee.pk, "nip": employee.nip, "name": employee.name,
        "full_name": employee.full_name, "kind": employee.kind, "rank": employee.rank,
        "position": employee.position.name if employee.position_id else None,
        "position_kind": employee.position.kind if employee.position_id else None,
        "unit_id": employee.unit_id, "unit": employee.unit.name,
        "supervisor_id": employee.supervisor_id, "is_talent": employee.is_talent,
        "is_active": employee.is_active,
    }


@api.get("/me", response=MeOut, tags=["akun"])
def me(request):
    user = request.auth
    scope = scope_for(user)
    employee = user.employee
    return {
        "username": user.username,
        "regency": str(user.regency) if user.regency_id else None,
        "roles": sorted(scope.roles),
        "employee": employee_out(employee) if employee else None,
    }


class EmployeeFilter(Schema):
    q: str = ""
    unit: int | None = None
    kind: str = ""
    status: str = "aktif"


@api.get("/employees", response=list[EmployeeOut], tags=["pegawai"])
@paginate(LimitOffsetPagination)
def employees(request, filters: Query[EmployeeFilter]):
    """Employees the caller may see (own record, unit(s), or regency)."""
    rows = selectors.employee_list(request.auth, search=filters.q, unit_id=filters.unit,
                                   kind=filters.kind, status=filters.status)
    return [employee_out(e) for e in rows]


@api.get("/employees/{employee_id}", response={200: EmployeeOut, 404: ErrorOut},
         tags=["pegawai"])
def employee(request, employee_id: int):
    return employee_out(access_employee(request.auth, employee_id))


@api.get("/units", response=list[UnitOut], tags=["organisasi"])
def units(request):
    return list(selectors.unit_list(request.auth).values("id", "name", "parent_id"))
