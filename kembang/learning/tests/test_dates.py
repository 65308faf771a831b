"""Dates a person types: a program runs from 1 January 2000 at the earliest, for at most
24 months and to the end of next year at the latest; a session lies within its program,
not in the future, and not before the participant was appointed (the TMT the NIP holds).
The services enforce it at every door; the forms show the refusal on the field."""

import datetime
import itertools

import pytest
from django.test import Client
from django.urls import reverse

from kembang.common.tests.clock import TODAY, iso, on, this_month
from kembang.learning.errors import RuleRefusal
from kembang.learning.models import Program, Session
from kembang.learning.services import programs, sessions
from kembang.organisation.models import Employee

DAY = datetime.timedelta(days=1)
NEXT_YEAR_END = datetime.date(TODAY.year + 1, 12, 31)
_serial = itertools.count(1)


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def refusal(call, **kwargs) -> RuleRefusal:
    with pytest.raises(RuleRefusal) as error:
        call(**kwargs)
    return error.value


# --- programs ---------------------------------------------------------------------------


def propose(p, start, end):
    return programs.coaching_propose(actor=p.coach_user, participant=p.participant,
                                     start_date=start, end_date=end,
                                     development_need="Menyusun laporan")


DOORS = {
    "coaching": lambda p, start, end: propose(p, start, end),
    "mentoring": lambda p, start, end: programs.mentoring_request(
        actor=p.participant_user, mentor=p.coach, start_date=start, end_date=end,
        development_need="Karier"),
    "self-study": lambda p, start, end: programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=start, end_date=end,
        development_need="Analisis data", learning_sources="Kursus daring"),
}


def door_refusal(door, p, start, end) -> RuleRefusal:
    with pytest.raises(RuleRefusal) as error:
        DOORS[door](p, start, end)
    assert not Program.objects.exists()
    return error.value


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("start", [datetime.date(1, 1, 1), datetime.date(1999, 12, 31)])
def test_a_program_cannot_start_before_2000(people_for, door, start):
    p = people_for("langsa")
    error = door_refusal(door, p, start, start + DAY)
    assert (error.code, error.field) == ("program_start_too_early", "start_date")
    assert error.message == "Tanggal mulai program paling awal 01/01/2000."


@pytest.mark.parametrize("door", DOORS)
def test_a_program_cannot_end_after_the_end_of_next_year(people_for, door):
    p = people_for("langsa")
    for end in (datetime.date(9999, 12, 31), NEXT_YEAR_END + DAY):
        error = door_refusal(door, p, this_month(-1), end)
        assert (error.code, error.field) == ("program_end_too_late", "end_date")
        assert error.message == (f"Tanggal selesai program paling lambat "
                                 f"{NEXT_YEAR_END:%d/%m/%Y} (akhir tahun depan).")


def test_a_program_may_run_to_the_end_of_next_year(people_for):
    p = people_for("langsa")
    program = propose(p, datetime.date(TODAY.year, 1, 1), NEXT_YEAR_END)
    assert program.end_date == NEXT_YEAR_END


def test_a_program_runs_at_most_24_months(people_for):
    p = people_for("langsa")
    start, longest = this_month(-30), this_month(-6)  # 24 months later, to the day
    error = refusal(propose, p=p, start=start, end=longest + DAY)
    assert (error.code, error.field) == ("program_too_long", "end_date")
    assert error.message == (f"Program paling lama 24 bulan: selesai paling lambat "
                             f"{longest:%d/%m/%Y}.")
    assert propose(p, start, longest).end_date == longest


def test_the_first_program_day_allowed_is_1_january_2000(people_for):
    p = people_for("langsa")
    program = propose(p, datetime.date(2000, 1, 1), datetime.date(2001, 12, 31))
    assert program.start_date == datetime.date(2000, 1, 1)


def test_a_proposal_stored_with_bad_dates_cannot_be_agreed_or_accepted(people_for):
    p = people_for("langsa")
    coaching = propose(p, this_month(-1), on(1, 28))
    mentoring = programs.mentoring_request(actor=p.participant_user, mentor=p.coach,
                                           start_date=this_month(-1), end_date=on(1, 28),
                                           development_need="Karier")
    Program.objects.update(end_date=datetime.date(9999, 12, 31))
    assert refusal(programs.program_agree, actor=p.participant_user,
                   program=coaching).code == "program_end_too_late"
    assert refusal(programs.mentoring_answer, actor=p.coach_user, program=mentoring,
                   accept=True).code == "program_end_too_late"
    assert set(Program.objects.values_list("status", flat=True)) == {
        Program.Status.PROPOSED, Program.Status.REQUESTED}


@pytest.mark.parametrize(("field", "start", "end", "message"), [
    ("start_date", "0001-01-01", "0001-01-02", "Tanggal mulai program paling awal 01/01/2000."),
    ("end_date", iso(this_month(-1)), "9999-12-31",
     f"Tanggal selesai program paling lambat {NEXT_YEAR_END:%d/%m/%Y} (akhir tahun depan)."),
])
def test_the_program_form_shows_the_refusal_on_the_field(people_for, field, start, end,
                                                          message):
    p = people_for("langsa")
    response = client_as(p.coach_user).post(
        reverse("learning:program_start", args=["coaching"]),
        {"participant": p.participant.pk, "start_date": start, "end_date": end,
         "mode": "luring", "development_need": "Menyusun laporan"})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Program.objects.exists()


