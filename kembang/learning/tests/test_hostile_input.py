"""Hostile input on the learning pages' POSTs that read text by hand (no form field): a
NUL character is refused with a message and changes nothing, where PostgreSQL used to
answer a DataError (500). Run on PostgreSQL to see the failure these guard against."""

import pytest
from django.test import Client
from django.urls import reverse

from kembang.common.tests.clock import TODAY, days_ago, on
from kembang.learning.models import Appointment, ClassicalTraining, Program, Session
from kembang.learning.services import evaluations, programs, sessions
from kembang.learning.services.classical import classical_record
from kembang.learning.tests.conftest import OCT

S = Session.Status
NUL_REASON = {"reason": "a\x00b"}
REFUSED = "Karakter null tidak diizinkan."


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def start_coaching(p):
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan kinerja", job_link="Tugas pelaporan",
        planned_activities="Praktik bersama", performance_problem="Laporan sering terlambat")
    return programs.program_agree(actor=p.participant_user, program=program)


def log_submitted(p, program):
    return sessions.session_log(
        actor=p.participant_user, program=program, submit=True,
        data={"date": on(-1, 5), "topic": "Materi", "mode": "luring",
              "scope": "nasional"}).session


@pytest.fixture
def langsa(people_for):
    p = people_for("langsa")
    return p, start_coaching(p)


@pytest.mark.parametrize("action, who", [("kembalikan", "coach_user"),
                                         ("batalkan", "participant_user")])
def test_a_nul_in_the_reason_of_a_session_return_or_cancel_is_refused(langsa, action, who):
    p, program = langsa
    session = log_submitted(p, program)
    response = client_as(getattr(p, who)).post(
        reverse("learning:session_action", args=[session.pk, action]), NUL_REASON, follow=True)
    assert response.status_code == 200
    assert REFUSED in messages_of(response)
    session.refresh_from_db()
    assert session.status == S.SUBMITTED


def test_a_reason_longer_than_a_page_is_refused(langsa):
    p, program = langsa
    session = log_submitted(p, program)
    response = client_as(p.coach_user).post(
        reverse("learning:session_action", args=[session.pk, "kembalikan"]),
        {"reason": "x" * 5000}, follow=True)
    assert any("paling banyak 1000 karakter" in m for m in messages_of(response))
    session.refresh_from_db()
    assert session.status == S.SUBMITTED


def test_a_nul_in_the_reason_of_a_program_close_is_refused(langsa):
    p, program = langsa
    response = client_as(p.coach_user).post(
        reverse("learning:program_close", args=[program.pk]), NUL_REASON, follow=True)
    assert REFUSED in messages_of(response)
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE


def test_a_nul_in_the_reason_of_a_decline_is_refused(people_for):
    p = people_for("langsa")
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="x", job_link="y", planned_activities="z",
        performance_problem="w")
    response = client_as(p.participant_user).post(
        reverse("learning:program_decline", args=[program.pk]), NUL_REASON, follow=True)
    assert REFUSED in messages_of(response)
    program.refresh_from_db()
    assert program.status == Program.Status.PROPOSED


def test_a_nul_in_the_reason_of_a_mentoring_answer_is_refused(people_for):
    p = people_for("nganjuk")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    response = client_as(p.outsider_user).post(
        reverse("learning:program_answer", args=[program.pk]),
        {"accept": "0", "reason": "a\x00b"}, follow=True)
    assert REFUSED in messages_of(response)
    program.refresh_from_db()
    assert program.status == Program.Status.REQUESTED


def test_a_nul_in_the_reason_of_a_classical_cancel_is_refused(people_for):
    p = people_for("langsa")
    training = classical_record(actor=p.hr_user, employee=p.participant, route="KL06",
                                title="Seminar SDM", start_date=days_ago(1), end_date=TODAY,
                                jp=None, certificate_number="SRT-1")
    response = client_as(p.hr_user).post(
        reverse("learning:classical_cancel", args=[p.participant.pk, training.pk]),
        NUL_REASON, follow=True)
    assert REFUSED in messages_of(response)
    assert ClassicalTraining.objects.get(pk=training.pk).cancel_reason == ""


def test_a_nul_in_the_reason_of_an_appointment_revoke_is_refused(people_for):
    p = people_for("nganjuk")
    appointment = Appointment.objects.filter(unit=p.unit, appointee=p.coach).first()
    response = client_as(p.head_user).post(
        reverse("learning:appointment_revoke", args=[appointment.pk]), NUL_REASON,
        follow=True)
    assert REFUSED in messages_of(response)
    appointment.refresh_from_db()
    assert appointment.revoked_at is None


def test_a_nul_in_the_comments_on_a_closing_resume_is_refused(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(-1, 31), development_need="x", learning_sources="y")
    closing = evaluations.self_study_closing_submit(actor=p.participant_user, program=program,
                                                    resume="Saya belajar")
    response = client_as(p.coach_user).post(
        reverse("learning:self_study_closing_decide", args=[program.pk]),
        {"accept": "0", "comments": "a\x00b"}, follow=True)
    assert REFUSED in messages_of(response)
    closing.refresh_from_db()
    assert closing.status == "submitted"


@pytest.mark.parametrize("query", [{"tahun": str(10**23)}, {"tahun": "\x00"},
                                   {"tahun": "9" * 5000}])
def test_my_jp_ignores_a_year_it_cannot_read(langsa, query):
    p, _ = langsa
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), query)
    assert response.status_code == 200
    assert response.context["standing"].year == TODAY.year


@pytest.mark.parametrize("query", [{"unit": str(10**23)}, {"page": str(10**23)},
                                   {"kegiatan": "\x00"}, {"unit": "\x00"}])
def test_the_validation_queue_survives_hostile_filters(langsa, query):
    p, _ = langsa
    response = client_as(p.hr_user).get(reverse("learning:validation_queue"), query)
    assert response.status_code == 200


def test_bulk_validation_ignores_ids_it_cannot_read(langsa):
    p, _ = langsa
    response = client_as(p.hr_user).post(reverse("learning:validate_many"),
                                         {"session": [str(10**23), "\x00", "-1"]})
    assert response.status_code == 302
