"""docs/accounts.md#deactivation: a deactivated employee's login and roles end; their
history stays, and what they leave open is listed for reassignment."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.common.tests.clock import TODAY
from kembang.learning.models import ActivityType, Program, Session
from kembang.organisation import selectors, services
from kembang.organisation.importing.services import ImportFailed
from kembang.organisation.importing.writing import Writer
from kembang.organisation.models import Role, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

PASSWORD = "rahasia-uji-123"


@pytest.fixture
def officer(unit_a):
    """A second HR officer of unit A, the one who gets deactivated."""
    employee = EmployeeFactory(unit=unit_a, name="Pengelola Yang Pindah")
    user = login_for(employee)
    grant(user, Role.HR_OFFICER, unit_a)
    return user


def _deactivate(actor, employee):
    services.employee_update(actor=actor, employee=employee, is_active=False, reason="Pensiun")


def _program(*, participant, guide, status, started_by):
    return Program.objects.create(
        regency=participant.regency, activity=ActivityType.COACHING, participant=participant,
        guide=guide, status=status, development_need="Analisis data", start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=60), profile_id="nganjuk", started_by=started_by)


@pytest.mark.django_db
def test_deactivating_an_hr_officer_ends_their_role_on_that_day(hr_admin, officer):
    assignment = officer.role_assignments.get()
    _deactivate(hr_admin, officer.employee)
    assignment.refresh_from_db()
    officer.refresh_from_db()
    assert officer.is_active is False
    assert assignment.revoked_at is not None
    assert assignment.valid_until == TODAY
    assert not RoleAssignment.objects.filter(user=officer).in_force(TODAY).exists()
    event = AuditEvent.objects.get(action="role.revoke", object_id=str(assignment.pk))
    assert event.changes["valid_until"] == [None, TODAY.isoformat()]
    assert event.reason == "Pensiun"
    assert AuditEvent.objects.filter(action="account.deactivate",
                                     object_id=str(officer.pk)).exists()


@pytest.mark.django_db
def test_a_deactivated_employee_is_logged_out_and_cannot_log_in(hr_admin, officer, client):
    client.force_login(officer, backend="kembang.accounts.backends.NipOrUsernameBackend")
    detail = reverse("organisation:employee_detail", args=[officer.employee_id])
    assert client.get(detail).status_code == 200
    _deactivate(hr_admin, officer.employee)
    # The open session turns anonymous: the backend's get_user refuses an inactive user.
    response = client.get(detail)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    fresh = Client()
    response = fresh.post(reverse("accounts:login"),
                          {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in fresh.session


@pytest.mark.django_db
def test_reactivation_restores_login_but_not_roles(hr_admin, officer, client):
    _deactivate(hr_admin, officer.employee)
    services.employee_update(actor=hr_admin, employee=officer.employee, is_active=True,
                             reason="Kembali")
    officer.refresh_from_db()
    assert officer.is_active is True
    assert not RoleAssignment.objects.filter(user=officer).in_force(TODAY).exists()
    client.post(reverse("accounts:login"), {"username": officer.username, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(officer.pk)


@pytest.mark.django_db
def test_the_last_bkpsdm_admin_cannot_be_deactivated(regency, unit_a, hr_officer_a):
    admin_employee = EmployeeFactory(unit=unit_a)
    admin = login_for(admin_employee)
    grant(admin, Role.HR_ADMIN)
    with pytest.raises(DomainError) as error:
        _deactivate(hr_officer_a, admin_employee)
    assert error.value.code == "role_revoke_last_admin"
    admin_employee.refresh_from_db()
    admin.refresh_from_db()
    assert admin_employee.is_active and admin.is_active


@pytest.mark.django_db
def test_a_role_starting_after_the_deactivation_is_revoked_with_its_dates_kept(hr_admin,
                                                                                 officer):
    later = TODAY + dt.timedelta(days=10)
    future = services.role_assign(actor=hr_admin, regency=officer.regency, user=officer,
                                  role=Role.HEAD_OF_UNIT, unit=officer.employee.unit,
                                  valid_from=later)
    _deactivate(hr_admin, officer.employee)
    future.refresh_from_db()
    assert future.revoked_at is not None
    assert future.valid_from == later and future.valid_until is None


@pytest.mark.django_db
def test_the_import_deactivation_ends_login_and_roles(hr_admin, officer):
    writer = SimpleNamespace(actor=hr_admin, regency=officer.regency, now=timezone.now(),
                             reason="Impor", events=[])
    missing = [{"id": officer.employee_id, "name": officer.employee.name}]
    assert Writer.deactivate(writer, missing) == 1
    officer.refresh_from_db()
    assert officer.is_active is False
    assert not RoleAssignment.objects.filter(user=officer, revoked_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_import_cannot_deactivate_the_last_bkpsdm_admin(regency, unit_a, hr_officer_a):
    admin_employee = EmployeeFactory(unit=unit_a)
    grant(login_for(admin_employee), Role.HR_ADMIN)
    writer = SimpleNamespace(actor=hr_officer_a, regency=regency, now=timezone.now(),
                             reason="Impor", events=[])
    with pytest.raises(ImportFailed):
        Writer.deactivate(writer, [{"id": admin_employee.pk, "name": admin_employee.name}])


@pytest.mark.django_db
def test_open_programs_and_sessions_waiting_for_initials_are_listed(hr_admin, officer,
                                                                     hr_officer_a, unit_a,
                                                                     client_for):
    guide = officer.employee
    coachee = EmployeeFactory(unit=unit_a, name="Peserta Bimbingan")
    active = _program(participant=coachee, guide=guide, status=Program.Status.ACTIVE,
                      started_by=officer)
    as_participant = _program(participant=guide, guide=coachee,
                              status=Program.Status.PROPOSED, started_by=officer)
    closed = _program(participant=coachee, guide=guide, status=Program.Status.CLOSED,
                      started_by=officer)
    waiting = Session.objects.create(
        regency=guide.regency, program=active, participant=coachee,
        activity=ActivityType.COACHING, unit=unit_a, date=TODAY, topic="Pivot table",
        logged_by=officer, status=Session.Status.SUBMITTED)
    _deactivate(hr_admin, guide)

    left = selectors.left_behind(guide)
    assert {p.pk for p in left["programs"]} == {active.pk, as_participant.pk}
    assert closed.pk not in {p.pk for p in left["programs"]}
    assert [s.pk for s in left["sessions"]] == [waiting.pk]
    # History stays.
    assert Session.objects.filter(pk=waiting.pk, status=Session.Status.SUBMITTED).exists()

    page = client_for(hr_officer_a).get(
        reverse("organisation:employee_detail", args=[guide.pk])).content.decode()
    assert 'id="left-behind"' in page and "Pivot table" in page


@pytest.mark.django_db
def test_the_reassignment_list_is_not_shown_for_an_active_employee(officer, hr_officer_a,
                                                                    unit_a, client_for):
    coachee = EmployeeFactory(unit=unit_a)
    _program(participant=coachee, guide=officer.employee, status=Program.Status.ACTIVE,
             started_by=officer)
    page = client_for(hr_officer_a).get(
        reverse("organisation:employee_detail", args=[officer.employee_id])).content.decode()
    assert 'id="left-behind"' not in page
