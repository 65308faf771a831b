"""Programs started from the items of an agreed development plan, and the plan's progress
(docs/competency.md#plan): a coaching item fills the coach's proposal and links the
program; a mentoring item lets only the employee send the request, to a suggested mentor;
the plan page shows per gap the programs, their sessions, the official JP of the plan's
year and the reassessments, in a fixed number of queries."""

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, days_ago, iso, on
from kembang.competency import plans, selectors, services
from kembang.competency.models import Assessment, DevelopmentPlan, PlanProgram
from kembang.competency.tests.conftest import assess, client_of, login_user, national
from kembang.learning.models import ActivityType, Program, Session
from kembang.learning.services import programs as program_services
from kembang.learning.tests.conftest import OCT
from kembang.policy import competency_route as r
from kembang.regulation.selectors import profile_for

END = on(1, 28)
FORM = {"start_date": iso(OCT), "end_date": iso(END), "mode": "luring",
        "job_link": "Tugas pelaporan", "planned_activities": "Praktik bersama",
        "goal": "Laporan tepat waktu"}
NEED = "Kesenjangan kompetensi Integritas: level saat ini 1, standar jabatan 3."
TARGET = "Integritas level 3"


@pytest.fixture
def p(world):
    p = world("langsa")  # coach: the direct supervisor; mentor: supervisor or senior
    p.participant.position.kind = "administrator"  # required level 3
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1, "M3": 2})
    p.profile = profile_for(p.regency, TODAY)
    return p


def make_plan(p, *pairs, agree=True):
    plan = plans.propose_plan(
        actor=login_user(p.coach), employee=p.participant, year=TODAY.year,
        items=[plans.ItemInput(national(code), route, "4") for code, route in pairs],
        profile=p.profile)
    if agree:
        plans.agree_plan(actor=p.participant_user, plan=plan)
        plan.refresh_from_db()
    return plan


def item_of(plan, code):
    return plan.items.get(competency=national(code))


def start_url(activity, raw, **extra):
    query = "&".join([f"rencana={raw}", *(f"{k}={v}" for k, v in extra.items())])
    return f"{reverse('learning:program_start', args=[activity])}?{query}"


def page_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def plan_page(user, p) -> str:
    return page_of(client_of(user), reverse("competency:plan", args=[p.participant.pk]))


# --- coaching ---------------------------------------------------------------------------


def test_the_coach_starts_coaching_from_an_agreed_item_prefilled_and_linked(p):
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.MENTORING))
    item = item_of(plan, "M1")
    url = start_url("coaching", item.pk)
    html = plan_page(p.coach_user, p)
    assert "Mulai program coaching" in html and url in html
    assert "Ajukan permintaan mentoring" not in html  # the employee's, not the supervisor's

    coach = client_of(p.coach_user)
    form = page_of(coach, url)
    assert NEED in form and TARGET in form
    assert f'<option value="{p.participant.pk}" selected>' in form
    data = FORM | {"participant": p.participant.pk, "development_need": NEED,
                   "target_competencies": TARGET}
    response = coach.post(url, data)
    assert response.status_code == 302
    program = Program.objects.get(participant=p.participant)
    assert (program.activity, program.status, program.guide) == (
        ActivityType.COACHING, Program.Status.PROPOSED, p.coach)
    assert (program.development_need, program.target_competencies) == (NEED, TARGET)
    link = PlanProgram.objects.get()
    assert (link.program, link.plan, link.competency) == (program, plan, national("M1"))
    assert AuditEvent.objects.filter(action="competency.plan_program").count() == 1
    # The same form sent twice starts and links one program.
    assert coach.post(url, data).status_code == 302
    assert Program.objects.count() == PlanProgram.objects.count() == 1
    assert AuditEvent.objects.filter(action="competency.plan_program").count() == 1
    # The program shows on the plan, with its status.
    html = plan_page(p.participant_user, p)
    assert reverse("learning:program_detail", args=[program.pk]) in html
    assert "Menunggu kesepakatan peserta" in html


def test_nothing_starts_from_a_plan_not_yet_agreed(p):
    plan = make_plan(p, ("M1", r.COACHING), agree=False)
    item = item_of(plan, "M1")
    assert "Mulai program coaching" not in plan_page(p.coach_user, p)
    assert NEED not in page_of(client_of(p.coach_user), start_url("coaching", item.pk))
    with pytest.raises(services.CompetencyRefused):
        plans.start_program_from_item(
            actor=p.coach_user, item=item, start=program_services.coaching_propose,
            participant=p.participant, start_date=OCT, end_date=END, development_need=NEED)
    assert not Program.objects.exists()


