"""Writing a demo plan into the database, once.

The bulk of the rows (units, positions, employees, their history) goes in with
`bulk_create`, level by level so each supervisor's id is known before their staff are
written; the few records a person acts on (the regency, the demo accounts and their
roles) go through the ordinary services, which audit them. One `demo.create` audit event
summarises the rest and doubles as the demo marker: a regency that has it was made here,
and running the demo again with the same or a smaller size only reads the logins back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from kembang.accounts.services import account_for_employee
from kembang.audit.models import AuditEvent
from kembang.audit.services import audit_record
from kembang.common.errors import DomainError
from kembang.organisation.demo.builder import DemoPlan, demo_plan
from kembang.organisation.demo.profiles import DEMO_REGENCIES
from kembang.organisation.models import (
    Employee,
    EmploymentHistory,
    OrgUnit,
    Position,
    Regency,
    Role,
)
from kembang.organisation.services import regency_create, role_assign

DEMO_PASSWORD = "kembang-demo"
DEMO_ACTION = "demo.create"
BATCH = 1000

# Login roles in the order they are printed.
HR_ADMIN = "hr_admin"
HR_OFFICER = "hr_officer"
HEAD_OF_UNIT = "head_of_unit"
SUPERVISOR = "supervisor"
EMPLOYEE = "employee"
LOGIN_ROLES = (HR_ADMIN, HR_OFFICER, HEAD_OF_UNIT, SUPERVISOR, EMPLOYEE)


@dataclass(frozen=True)
class DemoLogin:
    role: str  # one of LOGIN_ROLES
    username: str
    name: str  # the person's printed name, or the admin's label
    place: str  # the unit the role is about; "" for the admin


@dataclass(frozen=True)
class DemoResult:
    regency: Regency
    created: bool
    seed: int  # the seed the existing demo was made with
    counts: dict[str, int]
    logins: list[DemoLogin]


def admin_username(profile_id: str) -> str:
    return f"admin.{profile_id}"


def demo_load(*, profile_id: str, employees: int, seed: int = 1) -> DemoResult:
    """The demo regency of `profile_id` with `employees` employees, created if missing.

    Idempotent: when the regency exists and carries the demo marker with at least
    `employees` employees, nothing is written and the existing logins are returned.
    Raises DomainError when the slug belongs to a regency that is not a demo (real data
    is never touched), when an existing demo is smaller than asked, or when the regency's
    name or the admin's username is taken by something else.
    """
    if profile_id not in DEMO_REGENCIES:
        raise DomainError(_("Profil tidak dikenal: %(id)s.") % {"id": profile_id},
                          code="demo_profile")
    existing = Regency.objects.filter(slug=profile_id).first()
    if existing is not None:
        return _existing_demo(existing, employees)
    return _create_demo(profile_id, employees, seed)


def _existing_demo(regency: Regency, employees: int) -> DemoResult:
    marker = (AuditEvent.objects.filter(regency=regency, action=DEMO_ACTION)
              .order_by("id").first())
    if marker is None:
        raise DomainError(
            _("Pemerintah daerah dengan kode %(slug)s sudah ada dan bukan data demo; tidak "
              "ada yang diubah.") % {"slug": regency.slug},
            code="demo_not_demo",
        )
    info = marker.changes
    if info["employees"] < employees:
        raise DomainError(
            _("Demo %(name)s sudah ada dengan %(have)s pegawai. Untuk %(want)s pegawai, mulai "
              "dari basis data kosong atau pakai profil lain.")
            % {"name": regency, "have": info["employees"], "want": employees},
            code="demo_smaller",
        )
    User = get_user_model()
    usernames = [row["username"] for row in info["logins"]]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)
             .select_related("employee", "employee__unit", "employee__unit__parent")}
    pd = OrgUnit.objects.filter(pk=info.get("login_unit")).first()
    logins = [
        _login(row["role"], users[row["username"]], pd)
        for row in info["logins"] if row["username"] in users
    ]
    return DemoResult(regency=regency, created=False, seed=info["seed"],
                      counts=info["counts"], logins=logins)


@transaction.atomic
def _create_demo(profile_id: str, employees: int, seed: int) -> DemoResult:
    demo = DEMO_REGENCIES[profile_id]
    User = get_user_model()
    if Regency.objects.filter(name=demo.name).exists():
        raise DomainError(
            _("Sudah ada pemerintah daerah bernama %(name)s dengan kode lain; demo tidak "
              "dibuat.") % {"name": demo.name}, code="demo_name_taken")
    if User.objects.filter(username=admin_username(profile_id)).exists():
        raise DomainError(
            _("Nama pengguna %(username)s sudah dipakai; demo tidak dibuat.")
            % {"username": admin_username(profile_id)}, code="demo_username_taken")

    taken = set(Employee.objects.values_list("nip", flat=True))
    plan = demo_plan(profile_id, employees, seed, taken_nips=taken)
    regency = regency_create(
        actor=None, name=demo.name, slug=profile_id, kind=demo.kind, province=demo.province,
        profile_id=profile_id, timezone_name=demo.timezone,
    )
    units = _write_units(regency, plan)
    positions = Position.objects.bulk_create(
        [Position(regency=regency, name=p.name, kind=p.kind) for p in plan.positions],
        batch_size=BATCH,
    )
    position_by_name = {p.name: p for p in positions}
    people = _write_employees(regency, plan, units, position_by_name)
    logins = _write_logins(regency, plan, units, people)

    counts = {
        "units": len(units),
        "perangkat_daerah": plan.pd_count,
        "positions": len(positions),
        "employees": len(people),
        "pppk": sum(1 for e in plan.employees if e.kind == Employee.Kind.PPPK),
        "talent": sum(1 for e in plan.employees if e.is_talent),
    }
    audit_record(
        actor=None, regency=regency, action=DEMO_ACTION, obj=regency,
        changes={
            "profile": profile_id, "seed": seed, "employees": employees, "counts": counts,
            "login_unit": units[plan.logins.unit].pk,
            "logins": [{"role": login.role, "username": login.username} for login in logins],
        },
    )
    return DemoResult(regency=regency, created=True, seed=seed, counts=counts, logins=logins)


def _write_units(regency: Regency, plan: DemoPlan) -> list[OrgUnit]:
    """All units, parents before children, with their materialised paths."""
    units: list[OrgUnit | None] = [None] * len(plan.units)
    depth: dict[int, int] = {}
    by_depth: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(plan.units):
        depth[i] = 0 if unit.parent is None else depth[unit.parent] + 1
        by_depth[depth[i]].append(i)
    for level in sorted(by_depth):
        indexes = by_depth[level]
        rows = [
            OrgUnit(regency=regency, name=plan.units[i].name,
                    parent=units[plan.units[i].parent] if plan.units[i].parent is not None
                    else None)
            for i in indexes
        ]
        OrgUnit.objects.bulk_create(rows, batch_size=BATCH)
        for i, row in zip(indexes, rows, strict=True):
            # The same path services.unit_create gives: "/<ancestor ids>/<id>/".
            row.path = f"{row.parent.path if row.parent else '/'}{row.pk}/"
            units[i] = row
        OrgUnit.objects.bulk_update(rows, ["path"], batch_size=BATCH)
    return units


def _write_employees(regency, plan: DemoPlan, units, position_by_name) -> list[Employee]:
    people: list[Employee | None] = [None] * len(plan.employees)
    by_level: dict[int, list[int]] = defaultdict(list)
    for i, person in enumerate(plan.employees):
        by_level[person.level].append(i)
    for level in sorted(by_level):
        indexes = by_level[level]
        rows = []
        for i in indexes:
            p = plan.employees[i]
            rows.append(Employee(
                regency=regency, nip=p.nip, name=p.name, title_prefix=p.title_prefix,
                title_suffix=p.title_suffix, kind=p.kind, sex=p.sex, rank=p.rank,
                position=position_by_name[p.position], unit=units[p.unit],
                supervisor_id=people[p.supervisor].pk if p.supervisor is not None else None,
                is_talent=p.is_talent, email=p.email, phone=p.phone,
            ))
        Employee.objects.bulk_create(rows, batch_size=BATCH)
        for i, row in zip(indexes, rows, strict=True):
            people[i] = row
    EmploymentHistory.objects.bulk_create(
        [EmploymentHistory(employee=people[i], unit=people[i].unit,
                           position=people[i].position, valid_from=p.valid_from)
         for i, p in enumerate(plan.employees)],
        batch_size=BATCH,
    )
    return people


def _write_logins(regency, plan: DemoPlan, units, people) -> list[DemoLogin]:
    User = get_user_model()
    # One hash for the five demo accounts: the password is public, and hashing it once
    # saves a second of PBKDF2 on every fresh start.
    password = make_password(DEMO_PASSWORD)
    pd = units[plan.logins.unit]

    admin = User(username=admin_username(regency.slug), regency=regency,
                 first_name="Admin", last_name="BKPSDM", password=password)
    admin.save()
    audit_record(actor=None, regency=regency, action="account.create", obj=admin)
    role_assign(actor=None, regency=regency, user=admin, role=Role.HR_ADMIN, unit=None,
                note="Demo")

    accounts = {}
    for role, index in ((HR_OFFICER, plan.logins.hr_officer), (HEAD_OF_UNIT, plan.logins.head),
                        (SUPERVISOR, plan.logins.supervisor), (EMPLOYEE, plan.logins.employee)):
        user = account_for_employee(actor=None, employee=people[index])
        user.password = password
        user.must_set_password = False
        user.save(update_fields=["password", "must_set_password"])
        accounts[role] = user
    role_assign(actor=None, regency=regency, user=accounts[HR_OFFICER], role=Role.HR_OFFICER,
                unit=pd, note="Demo")
    role_assign(actor=None, regency=regency, user=accounts[HEAD_OF_UNIT],
                role=Role.HEAD_OF_UNIT, unit=pd, note="Demo")
    return [_login(HR_ADMIN, admin, pd)] + [_login(role, accounts[role], pd)
                                             for role in LOGIN_ROLES[1:]]


def _login(role: str, user, pd: OrgUnit | None) -> DemoLogin:
    employee = user.employee if user.employee_id else None
    if employee is None:
        return DemoLogin(role, user.username, _("Admin BKPSDM"), "")
    if role in (HR_OFFICER, HEAD_OF_UNIT) and pd is not None:
        place = pd.name
    else:
        unit = employee.unit
        place = f"{unit.name}, {unit.parent.name}" if unit.parent_id else unit.name
    return DemoLogin(role, user.username, employee.full_name, place)
