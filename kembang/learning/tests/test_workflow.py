"""The whole life cycle through the services, per profile (docs/life-cycle.md,
docs/jp-rules.md)."""

import datetime
from decimal import Decimal

import pytest

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import on
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import Program, Session, SessionTransition
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT

S = Session.Status


def start_coaching(p, coach_user=None):
    program = programs.coaching_propose(
        actor=coach_user or p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="Menyusun laporan kinerja",
        performance_problem="Laporan sering terlambat", goal="Laporan tepat waktu",
        # Nganjuk's form B and C, which the participant's session form starts from.
        job_link="Laporan kinerja bulanan", planned_activities="Diskusi draf dan perbaikan")
    return programs.program_agree(actor=p.participant_user, program=program)


def log_and_confirm(p, program, day, **extra):
    data = {"date": day, "topic": f"Materi {day:%d}", "mode": "luring", "scope": "nasional"}
    data.update(extra)
    logged = sessions.session_log(actor=p.participant_user, program=program, data=data,
                                  submit=True)
    return sessions.session_confirm(actor=p.coach_user, session=logged.session)


@pytest.mark.parametrize("profile_id, expected", [
    ("nganjuk", ["4", "4", "0"]),
    ("langsa", ["2", "2", "0"]),
    ("belitung-timur", ["2", "2", "0"]),
])
def test_three_coaching_sessions_in_a_month_earn_what_the_profile_gives(
        people_for, profile_id, expected):
    p = people_for(profile_id)
    program = start_coaching(p)
    done = [log_and_confirm(p, program, on(-1, d)) for d in (5, 12, 19)]
    for session in done:
        sessions.session_validate(actor=p.hr_user, session=session)
    rows = list(Session.objects.filter(program=program).order_by("date"))
    assert [str(r.jp.normalize()) for r in rows] == expected
    assert [r.counted for r in rows] == [True, True, False]
    assert rows[2].reasons[0]["code"] == "monthly_cap_reached"


def test_pending_sessions_show_provisional_jp_only(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    session = log_and_confirm(p, program, on(-1, 5))
    session.refresh_from_db()
    assert (session.jp, session.jp_provisional) == (Decimal("0"), Decimal("2"))
    sessions.session_validate(actor=p.hr_user, session=session)
    session.refresh_from_db()
    assert (session.jp, session.jp_provisional) == (Decimal("2"), Decimal("2"))


def test_non_talent_employee_cannot_be_enrolled_under_belitung_timur(people_for):
    p = people_for("belitung-timur")
    p.participant.is_talent = False
    p.participant.save()
    with pytest.raises(RuleRefusal) as error:
        start_coaching(p)
    assert error.value.code == "participant_not_eligible"
    assert "bertalenta" in error.value.message
    assert "Belitung" in error.value.message  # the clause is named


def test_belitung_timur_coaching_needs_the_performance_problem(people_for):
    p = people_for("belitung-timur")
    with pytest.raises(RuleRefusal) as error:
        programs.coaching_propose(actor=p.coach_user, participant=p.participant,
                                  start_date=OCT, end_date=on(1, 31),
                                  development_need="x")
    assert error.value.code == "performance_problem_required"


def test_under_nganjuk_an_appointed_coach_from_another_unit_may_coach(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p, coach_user=p.outsider_user)
    assert program.status == Program.Status.ACTIVE
    assert program.guide == p.outsider


def test_under_langsa_only_the_direct_supervisor_may_coach(people_for):
    p = people_for("langsa")
    with pytest.raises(RuleRefusal) as error:
        start_coaching(p, coach_user=p.outsider_user)
    assert error.value.code == "not_direct_supervisor"


def test_under_nganjuk_an_unappointed_coach_is_refused(people_for):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        start_coaching(p, coach_user=p.head_user)
    assert error.value.code == "not_appointed"


def test_mentoring_request_accepted_by_a_senior_employee(people_for):
    p = people_for("langsa")
    program = programs.mentoring_request(
        actor=p.participant_user, mentor=p.outsider, start_date=OCT,
        end_date=on(4, 31), development_need="Karier")
    assert program.status == Program.Status.REQUESTED
    with pytest.raises(RuleRefusal):
        programs.mentoring_answer(actor=p.outsider_user, program=program, accept=False)
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE


def test_a_junior_cannot_be_a_mentor(people_for):
    p = people_for("langsa")
    with pytest.raises(RuleRefusal) as error:
        programs.mentoring_request(actor=p.coach_user, mentor=p.participant, start_date=OCT,
                                   end_date=on(4, 31), development_need="x")
    assert error.value.code == "mentor_not_senior"


def test_self_study_over_two_jp_a_day_is_capped_with_the_reason(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="Analisis data",
        learning_sources="Kursus daring Excel")
    day = on(-1, 6)
    first = log_and_confirm(p, program, day, minutes=100, resume="Pivot", learning_source="x")
    second = log_and_confirm(p, program, day, minutes=60, resume="Grafik", learning_source="x")
    for s in (first, second):
        sessions.session_validate(actor=p.hr_user, session=s)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.jp, second.jp) == (Decimal("2"), Decimal("0"))
    assert "self_study_daily_cap" in [r["code"] for r in second.reasons]


