"""The registry pages render for the people who use them, and forms explain bad input."""

import pytest
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.organisation.models import Employee, OrgUnit, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, make_nip


@pytest.mark.django_db
def test_bkpsdm_admin_sees_every_registry_page(client_for, hr_admin, unit_a, employee_b):
    client = client_for(hr_admin)
    for name in ["home", "organisation:employee_list", "organisation:unit_list",
                 "organisation:role_list", "audit:event_list", "organisation:employee_create"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    detail = client.get(reverse("organisation:employee_detail", args=[employee_b.pk]))
    assert employee_b.name in detail.content.decode()


@pytest.mark.django_db
def test_employee_list_searches_by_nip_with_spaces(client_for, hr_admin, unit_a):
    wanted = EmployeeFactory(unit=unit_a, name="Siti Aminah")
    EmployeeFactory(unit=unit_a, name="Budi Santoso")
    spaced = f"{wanted.nip[:8]} {wanted.nip[8:14]} {wanted.nip[14]} {wanted.nip[15:]}"
    html = client_for(hr_admin).get(reverse("organisation:employee_list"), {"q": spaced}).content.decode()
    assert "Siti Aminah" in html
    assert "Budi Santoso" not in html


@pytest.mark.django_db
def test_employee_list_shows_an_empty_state(client_for, hr_admin):
    html = client_for(hr_admin).get(reverse("organisation:employee_list")).content.decode()
    assert "Belum ada pegawai yang cocok" in html


@pytest.mark.django_db
def test_hr_officer_adds_an_employee_and_it_is_audited(client_for, hr_officer_a, sub_unit_a):
    nip = make_nip("pns", sex=2)
    response = client_for(hr_officer_a).post(reverse("organisation:employee_create"), {
        "nip": f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}", "name": "Rina Wulandari",
        "title_suffix": "S.Kom.", "kind": "pns", "rank": "III.b", "unit": sub_unit_a.pk})
    assert response.status_code == 302
    employee = Employee.objects.get(nip=nip)
    assert (employee.rank, employee.sex, employee.full_name) == ("III/b", "2", "Rina Wulandari, S.Kom.")
    assert employee.history.get().unit == sub_unit_a
    assert AuditEvent.objects.filter(action="employee.create", object_id=str(employee.pk)).exists()


