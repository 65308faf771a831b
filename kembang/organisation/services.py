"""Use cases of the organisation registry. Each one audits what it changes."""

import hashlib
import io
import secrets
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.models import AuditEvent
from kembang.audit.services import audit_record, diff_fields
from kembang.common.errors import DomainError
from kembang.organisation.dates import regency_today
from kembang.organisation.models import (
    Employee,
    EmploymentHistory,
    OrgUnit,
    Position,
    PositionKindPattern,
    Regency,
    RegencyLogo,
    Role,
    RoleAssignment,
)
from kembang.policy import positions
from kembang.policy.text import normalize_text

# --- the same form sent twice ----------------------------------------------------------

# A double click or a replayed request arrives within seconds; ten minutes also covers a
# slow connection that retries. Past that, a second record with the same key is someone
# entering it again, and is refused as before.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)


def _lock_regency(regency: Regency) -> None:
    """Take the regency's row FOR NO KEY UPDATE, so that two requests creating the same
    thing in it are judged one after the other. NO KEY: rows that merely reference the
    regency (every insert in it) take KEY SHARE, which this lock does not block."""
    Regency.objects.select_for_update(no_key=True).filter(pk=regency.pk).first()


def _created_just_now_by(actor, obj: models.Model, action: str) -> bool:
    """Whether `actor` created `obj` (its `action` audit event) within
    DOUBLE_SUBMIT_WINDOW: the mark of one person's form arriving twice, rather than two
    people entering the same record. Never for a system actor (None)."""
    if getattr(actor, "pk", None) is None:
        return False
    return AuditEvent.objects.filter(
        regency_id=obj.regency_id, object_type=obj._meta.label_lower, object_id=str(obj.pk),
        action=action, actor_id=actor.pk,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW).exists()


# --- regency ---------------------------------------------------------------------------


@transaction.atomic
def regency_create(*, actor, name: str, slug: str, kind: str, province: str, profile_id: str,
                   timezone_name: str = Regency.TimeZone.WIB) -> Regency:
    """A new tenant, with its own editable copy of the position-kind mapping."""
    regency = Regency.objects.create(
        name=name, slug=slug, kind=kind, province=province, profile_id=profile_id,
        timezone=timezone_name,
    )
    PositionKindPattern.objects.bulk_create(
        PositionKindPattern(regency=regency, fragment=p.fragment, kind=p.kind, priority=i)
        for i, p in enumerate(positions.DEFAULT_KIND_PATTERNS, 1)
    )
    audit_record(actor=actor, regency=regency, action="regency.create", obj=regency)
    return regency


# --- units and positions ---------------------------------------------------------------


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)


@transaction.atomic
def unit_create(*, actor, regency: Regency, name: str, parent: OrgUnit | None = None) -> OrgUnit:
    """A unit under `parent` (None: a Perangkat Daerah), its name unique there, case
    ignored.

    The same form sent twice creates one unit: the regency's row is locked first, so two
    such requests at once are judged one after the other, and a unit of exactly that name
    under that parent which `actor` created within DOUBLE_SUBMIT_WINDOW is returned as it
    is. Any other unit of the name is refused (`unit_exists`)."""
    name = normalize_text(name)
    if not name:
        raise DomainError(_("Nama unit wajib diisi."), code="unit_name_required", field="name")
    if parent is not None and parent.regency_id != regency.pk:
        raise DomainError(_("Unit induk tidak ditemukan."), code="unit_parent", field="parent")
    _lock_regency(regency)
    same = OrgUnit.objects.filter(regency=regency, parent=parent, name__iexact=name).first()
    if same is not None:
        if same.name == name and _created_just_now_by(actor, same, "unit.create"):
            return same
        raise DomainError(
            _("Unit %(name)s sudah ada.") % {"name": name}, code="unit_exists", field="name"
        )
    unit = OrgUnit.objects.create(regency=regency, name=name, parent=parent)
    _set_path(unit)
    audit_record(actor=actor, regency=regency, action="unit.create", obj=unit,
                 changes={"name": [None, name], "parent": [None, parent]})
    return unit


def kind_patterns_for(regency: Regency) -> list[positions.KindPattern]:
    """The regency's own mapping, in priority order; the national defaults if it has none."""
    rows = PositionKindPattern.objects.filter(regency=regency).values_list("fragment", "kind")
    return [positions.KindPattern(fragment, kind) for fragment, kind in rows] or list(
        positions.DEFAULT_KIND_PATTERNS
    )


