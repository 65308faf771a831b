"""The hostile suite's world, the state it watches, and what it counts.

One regency (langsa: all three activities) with a record of every kind a route takes an id
of, the people who own them, and the visitors who must not reach them: another regency's
BKPSDM, HR officer and employee; another agency's HR officer, head, coach and employee.
Built once per module inside a transaction that is rolled back at the end, so nothing
leaks into other test modules.
"""

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from kembang.accounts.models import User
from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import on, this_month
from kembang.learning.models import (
    Appointment,
    ClassicalTraining,
    Evidence,
    LockedPeriod,
    Notification,
    Program,
    Session,
)
from kembang.learning.services import programs
from kembang.learning.tests.conftest import OCT, People
from kembang.learning.tests.test_access import World, build_world
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.models import Employee, OrgUnit, Role, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from kembang.regulation.models import ProfileVersion

# What the run tried, for the terminal summary (tests/conftest.py).
STATS: Counter = Counter()
FIVE_XX: list[str] = []


@dataclass
class Hostile:
    base: World
    admin: object  # BKPSDM of the world's regency
    batch: ImportBatch
    assignment: RoleAssignment
    version: ProfileVersion | None
    unit: OrgUnit
    other_unit_coach: object  # supervises someone in another agency, with a program
    foreign_employee: object  # an employee of another regency without a role

    def __getattr__(self, name):
        return getattr(self.base, name)


def build_hostile_world() -> Hostile:
    base = build_world(People)
    p = base.p
    admin = login_for(regency=p.regency, username="admin.bkpsdm.uji")
    grant(admin, Role.HR_ADMIN)
    batch = ImportBatch.objects.create(
        regency=p.regency, created_by=p.hr_user, filename="pegawai.xlsx",
        status=ImportBatch.Status.APPLIED, total_rows=1, processed_rows=1,
        summary={"counts": {"create": 1}})
    assignment = RoleAssignment.objects.get(user=p.hr_user, role=Role.HR_OFFICER)
    version = None
    try:
        from kembang.regulation.services import profile_version_create

        version = profile_version_create(
            actor=admin, regency=p.regency, base_profile_id=p.regency.profile_id,
            data_changes={}, effective_from=this_month(1), reason="Uji versi")
    except Exception:  # noqa: BLE001 - a version is a nice-to-have in the world
        version = None

    coach = EmployeeFactory(unit=p.other_unit, position=p.coach.position, rank="III/d",
                            name="Coach Dinas Lain")
    coach_user = login_for(coach)
    coachee = EmployeeFactory(unit=p.other_unit, position=p.participant.position,
                              supervisor=coach, name="Peserta Dinas Lain")
    coachee_user = login_for(coachee)
    programs.program_agree(actor=coachee_user, program=programs.coaching_propose(
        actor=coach_user, participant=coachee, start_date=OCT, end_date=on(1, 31),
        development_need="Arsip dinas lain"))

    foreign_unit = base.foreign_hr.employee.unit
    foreign_employee = login_for(EmployeeFactory(unit=foreign_unit, name="Pegawai Kota Lain"))
    return Hostile(base=base, admin=admin, batch=batch, assignment=assignment,
                   version=version, unit=p.unit, other_unit_coach=coach_user,
                   foreign_employee=foreign_employee)


def snapshot() -> dict:
    """The rows a refused request must leave alone."""
    return {
        "audit": AuditEvent.objects.count(),
        "programs": dict(Program.objects.values_list("pk", "status")),
        "sessions": dict(Session.objects.values_list("pk", "status")),
        "topics": dict(Session.objects.values_list("pk", "topic")),
        "evidence": Evidence.objects.count(),
        "notifications": Notification.objects.count(),
        "appointments": dict(Appointment.objects.values_list("pk", "revoked_at")),
        "classical": dict(ClassicalTraining.objects.values_list("pk", "cancelled_at")),
        "employees": dict(Employee.objects.values_list("pk", "is_active")),
        "names": dict(Employee.objects.values_list("pk", "name")),
        "roles": dict(RoleAssignment.objects.values_list("pk", "revoked_at")),
        "batches": dict(ImportBatch.objects.values_list("pk", "status")),
        "users": dict(User.objects.values_list("pk", "password")),
        "units": OrgUnit.objects.count(),
        "versions": ProfileVersion.objects.count(),
        "locks": LockedPeriod.objects.count(),
    }


class FormFields(HTMLParser):
    """The fields of a page's forms with the values the page fills in, per method: what a
    browser would send, so one hostile field at a time reaches past the others."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = {"get": {}, "post": {}}
        self._method = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._method = (a.get("method") or "get").lower()
            return
        if self._method is None:
            return
        fields = self.fields.setdefault(self._method, {})
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a or name not in fields:
                    fields[name] = a.get("value", "on")
            elif kind == "file":
                fields.setdefault(name, "")
            else:
                fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a or (not fields.get(self._select) and value):
                fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data):
        if self._textarea and self._method:
            self.fields[self._method][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._method = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str) -> dict[str, dict[str, str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields
