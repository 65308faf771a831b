"""The same form sent twice — a double click, a replayed request — creates one record and
answers the second request as it answered the first (issue 11). Sequential tests run on
any database; the concurrent ones need PostgreSQL's row locks and concurrent connections
(see kembang/learning/tests/test_concurrency.py) and skip elsewhere."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kembang.accounts.models import User
from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.common.tests.clock import TODAY, iso
from kembang.common.tests.concurrency import run_together
from kembang.organisation import services
from kembang.organisation.models import Employee, OrgUnit, Role, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for, make_nip

NIP_TAKEN = "NIP sudah terdaftar"


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def employee_form(unit, nip: str, **extra) -> dict:
    return {"nip": nip, "name": "Rina Wulandari", "title_suffix": "S.Kom.", "kind": "pns",
            "rank": "III/b", "unit": unit.pk} | extra


def role_form(employee, unit) -> dict:
    return {"login": employee.nip, "role": Role.HEAD_OF_UNIT, "unit": unit.pk,
            "valid_from": iso(TODAY), "valid_until": iso(TODAY + dt.timedelta(days=90)),
            "note": "Plt."}


# --- one after the other (any database) ------------------------------------------------


@pytest.mark.django_db
def test_the_new_employee_form_posted_twice_creates_one_employee_and_redirects_both_to_it(
        hr_officer_a, sub_unit_a):
    client, nip = client_as(hr_officer_a), make_nip()
    first = client.post(reverse("organisation:employee_create"), employee_form(sub_unit_a, nip))
    second = client.post(reverse("organisation:employee_create"), employee_form(sub_unit_a, nip))

    employee = Employee.objects.get(nip=nip)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == reverse(
        "organisation:employee_detail", args=[employee.pk])
    assert employee.history.count() == 1
    assert AuditEvent.objects.filter(action="employee.create").count() == 1


@pytest.mark.django_db
def test_a_nip_another_officer_entered_is_a_form_error_not_a_500(hr_officer_a, sub_unit_a):
    other = login_for(EmployeeFactory(unit=sub_unit_a.parent, name="Pengelola SDM Lain"))
    grant(other, Role.HR_OFFICER, sub_unit_a.parent)
    nip = make_nip()
    client_as(other).post(reverse("organisation:employee_create"), employee_form(sub_unit_a, nip))

    response = client_as(hr_officer_a).post(reverse("organisation:employee_create"),
                                            employee_form(sub_unit_a, nip))
    assert response.status_code == 200
    assert NIP_TAKEN in response.context["form"].errors["nip"][0]
    assert Employee.objects.filter(nip=nip).count() == 1


@pytest.mark.django_db
def test_the_same_nip_with_other_data_is_refused_even_from_the_same_officer(
        hr_officer_a, sub_unit_a):
    client, nip = client_as(hr_officer_a), make_nip()
    client.post(reverse("organisation:employee_create"), employee_form(sub_unit_a, nip))
    response = client.post(reverse("organisation:employee_create"),
                           employee_form(sub_unit_a, nip, name="Rina Wulan"))
    assert response.status_code == 200
    assert NIP_TAKEN in response.context["form"].errors["nip"][0]
    assert Employee.objects.get(nip=nip).name == "Rina Wulandari"


@pytest.mark.django_db
def test_the_same_nip_entered_again_after_the_window_is_refused(hr_officer_a, sub_unit_a):
    client, nip = client_as(hr_officer_a), make_nip()
    client.post(reverse("organisation:employee_create"), employee_form(sub_unit_a, nip))
    # From the clock as it is now: it has ticked on from the pinned instant.
    later = timezone.now() + services.DOUBLE_SUBMIT_WINDOW + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=True):
        response = client.post(reverse("organisation:employee_create"),
                               employee_form(sub_unit_a, nip))
    assert response.status_code == 200
    assert NIP_TAKEN in response.context["form"].errors["nip"][0]


@pytest.mark.django_db
def test_the_service_refuses_a_nip_of_another_regency(hr_officer_a, sub_unit_a, other_regency):
    existing = EmployeeFactory(unit__regency=other_regency)
    with pytest.raises(DomainError) as error:
        services.employee_create(actor=hr_officer_a, regency=sub_unit_a.regency,
                                 nip=existing.nip, name=existing.name, kind=existing.kind,
                                 unit=sub_unit_a)
    assert error.value.code == "nip_taken"


@pytest.mark.django_db
def test_the_new_unit_form_posted_twice_creates_one_unit(hr_admin, unit_a):
    client = client_as(hr_admin)
    data = {"name": "UPTD SD Negeri 1", "parent": unit_a.pk}
    first = client.post(reverse("organisation:unit_list"), data)
    second = client.post(reverse("organisation:unit_list"), data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert OrgUnit.objects.filter(name="UPTD SD Negeri 1").count() == 1
    assert AuditEvent.objects.filter(action="unit.create").count() == 1


@pytest.mark.django_db
def test_a_unit_name_another_admin_created_is_still_refused(hr_admin, regency, unit_a):
    other = login_for(regency=regency, username="admin.kedua")
    grant(other, Role.HR_ADMIN)
    services.unit_create(actor=other, regency=regency, name="Bidang Mutasi", parent=unit_a)
    with pytest.raises(DomainError) as error:
        services.unit_create(actor=hr_admin, regency=regency, name="Bidang Mutasi",
                             parent=unit_a)
    assert error.value.code == "unit_exists"
    with pytest.raises(DomainError) as error:  # the same admin, another spelling
        services.unit_create(actor=other, regency=regency, name="bidang mutasi", parent=unit_a)
    assert error.value.code == "unit_exists"


@pytest.mark.django_db
def test_the_role_form_posted_twice_grants_one_role_and_opens_one_account(
        hr_admin, unit_a):
    acting = EmployeeFactory(unit=unit_a)
    client = client_as(hr_admin)
    first = client.post(reverse("organisation:role_list"), role_form(acting, unit_a))
    second = client.post(reverse("organisation:role_list"), role_form(acting, unit_a))
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert RoleAssignment.objects.filter(user__employee=acting).count() == 1
    assert User.objects.filter(employee=acting).count() == 1
    assert AuditEvent.objects.filter(action="role.assign").count() == 1


@pytest.mark.django_db
def test_a_role_revoked_can_be_granted_again(hr_admin, regency, unit_a):
    user = login_for(EmployeeFactory(unit=unit_a))
    first = services.role_assign(actor=hr_admin, regency=regency, user=user,
                                 role=Role.HR_OFFICER, unit=unit_a)
    assert services.role_assign(actor=hr_admin, regency=regency, user=user,
                                role=Role.HR_OFFICER, unit=unit_a).pk == first.pk
    services.role_revoke(actor=hr_admin, assignment=first)
    again = services.role_assign(actor=hr_admin, regency=regency, user=user,
                                 role=Role.HR_OFFICER, unit=unit_a)
    assert again.pk != first.pk
    other_dates = services.role_assign(actor=hr_admin, regency=regency, user=user,
                                       role=Role.HR_OFFICER, unit=unit_a,
                                       valid_until=TODAY + dt.timedelta(days=30))
    assert other_dates.pk not in (first.pk, again.pk)


# --- at once (PostgreSQL) --------------------------------------------------------------




def post_twice_at_once(user, url: str, data: dict) -> list:
    """Two browsers' worth of the same POST, sent at the same instant."""
    clients = [client_as(user), client_as(user)]
    return run_together(*(lambda c=c: c.post(url, data) for c in clients))