def position_get_or_create(*, actor, regency: Regency, name: str, kind: str | None = None,
                           patterns: list[positions.KindPattern] | None = None) -> Position:
    """The regency's position of that name, created with its kind read from the name
    (through the regency's editable mapping) when `kind` is not given."""
    name = normalize_text(name)
    existing = Position.objects.filter(regency=regency, name__iexact=name).first()
    if existing:
        return existing
    if kind is None:
        kind = positions.kind_from_name(name, patterns or kind_patterns_for(regency))
    position = Position.objects.create(regency=regency, name=name, kind=kind)
    audit_record(actor=actor, regency=regency, action="position.create", obj=position,
                 changes={"name": [None, name], "kind": [None, kind]})
    return position


# --- employees -------------------------------------------------------------------------

EMPLOYEE_FIELDS = (
    "name", "title_prefix", "title_suffix", "kind", "sex", "rank", "position", "unit",
    "supervisor", "is_talent", "email", "phone", "is_active",
)  # fmt: skip


def _check_supervisor(employee: Employee, supervisor: Employee | None) -> None:
    """No self-reference and no cycle in the supervisor chain."""
    seen = {employee.pk}
    current = supervisor
    while current is not None:
        if current.pk in seen:
            raise DomainError(
                _("Atasan langsung membentuk lingkaran: %(name)s.") % {"name": current},
                code="supervisor_cycle", field="supervisor",
            )
        seen.add(current.pk)
        current = current.supervisor


def _nip_taken() -> DomainError:
    return DomainError(
        _("NIP sudah terdaftar; pemindahan pegawai dilakukan oleh BKPSDM."),
        code="nip_taken", field="nip",
    )


def _repeated_employee(*, actor, regency: Regency, nip: str, fields: dict) -> Employee:
    """The employee this create repeats: one with `nip` that `actor` created in `regency`
    within DOUBLE_SUBMIT_WINDOW and whose fields still equal `fields`. Otherwise the NIP is
    taken (`nip_taken`)."""
    existing = Employee.objects.filter(nip=nip).first()
    if (existing is not None and existing.regency_id == regency.pk
            and all(getattr(existing, f) == v for f, v in fields.items())
            and _created_just_now_by(actor, existing, "employee.create")):
        return existing
    raise _nip_taken()


@transaction.atomic
def employee_create(*, actor, regency: Regency, nip: str, on_date: date | None = None,
                    **fields) -> Employee:
    """A new employee with the first row of their unit/position history. The NIP is
    unique across the deployment (`nip_taken`).

    The same form sent twice creates one employee: when the NIP exists because `actor`
    created it within DOUBLE_SUBMIT_WINDOW with the same data, that employee is returned
    as it is. Two such requests at once meet at the NIP's unique index: the second insert
    waits for the first to commit, fails inside its savepoint, and is judged then."""
    if Employee.objects.filter(nip=nip).exists():
        return _repeated_employee(actor=actor, regency=regency, nip=nip, fields=fields)
    employee = Employee(regency=regency, nip=nip, **fields)
    try:
        with transaction.atomic():
            employee.save()
    except IntegrityError:
        if not Employee.objects.filter(nip=nip).exists():
            raise
        return _repeated_employee(actor=actor, regency=regency, nip=nip, fields=fields)
    if employee.supervisor_id:
        _check_supervisor(employee, employee.supervisor)
    EmploymentHistory.objects.create(
        employee=employee, unit=employee.unit, position=employee.position,
        valid_from=on_date or regency_today(regency),
    )
    audit_record(actor=actor, regency=regency, action="employee.create", obj=employee,
                 changes={f: [None, getattr(employee, f)] for f in ("nip",) + EMPLOYEE_FIELDS})
    return employee


@transaction.atomic
def employee_update(*, actor, employee: Employee, on_date: date | None = None,
                    reason: str = "", **fields) -> dict:
    """Change an employee; a new unit or position closes the open history row and opens
    another from `on_date` (default: the regency's today). Returns the changes made."""
    unknown = set(fields) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise ValueError(f"Not employee fields: {sorted(unknown)}")
    changes = diff_fields(employee, fields)
    if not changes:
        return {}
    if "supervisor" in changes:
        _check_supervisor(employee, fields["supervisor"])
    for field, value in fields.items():
        setattr(employee, field, value)
    employee.save()
    if "is_active" in changes:
        day = on_date or regency_today(employee.regency)
        if employee.is_active:
            account_reopen(actor=actor, regency=employee.regency, employee_ids=[employee.pk],
                           reason=reason)
            employment_resume(employee, day=day)
        else:
            account_close(actor=actor, regency=employee.regency, employee_ids=[employee.pk],
                          day=day, reason=reason)
            employment_end(employee_ids=[employee.pk], day=day)
    if ("unit" in changes or "position" in changes) and employee.is_active:
        day = on_date or regency_today(employee.regency)
        EmploymentHistory.objects.filter(employee=employee, valid_until__isnull=True).update(
            valid_until=day
        )
        EmploymentHistory.objects.create(
            employee=employee, unit=employee.unit, position=employee.position, valid_from=day
        )
    audit_record(actor=actor, regency=employee.regency, action="employee.update",
                 obj=employee, changes=changes, reason=reason)
    return changes


# --- roles -----------------------------------------------------------------------------


@transaction.atomic
def role_assign(*, actor, regency: Regency, user, role: str, unit: OrgUnit | None,
                valid_from: date | None = None, valid_until: date | None = None,
                note: str = "") -> RoleAssignment:
    """Give `user` an administrative role (docs/accounts.md#roles-and-acting-officials);
    BKPSDM's scope is the whole regency, the others' a unit with its sub-units. Dates make
    acting officials (Plt/Plh) possible.

    Granting what `user` already holds adds nothing: an unrevoked assignment of the same
    role, unit and dates is returned as it is (the same form sent twice). The user's row
    is locked first, so two such requests at once are judged one after the other."""
    if user.regency_id != regency.pk:
        raise DomainError(_("Pengguna tidak ditemukan."), code="user_not_found", field="user")
    if role == Role.HR_ADMIN:
        unit = None
    elif unit is None or unit.regency_id != regency.pk:
        raise DomainError(_("Pilih unit untuk peran ini."), code="role_unit", field="unit")
    if valid_from and valid_until and valid_until < valid_from:
        raise DomainError(
            _("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            code="role_dates", field="valid_until",
        )
    # NO KEY: the lock serialises grants to this user without blocking rows that merely
    # reference the account.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).first()
    same = RoleAssignment.objects.filter(
        regency=regency, user=user, role=role, unit=unit, valid_from=valid_from,
        valid_until=valid_until, revoked_at__isnull=True).order_by("pk").first()
    if same is not None:
        return same
    assignment = RoleAssignment.objects.create(
        regency=regency, user=user, role=role, unit=unit, valid_from=valid_from,
        valid_until=valid_until, note=note, assigned_by=actor if actor and actor.pk else None,
    )
    audit_record(actor=actor, regency=regency, action="role.assign", obj=assignment,
                 changes={"user": [None, user], "role": [None, role], "unit": [None, unit],
                          "valid_from": [None, valid_from], "valid_until": [None, valid_until]})
    return assignment


@transaction.atomic
def employee_account(*, actor, employee: Employee):
    """The employee's login (username = NIP), created without a usable password if they
    have none (`account_for_employee`). The employee's row is locked first, so two
    requests at once (a role granted twice by NIP) create one account, not an error."""
    from kembang.accounts.services import account_for_employee  # accounts imports us

    Employee.objects.select_for_update(no_key=True).filter(pk=employee.pk).first()
    return account_for_employee(actor=actor, employee=employee)


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment, reason: str = "") -> None:
    """End a role now. The assignment stays on record.

    docs/accounts.md#the-last-bkpsdm-admin: nobody revokes their own BKPSDM role, and a
    regency always keeps at least one BKPSDM admin — another BKPSDM assignment of an active
    account, in force on the regency's today. The regency's BKPSDM assignments are locked
    first, so two admins revoking each other at once cannot both succeed."""
    if assignment.revoked_at:
        return
    if assignment.role == Role.HR_ADMIN:
        if actor is not None and actor.pk == assignment.user_id:
            raise DomainError(_("Anda tidak dapat mencabut peran BKPSDM Anda sendiri."),
                              code="role_revoke_own")
        admins = RoleAssignment.objects.filter(
            regency_id=assignment.regency_id, role=Role.HR_ADMIN, revoked_at__isnull=True)
        # Lock the unrevoked BKPSDM rows, then count on what the lock lets us see.
        locked = set(admins.select_for_update(of=("self",)).values_list("pk", flat=True))
        if assignment.pk not in locked:  # revoked meanwhile by another request
            return
        others = admins.in_force(regency_today(assignment.regency)).exclude(
            pk=assignment.pk).filter(user__is_active=True)
        if not others.exists():
            raise DomainError(_("Peran BKPSDM terakhir pemerintah daerah ini tidak dapat "
                                "dicabut; berikan peran BKPSDM kepada orang lain dulu."),
                              code="role_revoke_last_admin")
    assignment.revoked_at = timezone.now()
    assignment.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, regency=assignment.regency, action="role.revoke",
                 obj=assignment, reason=reason)


# --- accounts --------------------------------------------------------------------------


def employment_end(*, employee_ids, day: date) -> None:
    """A deactivated employee's dated history ends on `day` (they were in no unit after
    it), so a recap of a past date knows who was active then (docs/rekap.md#scope)."""
    ids = list(employee_ids)
    for start in range(0, len(ids), 1000):
        EmploymentHistory.objects.filter(employee_id__in=ids[start:start + 1000],
                                         valid_until__isnull=True).update(valid_until=day)


def employment_resume(employee, *, day: date) -> None:
    """A reactivated employee works again from `day` in their current unit and position."""
    if not EmploymentHistory.objects.filter(employee=employee, valid_until__isnull=True).exists():
        EmploymentHistory.objects.create(employee=employee, unit=employee.unit,
                                         position=employee.position, valid_from=day)


def account_close(*, actor, regency: Regency, employee_ids, day: date, reason: str = "") -> int:
    """docs/accounts.md#deactivation: a deactivated employee's login and roles end on
    `day`; history stays.

    The account becomes inactive, which is enough to end every session too: Django's
    `ModelBackend.get_user` (inherited by `NipOrUsernameBackend`) returns nobody for an
    inactive user, so an open session turns anonymous on its next request, and the login
    form refuses them. Each unrevoked role assignment is revoked now and, where it ran
    past `day`, ends on `day` (one `role.revoke` event each). The last BKPSDM admin, or
    one's own BKPSDM role, cannot go this way either. Returns the accounts closed."""
    users = list(get_user_model().objects.select_for_update()
                 .filter(regency=regency, employee_id__in=list(employee_ids)))
    if not users:
        return 0
    user_ids = [user.pk for user in users]
    assignments = RoleAssignment.objects.filter(user_id__in=user_ids, revoked_at__isnull=True)
    if assignments.filter(role=Role.HR_ADMIN).in_force(regency_today(regency)).exists():
        if actor is not None and actor.pk in user_ids:
            raise DomainError(_("Anda tidak dapat mencabut peran BKPSDM Anda sendiri."),
                              code="role_revoke_own")
        admins = RoleAssignment.objects.filter(regency=regency, role=Role.HR_ADMIN,
                                               revoked_at__isnull=True)
        # The same lock as `role_revoke`: two removals at once cannot both pass the count.
        list(admins.select_for_update(of=("self",)).values_list("pk", flat=True))
        others = admins.in_force(regency_today(regency)).exclude(
            user_id__in=user_ids).filter(user__is_active=True)
        if not others.exists():
            raise DomainError(_("Peran BKPSDM terakhir pemerintah daerah ini tidak dapat "
                                "dicabut; berikan peran BKPSDM kepada orang lain dulu."),
                              code="role_revoke_last_admin")
    now = timezone.now()
    for assignment in assignments.select_for_update(of=("self",)).select_related("user"):
        changes = {"revoked_at": [None, now]}
        # A role that starts after `day` never ran: revoked, its dates left as assigned.
        starts_later = assignment.valid_from is not None and assignment.valid_from > day
        if not starts_later and (assignment.valid_until is None or assignment.valid_until > day):
            changes["valid_until"] = [assignment.valid_until, day]
            assignment.valid_until = day
        assignment.revoked_at = now
        assignment.save(update_fields=["revoked_at", "valid_until", "updated_at"])
        audit_record(actor=actor, regency=regency, action="role.revoke", obj=assignment,
                     changes=changes, reason=reason)
    closed = 0
    for user in users:
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_record(actor=actor, regency=regency, action="account.deactivate", obj=user,
                         changes={"is_active": [True, False]}, reason=reason)
            closed += 1
    return closed


def account_reopen(*, actor, regency: Regency, employee_ids, reason: str = "") -> int:
    """A reactivated employee may log in again. Their roles are not restored
    (docs/accounts.md#deactivation): whoever needs one is assigned it anew. Returns the
    accounts reopened."""
    reopened = 0
    for user in get_user_model().objects.filter(regency=regency, employee_id__in=list(employee_ids),
                                                is_active=False):
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, regency=regency, action="account.reactivate", obj=user,
                     changes={"is_active": [False, True]}, reason=reason)
        reopened += 1
    return reopened