@pytest.mark.django_db
def test_bad_nip_in_the_form_says_which_part_is_wrong(client_for, hr_officer_a, unit_a):
    response = client_for(hr_officer_a).post(reverse("organisation:employee_create"), {
        "nip": "19851301 201001 1 001", "name": "X", "kind": "pns", "unit": unit_a.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tanggal lahir" in html
    assert not Employee.objects.filter(name="X").exists()


@pytest.mark.django_db
def test_hr_officer_cannot_put_an_employee_in_another_unit(client_for, hr_officer_a, unit_b):
    response = client_for(hr_officer_a).post(reverse("organisation:employee_create"), {
        "nip": make_nip(), "name": "Y", "kind": "pns", "unit": unit_b.pk})
    assert response.status_code == 200
    assert not Employee.objects.filter(name="Y").exists()


@pytest.mark.django_db
def test_bkpsdm_assigns_an_acting_head_by_nip(client_for, hr_admin, unit_a):
    acting = EmployeeFactory(unit=unit_a)
    response = client_for(hr_admin).post(reverse("organisation:role_list"), {
        "login": acting.nip_display, "role": "head_of_unit", "unit": unit_a.pk,
        "valid_from": "2026-01-01", "valid_until": "2026-06-30", "note": "Plt."})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__employee=acting)
    assert assignment.note == "Plt."


@pytest.mark.django_db
def test_bkpsdm_adds_a_sub_unit(client_for, hr_admin, unit_a):
    client_for(hr_admin).post(reverse("organisation:unit_list"),
                              {"name": "UPTD SD Negeri 1", "parent": unit_a.pk})
    unit = OrgUnit.objects.get(name="UPTD SD Negeri 1")
    assert unit.path == f"{unit_a.path}{unit.pk}/"


@pytest.mark.django_db
def test_activation_code_page_prints_a_code_once(client_for, hr_officer_a, sub_unit_a):
    employee = EmployeeFactory(unit=sub_unit_a)
    response = client_for(hr_officer_a).post(
        reverse("organisation:employee_activation_code", args=[employee.pk]))
    assert response.status_code == 200
    assert "Kode aktivasi" in response.content.decode()
    assert employee.user.must_set_password


@pytest.mark.django_db
def test_audit_page_filters_by_action(client_for, hr_admin, unit_a):
    EmployeeFactory(unit=unit_a)
    AuditEvent.objects.create(regency=unit_a.regency, action="employee.create", object_repr="A")
    AuditEvent.objects.create(regency=unit_a.regency, action="role.assign", object_repr="B")
    html = client_for(hr_admin).get(reverse("audit:event_list"),
                                    {"tindakan": "role.", "dari": "bukan-tanggal"}).content.decode()
    assert "role.assign" in html and ">A<" not in html


@pytest.mark.django_db
def test_bkpsdm_sees_and_lifts_a_locked_account(client, client_for, hr_admin, hr_officer_a,
                                                 settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": hr_officer_a.username, "password": "x"})
    admin = client_for(hr_admin)
    html = admin.get(reverse("organisation:role_list")).content.decode()
    assert "Akun terkunci" in html
    admin.post(reverse("organisation:user_unlock", args=[hr_officer_a.pk]))
    assert "Akun terkunci" not in admin.get(reverse("organisation:role_list")).content.decode()


@pytest.mark.django_db
def test_activation_codes_export_as_csv_once(client_for, hr_officer_a, sub_unit_a):
    employee = EmployeeFactory(unit=sub_unit_a, name="Belum Aktif")
    response = client_for(hr_officer_a).post(reverse("organisation:unit_activation_codes"),
                                             {"format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Belum Aktif" in body and employee.nip_display in body
    employee.refresh_from_db()
    assert employee.user.must_set_password


@pytest.mark.django_db
def test_hr_officer_never_edits_their_own_record(client_for, hr_officer_a):
    own = hr_officer_a.employee
    client = client_for(hr_officer_a)
    assert client.get(reverse("organisation:employee_edit", args=[own.pk])).status_code == 404
    response = client.post(reverse("organisation:employee_set_active", args=[own.pk]),
                           {"active": "0"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_account_in_use_is_reset_by_bkpsdm_only(client_for, hr_officer_a, hr_admin,
                                                   sub_unit_a):
    from kembang.organisation.tests.factories import login_for

    employee = EmployeeFactory(unit=sub_unit_a)
    login_for(employee)  # has set a password: in use
    url = reverse("organisation:employee_activation_code", args=[employee.pk])
    assert client_for(hr_officer_a).post(url).status_code == 404
    assert client_for(hr_admin).post(url).status_code == 200


@pytest.mark.django_db
def test_head_of_unit_appoints_only_for_units_they_head(client, unit_a, unit_b):
    from kembang.learning.models import Appointment
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant, login_for

    head = login_for(EmployeeFactory(unit=unit_a))
    grant(head, Role.HEAD_OF_UNIT, unit_a)
    grant(head, Role.HR_OFFICER, unit_b)  # HR of B, but not its head
    appointee = EmployeeFactory(unit=unit_b)
    client.force_login(head)
    client.post(reverse("learning:appointment_list"),
                {"unit": unit_b.pk, "nip": appointee.nip, "activity": "coaching",
                 "letter_number": "800/1/411.013/2026", "letter_date": "2020-01-02"})
    assert not Appointment.objects.exists()
    client.post(reverse("learning:appointment_list"),
                {"unit": unit_a.pk, "nip": appointee.nip, "activity": "coaching",
                 "letter_number": "800/2/411.013/2026", "letter_date": "2020-01-02"})
    assert Appointment.objects.get().unit == unit_a


@pytest.mark.django_db
def test_the_login_page_switches_to_english_before_login(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302
    assert "Sign in to Kembang" in client.get("/akun/masuk/").content.decode()


@pytest.mark.django_db
def test_a_printed_program_carries_both_signature_blocks(people_for, client):
    from kembang.learning.tests.test_workflow import start_coaching

    p = people_for("langsa")
    program = start_coaching(p)
    client.force_login(p.participant_user)
    html = client.get(reverse("learning:program_detail", args=[program.pk])).content.decode()
    assert "d-print-block" in html
    assert p.coach.nip_display in html and p.participant.nip_display in html
