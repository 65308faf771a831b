"""Reported months keep their JP; late validations become corrections
(docs/locked-months.md)."""

import datetime
from decimal import Decimal

from kembang.common.tests.clock import TODAY, on, this_month
from kembang.learning.models import Session
from kembang.learning.services import sessions
from kembang.learning.services.periods import period_lock
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching


def test_a_late_validation_in_a_locked_month_is_booked_in_the_next_open_month(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    first = sessions.session_validate(
        actor=p.hr_user, session=log_and_confirm(p, program, on(-1, 5)))
    late = log_and_confirm(p, program, on(-1, 12))
    period_lock(actor=p.hr_user, regency=p.regency, month=OCT,
                unit=p.unit, reason="Laporan Oktober")
    first.refresh_from_db()
    assert first.locked and first.jp == Decimal(2)

    sessions.session_validate(actor=p.hr_user, session=late)
    late.refresh_from_db()
    first.refresh_from_db()
    assert first.jp == Decimal(2)  # what was reported stays
    assert late.jp == Decimal(2) and late.counted  # a cap slot was still free
    assert late.correction_month == this_month()


def test_a_late_session_cannot_take_a_slot_already_reported(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    for day in (5, 12):
        sessions.session_validate(
            actor=p.hr_user, session=log_and_confirm(p, program, on(-1, day)))
    early = log_and_confirm(p, program, on(-1, 1))
    period_lock(actor=p.hr_user, regency=p.regency, month=OCT)
    sessions.session_validate(actor=p.hr_user, session=early)
    rows = {s.date.day: s for s in Session.objects.filter(program=program)}
    assert rows[1].jp == 0 and not rows[1].counted
    assert (rows[5].jp, rows[12].jp) == (Decimal(2), Decimal(2))


def test_bkpsdm_locks_a_past_month_from_the_page(people_for, client):
    from django.urls import reverse

    from kembang.learning.models import LockedPeriod
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant, login_for

    p = people_for("langsa")
    admin = login_for(regency=p.regency, username="admin.kunci")
    grant(admin, Role.HR_ADMIN)
    client.force_login(admin)
    url = reverse("learning:period_list")
    future = client.post(url, {"month": f"{TODAY:%Y-%m}", "reason": "x"})
    assert "sudah lewat" in future.content.decode()
    client.post(url, {"month": f"{OCT:%Y-%m}", "reason": "Laporan Oktober"})
    assert LockedPeriod.objects.get().month == OCT
    client.force_login(p.hr_user)
    assert client.get(url).status_code == 404


def test_a_transfer_does_not_reopen_a_month_reported_by_the_old_unit(people_for):
    """docs/locked-months.md#unit-of-a-session: the lock follows the unit of the session's
    date."""
    from kembang.organisation.models import EmploymentHistory, Role
    from kembang.organisation.services import employee_update
    from kembang.organisation.tests.factories import grant

    p = people_for("langsa")
    EmploymentHistory.objects.create(employee=p.participant, unit=p.unit,
                                     valid_from=datetime.date(2020, 1, 1))
    program = start_coaching(p)
    for day in (5, 12):
        sessions.session_validate(
            actor=p.hr_user, session=log_and_confirm(p, program, on(-1, day)))
    early = log_and_confirm(p, program, on(-1, 1))
    period_lock(actor=p.hr_user, regency=p.regency, month=OCT,
                unit=p.unit, reason="Laporan Oktober")
    employee_update(actor=None, employee=p.participant, unit=p.other_unit,
                    on_date=this_month())
    other_hr = p.outsider_user
    grant(other_hr, Role.HR_OFFICER, p.other_unit)
    sessions.session_validate(actor=other_hr, session=early)
    early.refresh_from_db()
    assert early.unit == p.unit  # it belongs to the unit of its date
    assert (early.jp, early.counted) == (Decimal(0), False)  # October's two slots were reported
    assert Session.objects.filter(program=program, counted=True).count() == 2


def test_a_booked_correction_stays_in_its_month(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    late = log_and_confirm(p, program, on(-1, 12))
    period_lock(actor=p.hr_user, regency=p.regency, month=OCT)
    sessions.session_validate(actor=p.hr_user, session=late)
    late.refresh_from_db()
    assert late.correction_month == this_month()
    # Another transition of the participant later must not move the booked correction.
    # (Dated in the late session's month, so that it recomputes that session's year even
    # when last month lies in the previous year.)
    other = log_and_confirm(p, program, on(-1, 19))
    sessions.session_validate(actor=p.hr_user, session=other)
    late.refresh_from_db()
    assert late.correction_month == this_month()


def test_a_december_session_validated_in_january_counts_in_december_s_year(people_for):
    from kembang.learning.selectors import jp_standing
    from kembang.learning.services import programs

    p = people_for("langsa")
    # December of the year before today's, and the last day of today's year.
    last_december = this_month(-TODAY.month)
    year_end = on(12 - TODAY.month, 31)
    program = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=last_december,
        end_date=year_end, development_need="x"))
    late = log_and_confirm(p, program, last_december.replace(day=10))
    period_lock(actor=p.hr_user, regency=p.regency, month=last_december)
    sessions.session_validate(actor=p.hr_user, session=late)
    late.refresh_from_db()
    assert late.correction_month == this_month()
    assert late.correction_month.year == last_december.year + 1
    last_year = jp_standing(p.participant, year=last_december.year, today=TODAY)
    assert last_year.official == Decimal(2)
    assert late in last_year.corrections
    assert jp_standing(p.participant, year=TODAY.year, today=TODAY).official == 0