# No 0/O or 1/I/L: the code is printed on paper and typed on phones.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_activation_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


# --- a regency's BKPSDM admin from the shell -------------------------------------------

# A BKPSDM admin logs in with a username, never a NIP: it starts with a letter, so the
# login form's NIP reading (`login_name`) can never turn it into someone's 18 digits.
# Lower case only: usernames are compared exactly, and "Admin.X" beside "admin.x" would be
# two accounts that look like one on paper.
ADMIN_USERNAME_PATTERN = r"[a-z][a-z0-9._-]{2,59}"


def admin_username_clean(username: str) -> str:
    """`username` stripped, or DomainError `admin_username` when it does not match
    ADMIN_USERNAME_PATTERN."""
    import re

    username = (username or "").strip()
    if not re.fullmatch(ADMIN_USERNAME_PATTERN, username):
        raise DomainError(
            _("Nama pengguna admin %(username)s tidak dapat dipakai: 3–60 huruf kecil, angka, "
              "titik, garis bawah atau tanda hubung, diawali huruf.") % {"username": username},
            code="admin_username", field="username")
    return username


def regency_admins_in_force(regency: Regency):
    """The regency's BKPSDM assignments in force on its own today (WIB/WITA/WIT), held by
    active accounts: the admins of whom `role_revoke` always keeps one
    (docs/accounts.md#the-last-bkpsdm-admin)."""
    return (RoleAssignment.objects.filter(regency=regency, role=Role.HR_ADMIN)
            .in_force(regency_today(regency)).filter(user__is_active=True))


@transaction.atomic
def regency_admin_grant(*, actor, regency: Regency, username: str, reason: str):
    """A BKPSDM admin for a regency that has none in force (a new regency, or one whose
    admins were all revoked, ended or deactivated), with a one-time activation code.

    Returns `(user, code)`; the plain code exists only in this return value (its keyed
    hash is stored, `activation_code_issue`), so the caller prints it once. Returns None
    and writes nothing while an active BKPSDM admin is in force (`regency_admins_in_force`):
    this is the way back into a regency, not a second door beside its admins.

    `username` must match ADMIN_USERNAME_PATTERN. A login of that name that belongs to
    this regency and to no employee (a former admin) is reused: reactivated if it was
    deactivated, given the role again and a new code. Any other holder of the name is
    refused (`admin_username_taken`). The regency's row is locked first, so two runs at
    once grant one admin. Audited: the account (`account.create` or
    `account.reactivate`), `role.assign`, `account.activation_code`, and
    `regency.admin_grant` carrying `reason`."""
    from kembang.accounts.services import activation_code_issue  # accounts imports us

    username = admin_username_clean(username)
    Regency.objects.select_for_update(no_key=True).filter(pk=regency.pk).first()
    if regency_admins_in_force(regency).exists():
        return None
    User = get_user_model()
    user = User.objects.select_for_update().filter(username=username).first()
    if user is not None and (user.regency_id != regency.pk or user.employee_id is not None):
        raise DomainError(
            _("Nama pengguna %(username)s sudah dipakai akun lain; pilih nama lain.")
            % {"username": username}, code="admin_username_taken", field="username")
    if user is None:
        user = User(username=username, regency=regency, first_name="Admin",
                    last_name="BKPSDM", must_set_password=True)
        user.set_unusable_password()
        user.save()
        audit_record(actor=actor, regency=regency, action="account.create", obj=user,
                     reason=reason)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, regency=regency, action="account.reactivate", obj=user,
                     changes={"is_active": [False, True]}, reason=reason)
    assignment = role_assign(actor=actor, regency=regency, user=user, role=Role.HR_ADMIN,
                             unit=None, note=reason[:200])
    code = activation_code_issue(actor=actor, user=user)
    audit_record(actor=actor, regency=regency, action="regency.admin_grant", obj=user,
                 changes={"username": username, "role": Role.HR_ADMIN,
                          "assignment": assignment.pk},
                 reason=reason)
    return user, code


# --- the regency's logo (docs/documents.md#the-regencys-logo) ----------------------------

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MIN_PIXELS = 32  # on each side: smaller prints as a smudge at 12 mm
LOGO_MAX_PIXELS = 2000  # on each side: 12 mm at print resolution needs far fewer
LOGO_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", "PNG"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg", "JPEG"),
)


def _logo_refusal(message: str, code: str) -> DomainError:
    return DomainError(message, code=code, field="logo")