# --- sessions and the participant's TMT -------------------------------------------------


def appoint(employee, *, pns_tmt: datetime.date | None = None, pppk_year: int | None = None):
    """Give `employee` a NIP with that TMT CPNS month (PNS) or appointment year (PPPK)."""
    serial = next(_serial)
    if pns_tmt is not None:
        nip = f"19920315{pns_tmt:%Y%m}1{serial:03d}"
        kind = Employee.Kind.PNS
    else:
        nip = f"19920315{pppk_year}211{serial:03d}"
        kind = Employee.Kind.PPPK
    Employee.objects.filter(pk=employee.pk).update(nip=nip, kind=kind)
    employee.refresh_from_db()


def running(p, start, end=None):
    program = propose(p, start, end or on(1, 28))
    return programs.program_agree(actor=p.participant_user, program=program)


def log(p, program, day, *, actor=None, submit=True):
    return sessions.session_log(
        actor=actor or p.participant_user, program=program, submit=submit,
        data={"date": day, "topic": f"Materi {day:%d/%m}", "mode": "luring",
              "scope": "nasional"}).session


def test_a_session_before_the_participants_tmt_cpns_month_is_refused(people_for):
    p = people_for("langsa")
    tmt = this_month(-1)
    appoint(p.participant, pns_tmt=tmt)
    program = running(p, this_month(-2))
    error = refusal(log, p=p, program=program, day=tmt - DAY)
    assert (error.code, error.field) == ("date_before_appointment", "date")
    assert error.message == (f"Tanggal sesi tidak boleh sebelum peserta diangkat "
                             f"(TMT {tmt:%m/%Y}).")
    assert not Session.objects.exists()
    assert log(p, program, tmt).date == tmt


def test_a_session_before_a_pppk_participants_appointment_year_is_refused(people_for):
    p = people_for("langsa")
    appoint(p.participant, pppk_year=TODAY.year)
    new_year = datetime.date(TODAY.year, 1, 1)
    program = running(p, new_year - datetime.timedelta(days=31))
    error = refusal(log, p=p, program=program, day=new_year - DAY)
    assert error.code == "date_before_appointment"
    assert error.message.endswith(f"(TMT {TODAY.year}).")
    assert log(p, program, new_year).date == new_year


def test_a_correction_cannot_move_a_session_before_the_tmt(people_for):
    p = people_for("langsa")
    tmt = this_month(-1)
    appoint(p.participant, pns_tmt=tmt)
    program = running(p, this_month(-2))
    draft = log(p, program, tmt, submit=False)
    error = refusal(sessions.session_update, actor=p.participant_user, session=draft,
                    data={"date": tmt - DAY, "topic": "Materi", "mode": "luring",
                          "scope": "nasional"})
    assert error.code == "date_before_appointment"
    draft.refresh_from_db()
    assert draft.date == tmt


def test_a_session_stored_before_the_rule_is_neither_initialled_nor_validated(people_for):
    """Every hand-off checks the date again: submit, acknowledgement, initials, validation."""
    p = people_for("langsa")
    tmt = this_month(-1)
    appoint(p.participant, pns_tmt=tmt)
    program = running(p, this_month(-2))
    draft = log(p, program, tmt, submit=False)
    submitted = log(p, program, tmt)
    awaiting = log(p, program, tmt, actor=p.coach_user)
    confirmed = sessions.session_confirm(actor=p.coach_user, session=log(p, program, tmt))
    Session.objects.update(date=tmt - DAY)
    for call, actor, session in [
            (sessions.session_submit, p.participant_user, draft),
            (sessions.session_acknowledge, p.participant_user, awaiting),
            (sessions.session_confirm, p.coach_user, submitted),
            (sessions.session_validate, p.hr_user, confirmed)]:
        error = refusal(call, actor=actor, session=session)
        assert (error.code, error.field) == ("date_before_appointment", "date"), call
    assert dict(Session.objects.values_list("pk", "status")) == {
        draft.pk: Session.Status.DRAFT, submitted.pk: Session.Status.SUBMITTED,
        awaiting.pk: Session.Status.AWAITING_ACK, confirmed.pk: Session.Status.CONFIRMED}


def test_a_session_outside_its_program_is_refused_at_validation_too(people_for):
    p = people_for("langsa")
    program = running(p, this_month(-1))
    confirmed = sessions.session_confirm(actor=p.coach_user,
                                         session=log(p, program, this_month(-1)))
    Session.objects.update(date=this_month(-1) - DAY)
    error = refusal(sessions.session_validate, actor=p.hr_user, session=confirmed)
    assert error.code == "date_outside_program"


def test_the_session_form_shows_the_tmt_refusal_on_the_date(people_for):
    p = people_for("langsa")
    tmt = this_month(-1)
    appoint(p.participant, pns_tmt=tmt)
    program = running(p, this_month(-2))
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        {"date": iso(tmt - DAY), "topic": "Materi", "mode": "luring", "scope": "nasional",
         "submission_key": "kunci-tmt-1", "submit": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        f"Tanggal sesi tidak boleh sebelum peserta diangkat (TMT {tmt:%m/%Y})."]
    assert not Session.objects.exists()
