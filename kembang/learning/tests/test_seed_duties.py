"""Belitung Timur's and Langsa's duties (issue 10 items 6–8, docs/belitung-timur-langsa.md):
the leadership's task and the mentee's need for guidance, who counts as PNS bertalenta,
the supervisor's feedback and ratings in self-study, and the mentor's career plan."""

import dataclasses

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import on
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.forms import (
    CoachingProposeForm,
    MentoringRequestForm,
    mark_profile_requirements,
)
from kembang.learning.models import Notification, Program, Session
from kembang.learning.services import evaluations, feedback, programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import EmployeeFactory
from kembang.policy import profiles as P
from kembang.policy.builtin import BELITUNG_TIMUR, BUILTIN_PROFILES

END = on(1, 31)


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def page(user, program) -> str:
    response = client_as(user).get(reverse("learning:program_detail", args=[program.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _mentoring(p, **extra):
    return programs.mentoring_request(
        actor=p.participant_user, mentor=p.coach, start_date=OCT, end_date=END,
        development_need="Analisis kebijakan", **extra)


# --- item 6: Belitung Timur -------------------------------------------------------------


def test_belitung_timur_coaching_records_the_task_the_leadership_gave(people_for):
    p = people_for("belitung-timur")
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Laporan kinerja", performance_problem="Laporan sering terlambat",
        leadership_task="  Menyusun LKjIP dinas tahun ini  ")
    assert program.leadership_task == "Menyusun LKjIP dinas tahun ini"
    shown = page(p.coach_user, program)
    assert "Tugas yang diberikan pimpinan" in shown and "Menyusun LKjIP dinas" in shown


def test_the_coaching_form_offers_the_leadership_task_without_naming_another_regency():
    field = CoachingProposeForm(participants=Employee.objects.none()).fields["leadership_task"]
    assert "Belitung" not in str(field.help_text)
    assert not field.required


@pytest.mark.parametrize("profile_id", ["langsa", "nganjuk"])
def test_a_form_cites_only_its_own_profile(profile_id):
    form = CoachingProposeForm(participants=Employee.objects.none())
    mark_profile_requirements(form, BUILTIN_PROFILES[profile_id])
    shown = " ".join(str(f.help_text) for f in form.fields.values())
    assert "Belitung" not in shown
    assert not form.fields["performance_problem"].required


def test_belitung_timur_mentoring_needs_the_guidance_need_not_a_performance_problem(people_for):
    p = people_for("belitung-timur")
    with pytest.raises(RuleRefusal) as refused:
        _mentoring(p)
    assert refused.value.code == "guidance_need_required"
    assert "angka 18" in refused.value.message
    program = _mentoring(p, guidance_need="Arahan menyusun telaahan kebijakan")
    assert program.guidance_need == "Arahan menyusun telaahan kebijakan"
    assert program.performance_problem == ""
    assert "Bimbingan dan arahan yang dibutuhkan" in page(p.participant_user, program)


def test_the_mentoring_form_asks_for_guidance_citing_belitung_timur_and_never_for_a_problem():
    form = MentoringRequestForm(mentors=Employee.objects.none())
    assert "performance_problem" not in form.fields
    mark_profile_requirements(form, BUILTIN_PROFILES["belitung-timur"])
    field = form.fields["guidance_need"]
    assert field.required
    assert "Belitung Timur" in str(field.help_text) and "angka 18" in str(field.help_text)


@pytest.mark.parametrize("profile_id", ["langsa", "nganjuk"])
def test_other_profiles_do_not_ask_for_the_guidance_need(people_for, profile_id):
    p = people_for(profile_id)
    mentor = p.outsider if profile_id == "nganjuk" else p.coach
    program = programs.mentoring_request(actor=p.participant_user, mentor=mentor,
                                         start_date=OCT, end_date=END, development_need="x")
    assert program.status == Program.Status.REQUESTED


def test_a_belitung_timur_coach_refusal_cites_pasal_2_and_the_table(people_for):
    p = people_for("belitung-timur")
    with pytest.raises(RuleRefusal) as refused:
        programs.coaching_propose(actor=p.outsider_user, participant=p.participant,
                                  start_date=OCT, end_date=END, development_need="x",
                                  performance_problem="y")
    assert "Pasal 2 ayat (2) huruf c" in refused.value.message
    assert "huruf F angka 1" in refused.value.message


@pytest.mark.django_db
def test_every_pns_reading_admits_a_pns_outside_the_formal_talent_pool():
    plain = EmployeeFactory(is_talent=False)
    with pytest.raises(RuleRefusal) as refused:
        programs.check_participant(BELITUNG_TIMUR, plain, "coaching")
    assert "talent pool" in refused.value.message
    every = dataclasses.replace(BELITUNG_TIMUR,
                                talent_reading=P.Rule(P.EVERY_PNS, "Keputusan BKPSDM"))
    programs.check_participant(every, plain, "coaching")
    pppk = EmployeeFactory(kind=Employee.Kind.PPPK, is_talent=True)
    with pytest.raises(RuleRefusal) as refused:
        programs.check_participant(every, pppk, "coaching")
    assert "bukan PNS" in refused.value.message


# --- item 7: Langsa, Tugas Atasan Langsung --------------------------------------------------


def _self_study(p, end=END, sources="Kursus daring analisis data\nBuku Statistik Terapan"):
    return programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=end,
        development_need="Belum mampu mengolah data survei kepuasan",
        learning_sources=sources, target_competencies="Analisis data (level 3)")


def _study_session(p, program, *, submit=True):
    return sessions.session_log(
        actor=p.participant_user, program=program, submit=submit,
        data={"date": on(-1, 5), "topic": "Tabel pivot", "mode": "daring",
              "scope": "nasional", "minutes": 90, "learning_source": "Kursus daring",
              "resume": "Saya belajar tabel pivot"}).session


def test_self_study_page_shows_the_gap_explanation_and_target_competencies(people_for):
    p = people_for("langsa")
    shown = page(p.participant_user, _self_study(p))
    block = shown.split('id="seed-duties"', 1)[1].split("</dl>", 1)[0]
    assert "Penjelasan atasan tentang kesenjangan kompetensi" in block
    assert "Belum mampu mengolah data survei kepuasan" in block
    assert "Kompetensi sasaran" in block and "Analisis data (level 3)" in block
    # The print is this page: the block is not hidden from it.
    assert "no-print" not in shown.split('id="seed-duties"', 1)[0].rsplit("<dl", 1)[1]


def test_the_supervisor_gives_feedback_on_a_self_study_session(people_for):
    p = people_for("langsa")
    session = _study_session(p, _self_study(p))
    before = Notification.objects.filter(user=p.participant_user).count()
    session = feedback.session_feedback_give(actor=p.coach_user, session=session,
                                             feedback="  Bagus; coba juga grafik.  ")
    assert session.guide_feedback == "Bagus; coba juga grafik."
    assert session.status == Session.Status.SUBMITTED
    event = AuditEvent.objects.get(action="session.feedback", object_id=str(session.pk))
    assert event.changes == {"guide_feedback": ["", "Bagus; coba juga grafik."]}
    assert Notification.objects.filter(user=p.participant_user).count() == before + 1
    feedback.session_feedback_give(actor=p.coach_user, session=session, feedback="Lebih baik")
    assert AuditEvent.objects.filter(action="session.feedback").count() == 2


def test_only_the_supervisor_gives_feedback_and_only_on_submitted_self_study(people_for):
    p = people_for("langsa")
    program = _self_study(p)
    session = _study_session(p, program)
    for actor in (p.participant_user, p.hr_user, p.head_user):
        with pytest.raises(TransitionRefused):
            feedback.session_feedback_give(actor=actor, session=session, feedback="x")
    with pytest.raises(RuleRefusal) as refused:
        feedback.session_feedback_give(actor=p.coach_user, session=session, feedback="  ")
    assert refused.value.code == "feedback_required"
    with pytest.raises(RuleRefusal):
        feedback.session_feedback_give(actor=p.coach_user, session=session,
                                       feedback="x" * 2001)
    draft = sessions.session_log(
        actor=p.participant_user, program=program, submit=False,
        data={"date": on(-1, 6), "topic": "Draf", "mode": "daring", "scope": "nasional",
              "minutes": 30, "learning_source": "Buku", "resume": "Draf"}).session
    with pytest.raises(TransitionRefused):
        feedback.session_feedback_give(actor=p.coach_user, session=draft, feedback="x")
    coaching = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="x"))
    coached = sessions.session_log(actor=p.participant_user, program=coaching, submit=True,
                                   data={"date": on(-1, 7), "topic": "Sesi", "mode": "luring",
                                         "scope": "nasional"}).session
    with pytest.raises(TransitionRefused):
        feedback.session_feedback_give(actor=p.coach_user, session=coached, feedback="x")
    assert not AuditEvent.objects.filter(action="session.feedback").exists()


