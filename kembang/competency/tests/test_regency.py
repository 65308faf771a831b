"""BKPSDM's regency view: the largest total gaps by unit and position kind, how they moved
over a year, the agency plan export; BKPSDM only, constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.common.tests.clock import TODAY, days_ago
from kembang.competency import plans, regency
from kembang.competency.tests.conftest import assess, client_of, login_user, national
from kembang.organisation.tests.factories import EmployeeFactory
from kembang.policy import competency_route as r
from kembang.regulation.selectors import profile_for


def test_totals_by_unit_and_kind_and_the_change_over_a_year(p):
    p.participant.position.kind = "administrator"  # level 3
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1}, day=days_ago(500))  # gap 2 a year ago
    assess(p, p.participant, {"M1": 2, "M2": 1}, day=days_ago(10))  # gaps 1 and 2 now
    assess(p, p.outsider, {"M1": 3})  # no gap
    view = regency.regency_gaps(p.regency, by="unit", year_ago=days_ago(365))
    m1, m2 = national("M1").pk, national("M2").pk
    assert view.totals == {m1: 1, m2: 2}
    assert view.totals_before == {m1: 2}
    ranked = view.ranked
    assert (ranked[0][0], ranked[0][2], ranked[0][3]) == (m2, 2, 2)
    assert (ranked[1][0], ranked[1][2], ranked[1][3]) == (m1, 1, -1)
    assert view.rows[0].label == p.unit.name and view.rows[0].total == 3
    by_kind = regency.regency_gaps(p.regency, by="kind", year_ago=days_ago(365))
    assert by_kind.rows[0].label == "Administrator"


def test_regency_page_is_bkpsdm_only(world):
    p, q = world("belitung-timur"), world("langsa")
    url = reverse("competency:regency")
    for user in (p.participant_user, p.coach_user, p.hr_user, p.head_user):
        assert client_of(user).get(url).status_code == 404
    assess(p, p.participant, {"M1": 1})
    html = client_of(q.admin).get(url).content.decode()
    assert "0 di antaranya" in html  # the other regency sees none of this one
    assert client_of(p.admin).get(url, {"per": "kind"}).status_code == 200
    assert client_of(p.admin).get(url, {"per": "x\x00"}).status_code == 200


def test_regency_page_in_constant_queries(p, django_assert_num_queries):
    client = client_of(p.admin)
    url = reverse("competency:regency")
    assess(p, p.participant, {"M1": 1})
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(6):
        other = EmployeeFactory(unit=p.other_unit if n % 2 else p.unit,
                                position=p.participant.position, supervisor=p.coach)
        assess(p, other, {"M1": 1, "M2": 1 + n % 2})
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_agency_plan_export(p):
    profile = profile_for(p.regency, TODAY)
    p.participant.position.kind = "administrator"
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1})
    plans.propose_plan(actor=login_user(p.coach), employee=p.participant, year=TODAY.year,
                          items=[plans.ItemInput(national("M1"), r.MENTORING, "8")],
                          profile=profile)
    url = reverse("competency:agency_plan")
    assert client_of(p.hr_user).get(url).status_code == 404
    response = client_of(p.admin).get(url, {"tahun": TODAY.year})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert p.participant.nip in text and "Integritas" in text and "Mentoring" in text
    assert client_of(p.admin).get(url, {"tahun": "1900"}).status_code == 404