def test_a_program_from_the_item_is_for_the_plan_s_employee_only(p):
    plan = make_plan(p, ("M1", r.COACHING))
    p.hr.supervisor = p.coach
    p.hr.save()
    with pytest.raises(services.CompetencyRefused) as refusal:
        plans.start_program_from_item(
            actor=p.coach_user, item=item_of(plan, "M1"),
            start=program_services.coaching_propose, participant=p.hr, start_date=OCT,
            end_date=END, development_need=NEED)
    assert refusal.value.field == "participant"
    assert not Program.objects.exists() and not PlanProgram.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_regency", "employee", "hr"])
def test_the_item_is_ignored_by_whom_it_does_not_concern(p, world, who):
    """A coach of another unit or regency, or the employee on the coach's page: the start
    page is the plain one, never filled from someone else's plan, never an error."""
    item = item_of(make_plan(p, ("M1", r.COACHING)), "M1")
    user = {"outsider": p.outsider_user, "employee": p.participant_user,
            "hr": p.hr_user}.get(who) or world("belitung-timur").coach_user
    client = client_of(user)
    url = start_url("coaching", item.pk)
    html = page_of(client, url)
    assert NEED not in html and TARGET not in html and "from-plan" not in html
    response = client.post(url, FORM | {"participant": p.participant.pk,
                                        "development_need": "x"})
    assert response.status_code in (200, 302)
    assert not PlanProgram.objects.exists()


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "9" * 13, "１２", "missing", "mentoring"])
def test_a_bad_or_foreign_item_id_is_ignored(p, raw):
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.MENTORING))
    raw = {"missing": str(item_of(plan, "M1").pk + 1000),
           "mentoring": str(item_of(plan, "M3").pk)}.get(raw, raw)
    html = page_of(client_of(p.coach_user), start_url("coaching", raw))
    assert "from-plan" not in html and "Kesenjangan kompetensi" not in html


# --- mentoring --------------------------------------------------------------------------


def test_only_the_employee_requests_mentoring_from_the_item_to_a_suggested_mentor(p):
    assess(p, p.head, {"M3": 4})  # same position level, higher rank: senior
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.MENTORING))
    item = item_of(plan, "M3")
    html = plan_page(p.participant_user, p)
    assert "Ajukan permintaan mentoring" in html and "Mulai program coaching" not in html
    assert f"Ajukan kepada {p.head.full_name}" in html
    # The supervisor may see the plan but not send the employee's request.
    assert "Ajukan permintaan mentoring" not in plan_page(p.coach_user, p)
    assert "from-plan" not in page_of(client_of(p.coach_user), start_url("mentoring", item.pk))

    mentee = client_of(p.participant_user)
    url = start_url("mentoring", item.pk, mentor=p.head.pk)
    form = page_of(mentee, url)
    assert "Kesenjangan kompetensi Komunikasi" in form and "Komunikasi level 3" in form
    assert "Calon mentor yang disarankan" in form
    assert f'<option value="{p.head.pk}" selected>' in form
    fill = plans.program_prefill(item)
    response = mentee.post(url, FORM | {"mentor": p.head.pk,
                                        "development_need": fill["development_need"],
                                        "target_competencies": fill["target_competencies"]})
    assert response.status_code == 302
    program = Program.objects.get()
    assert (program.activity, program.status, program.guide, program.started_by) == (
        ActivityType.MENTORING, Program.Status.REQUESTED, p.head, p.participant_user)
    assert PlanProgram.objects.get().competency == national("M3")


def test_a_mentor_not_suggested_is_not_pre_selected(p):
    assess(p, p.head, {"M3": 4})
    item = item_of(make_plan(p, ("M3", r.MENTORING)), "M3")
    form = page_of(client_of(p.participant_user),
                   start_url("mentoring", item.pk, mentor=p.outsider.pk))
    assert f'<option value="{p.head.pk}" selected>' in form  # the first suggestion
    assert f'<option value="{p.outsider.pk}" selected>' not in form


# --- progress ---------------------------------------------------------------------------


def _program(p, activity=ActivityType.COACHING, guide=None):
    return Program.objects.create(
        regency=p.regency, activity=activity, participant=p.participant,
        guide=guide or p.coach, status=Program.Status.ACTIVE, development_need="x",
        start_date=OCT, end_date=END, profile_id="langsa", started_by=p.coach_user)


def _session(p, program, day, status=Session.Status.VALIDATED, jp="0"):
    return Session.objects.create(
        regency=p.regency, program=program, participant=p.participant,
        activity=program.activity, unit=p.unit, date=day, topic="Materi", status=status,
        logged_by=p.participant_user, jp=Decimal(jp))


def _link(p, plan, code, program):
    return PlanProgram.objects.create(plan=plan, competency=national(code), program=program,
                                      linked_by=p.coach_user)