def test_feedback_through_its_page_and_the_include(people_for):
    p = people_for("langsa")
    session = _study_session(p, _self_study(p))
    url = reverse("learning:session_feedback", args=[session.pk])
    response = client_as(p.coach_user).post(url, {"feedback": "Lanjutkan ke bab 3"})
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:session_detail", args=[session.pk])
    session.refresh_from_db()
    assert session.guide_feedback == "Lanjutkan ke bab 3"
    # The participant is refused (a message, nothing changes); an outsider gets a 404.
    client_as(p.participant_user).post(url, {"feedback": "Saya sendiri"})
    assert client_as(p.outsider_user).post(url, {"feedback": "x"}).status_code == 404
    assert client_as(p.coach_user).get(url).status_code == 405
    session.refresh_from_db()
    assert session.guide_feedback == "Lanjutkan ke bab 3"

    template = Template("{% load learning_duties %}{% session_feedback session %}")

    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        return template.render(Context({"request": request, "session": session}))

    assert f'action="{url}"' in render(p.coach_user)
    mine = render(p.participant_user)
    assert "Lanjutkan ke bab 3" in mine and "<form" not in mine


def _closing(p):
    program = _self_study(p, end=on(-1, 31))
    return program, evaluations.self_study_closing_submit(
        actor=p.participant_user, program=program, resume="Saya menguasai tabel pivot")