def assert_both_redirected_alike(outcomes) -> None:
    assert all(getattr(o, "status_code", None) == 302 for o in outcomes), outcomes
    assert outcomes[0]["Location"] == outcomes[1]["Location"]


@pytest.fixture
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL row locks and concurrent connections; this run uses "
                    f"{connection.vendor} (set DATABASE_URL=postgres://…)")


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("round_", range(3))
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_new_employee_form_posted_twice_at_once_creates_one_employee(
        hr_officer_a, sub_unit_a, round_):
    nip = make_nip()
    outcomes = post_twice_at_once(hr_officer_a, reverse("organisation:employee_create"),
                                  employee_form(sub_unit_a, nip))
    assert_both_redirected_alike(outcomes)
    employee = Employee.objects.get(nip=nip)
    assert outcomes[0]["Location"] == reverse("organisation:employee_detail",
                                              args=[employee.pk])
    assert employee.history.count() == 1
    assert AuditEvent.objects.filter(action="employee.create").count() == 1


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_entering_one_nip_at_once_get_one_employee_and_a_form_error(
        hr_officer_a, sub_unit_a):
    other = login_for(EmployeeFactory(unit=sub_unit_a.parent, name="Pengelola SDM Lain"))
    grant(other, Role.HR_OFFICER, sub_unit_a.parent)
    nip, url = make_nip(), reverse("organisation:employee_create")
    clients = [client_as(hr_officer_a), client_as(other)]
    outcomes = run_together(*(lambda c=c: c.post(url, employee_form(sub_unit_a, nip))
                              for c in clients))
    assert sorted(getattr(o, "status_code", o) for o in outcomes) == [200, 302], outcomes
    refused = next(o for o in outcomes if o.status_code == 200)
    assert NIP_TAKEN in refused.context["form"].errors["nip"][0]
    assert Employee.objects.filter(nip=nip).count() == 1


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("round_", range(4))
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_new_unit_form_posted_twice_at_once_creates_one_unit(hr_admin, unit_a, round_):
    name = f"UPTD SD Negeri {round_ + 1}"
    outcomes = post_twice_at_once(hr_admin, reverse("organisation:unit_list"),
                                  {"name": name, "parent": "" if round_ % 2 else unit_a.pk})
    assert_both_redirected_alike(outcomes)
    assert OrgUnit.objects.filter(name=name).count() == 1
    assert AuditEvent.objects.filter(action="unit.create").count() == 1


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("round_", range(3))
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_role_form_posted_twice_at_once_grants_one_role(hr_admin, unit_a, round_):
    acting = EmployeeFactory(unit=unit_a)  # no account yet: both requests would open one
    outcomes = post_twice_at_once(hr_admin, reverse("organisation:role_list"),
                                  role_form(acting, unit_a))
    assert_both_redirected_alike(outcomes)
    assert User.objects.filter(employee=acting).count() == 1
    assert RoleAssignment.objects.filter(user__employee=acting).count() == 1
    assert AuditEvent.objects.filter(action="role.assign").count() == 1
