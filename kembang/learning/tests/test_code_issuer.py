"""docs/separation-of-duties.md#one-officer-behind-both-accounts: an HR officer who issued
the activation codes of both the participant and the coach does not validate their sessions
alone (within 90 days of the later activation). The session goes to another HR officer of
the unit, else the head, else BKPSDM."""

import datetime

import pytest
from django.utils import timezone

from kembang.accounts.services import account_activate, activation_code_issue
from kembang.learning import selectors
from kembang.learning.errors import TransitionRefused
from kembang.learning.models import Session
from kembang.learning.services import sessions
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "kata-sandi-baru-789"


def activate_with_code_of(officer, user):
    code = activation_code_issue(actor=officer, user=user)
    return account_activate(username=user.username, code=code, password=NEW_PASSWORD)


def barred_session(p, *, issuer=None):
    """Both parties activated from `issuer`'s codes (the unit's HR officer by default),
    then a coaching session proposed, agreed, submitted and initialled."""
    issuer = issuer or p.hr_user
    activate_with_code_of(issuer, p.coach_user)
    activate_with_code_of(issuer, p.participant_user)
    program = start_coaching(p)
    return log_and_confirm(p, program, OCT + datetime.timedelta(days=4))


def test_the_officer_who_issued_both_codes_cannot_validate(people_for):
    p = people_for("langsa")
    session = barred_session(p)
    assert session.validation_barred_id == p.hr_user.pk
    assert not sessions.may_validate(p.hr_user, session)
    assert session not in selectors.validation_queue(p.hr_user)
    assert not sessions.session_permissions(p.hr_user, session).validate
    with pytest.raises(TransitionRefused):
        sessions.session_validate(actor=p.hr_user, session=session)


def test_a_direct_post_of_the_issuing_officer_validates_nothing(people_for, client):
    p = people_for("langsa")
    session = barred_session(p)
    client.force_login(p.hr_user)
    response = client.post("/validasi/banyak/", {"session": [session.pk]}, follow=True)
    assert response.status_code == 200
    assert "tidak lagi menunggu validasi Anda" in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.CONFIRMED


def test_another_hr_officer_of_the_unit_validates_it_and_the_head_does_not(people_for):
    p = people_for("langsa")
    other = login_for(EmployeeFactory(unit=p.unit, regency=p.regency))
    grant(other, Role.HR_OFFICER, p.unit)
    session = barred_session(p)
    assert session not in selectors.validation_queue(p.head_user)
    assert not sessions.may_validate(p.head_user, session)
    assert session in selectors.validation_queue(other)
    validated = sessions.session_validate(actor=other, session=session)
    assert validated.status == Session.Status.VALIDATED


def test_without_another_hr_officer_the_head_of_the_unit_validates_it(people_for, client):
    p = people_for("langsa")
    session = barred_session(p)
    assert list(selectors.validation_queue(p.head_user)) == [session]
    client.force_login(p.head_user)
    page = client.get("/validasi/").content.decode()
    assert "validasi terpisah" in page
    client.post("/validasi/banyak/", {"session": [session.pk]})
    session.refresh_from_db()
    assert session.status == Session.Status.VALIDATED
    assert session.validated_by_id == p.head_user.pk


def test_the_head_sees_no_ordinary_session_in_the_queue(people_for):
    p = people_for("langsa")
    ordinary = log_and_confirm(p, start_coaching(p), OCT + datetime.timedelta(days=4))
    assert ordinary.validation_barred_id is None
    assert ordinary not in selectors.validation_queue(p.head_user)
    assert not sessions.may_validate(p.head_user, ordinary)


def test_bkpsdm_sees_the_list_of_barred_sessions_and_may_validate_them(people_for, client):
    p = people_for("langsa")
    admin = login_for(regency=p.regency, username="admin.uji")
    grant(admin, Role.HR_ADMIN)
    barred = barred_session(p)
    assert list(selectors.validation_queue(admin, barred_only=True)) == [barred]
    client.force_login(admin)
    page = client.get("/validasi/?terpisah=1").content.decode()
    assert "Kode aktivasi peserta dan pembimbingnya diterbitkan oleh" in page
    assert sessions.may_validate(admin, barred)


def test_codes_from_two_officers_bar_nobody(people_for):
    p = people_for("langsa")
    second = login_for(EmployeeFactory(unit=p.unit, regency=p.regency))
    grant(second, Role.HR_OFFICER, p.unit)
    activate_with_code_of(p.hr_user, p.coach_user)
    activate_with_code_of(second, p.participant_user)
    session = log_and_confirm(p, start_coaching(p), OCT + datetime.timedelta(days=4))
    assert session.validation_barred_id is None
    assert sessions.may_validate(p.hr_user, session)


def test_the_bar_ends_90_days_after_the_later_activation(people_for):
    p = people_for("langsa")
    activate_with_code_of(p.hr_user, p.coach_user)
    activate_with_code_of(p.hr_user, p.participant_user)
    long_ago = timezone.now() - datetime.timedelta(days=91)
    type(p.coach_user).objects.filter(pk__in=[p.coach_user.pk, p.participant_user.pk]).update(
        activated_at=long_ago)
    session = log_and_confirm(p, start_coaching(p), OCT + datetime.timedelta(days=4))
    assert session.validation_barred_id is None
    assert sessions.may_validate(p.hr_user, session)