def test_self_study_needs_minutes_resume_and_source(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="x", learning_sources="y")
    with pytest.raises(RuleRefusal) as error:
        sessions.session_log(actor=p.participant_user, program=program,
                             data={"date": on(-1, 6), "topic": "t"})
    assert error.value.field == "minutes"


def test_nganjuk_has_no_self_study(people_for):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        programs.self_study_instruct(
            actor=p.coach_user, participant=p.participant, start_date=OCT,
            end_date=on(1, 31), development_need="x", learning_sources="y")
    assert error.value.code == "activity_not_regulated"


def test_future_and_out_of_program_dates_are_refused(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    for day, code in [(on(2, 5), "date_future"),
                      (OCT - datetime.timedelta(days=1), "date_outside_program")]:
        with pytest.raises(RuleRefusal) as error:
            sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": day, "topic": "t"})
        assert error.value.code == code


def test_the_same_submission_twice_creates_one_session(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    data = {"date": on(-1, 5), "topic": "t"}
    first = sessions.session_log(actor=p.participant_user, program=program, data=data,
                                 submission_key="abc")
    second = sessions.session_log(actor=p.participant_user, program=program, data=data,
                                  submission_key="abc")
    assert first.session.pk == second.session.pk and not second.created
    assert Session.objects.count() == 1


def test_two_sessions_on_one_date_are_allowed_with_a_warning(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    data = {"date": on(-1, 5), "topic": "t"}
    sessions.session_log(actor=p.participant_user, program=program, data=data)
    again = sessions.session_log(actor=p.participant_user, program=program, data=data)
    assert again.warnings


def test_participant_never_initials_or_validates_their_own_session(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    logged = sessions.session_log(actor=p.participant_user, program=program,
                                  data={"date": on(-1, 5), "topic": "t"},
                                  submit=True)
    with pytest.raises(TransitionRefused):
        sessions.session_confirm(actor=p.participant_user, session=logged.session)
    confirmed = sessions.session_confirm(actor=p.coach_user, session=logged.session)
    with pytest.raises(TransitionRefused):
        sessions.session_validate(actor=p.participant_user, session=confirmed)
    with pytest.raises(TransitionRefused):
        sessions.session_validate(actor=p.coach_user, session=confirmed)


def test_returned_session_comes_back_corrected_and_through_initials_again(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    confirmed = log_and_confirm(p, program, on(-1, 5))
    with pytest.raises(TransitionRefused):
        sessions.session_update(actor=p.participant_user, session=confirmed,
                                data={"date": confirmed.date, "topic": "x"})
    sessions.session_return(actor=p.hr_user, session=confirmed, reason="Materi kurang jelas")
    sessions.session_update(actor=p.participant_user, session=confirmed,
                            data={"date": confirmed.date, "topic": "Materi diperjelas"})
    resubmitted = sessions.session_submit(actor=p.participant_user, session=confirmed)
    assert resubmitted.status == S.SUBMITTED
    sessions.session_confirm(actor=p.coach_user, session=resubmitted)
    validated = sessions.session_validate(actor=p.hr_user, session=resubmitted)
    assert validated.status == S.VALIDATED and validated.topic == "Materi diperjelas"
    statuses = list(SessionTransition.objects.filter(session=validated)
                    .values_list("to_status", flat=True))
    assert statuses == ["submitted", "confirmed", "returned", "submitted", "confirmed",
                        "validated"]
    assert AuditEvent.objects.filter(action="session.return", reason="Materi kurang jelas").exists()


def test_coach_logs_on_behalf_and_the_participant_acknowledges(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    logged = sessions.session_log(actor=p.coach_user, program=program,
                                  data={"date": on(-1, 5), "topic": "t"})
    assert logged.session.status == S.AWAITING_ACK and logged.session.on_behalf
    acknowledged = sessions.session_acknowledge(actor=p.participant_user, session=logged.session)
    assert acknowledged.status == S.CONFIRMED
    assert acknowledged.confirmed_by == p.coach_user


def test_only_bkpsdm_cancels_a_validated_session(people_for, db):
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant, login_for

    p = people_for("langsa")
    program = start_coaching(p)
    validated = sessions.session_validate(
        actor=p.hr_user, session=log_and_confirm(p, program, on(-1, 5)))
    with pytest.raises(TransitionRefused):
        sessions.session_cancel(actor=p.hr_user, session=validated, reason="x")
    admin = login_for(regency=p.regency, username="admin.uji")
    grant(admin, Role.HR_ADMIN)
    with pytest.raises(RuleRefusal):
        sessions.session_cancel(actor=admin, session=validated)
    cancelled = sessions.session_cancel(actor=admin, session=validated, reason="ganda")
    cancelled.refresh_from_db()
    assert cancelled.status == S.CANCELLED and cancelled.jp == 0
    assert Session.objects.filter(pk=cancelled.pk).exists()  # never deleted


def test_international_session_needs_evidence(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    with pytest.raises(RuleRefusal) as error:
        sessions.session_log(actor=p.participant_user, program=program, submit=True,
                             data={"date": on(-1, 5), "topic": "t",
                                   "scope": "internasional"})
    assert error.value.code == "evidence_required"


def test_heading_a_unit_does_not_make_one_its_hr_officer(people_for, client):
    from django.urls import reverse

    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant

    p = people_for("langsa")
    grant(p.outsider_user, Role.HR_OFFICER, p.other_unit)
    grant(p.outsider_user, Role.HEAD_OF_UNIT, p.unit)
    confirmed = log_and_confirm(p, start_coaching(p), on(-1, 5))
    assert not sessions.may_validate(p.outsider_user, confirmed)
    with pytest.raises(TransitionRefused):
        sessions.session_validate(actor=p.outsider_user, session=confirmed)
    client.force_login(p.outsider_user)
    assert client.get(reverse("organisation:employee_detail", args=[p.participant.pk])
                      ).status_code == 200  # the head reads
    assert client.get(reverse("organisation:employee_edit", args=[p.participant.pk])
                      ).status_code == 404  # but does not write as HR


def test_the_coachee_may_decline_and_the_requester_withdraw(people_for):
    p = people_for("langsa")
    proposed = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="x")
    with pytest.raises(RuleRefusal):
        programs.program_decline(actor=p.participant_user, program=proposed, reason="")
    declined = programs.program_decline(actor=p.participant_user, program=proposed,
                                        reason="Beban kerja")
    assert declined.status == Program.Status.DECLINED
    requested = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                           start_date=OCT, end_date=on(4, 31),
                                           development_need="Karier")
    with pytest.raises(TransitionRefused):
        programs.program_withdraw(actor=p.outsider_user, program=requested)
    assert programs.program_withdraw(actor=p.participant_user,
                                     program=requested).status == Program.Status.CANCELLED


def test_the_participant_corrects_a_returned_session_the_coach_logged(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    logged = sessions.session_log(actor=p.coach_user, program=program,
                                  data={"date": on(-1, 5), "topic": "t"})
    acknowledged = sessions.session_acknowledge(actor=p.participant_user, session=logged.session)
    sessions.session_return(actor=p.hr_user, session=acknowledged, reason="Materi?")
    sessions.session_update(actor=p.participant_user, session=acknowledged,
                            data={"date": on(-1, 5), "topic": "Materi jelas"})
    assert sessions.session_submit(actor=p.participant_user,
                                   session=acknowledged).status == S.SUBMITTED
