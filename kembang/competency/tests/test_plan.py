"""The development plan: the supervisor proposes, the employee agrees; audited; the total
against the target and the 10:20:70 mix; the program prefill (docs/competency.md#plan)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY
from kembang.competency import plans, selectors, services
from kembang.competency.models import DevelopmentPlan
from kembang.competency.tests.conftest import assess, client_of, login_user, national
from kembang.policy import competency_route as r
from kembang.regulation.selectors import profile_for


@pytest.fixture
def gap_world(world):
    p = world("langsa")  # offers coaching, mentoring and self-study
    p.participant.position.kind = "administrator"  # level 3
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1, "M3": 2}, cause=r.CAUSE_KNOWLEDGE)
    p.profile = profile_for(p.regency, TODAY)
    return p


def _items(*pairs):
    return [plans.ItemInput(national(code), route, jp) for code, route, jp in pairs]


def test_supervisor_proposes_employee_agrees_both_audited(gap_world):
    p = gap_world
    plan = plans.propose_plan(
        actor=login_user(p.coach), employee=p.participant, year=TODAY.year,
        items=_items(("M1", r.MENTORING, "12"), ("M3", r.SELF_STUDY, "6,5")),
        profile=p.profile)
    assert plan.status == DevelopmentPlan.Status.PROPOSED
    item = plan.items.get(competency=national("M1"))
    assert (item.required_level, item.current_level, item.suggested_route) == (3, 1,
                                                                               r.SELF_STUDY)
    with pytest.raises(services.CompetencyRefused):
        plans.agree_plan(actor=login_user(p.coach), plan=plan)
    plans.agree_plan(actor=p.participant_user, plan=plan)
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.AGREED and plan.agreed_at
    assert AuditEvent.objects.filter(action="competency.plan_propose").count() == 1
    assert AuditEvent.objects.filter(action="competency.plan_agree").count() == 1
    with pytest.raises(services.CompetencyRefused):  # agreed already
        plans.agree_plan(actor=p.participant_user, plan=plan)
    # A new proposal needs a new agreement.
    plan = plans.propose_plan(actor=login_user(p.coach), employee=p.participant,
                                 year=TODAY.year, items=_items(("M1", r.COACHING, "4")),
                                 profile=p.profile)
    assert plan.status == DevelopmentPlan.Status.PROPOSED and plan.items.count() == 1


def test_total_against_target_and_mix(gap_world):
    p = gap_world
    plans.propose_plan(actor=login_user(p.coach), employee=p.participant, year=TODAY.year,
                          items=_items(("M1", r.MENTORING, "12"), ("M3", r.CLASSICAL, "4")),
                          profile=p.profile)
    summary = selectors.plan_summary(p.regency, p.participant, TODAY.year, p.profile)
    assert summary.total_jp == Decimal("16.0") and summary.target == Decimal("20")
    assert not summary.meets_target
    assert summary.mix == {"10": Decimal("4.0"), "20": Decimal("12.0")}
    assert summary.mix_percent == {"10": 25, "20": 75}


@pytest.mark.parametrize(("items", "year_offset"), [
    ([], 0),
    ([("M1", r.COACHING, "0")], 0),
    ([("M1", r.COACHING, "abc")], 0),
    ([("M1", r.COACHING, "4.25")], 0),
    ([("M1", "lainnya", "4")], 0),
    ([("M1", r.COACHING, "4"), ("M1", r.MENTORING, "4")], 0),
    ([("M1", r.COACHING, "4")], -1),
    ([("M1", r.COACHING, "4")], 2),
])
def test_bad_proposals_are_refused(gap_world, items, year_offset):
    p = gap_world
    with pytest.raises(services.CompetencyRefused):
        plans.propose_plan(actor=login_user(p.coach), employee=p.participant,
                              year=TODAY.year + year_offset, items=_items(*items),
                              profile=p.profile)
    assert not DevelopmentPlan.objects.exists()


def test_an_activity_the_profile_does_not_offer_cannot_be_planned(world):
    p = world("nganjuk")  # no self-study
    profile = profile_for(p.regency, TODAY)
    with pytest.raises(services.CompetencyRefused):
        plans.propose_plan(actor=login_user(p.coach), employee=p.participant,
                              year=TODAY.year, items=_items(("M1", r.SELF_STUDY, "4")),
                              profile=profile)


def test_only_the_direct_supervisor_proposes(gap_world):
    p = gap_world
    for actor in (p.participant_user, p.hr_user, p.admin, login_user(p.head)):
        with pytest.raises(services.CompetencyRefused):
            plans.propose_plan(actor=actor, employee=p.participant, year=TODAY.year,
                                  items=_items(("M1", r.COACHING, "4")), profile=p.profile)


def test_program_prefill_from_a_plan_item(gap_world):
    p = gap_world
    plan = plans.propose_plan(actor=login_user(p.coach), employee=p.participant,
                                 year=TODAY.year, items=_items(("M1", r.COACHING, "4")),
                                 profile=p.profile)
    fill = plans.program_prefill(plan.items.get())
    assert "Integritas" in fill["development_need"] and "level saat ini 1" in \
        fill["development_need"]
    assert fill["target_competencies"] == "Integritas level 3"


def test_plan_pages_propose_and_agree(gap_world):
    p = gap_world
    url = reverse("competency:plan", args=[p.participant.pk])
    coach = client_of(login_user(p.coach))
    page = coach.get(url).content.decode()
    assert "Usulkan rencana" in page
    m1, m3 = national("M1").pk, national("M3").pk
    propose = reverse("competency:plan_propose", args=[p.participant.pk])
    response = coach.post(propose, {"tahun": TODAY.year, f"pick_{m1}": "1",
                                    f"route_{m1}": r.COACHING, f"jp_{m1}": "10",
                                    f"pick_{m3}": "1", f"route_{m3}": r.SELF_STUDY,
                                    f"jp_{m3}": "10"})
    assert response.status_code == 302
    assert coach.post(propose, {"tahun": TODAY.year, f"pick_{m1}": "1",
                                f"route_{m1}": r.COACHING, f"jp_{m1}": "x"}).status_code == 400
    assert coach.post(propose, {"tahun": "20x6"}).status_code == 404
    employee = client_of(p.participant_user)
    assert "Usulkan rencana" not in employee.get(url).content.decode()
    assert employee.post(propose, {"tahun": TODAY.year}).status_code == 404
    agree = reverse("competency:plan_agree", args=[p.participant.pk])
    assert coach.post(agree, {"tahun": TODAY.year}).status_code == 400
    assert employee.post(agree, {"tahun": TODAY.year}).status_code == 302
    page = employee.get(url).content.decode()
    assert "disepakati pegawai" in page and "20,0" in page
    assert client_of(p.outsider_user).get(url).status_code == 404


def test_the_prefill_shares_the_target_over_the_gaps(gap_world):
    p = gap_world
    page = client_of(login_user(p.coach)).get(
        reverse("competency:plan", args=[p.participant.pk])).content.decode()
    # Two assessed gaps (Integritas 1→3, Komunikasi 2→3): 20 JP shared → 10 each.
    assert page.count('value="10"') == 2


def test_agreeing_without_a_plan_says_so(gap_world):
    p = gap_world
    agree = reverse("competency:plan_agree", args=[p.participant.pk])
    response = client_of(p.participant_user).post(agree, {"tahun": TODAY.year}, follow=True)
    assert "Belum ada rencana yang diusulkan" in response.content.decode()
    assert not DevelopmentPlan.objects.exists()
