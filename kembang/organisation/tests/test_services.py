import datetime

import pytest
from django.db import IntegrityError

from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.organisation import services
from kembang.organisation.models import EmploymentHistory, Position, Role, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, UnitFactory, login_for


@pytest.mark.django_db
def test_unit_path_lets_a_unit_include_its_sub_units(regency):
    dinas = services.unit_create(actor=None, regency=regency, name="Dinas Pendidikan")
    bidang = services.unit_create(actor=None, regency=regency, name="Bidang  Guru", parent=dinas)
    assert dinas.path == f"/{dinas.pk}/"
    assert bidang.path == f"/{dinas.pk}/{bidang.pk}/"
    assert bidang.name == "Bidang Guru"
    assert AuditEvent.objects.filter(action="unit.create").count() == 2


@pytest.mark.django_db
def test_duplicate_unit_name_under_the_same_parent_is_refused(regency):
    services.unit_create(actor=None, regency=regency, name="Dinas Sosial")
    with pytest.raises(DomainError) as error:
        services.unit_create(actor=None, regency=regency, name="dinas sosial")
    assert error.value.code == "unit_exists"


@pytest.mark.django_db
def test_position_kind_is_read_from_its_name(regency):
    position = services.position_get_or_create(
        actor=None, regency=regency, name="Pranata Komputer Terampil"
    )
    assert position.kind == Position.Kind.TERAMPIL
    head = services.position_get_or_create(actor=None, regency=regency, name="Kepala Bidang Mutasi")
    assert head.kind == Position.Kind.ADMINISTRATOR


@pytest.mark.django_db
def test_regency_mapping_is_editable_and_used(db):
    regency = services.regency_create(actor=None, name="Uji", slug="uji-map", kind="kabupaten",
                                      province="Aceh", profile_id="langsa")
    regency_patterns = services.kind_patterns_for(regency)
    assert regency_patterns, "a new regency gets its own copy of the default mapping"
    from kembang.organisation.models import PositionKindPattern

    PositionKindPattern.objects.create(regency=regency, fragment="juru", kind="pemula", priority=0)
    position = services.position_get_or_create(actor=None, regency=regency, name="Juru Ukur")
    assert position.kind == "pemula"


@pytest.mark.django_db
def test_moving_an_employee_closes_and_opens_history(unit_a, unit_b):
    employee = EmployeeFactory(unit=unit_a)
    EmploymentHistory.objects.create(employee=employee, unit=unit_a,
                                     valid_from=datetime.date(2020, 1, 1))
    changes = services.employee_update(actor=None, employee=employee, unit=unit_b,
                                       on_date=datetime.date(2026, 3, 1), reason="mutasi")
    assert changes["unit"][1]["id"] == unit_b.pk
    rows = list(employee.history.order_by("valid_from"))
    assert [(r.unit_id, r.valid_until) for r in rows] == [
        (unit_a.pk, datetime.date(2026, 3, 1)), (unit_b.pk, None)]
    event = AuditEvent.objects.get(action="employee.update")
    assert event.reason == "mutasi"
    assert event.changes["unit"][0]["id"] == unit_a.pk


@pytest.mark.django_db
def test_an_update_that_changes_nothing_writes_no_audit(unit_a):
    employee = EmployeeFactory(unit=unit_a)
    assert services.employee_update(actor=None, employee=employee, name=employee.name) == {}
    assert not AuditEvent.objects.filter(action="employee.update").exists()


@pytest.mark.django_db
def test_supervisor_cycle_is_refused(unit_a):
    boss = EmployeeFactory(unit=unit_a)
    staff = EmployeeFactory(unit=unit_a, supervisor=boss)
    with pytest.raises(DomainError) as error:
        services.employee_update(actor=None, employee=boss, supervisor=staff)
    assert error.value.code == "supervisor_cycle"
    with pytest.raises(DomainError):
        services.employee_update(actor=None, employee=boss, supervisor=boss)


@pytest.mark.django_db
def test_nip_is_unique_across_the_deployment(unit_a, other_regency):
    employee = EmployeeFactory(unit=unit_a)
    other_unit = UnitFactory(regency=other_regency)
    with pytest.raises(DomainError) as error:
        services.employee_create(actor=None, regency=other_regency, nip=employee.nip,
                                 name="X", kind="pns", unit=other_unit)
    assert error.value.message == "NIP sudah terdaftar; pemindahan pegawai dilakukan oleh BKPSDM."


@pytest.mark.django_db
def test_acting_official_role_is_in_force_only_between_its_dates(unit_a, hr_admin):
    employee = EmployeeFactory(unit=unit_a)
    user = login_for(employee)
    assignment = services.role_assign(
        actor=hr_admin, regency=unit_a.regency, user=user, role=Role.HEAD_OF_UNIT, unit=unit_a,
        valid_from=datetime.date(2026, 1, 1), valid_until=datetime.date(2026, 3, 31), note="Plt")
    in_force = RoleAssignment.objects.in_force
    assert assignment in in_force(datetime.date(2026, 2, 1))
    assert assignment not in in_force(datetime.date(2026, 4, 1))
    assert assignment not in in_force(datetime.date(2025, 12, 31))


@pytest.mark.django_db
def test_revoked_role_stays_on_record(unit_a, hr_admin):
    user = login_for(EmployeeFactory(unit=unit_a))
    assignment = services.role_assign(actor=hr_admin, regency=unit_a.regency, user=user,
                                      role=Role.HR_OFFICER, unit=unit_a)
    services.role_revoke(actor=hr_admin, assignment=assignment, reason="pensiun")
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None
    assert assignment not in RoleAssignment.objects.in_force(datetime.date.today())
    assert AuditEvent.objects.get(action="role.revoke").reason == "pensiun"


@pytest.mark.django_db
def test_role_needs_a_unit_except_for_bkpsdm(unit_a, hr_admin):
    user = login_for(EmployeeFactory(unit=unit_a))
    with pytest.raises(DomainError):
        services.role_assign(actor=hr_admin, regency=unit_a.regency, user=user,
                             role=Role.HR_OFFICER, unit=None)
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(regency=unit_a.regency, user=user, role=Role.HR_ADMIN,
                                      unit=unit_a)


@pytest.mark.django_db
def test_audit_events_are_append_only(regency):
    event = AuditEvent.objects.create(regency=regency, action="x")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="y")
