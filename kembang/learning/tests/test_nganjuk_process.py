"""Nganjuk's own process (issue 10 items 1–3): the development area before the first
session (Lampiran huruf C angka 1), coaching requested by the employee from an appointed
coach (Diktum KEEMPAT, Coaching D.4.a), the appointment letter and who appoints
(KEEMPAT), and the agreed schedule with its reminder (huruf C angka 2)."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, on
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ActivityType, Appointment, Notification, PlannedMeeting, Program
from kembang.learning.services import appointments, programs, reminders
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_workflow import start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

LETTER_DAY = TODAY - datetime.timedelta(days=10)


def ask_coaching(p, **extra):
    fields = {"actor": p.participant_user, "coach": p.coach, "start_date": OCT,
              "end_date": on(1, 31), "development_need": "Menyusun telaahan staf"}
    return programs.coaching_request(**(fields | extra))


# --- item 1: the development area -----------------------------------------------------------


def test_a_nganjuk_program_without_the_development_area_cannot_get_a_first_session(
        people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    Program.objects.filter(pk=program.pk).update(development_need="  ")
    program.refresh_from_db()
    with pytest.raises(RuleRefusal) as error:
        programs.require_development_area(program)
    assert error.value.code == "development_area_required"
    assert "huruf C angka 1" in error.value.message


def test_a_recorded_development_area_lets_the_first_session_through(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    assert programs.require_development_area(program) is None


def test_profiles_that_do_not_ask_for_the_area_never_refuse(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    Program.objects.filter(pk=program.pk).update(development_need="")
    program.refresh_from_db()
    assert programs.require_development_area(program) is None


# --- item 1: the employee asks an appointed coach -----------------------------------------


def test_an_employee_asks_an_appointed_coach_and_the_coach_accepts(people_for):
    p = people_for("nganjuk")
    program = ask_coaching(p)
    assert (program.status, program.activity) == (Program.Status.REQUESTED,
                                                  ActivityType.COACHING)
    assert program.guide == p.coach and program.started_by == p.participant_user
    assert AuditEvent.objects.filter(action="program.requested",
                                     object_id=str(program.pk)).exists()
    assert Notification.objects.filter(user=p.coach_user, text__contains="menjadi coach").exists()

    program = programs.mentoring_answer(actor=p.coach_user, program=program, accept=True)
    assert program.status == Program.Status.ACTIVE and program.agreed_at is not None
    assert AuditEvent.objects.filter(action="program.accept", object_id=str(program.pk)).exists()
    assert Notification.objects.filter(user=p.participant_user,
                                       text__contains="pembimbingan (coaching)").exists()
    programs.require_development_area(program)


def test_the_coach_declines_a_coaching_request_with_a_reason(people_for):
    p = people_for("nganjuk")
    program = ask_coaching(p)
    with pytest.raises(RuleRefusal):
        programs.mentoring_answer(actor=p.coach_user, program=program, accept=False)
    program = programs.mentoring_answer(actor=p.coach_user, program=program, accept=False,
                                        reason="Jadwal penuh")
    assert program.status == Program.Status.DECLINED
    assert program.answered_reason == "Jadwal penuh"


def test_only_the_asked_coach_answers_a_coaching_request(people_for):
    p = people_for("nganjuk")
    program = ask_coaching(p)
    with pytest.raises(TransitionRefused):
        programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)


def test_an_employee_cannot_ask_a_coach_not_appointed_for_their_unit(people_for):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        ask_coaching(p, coach=p.head)
    assert error.value.code == "not_appointed"
    assert "KEEMPAT" in error.value.message


def test_a_coaching_request_needs_the_development_area(people_for):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        ask_coaching(p, development_need=" ")
    assert error.value.code == "development_need_required"


@pytest.mark.parametrize("profile_id", ["langsa", "belitung-timur"])
def test_coaching_cannot_be_requested_where_the_supervisor_starts_it(people_for, profile_id):
    p = people_for(profile_id)
    with pytest.raises(RuleRefusal) as error:
        ask_coaching(p)
    assert error.value.code == "coaching_request_not_offered"
    assert not Program.objects.exists()


def test_the_same_coaching_request_sent_twice_is_made_once(people_for):
    p = people_for("nganjuk")
    assert ask_coaching(p).pk == ask_coaching(p).pk
    assert Program.objects.count() == 1


# --- item 2: appointments -----------------------------------------------------------------


def appoint(p, actor=None, **extra):
    fields = {"actor": actor or p.head_user, "unit": p.unit, "appointee": p.hr,
              "activity": ActivityType.MENTORING, "letter_number": "800/12/411.013/2026",
              "letter_date": LETTER_DAY}
    return appointments.appointment_create(**(fields | extra))


def test_an_appointment_records_the_letter_number_and_date(people_for):
    p = people_for("nganjuk")
    appointment = appoint(p)
    assert (appointment.letter_number, appointment.letter_date) == ("800/12/411.013/2026",
                                                                    LETTER_DAY)
    event = AuditEvent.objects.get(action="appointment.create")
    assert event.changes["letter_number"] == [None, "800/12/411.013/2026"]
    assert event.changes["letter_date"] == [None, LETTER_DAY.isoformat()]


@pytest.mark.parametrize("missing, code", [({"letter_number": " "}, "letter_number_required"),
                                           ({"letter_date": None}, "letter_date_required")])
def test_under_nganjuk_the_letter_is_required(people_for, missing, code):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        appoint(p, **missing)
    assert error.value.code == code
    assert "KEEMPAT" in error.value.message
    assert not Appointment.objects.filter(appointee=p.hr).exists()


def test_a_letter_dated_after_today_is_refused(people_for):
    p = people_for("nganjuk")
    with pytest.raises(RuleRefusal) as error:
        appoint(p, letter_date=TODAY + datetime.timedelta(days=1))
    assert error.value.code == "letter_date_in_future"


def bkpsdm(p):
    admin = login_for(regency=p.regency, username="bkpsdm.uji")
    grant(admin, Role.HR_ADMIN)
    return admin


def test_bkpsdm_does_not_appoint_under_the_built_in_nganjuk_profile(people_for):
    p = people_for("nganjuk")
    with pytest.raises(TransitionRefused):
        appoint(p, actor=bkpsdm(p))
    assert not Appointment.objects.filter(appointee=p.hr).exists()


def with_bkpsdm_appointing(monkeypatch):
    real = appointments._profile

    def profile(regency):
        return dataclasses.replace(real(regency), bkpsdm_may_appoint=programs.P.Rule(
            True, "Perbup Uji Pasal 9 (tambahan kabupaten)"))

    monkeypatch.setattr(appointments, "_profile", profile)


def test_bkpsdm_appoints_where_the_profile_data_adds_it(people_for, monkeypatch):
    p = people_for("nganjuk")
    with_bkpsdm_appointing(monkeypatch)
    assert appoint(p, actor=bkpsdm(p)).appointee == p.hr


def test_the_built_in_nganjuk_profile_leaves_bkpsdm_out_with_its_clause():
    from kembang.policy.builtin import NGANJUK

    assert NGANJUK.bkpsdm_may_appoint.value is False
    assert "KEEMPAT" in NGANJUK.bkpsdm_may_appoint.clause


# --- item 3: the agreed schedule ----------------------------------------------------------

TOMORROW = TODAY + datetime.timedelta(days=1)


def test_either_party_adds_and_removes_planned_dates_audited(people_for):
    p = people_for("langsa")  # offered under every profile
    program = start_coaching(p)
    meeting = programs.planned_meeting_add(actor=p.participant_user, program=program,
                                           day=TOMORROW, note="Ruang rapat 2")
    assert (meeting.program, meeting.date, meeting.note) == (program, TOMORROW, "Ruang rapat 2")
    assert AuditEvent.objects.filter(action="planned_meeting.add",
                                     object_id=str(meeting.pk)).exists()
    assert Notification.objects.filter(user=p.coach_user, text__contains="jadwal").exists()
    programs.planned_meeting_remove(actor=p.coach_user, meeting=meeting)
    assert not PlannedMeeting.objects.exists()
    event = AuditEvent.objects.get(action="planned_meeting.remove")
    assert event.changes["date"] == [TOMORROW.isoformat(), None]


def test_the_same_planned_date_twice_is_kept_once(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    first = programs.planned_meeting_add(actor=p.coach_user, program=program, day=TOMORROW)
    again = programs.planned_meeting_add(actor=p.participant_user, program=program, day=TOMORROW)
    assert first.pk == again.pk and PlannedMeeting.objects.count() == 1


def test_someone_outside_the_pair_cannot_plan(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    with pytest.raises(TransitionRefused):
        programs.planned_meeting_add(actor=p.head_user, program=program, day=TOMORROW)


def test_planning_needs_a_running_program(people_for):
    p = people_for("nganjuk")
    program = ask_coaching(p)
    with pytest.raises(TransitionRefused):
        programs.planned_meeting_add(actor=p.participant_user, program=program, day=TOMORROW)


@pytest.mark.parametrize("day", [TODAY - datetime.timedelta(days=1), on(2, 1)])
def test_a_planned_date_lies_between_today_and_the_program_s_end(people_for, day):
    p = people_for("nganjuk")
    program = start_coaching(p)
    with pytest.raises(RuleRefusal) as error:
        programs.planned_meeting_add(actor=p.participant_user, program=program, day=day)
    assert error.value.code == "planned_date_out_of_range"


def test_pengingat_reminds_both_parties_the_day_before(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    programs.planned_meeting_add(actor=p.coach_user, program=program, day=TOMORROW,
                                 note="Bahas draf")
    programs.planned_meeting_add(actor=p.coach_user, program=program,
                                 day=TOMORROW + datetime.timedelta(days=1))
    counts = reminders.reminders_send(regency=p.regency, today=TODAY)
    assert counts.planned_meetings == 1
    for user in (p.coach_user, p.participant_user):
        texts = list(Notification.objects.filter(user=user, text__startswith="Besok")
                     .values_list("text", flat=True))
        assert len(texts) == 1
        assert TOMORROW.strftime("%d/%m/%Y") in texts[0] and "Bahas draf" in texts[0]


def test_pengingat_skips_planned_dates_of_closed_programs(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    programs.planned_meeting_add(actor=p.coach_user, program=program, day=TOMORROW)
    programs.program_close(actor=p.coach_user, program=program)
    assert reminders.reminders_send(regency=p.regency, today=TODAY).planned_meetings == 0


# --- views ------------------------------------------------------------------------------


def test_the_program_list_offers_the_coaching_request_only_where_allowed(people_for, client):
    p = people_for("nganjuk")
    client.force_login(p.participant_user)
    assert "Minta pembimbingan (coaching)" in client.get(
        reverse("learning:program_list")).content.decode()
    q = people_for("langsa")
    client.force_login(q.participant_user)
    assert "Minta pembimbingan (coaching)" not in client.get(
        reverse("learning:program_list")).content.decode()


def test_the_start_page_asks_an_appointed_coach_for_the_participant(people_for, client):
    p = people_for("nganjuk")
    client.force_login(p.participant_user)
    url = reverse("learning:program_start", args=["coaching"]) + "?minta=1"
    page = client.get(url).content.decode()
    assert "Coach yang ditunjuk untuk unit Anda" in page
    assert p.coach.full_name in page and p.head.full_name not in page
    response = client.post(url, {"coach": p.coach.pk, "start_date": OCT.isoformat(),
                                 "end_date": on(1, 31).isoformat(),
                                 "development_need": "Menyusun telaahan staf",
                                 "mode": "luring"})
    program = Program.objects.get()
    assert response.status_code == 302
    assert (program.status, program.participant, program.guide) == (
        Program.Status.REQUESTED, p.participant, p.coach)


def test_the_start_page_under_langsa_has_no_request_form(people_for, client):
    p = people_for("langsa")
    client.force_login(p.coach_user)
    page = client.get(reverse("learning:program_start", args=["coaching"]) + "?minta=1"
                      ).content.decode()
    assert "Coach yang ditunjuk untuk unit Anda" not in page
    assert "Coachee (peserta bimbingan)" in page


def test_the_coach_accepts_the_request_on_the_program_page(people_for, client):
    p = people_for("nganjuk")
    program = ask_coaching(p)
    client.force_login(p.coach_user)
    assert "Terima permohonan" in client.get(
        reverse("learning:program_detail", args=[program.pk])).content.decode()
    client.post(reverse("learning:program_answer", args=[program.pk]), {"accept": "1"})
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE


def test_the_appointment_form_stores_the_letter(people_for, client):
    p = people_for("nganjuk")
    client.force_login(p.head_user)
    url = reverse("learning:appointment_list")
    post = {"unit": p.unit.pk, "nip": p.hr.nip, "activity": "mentoring"}
    page = client.post(url, post).content.decode()
    assert not Appointment.objects.filter(appointee=p.hr).exists()
    assert "Nomor surat penunjukan" in page
    client.post(url, post | {"letter_number": "800/7/2026", "letter_date": LETTER_DAY.isoformat()})
    appointment = Appointment.objects.get(appointee=p.hr)
    assert appointment.letter_number == "800/7/2026"
    assert "800/7/2026" in client.get(url).content.decode()


def test_the_appointment_page_tells_bkpsdm_it_does_not_appoint(people_for, client):
    p = people_for("nganjuk")
    client.force_login(bkpsdm(p))
    url = reverse("learning:appointment_list")
    page = client.get(url).content.decode()
    assert "tidak menunjuk" in page and "Simpan" not in page
    client.post(url, {"unit": p.unit.pk, "nip": p.hr.nip, "activity": "mentoring",
                      "letter_number": "1", "letter_date": LETTER_DAY.isoformat()})
    assert not Appointment.objects.filter(appointee=p.hr).exists()


def test_the_appointment_page_says_bkpsdm_appointing_is_the_regency_s_addition(
        people_for, client, monkeypatch):
    p = people_for("nganjuk")
    with_bkpsdm_appointing(monkeypatch)
    from kembang.learning.views import appointments as view

    monkeypatch.setattr(view, "profile_on", lambda regency, day: appointments._profile(regency))
    client.force_login(bkpsdm(p))
    page = client.get(reverse("learning:appointment_list")).content.decode()
    assert "tambahan profil kabupaten ini" in page and "Perbup Uji Pasal 9" in page


def test_planned_dates_are_added_and_removed_from_the_program_page(people_for, client):
    p = people_for("nganjuk")
    program = start_coaching(p)
    client.force_login(p.participant_user)
    client.post(reverse("learning:planned_meeting_add", args=[program.pk]),
                {"day": TOMORROW.isoformat(), "note": "Ruang 2"})
    meeting = PlannedMeeting.objects.get()
    page = client.get(reverse("learning:program_detail", args=[program.pk])).content.decode()
    assert "Jadwal yang disepakati" in page and "Ruang 2" in page
    client.force_login(p.coach_user)
    client.post(reverse("learning:planned_meeting_remove", args=[program.pk]),
                {"meeting": meeting.pk})
    assert not PlannedMeeting.objects.exists()


def test_another_unit_s_employee_cannot_plan_on_the_program(people_for, client):
    p = people_for("nganjuk")
    program = start_coaching(p)
    stranger = login_for(EmployeeFactory(unit=p.other_unit))
    client.force_login(stranger)
    response = client.post(reverse("learning:planned_meeting_add", args=[program.pk]),
                           {"day": TOMORROW.isoformat()})
    assert response.status_code == 404
    assert not PlannedMeeting.objects.exists()


def test_bad_planned_input_is_refused_without_a_server_error(people_for, client):
    p = people_for("nganjuk")
    program = start_coaching(p)
    client.force_login(p.participant_user)
    assert client.post(reverse("learning:planned_meeting_add", args=[program.pk]),
                       {"day": "31/02/2026"}).status_code == 302
    assert client.post(reverse("learning:planned_meeting_remove", args=[program.pk]),
                       {"meeting": "9" * 40}).status_code == 302
    assert not PlannedMeeting.objects.exists()
