"""Issue 10 item 5: under `nganjuk` the coaching evaluation stays per session (*segera
setelah Coaching selesai*, Formulir Evaluasi Coaching, cara mengisi a) and the mentor's
*Penilaian Penyelesaian Kegiatan* stays once, at the program's end (Mentoring D.4.e)."""

import pytest

from kembang.common.tests.clock import on
from kembang.learning.errors import TransitionRefused
from kembang.learning.models import CoachEvaluation, MentorAssessment
from kembang.learning.services import evaluations, programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.policy import profiles as P
from kembang.policy.builtin import NGANJUK

NINE_AGREE = [3] * 9
ABC = {"form_a": "Menyusun laporan kinerja", "form_b": "Tugas pelaporan unit",
       "form_c": "Menyusun kerangka laporan"}


def start_coaching(p):
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan kinerja")
    return programs.program_agree(actor=p.participant_user, program=program)


def confirmed_session(p, program, day):
    logged = sessions.session_log(actor=p.participant_user, program=program, submit=True,
                                  data={"date": day, "mode": "luring", "scope": "nasional",
                                        **ABC})
    return sessions.session_confirm(actor=p.coach_user, session=logged.session)


def test_nganjuk_profile_keeps_the_two_timings():
    coaching = NGANJUK.evaluation_form("coaching_evaluation")
    assert (coaching.filled_by, coaching.timing) == (P.COACHEE, P.AFTER_EACH_SESSION)
    mentor = NGANJUK.evaluation_form("mentor_assessment")
    assert (mentor.filled_by, mentor.timing) == (P.MENTOR, P.END_OF_PROGRAM)


def test_under_nganjuk_each_coaching_session_gets_its_own_evaluation(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    first = confirmed_session(p, program, on(-1, 5))
    second = confirmed_session(p, program, on(-1, 12))
    for session in (first, second):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            session=session, answers=NINE_AGREE)
    assert CoachEvaluation.objects.filter(program=program).count() == 2
    assert set(CoachEvaluation.objects.values_list("session_id", flat=True)) == {
        first.pk, second.pk}


def test_under_nganjuk_a_session_the_coach_logged_is_evaluated_once_acknowledged(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = sessions.session_log(actor=p.coach_user, program=program, data={
        "date": on(-1, 5), "mode": "luring", "scope": "nasional"}).session
    with pytest.raises(TransitionRefused):  # not yet: the participant has not written it
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            session=session, answers=NINE_AGREE)
    sessions.session_acknowledge(actor=p.participant_user, session=session, written=ABC)
    session.refresh_from_db()
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        session=session, answers=NINE_AGREE)
    assert CoachEvaluation.objects.filter(session=session).count() == 1


def test_under_nganjuk_the_coaching_evaluation_is_not_moved_to_the_programs_end(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    confirmed_session(p, program, on(-1, 5))
    programs.program_close(actor=p.coach_user, program=program)
    program.refresh_from_db()
    with pytest.raises(TransitionRefused):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            answers=NINE_AGREE)
    assert not CoachEvaluation.objects.exists()


def test_under_nganjuk_the_mentor_assesses_once_at_the_programs_end(people_for):
    p = people_for("nganjuk")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    program.refresh_from_db()
    logged = sessions.session_log(actor=p.participant_user, program=program, submit=True,
                                  data={"date": on(-1, 5), "mode": "luring",
                                        "scope": "nasional", **ABC})
    sessions.session_confirm(actor=p.outsider_user, session=logged.session)
    with pytest.raises(TransitionRefused):  # not after a session
        evaluations.mentor_assessment_submit(actor=p.outsider_user, program=program,
                                             score=3, explanation="Baik")
    programs.program_close(actor=p.outsider_user, program=program)
    program.refresh_from_db()
    evaluations.mentor_assessment_submit(actor=p.outsider_user, program=program, score=3,
                                         explanation="Isu terselesaikan")
    with pytest.raises(TransitionRefused):  # once
        evaluations.mentor_assessment_submit(actor=p.outsider_user, program=program,
                                             score=4, explanation="Lagi")
    assert MentorAssessment.objects.filter(program=program).count() == 1
