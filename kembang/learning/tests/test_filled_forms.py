"""A form already filled shows what was sent, read-only, and a second submission changes
nothing and says so: the coaching evaluation (per session under nganjuk, at the end of
the program elsewhere), the mentor's closing assessment, the self-study closing resume.
The coach never sees one coachee's answers."""

import pytest
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import on
from kembang.learning.errors import TransitionRefused
from kembang.learning.models import CoachEvaluation, MentorAssessment, SelfStudyClosing
from kembang.learning.services import evaluations, programs
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_views import (
    client_as,
    html,
    log_confirmed,
    messages_of,
    start_coaching,
    text_of,
)

AGREE = {f"item_{i}": "3" for i in range(9)} | {"suggestions": "Penjelasan coach jelas."}
DISAGREE = {f"item_{i}": "1" for i in range(9)} | {"suggestions": "Kiriman kedua."}
SECOND_EVALUATION = ("Evaluasi ini sudah Anda kirim sebelumnya. Kiriman kedua tidak mengubah "
                     "jawaban yang tersimpan.")


def nganjuk_evaluation_url(p):
    program = start_coaching(p)
    session = log_confirmed(p, program, on(-1, 5))
    url = reverse("learning:coach_evaluation", args=[program.pk]) + f"?sesi={session.pk}"
    return program, session, url


def test_a_filled_coaching_evaluation_opens_read_only_with_the_answers(people_for):
    p = people_for("nganjuk")
    program, session, url = nganjuk_evaluation_url(p)
    coachee = client_as(p.participant_user)
    assert 'name="item_0"' in html(coachee.get(url))
    sent = coachee.post(url, AGREE)
    assert sent.status_code == 302

    page = coachee.get(url)
    assert page.status_code == 200
    assert 'name="item_0"' not in html(page) and 'name="suggestions"' not in html(page)
    answers = page.context["filled"].answers
    assert [a.answer for a in answers[:9]] == ["3 – setuju"] * 9
    assert answers[-1].answer == "Penjelasan coach jelas."
    text = text_of(page)
    assert "hanya dapat dibaca" in text
    assert "1. " + answers[0].question in text
    assert "Penjelasan coach jelas." in text
    # The program page links to it again.
    detail = coachee.get(reverse("learning:program_detail", args=[program.pk]))
    assert f"?sesi={session.pk}" in html(detail)
    assert "Lihat evaluasi coaching yang sudah Anda kirim untuk sesi" in html(detail)


def test_a_second_submission_changes_nothing_and_says_so(people_for):
    p = people_for("nganjuk")
    _program, _session, url = nganjuk_evaluation_url(p)
    coachee = client_as(p.participant_user)
    coachee.post(url, AGREE)
    audit = AuditEvent.objects.count()

    again = coachee.post(url, DISAGREE, follow=True)
    assert again.redirect_chain == [(url, 302)]
    assert SECOND_EVALUATION in messages_of(again)
    assert "Penjelasan coach jelas." in text_of(again)
    assert "Kiriman kedua." not in text_of(again)
    evaluation = CoachEvaluation.objects.get()
    assert (evaluation.answers, evaluation.suggestions) == ([3] * 9,
                                                            "Penjelasan coach jelas.")
    assert AuditEvent.objects.count() == audit


