"""Who may see which records. Every view and export goes through these helpers.

An employee sees their own record; an HR officer or head of unit sees their unit(s) with
sub-units; BKPSDM sees the whole regency; nobody crosses regencies. Missing and forbidden
records give the same 404, so an id in a URL reveals nothing (Zulip's `access_*` style).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import Http404

from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, OrgUnit, Role, RoleAssignment


@dataclass(frozen=True)
class Scope:
    """What one user administers today. Computed once per request."""

    regency_id: int | None
    roles: frozenset[str]
    whole_regency: bool
    unit_paths: tuple[str, ...]
    employee_id: int | None
    # The units of HR-officer assignments only: where the user may write and validate
    # as HR (a head of another unit only reads it).
    hr_paths: tuple[str, ...] = ()
    # The units the user heads (Kepala PD), with sub-units.
    head_paths: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return Role.HR_ADMIN in self.roles

    @property
    def is_hr(self) -> bool:
        return Role.HR_OFFICER in self.roles or self.is_admin

    @property
    def administers_units(self) -> bool:
        return self.whole_regency or bool(self.unit_paths)

    def heads(self, path: str) -> bool:
        """Does the user head the unit at `path` (or a unit above it)?"""
        return any(path.startswith(p) for p in self.head_paths)

    def hr_covers(self, path: str) -> bool:
        """May the user act as HR (write, validate) on the unit at `path`?"""
        return self.whole_regency or any(path.startswith(p) for p in self.hr_paths)

    def hr_unit_q(self, prefix: str = "") -> Q:
        """A filter on `<prefix>path` for the units where the user acts as HR."""
        return Q() if self.whole_regency else _paths_q(self.hr_paths, prefix)

    def head_unit_q(self, prefix: str = "") -> Q:
        """A filter on `<prefix>path` for the units the user heads (nothing when none)."""
        return _paths_q(self.head_paths, prefix)

    def unit_q(self, prefix: str = "") -> Q:
        """A filter on `<prefix>path` for the units in scope (nothing when none)."""
        return Q() if self.whole_regency else _paths_q(self.unit_paths, prefix)


def _paths_q(paths: tuple[str, ...], prefix: str) -> Q:
    """Units under any of `paths` (a unit's path starts with its ancestors'); none if empty."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


_EMPTY = Scope(None, frozenset(), False, (), None)


def scope_for(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or user.regency_id is None:
        return _EMPTY
    cached = getattr(user, "_kembang_scope", None)
    if cached is not None:
        return cached
    today = regency_today(user.regency)
    roles, whole, paths, hr_paths, head_paths = set(), False, [], [], []
    assignments = RoleAssignment.objects.in_force(today).filter(
        user=user, regency_id=user.regency_id
    )
    for role, unit_path in assignments.values_list("role", "unit__path"):
        roles.add(role)
        if role == Role.HR_ADMIN:
            whole = True
        elif unit_path:
            paths.append(unit_path)
            if role == Role.HR_OFFICER:
                hr_paths.append(unit_path)
            elif role == Role.HEAD_OF_UNIT:
                head_paths.append(unit_path)
    scope = Scope(user.regency_id, frozenset(roles), whole, tuple(sorted(set(paths))),
                  user.employee_id, tuple(sorted(set(hr_paths))),
                  tuple(sorted(set(head_paths))))
    user._kembang_scope = scope
    return scope


def units_in_scope(user):
    scope = scope_for(user)
    if not scope.administers_units:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(scope.unit_q(), regency_id=scope.regency_id)


def headed_units(user):
    """Units the user heads with their sub-units (the whole regency for BKPSDM)."""
    scope = scope_for(user)
    paths_q = Q() if scope.whole_regency else _paths_q(scope.head_paths, "")
    return OrgUnit.objects.filter(paths_q, regency_id=scope.regency_id)


def hr_units(user):
    """Units where the user acts as HR: their HR-officer units with sub-units, or the whole
    regency for BKPSDM (not units they only head)."""
    scope = scope_for(user)
    return OrgUnit.objects.filter(scope.hr_unit_q(), regency_id=scope.regency_id)


def employees_in_scope(user):
    """Employees the user administers or supervises: BKPSDM the regency, HR officers and
    heads their units, a supervisor their direct subordinates (who monitor them: Nganjuk
    Lampiran huruf C angka 6 and 8, Belitung Timur Lampiran huruf I angka 3), everyone
    themself."""
    scope = scope_for(user)
    if scope.regency_id is None:
        return Employee.objects.none()
    employees = Employee.objects.filter(regency_id=scope.regency_id)
    if scope.whole_regency:
        return employees
    own = (Q(pk=scope.employee_id) | Q(supervisor_id=scope.employee_id) if scope.employee_id
           else Q(pk__in=[]))
    if scope.unit_paths:
        # An acting head of another unit still sees their own record.
        return employees.filter(scope.unit_q("unit__") | own)
    return employees.filter(own)


def access_employee(user, employee_id) -> Employee:
    """The employee if the user may see them, else Http404 (also for a missing id)."""
    try:
        return employees_in_scope(user).select_related(
            "unit", "position", "supervisor", "regency"
        ).get(pk=int(employee_id))
    except (Employee.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_unit(user, unit_id) -> OrgUnit:
    try:
        return units_in_scope(user).get(pk=int(unit_id))
    except (OrgUnit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_roles(user, *roles: str) -> Scope:
    """The scope, if the user holds one of `roles` today; else Http404."""
    scope = scope_for(user)
    if not scope.roles.intersection(roles):
        raise Http404
    return scope