def test_progress_programs_sessions_official_jp_of_the_year_and_reassessments(p):
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.MENTORING))
    program = plans.start_program_from_item(
        actor=p.coach_user, item=item_of(plan, "M1"), start=program_services.coaching_propose,
        participant=p.participant, start_date=OCT, end_date=END, development_need=NEED)
    year = TODAY.year
    _session(p, program, dt.date(year, 1, 1), jp="2")
    _session(p, program, TODAY, jp="1.5")
    _session(p, program, dt.date(year - 1, 12, 31), jp="3")  # another year's JP
    _session(p, program, TODAY, status=Session.Status.SUBMITTED)
    _session(p, program, TODAY, status=Session.Status.CANCELLED, jp="9")
    _session(p, _program(p), TODAY, jp="7")  # a program not started from the plan
    assess(p, p.participant, {"M1": 3}, day=days_ago(1))  # before the agreement
    assess(p, p.participant, {"M1": 2}, day=TODAY)
    assess(p, p.participant, {"M1": 2}, day=TODAY, source=Assessment.Source.SUPERVISOR)

    progress = selectors.plan_progress(plan, list(plan.items.all()))
    m1, m3 = progress[national("M1").pk], progress[national("M3").pk]
    assert [e.program for e in m1.programs] == [program]
    assert (m1.sessions, m1.validated, m1.jp) == (4, 3, Decimal("3.5"))
    assert [(x.line.level, x.gap, x.line.assessment.source) for x in m1.reassessments] == [
        (2, 1, Assessment.Source.RESULT), (2, 1, Assessment.Source.SUPERVISOR)]
    assert m1.latest_result.gap == 1
    assert (m3.programs, m3.reassessments, m3.jp) == ([], [], 0)

    html = plan_page(p.participant_user, p)
    table = html[html.index('id="plan-progress"'):]
    assert "3 dari 4" in table and "3,5" in table and "kesenjangan 1" in table
    assert "Penilaian atasan" in table


def test_programs_stay_linked_when_the_plan_is_proposed_again(p):
    plan = make_plan(p, ("M1", r.COACHING))
    _link(p, plan, "M1", _program(p))
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.COACHING))  # new items, agreed again
    progress = selectors.plan_progress(plan, list(plan.items.all()))
    assert len(progress[national("M1").pk].programs) == 1


def _grow(p, plan, codes, programs_each):
    for code in codes:
        for _n in range(programs_each):
            program = _program(p)
            _link(p, plan, code, program)
            _session(p, program, TODAY, jp="1")
            _session(p, program, TODAY, status=Session.Status.SUBMITTED)
        assess(p, p.participant, {code: 3}, day=TODAY)


def _loaded(plan):
    """The plan as the page reads it (`selectors.plan_summary`)."""
    plan = DevelopmentPlan.objects.select_related("regency").get(pk=plan.pk)
    return plan, list(plan.items.all())


def test_the_plan_page_and_its_progress_read_in_a_fixed_number_of_queries(
        p, django_assert_num_queries):
    for person in (p.head, p.coach):
        assess(p, person, {"M3": 4, "M4": 4})
    small = ("M1", "M3")
    plan = make_plan(p, ("M1", r.COACHING), ("M3", r.MENTORING))
    _grow(p, plan, small, 1)
    client = client_of(p.coach_user)
    url = reverse("competency:plan", args=[p.participant.pk])
    client.get(url)  # warm the caches of the session and the profile
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    plan, items = _loaded(plan)
    with django_assert_num_queries(3):
        selectors.plan_progress(plan, items)

    large = ("M1", "M2", "M3", "M4", "M5", "M6")
    plan = make_plan(p, ("M1", r.COACHING), ("M2", r.COACHING), ("M3", r.MENTORING),
                     ("M4", r.MENTORING), ("M5", r.COACHING), ("M6", r.SELF_STUDY))
    _grow(p, plan, large, 3)
    plan, items = _loaded(plan)
    with django_assert_num_queries(3):
        progress = selectors.plan_progress(plan, items)
    assert sum(len(x.programs) for x in progress.values()) == 1 * 2 + 3 * 6
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_under_nganjuk_the_employee_asks_an_appointed_coach_from_the_item(world):
    p = world("nganjuk")  # the employee may ask a coach appointed for the unit
    p.profile = profile_for(p.regency, TODAY)
    assess(p, p.participant, {"M1": 1})
    item = item_of(make_plan(p, ("M1", r.COACHING)), "M1")
    html = plan_page(p.participant_user, p)
    assert "Minta program coaching" in html and "Mulai program coaching" not in html
    employee = client_of(p.participant_user)
    url = start_url("coaching", item.pk, minta=1)
    form = page_of(employee, url)
    assert "Kesenjangan kompetensi Integritas" in form
    assert f'action="?minta=1&rencana={item.pk}"' in form
    fill = plans.program_prefill(item)
    response = employee.post(url, FORM | {"coach": p.coach.pk, **fill})
    assert response.status_code == 302
    program = Program.objects.get()
    assert (program.status, program.guide, program.participant) == (
        Program.Status.REQUESTED, p.coach, p.participant)
    assert PlanProgram.objects.get().program == program
