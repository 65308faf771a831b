"""Accounts: creation for employees, activation codes, password resets, lockouts."""

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common.errors import DomainError
from kembang.organisation.services import new_activation_code

User = get_user_model()

ACTIVATION_CODE_DAYS = 30


@transaction.atomic
def account_for_employee(*, actor, employee) -> "User":
    """The employee's login (username = NIP), created without a usable password."""
    user = User.objects.filter(employee=employee).first()
    if user:
        return user
    user = User(
        username=employee.nip, regency_id=employee.regency_id, employee=employee,
        email=employee.email, first_name=employee.name[:150], must_set_password=True,
    )
    user.set_unusable_password()
    user.save()
    audit_record(actor=actor, regency=employee.regency, action="account.create", obj=user)
    return user


@transaction.atomic
def activation_code_issue(*, actor, user) -> str:
    """A new one-time code for `user`; the previous one stops working. The plain code is
    returned once, to be printed or exported by HR; only its hash is kept. The password is
    made unusable until the employee sets a new one with the code."""
    code = new_activation_code()
    user.activation_code_hash = make_password(code.replace("-", ""))
    user.activation_code_created_at = timezone.now()
    user.activation_failures = 0
    user.must_set_password = True
    user.set_unusable_password()
    user.save()
    audit_record(actor=actor, regency=user.regency, action="account.activation_code",
                 obj=user)
    return code


def _code_is_valid(user, code: str) -> bool:
    if not user.activation_code_hash or not user.activation_code_created_at:
        return False
    age = timezone.now() - user.activation_code_created_at
    if age.days > ACTIVATION_CODE_DAYS:
        return False
    cleaned = "".join(code.upper().split()).replace("-", "")
    return check_password(cleaned, user.activation_code_hash)


MAX_ACTIVATION_FAILURES = 5


def account_activate(*, username: str, code: str, password: str) -> "User":
    """First login: the activation code sets the password, once (SPEC §10.13). After five
    wrong codes for an account the code stops working and HR issues a new one, so a code
    cannot be guessed."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username,
                                                       is_active=True).first()
        valid = user is not None and _code_is_valid(user, code)
        if user is not None and not valid:
            user.activation_failures += 1
            if user.activation_failures >= MAX_ACTIVATION_FAILURES:
                user.activation_code_hash = ""
            user.save(update_fields=["activation_failures", "activation_code_hash"])
    if not valid:
        raise DomainError(
            _("NIP atau kode aktivasi salah, atau kode sudah kedaluwarsa. Minta kode baru "
              "kepada pengelola SDM."),
            code="activation_invalid",
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not _code_is_valid(user, code):  # used meanwhile by a second request
            raise DomainError(_("Kode aktivasi sudah dipakai."), code="activation_invalid")
        return _activate(user, password)


def _activate(user, password: str) -> "User":
    user.activation_failures = 0
    user.set_password(password)
    user.activation_code_hash = ""
    user.activation_code_created_at = None
    user.must_set_password = False
    user.save()
    audit_record(actor=user, regency=user.regency, action="account.activate", obj=user)
    return user


@transaction.atomic
def lockout_lift(*, actor, user) -> int:
    """Lift django-axes lockouts of this account from every address."""
    count = axes_reset(username=user.username)
    audit_record(actor=actor, regency=user.regency, action="account.unlock", obj=user,
                 changes={"attempts_cleared": count})
    return count
