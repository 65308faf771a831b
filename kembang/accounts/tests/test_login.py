import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from kembang.accounts.services import (
    account_activate,
    account_for_employee,
    activation_code_issue,
    lockout_lift,
)
from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.organisation.tests.factories import EmployeeFactory, login_for
from kembang.policy.nip import format_nip

PASSWORD = "rahasia-uji-123"
LOGIN = "/akun/masuk/"


def post_login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password},
                       REMOTE_ADDR="10.0.0.1")


@pytest.mark.django_db
def test_employee_logs_in_with_nip_printed_with_spaces(client, unit_a):
    employee = EmployeeFactory(unit=unit_a)
    login_for(employee)
    response = post_login(client, format_nip(employee.nip))
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_administrator_logs_in_with_username(client, hr_admin):
    assert post_login(client, "admin.bkpsdm").status_code == 302


@pytest.mark.django_db
def test_wrong_password_shows_indonesian_message(client, hr_admin):
    response = post_login(client, "admin.bkpsdm", "salah")
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_until_an_administrator_lifts_it(
    client, hr_admin, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "admin.bkpsdm", "salah")
    locked = post_login(client, "admin.bkpsdm")  # even the right password is refused
    assert locked.status_code == 429
    assert "terkunci" in locked.content.decode()

    assert lockout_lift(actor=None, user=hr_admin) >= 1
    assert not AccessAttempt.objects.filter(username="admin.bkpsdm").exists()
    assert post_login(client, "admin.bkpsdm").status_code == 302
    assert AuditEvent.objects.filter(action="account.unlock").exists()


@pytest.mark.django_db
def test_lockout_counts_per_account_and_address(client, hr_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "admin.bkpsdm", "salah")
    other_address = client.post(LOGIN, {"username": "admin.bkpsdm", "password": PASSWORD},
                                REMOTE_ADDR="10.0.0.2")
    assert other_address.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", ["garbage", "10.9.9.9, not-an-address", "  ,  "])
def test_a_proxy_header_that_is_not_an_address_falls_back_to_the_peer(
    client, hr_admin, settings, forwarded
):
    """A bad X-Forwarded-For never breaks login; failures count against the direct peer."""
    settings.KEMBANG_TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed = client.post(LOGIN, {"username": "admin.bkpsdm", "password": "salah"},
                             REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR=forwarded)
        assert failed.status_code == 200
    client.post(LOGIN, {"username": "admin.bkpsdm", "password": "salah"},
                REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR=forwarded)
    attempt = AccessAttempt.objects.get(username="admin.bkpsdm")
    assert attempt.ip_address == "10.0.0.7"
    locked = client.post(LOGIN, {"username": "admin.bkpsdm", "password": PASSWORD},
                         REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR=forwarded)
    assert locked.status_code == 429


@pytest.mark.django_db
def test_a_trusted_proxy_header_counts_the_client_address(client, hr_admin, settings):
    settings.KEMBANG_TRUSTED_PROXIES = 1
    client.post(LOGIN, {"username": "admin.bkpsdm", "password": "salah"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert AccessAttempt.objects.get(username="admin.bkpsdm").ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_activation_code_sets_the_password_once(client, unit_a):
    employee = EmployeeFactory(unit=unit_a)
    user = account_for_employee(actor=None, employee=employee)
    code = activation_code_issue(actor=None, user=user)

    # Not usable as a password, and no password works before activation.
    assert post_login(client, employee.nip, code).status_code == 200

    response = client.post(reverse("accounts:activate"), {
        "username": format_nip(employee.nip), "code": code.lower(),
        "password1": "Sandi-Baru-2026", "password2": "Sandi-Baru-2026"})
    assert response.status_code == 302
    client.logout()
    assert post_login(client, employee.nip, "Sandi-Baru-2026").status_code == 302

    with pytest.raises(DomainError):
        account_activate(username=employee.nip, code=code, password="Lain-Lagi-2026")


@pytest.mark.django_db
def test_wrong_activation_code_is_refused_with_a_clear_message(client, unit_a):
    employee = EmployeeFactory(unit=unit_a)
    activation_code_issue(actor=None, user=account_for_employee(actor=None, employee=employee))
    response = client.post(reverse("accounts:activate"), {
        "username": employee.nip, "code": "AAAA-BBBB",
        "password1": "Sandi-Baru-2026", "password2": "Sandi-Baru-2026"})
    assert response.status_code == 200
    assert "kode aktivasi salah" in response.content.decode()


@pytest.mark.django_db
def test_reset_by_administrator_invalidates_the_old_password(client, unit_a):
    employee = EmployeeFactory(unit=unit_a)
    user = login_for(employee)
    activation_code_issue(actor=None, user=user)
    assert post_login(client, employee.nip).status_code == 200


@pytest.mark.django_db
def test_password_reset_by_email_exists_only_when_email_is_configured(client, settings):
    settings.EMAIL_CONFIGURED = False
    assert client.get(reverse("accounts:password_reset")).status_code == 404
    settings.EMAIL_CONFIGURED = True
    assert client.get(reverse("accounts:password_reset")).status_code == 200


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/pegawai/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_five_wrong_activation_codes_void_the_code(unit_a):
    employee = EmployeeFactory(unit=unit_a)
    user = account_for_employee(actor=None, employee=employee)
    code = activation_code_issue(actor=None, user=user)
    for _ in range(5):
        with pytest.raises(DomainError):
            account_activate(username=employee.nip, code="ZZZZ-ZZZZ", password="Sandi-Baru-2026")
    with pytest.raises(DomainError):  # even the right code no longer works
        account_activate(username=employee.nip, code=code, password="Sandi-Baru-2026")
    fresh = activation_code_issue(actor=None, user=user)
    assert account_activate(username=employee.nip, code=fresh, password="Sandi-Baru-2026")
