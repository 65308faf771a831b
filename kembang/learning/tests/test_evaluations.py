"""Evaluation forms as the profile's data says (docs/life-cycle.md#evaluations,
docs/life-cycle.md#evaluation-privacy)."""

import pytest

from kembang.common.tests.clock import on
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import CoachEvaluation, Program
from kembang.learning.services import evaluations, programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.tests.factories import EmployeeFactory, login_for

NINE_AGREE = [3] * 9


def test_under_nganjuk_the_coachee_evaluates_after_each_session(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    first = log_and_confirm(p, program, on(-1, 5))
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        session=first, answers=NINE_AGREE, suggestions="Bagus")
    with pytest.raises(TransitionRefused):  # once
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            session=first, answers=NINE_AGREE)
    with pytest.raises(TransitionRefused):  # not at the end under nganjuk
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            answers=NINE_AGREE)


def test_a_session_not_yet_initialled_cannot_be_evaluated(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": on(-1, 5), "topic": "t"}).session
    with pytest.raises(TransitionRefused):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            session=draft, answers=NINE_AGREE)


def test_elsewhere_the_coachee_evaluates_when_the_program_ends(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    with pytest.raises(TransitionRefused):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            answers=NINE_AGREE)
    programs.program_close(actor=p.coach_user, program=program)
    program.refresh_from_db()
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        answers=NINE_AGREE)
    assert CoachEvaluation.objects.count() == 1


def test_only_the_real_coachee_evaluates_and_answers_follow_the_scale(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    programs.program_close(actor=p.coach_user, program=program)
    program.refresh_from_db()
    with pytest.raises(TransitionRefused):
        evaluations.coach_evaluation_submit(actor=p.outsider_user, program=program,
                                            answers=NINE_AGREE)
    with pytest.raises(RuleRefusal):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            answers=[4] * 9)
    with pytest.raises(RuleRefusal):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            answers=[3] * 8)


def test_mentor_assesses_at_the_end_with_an_explanation(people_for):
    p = people_for("nganjuk")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    program.refresh_from_db()
    with pytest.raises(TransitionRefused):
        evaluations.mentor_assessment_submit(actor=p.outsider_user, program=program, score=4,
                                             explanation="x")
    programs.program_close(actor=p.outsider_user, program=program)
    program.refresh_from_db()
    with pytest.raises(RuleRefusal):
        evaluations.mentor_assessment_submit(actor=p.outsider_user, program=program, score=4,
                                             explanation="")
    assessment = evaluations.mentor_assessment_submit(
        actor=p.outsider_user, program=program, score=3, explanation="Isu terselesaikan")
    assert assessment.label == "Mampu"


def test_self_study_closing_resume_is_accepted_or_returned(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(-1, 31), development_need="x", learning_sources="y")
    closing = evaluations.self_study_closing_submit(actor=p.participant_user, program=program,
                                                    resume="Saya belajar")
    with pytest.raises(RuleRefusal):
        evaluations.self_study_closing_decide(actor=p.coach_user, closing=closing, accept=False)
    evaluations.self_study_closing_decide(actor=p.coach_user, closing=closing, accept=False,
                                          comments="Tambahkan contoh")
    closing = evaluations.self_study_closing_submit(actor=p.participant_user, program=program,
                                                    resume="Saya belajar, contohnya …")
    closing = evaluations.self_study_closing_decide(actor=p.coach_user, closing=closing,
                                                    accept=True)
    assert closing.status == "accepted"


def test_a_coach_sees_results_only_from_three_distinct_coachees(people_for):
    p = people_for("langsa")
    form = evaluations.form_for(start_coaching(p), evaluations.COACHING_FORM)
    CoachEvaluation.objects.all().delete()
    for n in range(3):
        coachee = p.participant if n == 0 else EmployeeFactory(
            unit=p.unit, supervisor=p.coach, position=p.participant.position)
        if n:
            login_for(coachee)
        program = Program.objects.create(
            regency=p.regency, activity="coaching", participant=coachee, guide=p.coach,
            status="closed", development_need="x", start_date=OCT,
            end_date=on(-1, 31), profile_id="langsa",
            started_by=p.coach_user)
        CoachEvaluation.objects.create(regency=p.regency, program=program, evaluator=coachee,
                                       coach=p.coach, form_code=form.code,
                                       answers=[n + 1] * 9)
        summary = evaluations.coach_evaluation_summary(p.coach, form=form)
        assert (summary is None) == (n < 2)
    assert summary.item_means[0][1] == 2


def test_one_more_evaluation_never_shows_alone_in_the_coachs_summary(people_for):
    """Anonymity (docs/life-cycle.md#evaluation-privacy): results come out in batches of
    three coachees, so the page before and after one new evaluation cannot be compared to
    read it."""
    p = people_for("langsa")
    form = evaluations.form_for(start_coaching(p), evaluations.COACHING_FORM)
    coachees = [p.participant] + [EmployeeFactory(unit=p.unit, supervisor=p.coach)
                                  for _ in range(3)]
    for n, coachee in enumerate(coachees):
        program = Program.objects.create(
            regency=p.regency, activity="coaching", participant=coachee, guide=p.coach,
            status="closed", development_need="x", start_date=OCT,
            end_date=on(-1, 31), profile_id="langsa", started_by=p.coach_user)
        CoachEvaluation.objects.create(regency=p.regency, program=program, evaluator=coachee,
                                       coach=p.coach, form_code=form.code, answers=[n + 1] * 9)
    summary = evaluations.coach_evaluation_summary(p.coach, form=form)
    assert (summary.evaluators, summary.responses) == (3, 3)  # the fourth waits for two more
