"""Activation codes: a keyed hash, equal work for every NIP, and the password audit trail."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kembang.accounts import services
from kembang.accounts.services import (
    ACTIVATION_CODE_PREFIX,
    MAX_ACTIVATION_FAILURES,
    account_activate,
    account_for_employee,
    activation_code_digest,
    activation_code_issue,
)
from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.organisation.tests.factories import EmployeeFactory, login_for

User = get_user_model()
NEW_PASSWORD = "Sandi-Baru-2026"


@pytest.fixture
def hmac_calls(monkeypatch):
    """Counts the keyed hashes the activation service computes."""
    calls = []
    real = services.salted_hmac

    def spy(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "salted_hmac", spy)
    return calls


@pytest.fixture
def no_password_hasher(monkeypatch):
    """Fails the test if any password hasher runs (make_password, check_password,
    set_password all go through these two)."""
    from django.contrib.auth import hashers

    def refuse(*args, **kwargs):
        raise AssertionError("a password hasher was called")

    monkeypatch.setattr(hashers, "get_hasher", refuse)
    monkeypatch.setattr(hashers, "identify_hasher", refuse)


def _employee_account(unit):
    return account_for_employee(actor=None, employee=EmployeeFactory(unit=unit))


def _refused(username, code="ZZZZ-ZZZZ"):
    with pytest.raises(DomainError) as caught:
        account_activate(username=username, code=code, password=NEW_PASSWORD)
    return caught.value


@pytest.mark.django_db
def test_every_nip_costs_one_keyed_hash_whether_or_not_a_code_is_pending(
    unit_a, hmac_calls, no_password_hasher
):
    pending = _employee_account(unit_a)
    activation_code_issue(actor=None, user=pending)
    expired = _employee_account(unit_a)
    activation_code_issue(actor=None, user=expired)
    User.objects.filter(pk=expired.pk).update(
        activation_code_created_at=timezone.now() - timedelta(days=31))
    without_code = _employee_account(unit_a)
    hmac_calls.clear()

    errors = {}
    for label, username in [("pending", pending.username), ("expired", expired.username),
                            ("without_code", without_code.username),
                            ("unknown", "199001012020121001")]:
        before = len(hmac_calls)
        errors[label] = _refused(username)
        assert len(hmac_calls) - before == 1, label

    # One answer for all: nothing to tell a pending code from none.
    assert len({(e.code, str(e.message)) for e in errors.values()}) == 1


@pytest.mark.django_db
def test_the_stored_code_is_a_keyed_hash_bound_to_the_account(unit_a):
    user = _employee_account(unit_a)
    code = activation_code_issue(actor=None, user=user)
    user.refresh_from_db()
    assert user.activation_code_hash.startswith(ACTIVATION_CODE_PREFIX)
    assert code.replace("-", "") not in user.activation_code_hash
    assert user.activation_code_hash == activation_code_digest(user_id=user.pk,
                                                               code=code.lower())
    assert user.activation_code_hash != activation_code_digest(user_id=user.pk + 1,
                                                               code=code)


@pytest.mark.django_db
def test_a_digest_copied_to_another_account_does_not_open_it(unit_a):
    victim, attacker = _employee_account(unit_a), _employee_account(unit_a)
    activation_code_issue(actor=None, user=victim)
    code = activation_code_issue(actor=None, user=attacker)
    attacker.refresh_from_db()
    User.objects.filter(pk=victim.pk).update(activation_code_hash=attacker.activation_code_hash)
    _refused(victim.username, code)


@pytest.mark.django_db
def test_changing_the_secret_key_voids_pending_codes(unit_a, settings):
    user = _employee_account(unit_a)
    code = activation_code_issue(actor=None, user=user)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    _refused(user.username, code)


@pytest.mark.django_db
def test_issuing_200_codes_runs_no_password_hasher_and_two_queries_each(
    regency, no_password_hasher, django_assert_max_num_queries
):
    users = User.objects.bulk_create(
        User(username=f"pegawai{i:03}", regency=regency, password="!") for i in range(200))
    # One UPDATE and one audit INSERT per code, plus the savepoint pair of the atomic block.
    with django_assert_max_num_queries(200 * 4):
        codes = [activation_code_issue(actor=None, user=user) for user in users]
    assert len(set(codes)) == 200
    assert AuditEvent.objects.filter(action="account.activation_code").count() == 200


@pytest.mark.django_db
def test_a_wrong_code_then_the_right_one_activates_and_the_fifth_wrong_voids(unit_a):
    user = _employee_account(unit_a)
    code = activation_code_issue(actor=None, user=user)
    for _ in range(MAX_ACTIVATION_FAILURES - 1):
        _refused(user.username)
    assert account_activate(username=user.username, code=f" {code.lower()} ",
                            password=NEW_PASSWORD).check_password(NEW_PASSWORD)

    code = activation_code_issue(actor=None, user=user)
    for _ in range(MAX_ACTIVATION_FAILURES):
        _refused(user.username)
    _refused(user.username, code)
    user.refresh_from_db()
    assert user.activation_code_hash == ""


@pytest.mark.django_db
def test_migration_voids_codes_hashed_the_old_way_with_an_audit_note(unit_a):
    old_style = _employee_account(unit_a)
    User.objects.filter(pk=old_style.pk).update(
        activation_code_hash=make_password("ABCD2345"), activation_failures=2,
        activation_code_created_at=timezone.now())
    new_style = _employee_account(unit_a)
    code = activation_code_issue(actor=None, user=new_style)
    migration = importlib.import_module(
        "kembang.accounts.migrations.0004_void_old_activation_codes")

    migration.void_old_codes(apps, None)

    old_style.refresh_from_db()
    assert old_style.activation_code_hash == ""
    assert old_style.activation_failures == 0
    _refused(old_style.username, "ABCD-2345")
    event = AuditEvent.objects.get(action="account.activation_code_void")
    assert event.object_id == str(old_style.pk)
    assert event.regency_id == old_style.regency_id
    assert "Terbitkan kode baru" in event.reason
    assert account_activate(username=new_style.username, code=code, password=NEW_PASSWORD)


# --- every password change leaves an audit record ---------------------------------------


@pytest.mark.django_db
def test_activation_records_that_the_password_was_set(unit_a):
    user = _employee_account(unit_a)
    code = activation_code_issue(actor=None, user=user)
    account_activate(username=user.username, code=code, password=NEW_PASSWORD)
    event = AuditEvent.objects.get(action="account.activate")
    assert event.actor_id == user.pk
    assert event.changes == {"password_set": True}


@pytest.mark.django_db
def test_own_password_change_is_recorded_and_keeps_the_session(client_for, unit_a):
    employee = EmployeeFactory(unit=unit_a)
    user = login_for(employee)
    client = client_for(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "rahasia-uji-123", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="account.password_change")
    assert (event.actor_id, event.object_id, event.regency_id) == (
        user.pk, str(user.pk), user.regency_id)
    assert NEW_PASSWORD not in str(event.changes)
    assert client.get("/").status_code == 200  # still logged in


@pytest.mark.django_db
def test_wrong_old_password_changes_nothing_and_records_nothing(client_for, unit_a):
    user = login_for(EmployeeFactory(unit=unit_a))
    response = client_for(user).post(reverse("accounts:password_change"), {
        "old_password": "salah", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="account.password_change").exists()


@pytest.mark.django_db
def test_reset_by_email_link_is_recorded(client, unit_a, settings):
    settings.EMAIL_CONFIGURED = True
    user = login_for(EmployeeFactory(unit=unit_a))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    url = reverse("accounts:password_reset_confirm", args=[uid, token])
    form_url = client.get(url)["Location"]  # Django swaps the token for a session key
    response = client.post(form_url, {"new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="account.password_reset")
    assert event.object_id == str(user.pk)


@pytest.mark.django_db
def test_administrator_reset_of_an_account_in_use_is_recorded_as_such(hr_admin, unit_a):
    in_use = login_for(EmployeeFactory(unit=unit_a))
    activation_code_issue(actor=hr_admin, user=in_use)
    first_time = _employee_account(unit_a)
    activation_code_issue(actor=hr_admin, user=first_time)
    events = {e.object_id: e for e in AuditEvent.objects.filter(
        action="account.activation_code")}
    assert events[str(in_use.pk)].changes == {"password_cleared": True}
    assert events[str(in_use.pk)].actor_id == hr_admin.pk
    assert events[str(first_time.pk)].changes == {"password_cleared": False}
