"""`kembang pemda`: a real regency and its first BKPSDM admin from the shell."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from kembang.accounts.services import account_activate
from kembang.audit.models import AuditEvent
from kembang.organisation.models import Employee, PositionKindPattern, Regency, Role, RoleAssignment
from kembang.organisation.services import role_revoke
from kembang.organisation.tests.factories import EmployeeFactory, RegencyFactory, login_for

pytestmark = pytest.mark.django_db

CODE = re.compile(r"Kode aktivasi .*: ([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)
NGANJUK = ("--nama", "Kabupaten Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk",
           "--zona", "Asia/Jakarta", "--admin", "admin.nganjuk")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("pemda", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def written():
    """Row counts of what the command may write."""
    return (Regency.objects.count(), get_user_model().objects.count(),
            RoleAssignment.objects.count(), AuditEvent.objects.count())


def test_a_new_regency_gets_its_first_admin_and_a_code_printed_once():
    status, out, err = run(*NGANJUK)
    assert status == 0 and err == ""
    regency = Regency.objects.get(slug="nganjuk")
    assert (regency.name, regency.kind, regency.profile_id, regency.timezone) == (
        "Nganjuk", Regency.Kind.KABUPATEN, "nganjuk", "Asia/Jakarta")
    assert PositionKindPattern.objects.filter(regency=regency).exists()  # regency_create ran
    admin = get_user_model().objects.get(username="admin.nganjuk")
    assert admin.regency == regency and admin.employee is None
    assert not admin.has_usable_password() and admin.must_set_password
    assert RoleAssignment.objects.get(user=admin).role == Role.HR_ADMIN
    codes = CODE.findall(out)
    assert len(codes) == 1
    assert "Kabupaten Nganjuk dibuat" in out and "/akun/aktivasi/" in out
    assert codes[0] not in admin.activation_code_hash  # only its keyed hash is stored
    actions = set(AuditEvent.objects.filter(regency=regency).values_list("action", flat=True))
    assert {"regency.create", "account.create", "role.assign", "account.activation_code",
            "regency.admin_grant"} <= actions
    grant = AuditEvent.objects.get(action="regency.admin_grant")
    assert grant.actor is None and grant.reason

    # The admin activates with username + code at the activation page's service.
    account_activate(username="admin.nganjuk", code=codes[0], password="sandi-baru-uji-789")
    admin.refresh_from_db()
    assert admin.check_password("sandi-baru-uji-789")


def test_the_admin_activates_through_the_activation_page(client):
    _, out, _ = run(*NGANJUK)
    code = CODE.findall(out)[0]
    response = client.post("/akun/aktivasi/", {
        "username": "admin.nganjuk", "code": code,
        "password1": "sandi-baru-uji-789", "password2": "sandi-baru-uji-789"})
    assert response.status_code == 302
    assert get_user_model().objects.get(username="admin.nganjuk").check_password(
        "sandi-baru-uji-789")


def test_running_again_while_an_admin_is_in_force_changes_nothing():
    run(*NGANJUK)
    before = written()
    status, out, err = run(*NGANJUK)
    assert status == 0 and err == ""
    assert "admin.nganjuk" in out and "Tidak ada yang diubah" in out
    assert not CODE.findall(out)
    assert written() == before


def test_an_admin_who_has_not_activated_yet_still_counts_as_in_force():
    run(*NGANJUK)
    before = written()
    status, out, _ = run("--kode", "nganjuk", "--admin", "admin.lain")
    assert status == 0 and "Tidak ada yang diubah" in out
    assert written() == before
    assert not get_user_model().objects.filter(username="admin.lain").exists()


def test_a_regency_whose_admins_are_all_revoked_gets_a_new_one_in_the_audit_trail():
    run(*NGANJUK)
    regency = Regency.objects.get(slug="nganjuk")
    RoleAssignment.objects.filter(regency=regency).update(revoked_at=timezone.now())
    status, out, err = run("--kode", "nganjuk", "--admin", "admin.baru")
    assert status == 0 and err == ""
    assert len(CODE.findall(out)) == 1 and "jejak audit" in out
    new = get_user_model().objects.get(username="admin.baru")
    assert RoleAssignment.objects.filter(regency=regency, user=new).in_force(
        timezone.localdate()).exists()
    grant = AuditEvent.objects.filter(action="regency.admin_grant").latest("id")
    assert grant.actor is None and grant.object_id == str(new.pk)
    assert "Tidak ada lagi admin BKPSDM" in grant.reason
    assert Regency.objects.count() == 1


def test_a_deactivated_former_admin_is_reactivated_with_a_new_code():
    run(*NGANJUK)
    old = get_user_model().objects.get(username="admin.nganjuk")
    old.is_active = False
    old.save(update_fields=["is_active"])
    status, out, _ = run(*NGANJUK)  # the README's line, run again on the worst day
    assert status == 0 and len(CODE.findall(out)) == 1
    old.refresh_from_db()
    assert old.is_active and old.must_set_password
    assert AuditEvent.objects.filter(action="account.reactivate", object_id=str(old.pk),
                                     actor=None).exclude(reason="").exists()
    assert AuditEvent.objects.filter(action="regency.admin_grant").count() == 2


def test_an_admin_revoked_through_the_service_leaves_another_in_force_untouched():
    run(*NGANJUK)
    regency = Regency.objects.get(slug="nganjuk")
    other = login_for(regency=regency, username="admin.kedua")
    second = RoleAssignment.objects.create(regency=regency, user=other, role=Role.HR_ADMIN)
    first = RoleAssignment.objects.exclude(pk=second.pk).get(regency=regency)
    role_revoke(actor=other, assignment=first)
    before = written()
    status, out, _ = run(*NGANJUK)
    assert status == 0 and "admin.kedua" in out and not CODE.findall(out)
    assert written() == before


def test_existing_regency_with_other_options_says_it_is_not_edited():
    run(*NGANJUK)
    before = written()
    status, out, err = run("--kode", "nganjuk", "--profil", "langsa", "--zona", "WIT")
    assert status == 0 and "tidak diubah" in err
    assert Regency.objects.get(slug="nganjuk").profile_id == "nganjuk"
    assert written() == before


def test_kind_from_options_and_zone_aliases():
    status, _, _ = run("--nama", "Kota Langsa", "--kode", "langsa", "--profil", "langsa",
                       "--zona", "WITA", "--provinsi", "Aceh")
    assert status == 0
    regency = Regency.objects.get(slug="langsa")
    assert (regency.name, regency.kind, regency.timezone, regency.province) == (
        "Langsa", Regency.Kind.KOTA, "Asia/Makassar", "Aceh")
    assert get_user_model().objects.filter(username="admin.langsa").exists()  # the default


@pytest.mark.parametrize(("args", "message"), [
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "jakarta"), "Profil tidak dikenal"),
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk", "--zona", "Europe/Paris"),
     "Zona waktu tidak dikenal"),
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk", "--zona", "Asia/Jakartaa"),
     "Zona waktu tidak dikenal"),
    (("--nama", "Nganjuk", "--kode", "Nganjuk Kab", "--profil", "nganjuk"), "Kode Nganjuk Kab"),
    (("--nama", "Nganjuk", "--kode", "nganjuk-", "--profil", "nganjuk"), "tidak dapat dipakai"),
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk", "--admin",
      "196805011992021001"), "Nama pengguna admin"),
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk", "--admin", "Admin X"),
     "Nama pengguna admin"),
    (("--nama", "Nganjuk", "--kode", "nganjuk", "--profil", "nganjuk", "--jenis", "desa"),
     "Jenis tidak dikenal"),
    (("--nama", "   ", "--kode", "nganjuk", "--profil", "nganjuk"), "Nama pemerintah daerah"),
    (("--kode", "nganjuk"), "--nama, --profil"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(args, message):
    before = written()
    status, out, err = run(*args)
    assert status == 2 and out == ""
    assert message in err
    assert written() == before


def test_a_username_held_by_another_account_is_refused_and_nothing_is_written():
    other = RegencyFactory(name="Langsa", slug="langsa", profile_id="langsa")
    login_for(regency=other, username="admin.nganjuk")
    before = written()
    status, out, err = run(*NGANJUK)
    assert status == 2 and out == "" and "sudah dipakai" in err
    assert written() == before  # the regency created first was rolled back


def test_an_employee_login_is_never_made_an_admin_here():
    run(*NGANJUK)
    regency = Regency.objects.get(slug="nganjuk")
    employee = EmployeeFactory(regency=regency)
    login = login_for(employee)
    login.username = "pegawai.satu"
    login.save(update_fields=["username"])
    RoleAssignment.objects.filter(regency=regency).update(revoked_at=timezone.now())
    before = written()
    status, _, err = run("--kode", "nganjuk", "--admin", "pegawai.satu")
    assert status == 2 and "sudah dipakai" in err
    assert written() == before
    assert Employee.objects.filter(pk=employee.pk).exists()


def test_a_name_taken_by_a_regency_with_another_code_is_refused():
    RegencyFactory(name="Nganjuk", slug="nganjuk-lama")
    before = written()
    status, _, err = run(*NGANJUK)
    assert status == 2 and "Sudah ada pemerintah daerah bernama Nganjuk" in err
    assert written() == before