def logo_check(data: bytes, size: int | None = None) -> tuple[str, str, int, int]:
    """(content type, extension, width, height) of a logo upload, or DomainError: PNG or
    JPEG by its first bytes (never its name), at most 1 MB, 32–2000 pixels a side, and
    an image that decodes to the end."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise _logo_refusal(_("Logo: berkasnya kosong. Pilih gambar PNG atau JPEG."),
                            "logo_empty")
    size = max(size or 0, len(data))
    if size > LOGO_MAX_BYTES:
        raise _logo_refusal(
            _("Logo: berkas terlalu besar (%(size)s MB); batasnya 1 MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ",")}, "logo_too_large")
    kind = next((k for k in LOGO_TYPES if data.startswith(k[0])), None)
    if kind is None:
        raise _logo_refusal(_("Logo: berkas ini bukan gambar PNG atau JPEG."), "logo_type")
    _signature, content_type, extension, pil_format = kind
    try:
        with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
            width, height = image.size
            if not (LOGO_MIN_PIXELS <= width <= LOGO_MAX_PIXELS
                    and LOGO_MIN_PIXELS <= height <= LOGO_MAX_PIXELS):
                raise _logo_refusal(
                    _("Logo: ukurannya %(width)s×%(height)s piksel; setiap sisi harus "
                      "%(low)s sampai %(high)s piksel.")
                    % {"width": width, "height": height, "low": LOGO_MIN_PIXELS,
                       "high": LOGO_MAX_PIXELS}, "logo_dimensions")
            image.load()  # decodes every pixel: a truncated or damaged file fails here
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise _logo_refusal(_("Logo: gambarnya rusak atau tidak dapat dibaca. Simpan ulang "
                              "sebagai PNG atau JPEG, lalu unggah lagi."),
                            "logo_unreadable") from None
    return content_type, extension, width, height


def _delete_file_later(name: str) -> None:
    """Remove a replaced or removed logo's file once the change is committed."""
    from kembang.common.storage import private_storage

    if name:
        transaction.on_commit(lambda: private_storage.delete(name))


@transaction.atomic
def regency_logo_set(*, actor, regency: Regency, upload) -> RegencyLogo:
    """Upload or replace the regency's logo (BKPSDM). Audited `regency.logo_set` with the
    old and new file's size, pixels and SHA-256."""
    from kembang.common.storage import private_storage

    upload.seek(0)
    data = upload.read(LOGO_MAX_BYTES + 1)  # never more: a huge upload is refused unread
    content_type, extension, width, height = logo_check(data, getattr(upload, "size", None))
    _lock_regency(regency)
    logo = RegencyLogo.objects.select_for_update().filter(regency=regency).first()
    before = _logo_summary(logo)
    old_name = logo.image.name if logo is not None else ""
    if logo is None:
        logo = RegencyLogo(regency=regency)
    field = RegencyLogo._meta.get_field("image")
    name = field.generate_filename(logo, f"{secrets.token_hex(8)}.{extension}")
    logo.image = private_storage.save(name, ContentFile(data), max_length=field.max_length)
    try:
        logo.content_type = content_type
        logo.width, logo.height, logo.size = width, height, len(data)
        logo.sha256 = hashlib.sha256(data).hexdigest()
        logo.uploaded_by = actor if getattr(actor, "pk", None) else None
        logo.save()
        audit_record(actor=actor, regency=regency, action="regency.logo_set", obj=logo,
                     changes={"logo": [before, _logo_summary(logo)]})
    except Exception:
        private_storage.delete(logo.image.name)  # nothing recorded: no file left behind
        raise
    _delete_file_later(old_name)
    return logo


@transaction.atomic
def regency_logo_remove(*, actor, regency: Regency) -> bool:
    """Remove the regency's logo (BKPSDM): the letterhead prints the name alone again.
    False when there was none. Audited `regency.logo_remove`."""
    _lock_regency(regency)
    logo = RegencyLogo.objects.select_for_update().filter(regency=regency).first()
    if logo is None:
        return False
    before = _logo_summary(logo)
    name = logo.image.name
    audit_record(actor=actor, regency=regency, action="regency.logo_remove", obj=logo,
                 changes={"logo": [before, None]})
    logo.delete()
    _delete_file_later(name)
    return True


def _logo_summary(logo: RegencyLogo | None) -> dict | None:
    if logo is None:
        return None
    return {"type": logo.content_type, "size": logo.size, "width": logo.width,
            "height": logo.height, "sha256": logo.sha256}
