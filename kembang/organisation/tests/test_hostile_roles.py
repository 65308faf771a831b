"""docs/accounts.md#the-last-bkpsdm-admin: a regency always keeps at least one BKPSDM
admin, and no one revokes their own BKPSDM role. Enforced in `role_revoke`, whichever door
calls it."""

import datetime

import pytest

from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.common.tests.clock import TODAY, days_ago
from kembang.organisation import services
from kembang.organisation.models import Role, RoleAssignment
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

pytestmark = pytest.mark.django_db

OWN = "Anda tidak dapat mencabut peran BKPSDM Anda sendiri."
LAST = ("Peran BKPSDM terakhir pemerintah daerah ini tidak dapat dicabut; berikan peran "
        "BKPSDM kepada orang lain dulu.")


def admin(regency, username, **dates):
    user = login_for(regency=regency, username=username)
    assignment = RoleAssignment.objects.create(regency=regency, user=user, role=Role.HR_ADMIN,
                                               **dates)
    return user, assignment


def refused(actor, assignment) -> DomainError:
    before = AuditEvent.objects.filter(action="role.revoke").count()
    with pytest.raises(DomainError) as error:
        services.role_revoke(actor=actor, assignment=assignment, reason="uji")
    assignment.refresh_from_db()
    assert assignment.revoked_at is None
    assert AuditEvent.objects.filter(action="role.revoke").count() == before
    return error.value


def test_an_admin_cannot_revoke_their_own_bkpsdm_role(regency):
    first, first_role = admin(regency, "admin.satu")
    admin(regency, "admin.dua")
    error = refused(first, first_role)
    assert (error.code, error.message) == ("role_revoke_own", OWN)


def test_an_admin_who_is_an_employee_cannot_revoke_their_own_either(regency, unit_a):
    me = login_for(EmployeeFactory(unit=unit_a))
    mine = grant(me, Role.HR_ADMIN)
    admin(regency, "admin.lain")
    assert refused(me, mine).code == "role_revoke_own"


def test_another_admin_revokes_it_while_one_remains(regency):
    first, first_role = admin(regency, "admin.satu")
    second, _ = admin(regency, "admin.dua")
    services.role_revoke(actor=second, assignment=first_role, reason="mutasi")
    first_role.refresh_from_db()
    assert first_role.revoked_at is not None
    event = AuditEvent.objects.get(action="role.revoke")
    assert (event.actor, event.reason) == (second, "mutasi")


def test_the_last_bkpsdm_role_of_a_regency_cannot_be_revoked(regency, other_regency):
    _, only_role = admin(regency, "admin.satu")
    # An admin elsewhere does not keep this regency administered.
    admin(other_regency, "admin.langsa")
    error = refused(None, only_role)  # e.g. from a command, with no actor
    assert (error.code, error.message) == ("role_revoke_last_admin", LAST)


def test_an_admin_whose_role_has_ended_does_not_count_as_the_one_left(regency):
    _, current = admin(regency, "admin.aktif")
    former, _ = admin(regency, "admin.lama", valid_until=days_ago(1))
    upcoming, _ = admin(regency, "admin.baru", valid_from=TODAY + datetime.timedelta(days=30))
    assert refused(former, current).code == "role_revoke_last_admin"
    assert refused(upcoming, current).code == "role_revoke_last_admin"


def test_a_deactivated_account_does_not_count_as_the_one_left(regency):
    _, current = admin(regency, "admin.aktif")
    gone, _ = admin(regency, "admin.nonaktif")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert refused(gone, current).code == "role_revoke_last_admin"


def test_two_admins_revoking_each_other_leave_one(regency):
    """One after the other (the lock makes simultaneous requests run so): the second finds
    the first's target already gone and its own the last."""
    first, first_role = admin(regency, "admin.satu")
    second, second_role = admin(regency, "admin.dua")
    services.role_revoke(actor=first, assignment=second_role)
    assert refused(second, first_role).code == "role_revoke_last_admin"
    assert RoleAssignment.objects.in_force(TODAY).filter(role=Role.HR_ADMIN).count() == 1


def test_other_roles_of_ones_own_are_not_held_back(regency, unit_a):
    """Giving up one's own head-of-unit role takes no power from anyone."""
    me = login_for(EmployeeFactory(unit=unit_a))
    grant(me, Role.HR_ADMIN)
    admin(regency, "admin.lain")
    head = grant(me, Role.HEAD_OF_UNIT, unit_a)
    services.role_revoke(actor=me, assignment=head)
    head.refresh_from_db()
    assert head.revoked_at is not None


def test_the_page_says_why_when_the_last_bkpsdm_role_is_kept(regency, client):
    only, only_role = admin(regency, "admin.satu")
    client.force_login(only, backend="kembang.accounts.backends.NipOrUsernameBackend")
    response = client.post(f"/peran/{only_role.pk}/cabut/", {"reason": "uji"},
                           follow=True)
    assert response.status_code == 200
    assert OWN in response.content.decode()
    only_role.refresh_from_db()
    assert only_role.revoked_at is None