def test_accepting_the_closing_resume_rates_each_learning_source(people_for):
    p = people_for("langsa")
    program, closing = _closing(p)
    assert evaluations.learning_source_list(program) == [
        "Kursus daring analisis data", "Buku Statistik Terapan"]
    closing = evaluations.self_study_closing_decide(
        actor=p.coach_user, closing=closing, accept=True,
        source_ratings=[("efektif", "Praktis"), ("kurang_efektif", "")])
    assert closing.status == "accepted"
    assert closing.source_ratings == [
        {"source": "Kursus daring analisis data", "rating": "efektif", "note": "Praktis"},
        {"source": "Buku Statistik Terapan", "rating": "kurang_efektif", "note": ""}]
    event = AuditEvent.objects.get(action="evaluation.resume_decide")
    assert event.changes["source_ratings"] == [[], closing.source_ratings]
    shown = page(p.participant_user, program)
    assert "Penilaian sumber pembelajaran" in shown
    assert "Efektif" in shown and "Kurang efektif" in shown and "Praktis" in shown


@pytest.mark.parametrize("ratings, code", [
    ([("sangat_efektif", "")] * 2, "source_rating_invalid"),
    ([("", "Tanpa nilai"), ("efektif", "")], "source_rating_required"),
    ([("efektif", "")], "source_ratings_invalid"),
    ([("efektif", "x" * 501), ("efektif", "")], "source_rating_note_too_long"),
])
def test_a_bad_rating_refuses_the_acceptance(people_for, ratings, code):
    p = people_for("langsa")
    _program, closing = _closing(p)
    with pytest.raises(RuleRefusal) as refused:
        evaluations.self_study_closing_decide(actor=p.coach_user, closing=closing,
                                              accept=True, source_ratings=ratings)
    assert refused.value.code == code
    closing.refresh_from_db()
    assert closing.status == "submitted" and closing.source_ratings == []


