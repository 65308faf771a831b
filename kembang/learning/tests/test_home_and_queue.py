"""Home pages that lead (log a session, the evaluations still to fill, NIP beside names,
the pace against the profile's target), bulk validation with nothing ticked, and a
session's JP shown the same way on every page."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, on, this_month
from kembang.learning.models import Session
from kembang.learning.profiles import profile_on
from kembang.learning.selectors import SessionJp, session_jp
from kembang.learning.services import evaluations, programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_views import (
    END,
    client_as,
    html,
    log_confirmed,
    log_submitted,
    messages_of,
    queries,
    start_coaching,
    text_of,
)
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from kembang.regulation.reasons import format_number
from kembang.regulation.services import profile_version_create

S = Session.Status


def section(response, element_id: str) -> str:
    """The HTML of the element with `element_id` on the page (up to the page's end when
    the element is the last; enough for the phrase checks here)."""
    page = html(response)
    assert f'id="{element_id}"' in page, f"no #{element_id} on the page"
    return page.split(f'id="{element_id}"', 1)[1]


# --- log a session from home ------------------------------------------------------------------


def test_home_leads_the_employee_to_log_a_session_of_their_program(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    home = client_as(p.participant_user).get("/")
    log = section(home, "log-session")
    assert f'href="{reverse("learning:session_create", args=[program.pk])}"' in log
    assert re.search(r'btn-lg btn-kembang"[^>]*>.*Catat sesi</a>', log)
    assert p.coach.full_name in log.split("</section>")[0]


def test_with_several_active_programs_home_lists_them_to_choose_from(people_for):
    p = people_for("langsa")
    coaching = start_coaching(p)
    self_study = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")
    log = section(client_as(p.participant_user).get("/"), "log-session").split("</section>")[0]
    for program in (coaching, self_study):
        assert f'href="{reverse("learning:session_create", args=[program.pk])}"' in log
    assert "Pilih program tempat sesi dicatat:" in log
    assert "Pembimbingan (Coaching)" in log and "Belajar Mandiri" in log


def test_without_a_running_program_home_offers_no_session_form(people_for):
    p = people_for("langsa")
    programs.coaching_propose(actor=p.coach_user, participant=p.participant, start_date=OCT,
                              end_date=END, development_need="Laporan")  # not agreed yet
    assert 'id="log-session"' not in html(client_as(p.participant_user).get("/"))
    assert 'id="log-session"' not in html(client_as(p.hr_user).get("/"))


# --- the evaluations still to fill ------------------------------------------------------------


def test_home_lists_each_coaching_evaluation_due_under_nganjuk_until_it_is_filled(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    first = log_confirmed(p, program, on(-1, 5))
    second = log_confirmed(p, program, on(-1, 12))
    log_submitted(p, program, on(-1, 19))  # not initialled yet: nothing to evaluate
    coachee = client_as(p.participant_user)
    due = section(coachee.get("/"), "to-evaluate")
    url = reverse("learning:coach_evaluation", args=[program.pk])
    for session in (first, second):
        assert f'href="{url}?sesi={session.pk}"' in due
    assert due.count(f"{url}?sesi=") == 2
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        session=first, answers=[3] * 9)
    due = section(coachee.get("/"), "to-evaluate")
    assert f"?sesi={first.pk}" not in due and f"?sesi={second.pk}" in due
    # The coach has nothing to fill about it.
    assert 'id="to-evaluate"' not in html(client_as(p.coach_user).get("/"))


def test_home_lists_the_end_of_program_forms_elsewhere(people_for):
    p = people_for("langsa")
    coaching = start_coaching(p)
    programs.program_close(actor=p.coach_user, program=coaching)
    coaching.refresh_from_db()
    self_study = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(-1, 31), development_need="Analisis", learning_sources="Kursus daring")
    due = section(client_as(p.participant_user).get("/"), "to-evaluate")
    assert f'href="{reverse("learning:coach_evaluation", args=[coaching.pk])}"' in due
    assert f'href="{reverse("learning:self_study_closing", args=[self_study.pk])}"' in due
    assert "Isi Formulir Evaluasi Coaching" in due and "Tulis resume penutup" in due

    evaluations.coach_evaluation_submit(actor=p.participant_user, program=coaching,
                                        answers=[3] * 9)
    evaluations.self_study_closing_submit(actor=p.participant_user, program=self_study,
                                          resume="Saya belajar")
    assert 'id="to-evaluate"' not in html(client_as(p.participant_user).get("/"))


def test_the_mentor_s_home_lists_the_closing_assessment_with_the_mentee_s_nip(people_for):
    p = people_for("nganjuk")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    mentor = client_as(p.outsider_user)
    assert 'id="to-evaluate"' not in html(mentor.get("/"))  # not before the end
    programs.program_close(actor=p.outsider_user, program=program)
    due = section(mentor.get("/"), "to-evaluate")
    assert f'href="{reverse("learning:mentor_assessment", args=[program.pk])}"' in due
    assert p.participant.nip_display in due


def test_home_keeps_its_number_of_queries_as_evaluations_to_fill_grow(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    client = client_as(p.participant_user)
    for day in (2, 3):
        log_confirmed(p, program, on(-1, day))
    client.get("/")
    few = queries(client, "/")
    for day in range(4, 14):
        log_confirmed(p, program, on(-1, day))
    assert len(evaluations.evaluations_to_fill(p.participant_user, today=TODAY)) == 12
    assert queries(client, "/") == few


# --- NIP beside names, the profile's target -----------------------------------------------------


def test_two_coachees_with_the_same_name_are_told_apart_by_nip(people_for):
    p = people_for("langsa")
    twins = [EmployeeFactory(unit=p.unit, supervisor=p.coach, position=p.participant.position,
                             name="Budi Santoso") for _ in range(2)]
    for twin in twins:
        user = login_for(twin)
        program = programs.program_agree(actor=user, program=programs.coaching_propose(
            actor=p.coach_user, participant=twin, start_date=OCT, end_date=END,
            development_need="Laporan"))
        log_submitted(p, program, on(-1, 5), participant_user=user)
    home = client_as(p.coach_user).get("/")
    text = text_of(home)
    for twin in twins:
        assert f"Budi Santoso (NIP {twin.nip_display})" in text
    assert twins[0].nip_display != twins[1].nip_display


def test_the_supervisor_s_pace_list_names_the_profile_s_target_and_nips(people_for):
    p = people_for("langsa")
    admin = login_for(regency=p.regency, username="admin.uji")
    grant(admin, Role.HR_ADMIN)
    profile_version_create(
        actor=admin, regency=p.regency, base_profile_id="langsa",
        data_changes={"annual_target_jp": {"value": "24", "clause": "Perwali Uji Pasal 2"}},
        effective_from=this_month(0), reason="Target daerah lebih tinggi")
    for who, subordinate in ((p.coach_user, p.participant), (p.head_user, p.coach)):
        home = client_as(who).get("/")
        assert "0 dari 24 JP" in text_of(home) and "20 JP" not in text_of(home)
        assert "laju 20 JP" not in text_of(home)
        assert f"{subordinate.full_name} (NIP {subordinate.nip_display})" in text_of(home)


def test_without_a_regency_version_the_pace_list_names_the_built_in_target(people_for):
    p = people_for("belitung-timur")
    home = client_as(p.coach_user).get("/")
    target = profile_on(p.regency, TODAY).annual_target_jp.value
    assert f"dari {format_number(target)} JP" in text_of(home)


# --- bulk validation with nothing ticked ----------------------------------------------------------


@pytest.mark.parametrize("data", [{}, {"session": []}, {"session": ["", "abc"]}],
                         ids=["no-field", "empty", "nothing-usable"])
def test_bulk_validation_with_nothing_ticked_says_so_and_does_nothing(people_for, data):
    p = people_for("langsa")
    program = start_coaching(p)
    waiting = log_confirmed(p, program, on(-1, 5))
    audit = AuditEvent.objects.count()
    response = client_as(p.hr_user).post(reverse("learning:validate_many"), data, follow=True)
    assert response.redirect_chain == [(reverse("learning:validation_queue"), 302)]
    assert messages_of(response) == [
        "Belum ada sesi yang dicentang. Centang sesi yang akan divalidasi, lalu tekan "
        "Validasi yang dicentang."]
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    assert AuditEvent.objects.count() == audit
    assert f'name="session" value="{waiting.pk}"' in html(response)  # still in the queue


# --- one JP display everywhere ----------------------------------------------------------------------


def _cell(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


def program_jp(response) -> dict[int, str]:
    """Session id → the JP cell of the program page's session table."""
    rows = re.findall(r"<tr>(.*?)</tr>", html(response).split("<tbody>", 1)[1], re.S)
    out = {}
    for row in rows:
        link = re.search(r"/sesi/(\d+)/", row)
        if link:
            out[int(link.group(1))] = _cell(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[3])
    return out


