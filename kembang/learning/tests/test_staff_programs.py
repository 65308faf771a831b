"""The program list of BKPSDM, HR officers and heads of unit (issue 12, "Programs for
staff"): who sees which programs, the filters, sorting and pages, the idle pairs flagged
exactly as `kembang pengingat` finds them, rows that open the program page, and a constant
number of queries whatever the number of programs."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.common.tests.clock import TODAY, days_ago, on, shown, this_month
from kembang.learning import selectors
from kembang.learning.forms import STAFF_PROGRAM_SORT_LABELS
from kembang.learning.models import Program
from kembang.learning.services import programs, sessions
from kembang.learning.services.reminders import INACTIVE_DAYS, reminders_send
from kembang.learning.views.staff_programs import PAGE_SIZE
from kembang.organisation.models import Role, RoleAssignment
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    UnitFactory,
    grant,
    login_for,
)

LIST = reverse("learning:staff_program_list")
# Started well before the quiet window (the first of the month before last is at least 59
# days back) and running past today.
START = this_month(-2)
END = on(1, 28)
# A session more than INACTIVE_DAYS ago, and one well inside them.
LONG_AGO = on(-2, 10)
RECENT = days_ago(2)


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def log(actor, program, day, topic=None):
    return sessions.session_log(
        actor=actor, program=program, submit=True,
        data={"date": day, "topic": topic or f"Materi {day:%d/%m}", "mode": "luring",
              "scope": "nasional"}).session


def coaching(coach_user, coachee, coachee_user, *, start=START, agree=True):
    program = programs.coaching_propose(
        actor=coach_user, participant=coachee, start_date=start, end_date=END,
        development_need="Menyusun laporan kinerja", performance_problem="Laporan terlambat",
        leadership_task="Laporan triwulan")
    return programs.program_agree(actor=coachee_user, program=program) if agree else program


class Staff:
    """Langsa (all three activities): programs in a unit, its sub-unit and another unit,
    idle and not, with BKPSDM, the unit's HR officer and head, and the other unit's HR."""

    def __init__(self, people_for):
        p = self.p = people_for("langsa")
        self.sub_unit = UnitFactory(regency=p.regency, name="Bidang Uji", parent=p.unit)
        self.admin = login_for(regency=p.regency, username="admin.bkpsdm.program")
        grant(self.admin, Role.HR_ADMIN)

        # Idle: the last session long ago.
        self.idle = coaching(p.coach_user, p.participant, p.participant_user)
        self.idle_session = log(p.participant_user, self.idle, LONG_AGO, "Materi lama")
        # Busy: a session two days ago (in the sub-unit).
        self.member = EmployeeFactory(unit=self.sub_unit, position=p.participant.position,
                                      supervisor=p.coach, name="Anggota Bidang")
        self.member_user = login_for(self.member)
        self.busy = coaching(p.coach_user, self.member, self.member_user)
        log(self.member_user, self.busy, LONG_AGO)
        log(self.member_user, self.busy, RECENT, "Materi baru")
        # Idle: self-study without any session, and one whose only recent session was
        # cancelled.
        self.learner = EmployeeFactory(unit=p.unit, position=p.participant.position,
                                       supervisor=p.coach, name="Pelajar Mandiri")
        self.learner_user = login_for(self.learner)
        self.self_study = programs.self_study_instruct(
            actor=p.coach_user, participant=self.learner, start_date=START, end_date=END,
            development_need="Analisis data", learning_sources="Kursus daring")
        self.cancelled = EmployeeFactory(unit=self.sub_unit, position=p.participant.position,
                                         supervisor=p.coach, name="Sesi Dibatalkan")
        cancelled_user = login_for(self.cancelled)
        self.idle_cancelled = coaching(p.coach_user, self.cancelled, cancelled_user)
        sessions.session_cancel(actor=cancelled_user, reason="Salah catat",
                                session=log(cancelled_user, self.idle_cancelled, RECENT))
        # Not idle: too new to be; still waiting for agreement.
        self.newcomer = EmployeeFactory(unit=p.unit, position=p.participant.position,
                                        supervisor=p.coach, name="Pendatang Baru")
        self.new = coaching(p.coach_user, self.newcomer, login_for(self.newcomer),
                            start=days_ago(10))
        self.waiting_person = EmployeeFactory(unit=p.unit, position=p.participant.position,
                                              supervisor=p.coach, name="Menunggu Setuju")
        self.proposed = coaching(p.coach_user, self.waiting_person,
                                 login_for(self.waiting_person), agree=False)

        # Another unit: its coach, an idle pair, its HR officer and head.
        self.other_coach = EmployeeFactory(unit=p.other_unit, position=p.coach.position,
                                           rank="III/d", name="Coach Dinas Lain")
        other_coach_user = self.other_coach_user = login_for(self.other_coach)
        self.other_person = EmployeeFactory(unit=p.other_unit,
                                            position=p.participant.position,
                                            supervisor=self.other_coach, name="Peserta Lain")
        self.other = coaching(other_coach_user, self.other_person,
                              login_for(self.other_person))
        self.other_hr = login_for(EmployeeFactory(unit=p.other_unit, position=p.hr.position))
        grant(self.other_hr, Role.HR_OFFICER, p.other_unit)

    @property
    def ours(self) -> set[int]:
        return {self.idle.pk, self.busy.pk, self.self_study.pk, self.idle_cancelled.pk,
                self.new.pk, self.proposed.pk}

    @property
    def idle_ones(self) -> set[int]:
        return {self.idle.pk, self.self_study.pk, self.idle_cancelled.pk, self.other.pk}


@pytest.fixture
def staff(people_for) -> Staff:
    return Staff(people_for)


def listed(user, **params) -> list[Program]:
    response = client_as(user).get(LIST, params)
    assert response.status_code == 200
    return list(response.context["page_obj"])


def ids(rows) -> set[int]:
    return {row.pk for row in rows}


# --- who sees what ------------------------------------------------------------------------


def test_bkpsdm_sees_the_regency(staff):
    assert ids(listed(staff.admin)) == staff.ours | {staff.other.pk}


@pytest.mark.parametrize("who", ["hr_user", "head_user"])
def test_the_unit_s_hr_officer_and_head_see_the_unit_with_its_sub_units(staff, who):
    assert ids(listed(getattr(staff.p, who))) == staff.ours


def test_an_hr_officer_of_a_sub_unit_sees_only_the_sub_unit(staff):
    sub_hr = login_for(EmployeeFactory(unit=staff.sub_unit, position=staff.p.hr.position))
    grant(sub_hr, Role.HR_OFFICER, staff.sub_unit)
    assert ids(listed(sub_hr)) == {staff.busy.pk, staff.idle_cancelled.pk}


def test_the_other_unit_s_hr_officer_sees_theirs_and_gets_404_on_ours(staff):
    assert ids(listed(staff.other_hr)) == {staff.other.pk}
    client = client_as(staff.other_hr)
    assert client.get(reverse("learning:program_detail",
                              args=[staff.idle.pk])).status_code == 404
    assert client.get(reverse("learning:program_detail",
                              args=[staff.other.pk])).status_code == 200


def test_bkpsdm_of_another_regency_sees_none_of_ours(staff, people_for):
    q = people_for("nganjuk")
    foreign = login_for(regency=q.regency, username="admin.lain")
    grant(foreign, Role.HR_ADMIN)
    assert listed(foreign) == []
    assert client_as(foreign).get(reverse("learning:program_detail",
                                          args=[staff.idle.pk])).status_code == 404


@pytest.mark.parametrize("who", ["participant_user", "coach_user", "outsider_user"])
def test_employees_without_a_staff_role_get_404(staff, who):
    assert client_as(getattr(staff.p, who)).get(LIST).status_code == 404


def test_an_hr_officer_whose_term_ended_gets_404(staff):
    assignment = RoleAssignment.objects.get(user=staff.p.hr_user, role=Role.HR_OFFICER)
    assignment.valid_from, assignment.valid_until = days_ago(60), days_ago(1)
    assignment.save()
    assert client_as(staff.p.hr_user).get(LIST).status_code == 404


@pytest.mark.parametrize("who", ["admin", "p.hr_user", "p.head_user"])
def test_each_row_opens_the_program_page_with_its_sessions(staff, who):
    user = staff.admin if who == "admin" else getattr(staff.p, who.split(".")[1])
    client = client_as(user)
    page = client.get(LIST).content.decode()
    detail = reverse("learning:program_detail", args=[staff.idle.pk])
    assert f'href="{detail}"' in page
    opened = client.get(detail)
    assert opened.status_code == 200
    assert "Materi lama" in text_of(opened)
    assert staff.p.participant.full_name in text_of(opened)


def test_program_for_an_administrator_without_employee_record_leads_to_the_staff_list(staff):
    response = client_as(staff.admin).get(reverse("learning:program_list"))
    assert response.status_code == 302 and response["Location"] == LIST
    # An HR officer who is an employee keeps their own programs there.
    assert client_as(staff.p.hr_user).get(reverse("learning:program_list")).status_code == 200


def test_staff_have_the_link_in_the_navigation_and_employees_do_not(staff):
    link = f'href="{LIST}"'
    for user in (staff.admin, staff.p.hr_user, staff.p.head_user):
        assert link in client_as(user).get("/").content.decode()
    for user in (staff.p.participant_user, staff.p.coach_user):
        assert link not in client_as(user).get("/").content.decode()


# --- the idle pairs -----------------------------------------------------------------------


def test_the_idle_flag_agrees_with_the_daily_reminders(staff):
    rows = listed(staff.admin, tanpa_sesi="on")
    assert ids(rows) == staff.idle_ones
    assert all(row.idle for row in rows)
    everything = listed(staff.admin)
    assert {row.pk for row in everything if row.idle} == staff.idle_ones
    assert reminders_send(regency=staff.p.regency, today=TODAY).inactive_programs == len(rows)
    assert INACTIVE_DAYS == selectors.INACTIVE_DAYS == 30


def test_a_session_logged_today_ends_the_flag_in_the_list_and_the_reminders(staff):
    log(staff.p.participant_user, staff.idle, TODAY)
    assert staff.idle.pk not in ids(listed(staff.admin, tanpa_sesi="on"))
    assert reminders_send(regency=staff.p.regency,
                          today=TODAY).inactive_programs == len(staff.idle_ones) - 1


def test_idle_pairs_are_flagged_with_the_date_of_their_last_session(staff):
    text = text_of(client_as(staff.admin).get(LIST, {"tanpa_sesi": "on"}))
    assert f"Tanpa sesi {INACTIVE_DAYS} hari" in text
    assert f"Sesi terakhir {shown(LONG_AGO)}" in text
    assert "Belum ada sesi" in text  # the self-study without any
    summary = text_of(client_as(staff.p.hr_user).get(LIST))
    assert f"3 pasangan belum mencatat sesi selama {INACTIVE_DAYS} hari." in summary


def test_busy_new_and_waiting_pairs_are_not_flagged(staff):
    rows = {row.pk: row for row in listed(staff.admin)}
    assert rows[staff.busy.pk].last_session == RECENT
    assert rows[staff.busy.pk].session_count == 2
    assert rows[staff.idle_cancelled.pk].session_count == 0  # a cancelled one is no session
    for pk in (staff.busy.pk, staff.new.pk, staff.proposed.pk):
        assert not rows[pk].idle


# --- filters, sorting and pages -----------------------------------------------------------


def test_filter_by_activity_and_status(staff):
    assert ids(listed(staff.admin, kegiatan="belajar_mandiri")) == {staff.self_study.pk}
    assert ids(listed(staff.admin, status=Program.Status.PROPOSED)) == {staff.proposed.pk}
    assert ids(listed(staff.admin, kegiatan="coaching", status=Program.Status.ACTIVE,
                      tanpa_sesi="on")) == {staff.idle.pk, staff.idle_cancelled.pk,
                                            staff.other.pk}


def test_filter_by_unit_includes_its_sub_units_and_labels_units_after_parents(staff):
    p = staff.p
    assert ids(listed(staff.admin, unit=staff.sub_unit.pk)) == {staff.busy.pk,
                                                                staff.idle_cancelled.pk}
    assert ids(listed(staff.admin, unit=p.unit.pk)) == staff.ours
    page = client_as(staff.admin).get(LIST).content.decode()
    assert "Dinas Uji › Bidang Uji" in page  # the picker, and the sub-unit's rows
    # An HR officer's picker offers only their units; another unit's id filters nothing.
    hr_page = client_as(p.hr_user).get(LIST, {"unit": p.other_unit.pk})
    assert "Dinas Lain" not in hr_page.content.decode()
    assert ids(hr_page.context["page_obj"]) == staff.ours


def test_filter_by_guide_name_or_nip(staff):
    assert ids(listed(staff.admin, pembimbing="coach dinas")) == {staff.other.pk}
    assert ids(listed(staff.admin, pembimbing=staff.p.coach.nip)) == staff.ours
    assert listed(staff.admin, pembimbing="Tidak Ada Orang Ini") == []


def test_sorting(staff):
    by_name = [row.participant.name for row in listed(staff.admin, urut="peserta")]
    assert by_name == sorted(by_name)
    quiet_first = listed(staff.admin, urut="sesi")
    assert quiet_first[0].last_session is None
    dated = [row.last_session for row in quiet_first if row.last_session]
    assert dated == sorted(dated)
    newest = listed(staff.admin)  # default: newest start first
    assert newest[0].pk == staff.new.pk
    assert set(STAFF_PROGRAM_SORT_LABELS) == set(selectors.STAFF_PROGRAM_SORTS)


def test_refused_filter_values_filter_nothing_and_say_so(staff):
    response = client_as(staff.admin).get(LIST, {"kegiatan": "sihir", "status": "x\x00",
                                                 "unit": "abc", "urut": "acak",
                                                 "page": "9999"})
    assert response.status_code == 200
    assert ids(response.context["page_obj"]) == staff.ours | {staff.other.pk}
    assert 'aria-invalid="true"' in response.content.decode()


def test_pages(staff):
    p = staff.p
    for n in range(PAGE_SIZE):
        person = EmployeeFactory(unit=p.other_unit, position=p.participant.position,
                                 supervisor=staff.other_coach, name=f"Peserta Tambahan {n}")
        coaching(staff.other_coach_user, person, login_for(person))
    first = client_as(staff.admin).get(LIST, {"urut": "peserta"})
    assert first.context["page_obj"].paginator.count == PAGE_SIZE + 7
    assert "Halaman 1 dari 2" in text_of(first)
    second = listed(staff.admin, urut="peserta", page=2)
    assert len(second) == 7


def test_empty_states(staff, people_for):
    empty = text_of(client_as(staff.admin).get(LIST, {"pembimbing": "Tidak Ada"}))
    assert "Tidak ada program yang cocok dengan saringan ini." in empty
    assert "Hapus saringan" in empty
    quiet = text_of(client_as(staff.admin).get(LIST, {"tanpa_sesi": "on",
                                                      "kegiatan": "mentoring"}))
    assert f"Tidak ada pasangan tanpa sesi {INACTIVE_DAYS} hari" in quiet
    q = people_for("nganjuk")
    nothing = text_of(client_as(q.hr_user).get(LIST))
    assert "Belum ada program pembimbingan, pendampingan, atau belajar mandiri di unit " \
           "kerja Anda." in nothing
    assert "Hapus saringan" not in nothing


def test_htmx_filtering_answers_with_the_rows_only(staff):
    response = client_as(staff.admin).get(LIST, {"tanpa_sesi": "on"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and 'id="staff-programs"' in page
    assert ids(response.context["page_obj"]) == staff.idle_ones


# --- constant queries ---------------------------------------------------------------------


def _queries(client, params) -> int:
    client.get(LIST, params)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["admin", "p.hr_user"])
def test_a_constant_number_of_queries_at_two_sizes(staff, who):
    p = staff.p
    user = staff.admin if who == "admin" else p.hr_user
    client = client_as(user)
    params = [{}, {"tanpa_sesi": "on", "pembimbing": p.coach.nip, "unit": p.unit.pk,
                   "urut": "sesi"}]
    small = [_queries(client, each) for each in params]
    # Three more units deep, more pairs in each, sessions in some.
    parent = p.unit
    for depth in range(3):
        parent = UnitFactory(regency=p.regency, name=f"Seksi {depth}", parent=parent)
        for n in range(3):
            person = EmployeeFactory(unit=parent, position=p.participant.position,
                                     supervisor=p.coach, name=f"Peserta {depth}-{n}")
            person_user = login_for(person)
            program = coaching(p.coach_user, person, person_user)
            if n:
                log(person_user, program, LONG_AGO if n == 1 else RECENT)
    large = [_queries(client, each) for each in params]
    assert len(listed(user)) > len(staff.ours) + 8
    assert large == small