def test_returning_keeps_no_ratings(people_for):
    p = people_for("langsa")
    _program, closing = _closing(p)
    closing = evaluations.self_study_closing_decide(
        actor=p.coach_user, closing=closing, accept=False, comments="Tambah contoh",
        source_ratings=[("efektif", ""), ("efektif", "")])
    assert closing.status == "returned" and closing.source_ratings == []


def test_the_decision_form_offers_a_rating_per_source_and_posts_them(people_for):
    p = people_for("langsa")
    program, closing = _closing(p)
    shown = page(p.coach_user, program)
    assert 'name="rating_0"' in shown and 'name="rating_1"' in shown
    assert "Cukup efektif" in shown
    assert 'name="rating_0"' not in page(p.participant_user, program)
    response = client_as(p.coach_user).post(
        reverse("learning:self_study_closing_decide", args=[program.pk]),
        {"accept": "1", "rating_0": "cukup_efektif", "note_0": "Sebagian",
         "rating_1": "", "note_1": ""})
    assert response.status_code == 302
    closing.refresh_from_db()
    assert closing.status == "accepted"
    assert closing.source_ratings == [
        {"source": "Kursus daring analisis data", "rating": "cukup_efektif",
         "note": "Sebagian"}]


# --- item 8: the mentor's career development plan ----------------------------------------


def _running_mentoring(p, profile_id):
    mentor, mentor_user = ((p.outsider, p.outsider_user) if profile_id == "nganjuk"
                           else (p.coach, p.coach_user))
    extra = {"guidance_need": "Arahan kerja"} if profile_id == "belitung-timur" else {}
    program = programs.mentoring_request(actor=p.participant_user, mentor=mentor,
                                         start_date=OCT, end_date=END,
                                         development_need="Karier", **extra)
    return programs.mentoring_answer(actor=mentor_user, program=program, accept=True), \
        mentor_user


@pytest.mark.parametrize("profile_id", ["belitung-timur", "langsa", "nganjuk"])
def test_the_mentor_records_a_career_development_plan(people_for, profile_id):
    p = people_for(profile_id)
    program, mentor_user = _running_mentoring(p, profile_id)
    shown = page(mentor_user, program)
    assert "Rencana pengembangan karier" in shown
    assert reverse("learning:program_career_plan", args=[program.pk]) in shown
    assert reverse("learning:program_career_plan", args=[program.pk]) not in page(
        p.participant_user, program)
    response = client_as(mentor_user).post(
        reverse("learning:program_career_plan", args=[program.pk]),
        {"career_plan": "2027: JF Analis Kebijakan Ahli Muda"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.career_plan == "2027: JF Analis Kebijakan Ahli Muda"
    assert AuditEvent.objects.filter(action="program.career_plan",
                                     object_id=str(program.pk)).count() == 1
    assert "2027: JF Analis Kebijakan Ahli Muda" in page(p.participant_user, program)


def test_only_the_mentor_of_a_running_mentoring_program_writes_the_plan(people_for):
    p = people_for("langsa")
    requested = _mentoring(p)
    with pytest.raises(TransitionRefused):
        feedback.program_career_plan_set(actor=p.coach_user, program=requested,
                                         career_plan="x")
    program = programs.mentoring_answer(actor=p.coach_user, program=requested, accept=True)
    with pytest.raises(TransitionRefused):
        feedback.program_career_plan_set(actor=p.participant_user, program=program,
                                         career_plan="x")
    self_study = _self_study(p)
    with pytest.raises(TransitionRefused):
        feedback.program_career_plan_set(actor=p.coach_user, program=self_study,
                                         career_plan="x")
    with pytest.raises(RuleRefusal):
        feedback.program_career_plan_set(actor=p.coach_user, program=program,
                                         career_plan="x" * 4001)
    program = feedback.program_career_plan_set(actor=p.coach_user, program=program,
                                               career_plan="Rencana")
    assert program.career_plan == "Rencana"
    url = reverse("learning:program_career_plan", args=[program.pk])
    assert client_as(p.outsider_user).post(url, {"career_plan": "x"}).status_code == 404
    program.refresh_from_db()
    assert program.career_plan == "Rencana"