def my_jp(response) -> dict[int, str]:
    table = html(response).split("Rincian per sesi", 1)[1]
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        link = re.search(r"/sesi/(\d+)/", row)
        out[int(link.group(1))] = _cell(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[2])
    return out


def queue_jp(response) -> dict[int, str]:
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html(response).split("<tbody>", 1)[1], re.S):
        link = re.search(r"/sesi/(\d+)/", row)
        out[int(link.group(1))] = _cell(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[5])
    return out


def session_page_jp(client: Client, session) -> str:
    page = html(client.get(reverse("learning:session_detail", args=[session.pk])))
    dd = page.split('id="session-jp">', 1)[1].split("<div", 1)[0].split("</dd>", 1)[0]
    return _cell(dd)


def test_a_session_s_jp_reads_the_same_on_every_page(people_for):
    """Langsa counts two coaching sessions a month: the third validated one earns 0, and
    so would a fourth still pending; a returned or cancelled one is not counted."""
    p = people_for("langsa")
    program = start_coaching(p)
    validated = [sessions.session_validate(actor=p.hr_user, session=log_confirmed(
        p, program, on(-1, day))) for day in (5, 12, 19)]
    pending = log_confirmed(p, program, on(-1, 26))
    returned = sessions.session_return(actor=p.coach_user, reason="Perbaiki",
                                       session=log_submitted(p, program, on(-1, 6)))
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": on(-1, 7), "topic": "Draf"}).session
    cancelled = sessions.session_cancel(actor=p.participant_user, reason="Ganda",
                                        session=log_submitted(p, program, on(-1, 8)))
    expected = {validated[0].pk: "2", validated[1].pk: "2", validated[2].pk: "0",
                pending.pk: "(0)", returned.pk: "Tidak dihitung", draft.pk: "—"}

    participant = client_as(p.participant_user)
    shown_program = program_jp(participant.get(reverse("learning:program_detail",
                                                       args=[program.pk])))
    shown_my_jp = my_jp(participant.get(reverse("learning:my_jp"), {"tahun": OCT.year}))
    assert shown_program == expected
    assert shown_my_jp == expected
    assert queue_jp(client_as(p.hr_user).get(reverse("learning:validation_queue"))) == {
        pending.pk: "(0)"}
    assert {s.pk: session_page_jp(participant, s)
            for s in [*validated, pending, returned, draft, cancelled]} == {
        validated[0].pk: "2 JP", validated[1].pk: "2 JP", validated[2].pk: "0 JP",
        pending.pk: "0 JP (sementara)", returned.pk: "Tidak dihitung", draft.pk: "—",
        cancelled.pk: "Tidak dihitung"}


@pytest.mark.parametrize("status, jp, provisional, expected", [
    (S.VALIDATED, "2.40", "2.40", SessionJp("official", Decimal("2.40"))),
    (S.VALIDATED, "0", "0", SessionJp("official", Decimal("0"))),
    (S.CONFIRMED, "0", "2", SessionJp("provisional", Decimal("2"))),
    (S.SUBMITTED, "0", "2", SessionJp("provisional", Decimal("2"))),
    (S.AWAITING_ACK, "0", "2", SessionJp("provisional", Decimal("2"))),
    (S.RETURNED, "0", "2", SessionJp("not_counted")),
    (S.CANCELLED, "0", "0", SessionJp("not_counted")),
    (S.DRAFT, "0", "0", SessionJp("draft")),
])
def test_what_a_session_s_jp_shows_by_status(status, jp, provisional, expected):
    session = Session(status=status, jp=Decimal(jp), jp_provisional=Decimal(provisional))
    assert session_jp(session) == expected