def test_a_submission_racing_another_tab_shows_what_was_kept(people_for, monkeypatch):
    """The form was valid and the check passed, but the other tab's answers got in
    first: the page shows those, and says the second submission changed nothing."""
    p = people_for("nganjuk")
    program, session, url = nganjuk_evaluation_url(p)
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        session=session, answers=[2] * 9, suggestions="Tab 1")
    real = evaluations.coach_evaluation_of
    calls = []

    def not_yet_the_first_time(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(evaluations, "coach_evaluation_of", not_yet_the_first_time)
    response = client_as(p.participant_user).post(url, AGREE, follow=True)
    assert len(calls) == 3  # the POST twice (before and after the refusal), then the GET
    assert SECOND_EVALUATION in messages_of(response)
    assert "Tab 1" in text_of(response)
    assert CoachEvaluation.objects.get().answers == [2] * 9


def test_at_the_end_of_the_program_the_evaluation_reopens_read_only(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    programs.program_close(actor=p.coach_user, program=program)
    url = reverse("learning:coach_evaluation", args=[program.pk])
    coachee = client_as(p.participant_user)
    assert coachee.post(url, AGREE).status_code == 302
    page = coachee.get(url)
    assert "filled" in page.context and 'name="item_0"' not in html(page)
    again = coachee.post(url, DISAGREE, follow=True)
    assert SECOND_EVALUATION in messages_of(again)
    assert CoachEvaluation.objects.get().answers == [3] * 9
    detail = coachee.get(reverse("learning:program_detail", args=[program.pk]))
    assert "Lihat evaluasi coaching yang sudah Anda kirim" in html(detail)


@pytest.mark.parametrize("who", ["coach_user", "hr_user", "head_user"])
def test_nobody_but_the_coachee_sees_a_filled_evaluation(people_for, who):
    p = people_for("nganjuk")
    program, _session, url = nganjuk_evaluation_url(p)
    client_as(p.participant_user).post(url, AGREE)
    other = client_as(getattr(p, who))
    assert other.get(url).status_code == 404
    assert other.post(url, DISAGREE).status_code == 404
    detail = other.get(reverse("learning:program_detail", args=[program.pk]))
    assert "Penjelasan coach jelas." not in html(detail)
    assert "Lihat evaluasi coaching" not in html(detail)
    assert CoachEvaluation.objects.get().answers == [3] * 9


def test_the_mentor_s_assessment_reopens_read_only(people_for):
    p = people_for("nganjuk")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    programs.program_close(actor=p.outsider_user, program=program)
    url = reverse("learning:mentor_assessment", args=[program.pk])
    mentor = client_as(p.outsider_user)
    assert mentor.post(url, {"score": "3", "explanation": "Isu terselesaikan"}).status_code \
        == 302
    page = mentor.get(url)
    assert 'name="score"' not in html(page)
    assert [a.answer for a in page.context["filled"].answers] == ["Mampu", "Isu terselesaikan"]
    again = mentor.post(url, {"score": "1", "explanation": "Ganti"}, follow=True)
    assert ("Penilaian ini sudah Anda kirim sebelumnya. Kiriman kedua tidak mengubah "
            "penilaian yang tersimpan.") in messages_of(again)
    assessment = MentorAssessment.objects.get()
    assert (assessment.score, assessment.explanation) == (3, "Isu terselesaikan")


def test_the_closing_resume_reopens_read_only_until_it_is_returned(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(-1, 31), development_need="Analisis", learning_sources="Kursus daring")
    url = reverse("learning:self_study_closing", args=[program.pk])
    participant = client_as(p.participant_user)
    assert participant.post(url, {"resume": "Saya belajar statistik"}).status_code == 302
    page = participant.get(url)
    assert 'name="resume"' not in html(page)
    assert "Saya belajar statistik" in text_of(page)
    again = participant.post(url, {"resume": "Diganti"}, follow=True)
    assert ("Resume penutup ini sudah Anda ajukan. Kiriman kedua tidak mengubah resume yang "
            "tersimpan.") in messages_of(again)
    assert SelfStudyClosing.objects.get().resume == "Saya belajar statistik"

    # Returned by the supervisor, it is written again, starting from what was sent.
    evaluations.self_study_closing_decide(actor=p.coach_user,
                                          closing=SelfStudyClosing.objects.get(),
                                          accept=False, comments="Tambahkan contoh")
    page = participant.get(url)
    assert 'name="resume"' in html(page) and "Tambahkan contoh" in html(page)
    assert "Saya belajar statistik" in html(page)


def test_the_service_still_refuses_a_second_evaluation(people_for):
    p = people_for("nganjuk")
    program, session, _url = nganjuk_evaluation_url(p)
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        session=session, answers=[3] * 9)
    with pytest.raises(TransitionRefused):
        evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                            session=session, answers=[1] * 9)
    assert evaluations.coach_evaluation_of(program, session).answers == [3] * 9
    assert evaluations.coach_evaluation_of(program, None) is None
