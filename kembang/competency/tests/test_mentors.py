"""Mentor suggestions (docs/competency.md#mentor-suggestions): whom the profile allows,
strictly senior, same field, assessed at the mentee's required level; never the mentee,
never another regency; under nganjuk only the appointed pool; the same unit and fewer
active mentees first; a candidate's level never shown."""

from django.urls import reverse

from kembang.common.tests.clock import TODAY
from kembang.competency import mentors, plans, services
from kembang.competency.tests.conftest import assess, client_of, login_user, national
from kembang.learning.models import ActivityType, Program
from kembang.organisation.models import Position
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    PositionFactory,
    RegencyFactory,
    UnitFactory,
)
from kembang.regulation.selectors import profile_for


def _suggest(p, mentee=None, code="M1"):
    return [s.employee for s in mentors.mentor_suggestions(
        p.regency, mentee or p.participant, national(code),
        profile=profile_for(p.regency, TODAY))]


def test_senior_assessed_same_agency_only(world):
    p = world("belitung-timur")
    services.set_standard(actor=p.admin, position=p.participant.position,
                          competency=national("M1"), required_level=2)
    staff = p.participant.position  # pelaksana, III/a participant
    equal = EmployeeFactory(unit=p.unit, position=staff, rank="III/a")
    junior = EmployeeFactory(unit=p.unit, position=staff, rank="II/d")
    low = EmployeeFactory(unit=p.unit, position=p.head.position, rank="IV/a")
    elsewhere = UnitFactory(regency=RegencyFactory(slug="lain", name="Lain"))
    stranger = EmployeeFactory(unit=elsewhere, rank="IV/e",
                               position=PositionFactory(regency=elsewhere.regency,
                                                        kind=Position.Kind.ADMINISTRATOR))
    for person in (p.head, p.coach, p.hr, equal, junior, p.outsider, p.participant):
        assess(p, person, {"M1": 3})
    assess(p, low, {"M1": 1})  # senior, but below the mentee's required level
    suggested = _suggest(p)
    assert set(suggested) == {p.head, p.coach, p.hr}  # hr: same level, higher rank
    for never in (p.participant, equal, junior, low, p.outsider, stranger):
        assert never not in suggested


def test_same_unit_then_fewer_active_mentees_and_at_most_five(world):
    p = world("belitung-timur")
    sub = UnitFactory(regency=p.regency, name="Bidang", parent=p.unit)
    far = EmployeeFactory(unit=sub, position=p.head.position, rank="IV/b")
    for person in (p.head, p.coach, far):
        assess(p, person, {"M1": 3})
    Program.objects.create(regency=p.regency, activity=ActivityType.MENTORING,
                           participant=p.hr, guide=p.head, status=Program.Status.ACTIVE,
                           development_need="x", start_date=TODAY, end_date=TODAY,
                           profile_id="belitung-timur", started_by=p.hr_user)
    assert _suggest(p) == [p.coach, p.head, far]
    for _n in range(6):
        assess(p, EmployeeFactory(unit=p.unit, position=p.head.position, rank="IV/c"),
               {"M1": 4})
    assert len(_suggest(p)) == 5


def test_nganjuk_only_the_appointed_pool(world):
    p = world("nganjuk")  # coach and outsider appointed for the unit (learning conftest)
    for person in (p.head, p.coach, p.outsider):
        assess(p, person, {"M1": 3})
    assert set(_suggest(p)) == {p.coach, p.outsider}


def test_the_plan_page_shows_reasons_not_levels(world):
    p = world("belitung-timur")
    assess(p, p.head, {"M1": 4})
    plan = plans.propose_plan(
        actor=login_user(p.coach), employee=p.participant, year=TODAY.year,
        items=[plans.ItemInput(national("M1"), "mentoring", "4")],
        profile=profile_for(p.regency, TODAY))
    assert plan.items.count() == 1
    url = reverse("competency:plan", args=[p.participant.pk])
    html = client_of(p.participant_user).get(url).content.decode()
    # Before the employee agrees, nothing can be started from the plan.
    assert p.head.full_name in html and "Ajukan permintaan mentoring" not in html
    plans.agree_plan(actor=p.participant_user, plan=plan)
    html = client_of(p.participant_user).get(url).content.decode()
    assert p.head.full_name in html and "Ajukan permintaan mentoring" in html
    assert "jenjang jabatan lebih tinggi" in html
    section = html[html.index("mentor-suggestions"):]
    assert "level 4" not in section.lower() and ": 4" not in section
