"""Accounts: creation for employees, activation codes, password resets, lockouts."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
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


# The code is a 39-bit secret that lives 30 days and dies after five wrong tries, so it
# needs a keyed hash, not a password hash: PBKDF2 cost 0.73 s per code at issue (a unit of
# 2,000 employees took 24 minutes) and, because it ran only when a code was pending, made
# pending codes visible by timing. HMAC-SHA256 under a key derived from SECRET_KEY is
# microseconds, and without SECRET_KEY a copy of the database cannot be brute-forced.
ACTIVATION_CODE_PREFIX = "hmac-sha256$"
_ACTIVATION_CODE_PURPOSE = "kembang.accounts.activation_code"
# Never equal to a digest (not hex), same length as one: the comparison for an account
# without a pending code takes the same time as for one with a code.
_NO_CODE = ACTIVATION_CODE_PREFIX + "-" * 64


def activation_code_digest(*, user_id: int, code: str) -> str:
    """What is stored for `code`: HMAC-SHA256 of the user's id and the code as HR printed
    it, case, spaces and the dash ignored ("abcd 2345" = "ABCD-2345"). The id binds the
    digest to its row, so a digest copied to another account does not match there.

    The key is derived from settings.SECRET_KEY with a purpose string (`salted_hmac`);
    rotating SECRET_KEY voids every pending code, as it should."""
    cleaned = "".join(code.upper().split()).replace("-", "")
    digest = salted_hmac(_ACTIVATION_CODE_PURPOSE, f"{user_id}:{cleaned}",
                         algorithm="sha256").hexdigest()
    return ACTIVATION_CODE_PREFIX + digest


@transaction.atomic
def activation_code_issue(*, actor, user) -> str:
    """A new one-time code for `user`; the previous one stops working. The plain code is
    returned once, to be printed or exported by HR; only its keyed hash is kept
    (`activation_code_digest`). The password is made unusable until the employee sets a
    new one with the code; when the account had a usable password this is an
    administrator's reset and the audit event says so (`password_cleared`).

    Two queries and no password hasher per code, so a batch of 10,000 takes seconds."""
    code = new_activation_code()
    password_cleared = user.has_usable_password()
    user.activation_code_hash = activation_code_digest(user_id=user.pk, code=code)
    user.activation_code_created_at = timezone.now()
    user.activation_failures = 0
    user.activation_code_issued_by = actor
    user.must_set_password = True
    user.set_unusable_password()
    user.save()
    audit_record(actor=actor, regency=user.regency, action="account.activation_code",
                 obj=user, changes={"password_cleared": password_cleared})
    return code


def _code_matches(user, code: str) -> bool:
    """Whether `code` is the pending, unexpired code of `user` (None for an unknown NIP).

    The same work happens on every path: one HMAC and one constant-time comparison of two
    strings of equal length, whether the NIP is unknown, has no code, an expired or voided
    code, or a pending one. The cheap facts (pending, age) only choose what the digest is
    compared with."""
    stored = user.activation_code_hash if user is not None else ""
    pending = (stored.startswith(ACTIVATION_CODE_PREFIX)
               and user.activation_code_created_at is not None
               and (timezone.now() - user.activation_code_created_at).days
               <= ACTIVATION_CODE_DAYS)
    digest = activation_code_digest(user_id=user.pk if user is not None else 0, code=code)
    same = constant_time_compare(digest, stored if pending else _NO_CODE)
    return same and pending


MAX_ACTIVATION_FAILURES = 5


def account_activate(*, username: str, code: str, password: str) -> "User":
    """First login: the activation code sets the password, once
    (docs/accounts.md#activation-codes). After five wrong codes for an account the code
    stops working and HR issues a new one, so a code cannot be guessed (5 tries against
    31^8 codes).

    Nothing tells apart a NIP with a pending code from any other: the answer is the same
    error, and the work is the same (`_code_matches`). Someone who knows only a NIP can
    still spend its five tries and void a pending code without learning that there was
    one; the cost is a new code from HR, and that is accepted over letting codes be
    guessed. Wrong tries on an account without a pending code are counted too, so the
    writes do not differ either."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username,
                                                       is_active=True).first()
        if _code_matches(user, code):
            return _activate(user, password)
        if user is not None:
            user.activation_failures += 1
            if user.activation_failures >= MAX_ACTIVATION_FAILURES:
                user.activation_code_hash = ""
            user.save(update_fields=["activation_failures", "activation_code_hash"])
    # Raised outside the transaction so that the failure count is kept.
    raise DomainError(
        _("NIP atau kode aktivasi salah, atau kode sudah kedaluwarsa. Minta kode baru "
          "kepada pengelola SDM."),
        code="activation_invalid",
    )


def _activate(user, password: str) -> "User":
    user.activation_failures = 0
    user.set_password(password)
    user.activation_code_hash = ""
    user.activation_code_created_at = None
    user.activated_by_code_of_id = user.activation_code_issued_by_id
    user.activation_code_issued_by = None
    user.activated_at = timezone.now()
    user.must_set_password = False
    user.save()
    audit_record(actor=user, regency=user.regency, action="account.activate", obj=user,
                 changes={"password_set": True})
    return user


@transaction.atomic
def password_change(*, actor, user, password: str, reset_by_email: bool = False) -> "User":
    """Set `user`'s password and record it: `account.password_change` when the user
    changes their own (old password checked by the form), `account.password_reset` when
    set through the emailed reset link. The password itself is never in the record.
    Validation (length, similarity, common passwords) is the form's job."""
    user.set_password(password)
    user.save(update_fields=["password"])
    action = "account.password_reset" if reset_by_email else "account.password_change"
    audit_record(actor=actor, regency=user.regency, action=action, obj=user)
    return user


@transaction.atomic
def lockout_lift(*, actor, user) -> int:
    """Lift django-axes lockouts of this account from every address."""
    count = axes_reset(username=user.username)
    audit_record(actor=actor, regency=user.regency, action="account.unlock", obj=user,
                 changes={"attempts_cleared": count})
    return count


def account_language_set(*, user, language: str) -> "User":
    """Remember the language `user` chose with the switch (`User.language`): their pages on
    every client, and the mail and notices they are sent, follow it. A preference, not a
    record: not audited. Raises DomainError (`language_invalid`) for a language Kembang
    does not offer (settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Bahasa tidak dikenal."), code="language_invalid")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
