"""The route rule (kembang/policy/competency_route.py): cause first, size second, only what
the profile offers; and the default standard of every position kind."""

import pytest

from kembang.competency.selectors import default_level
from kembang.organisation.models import Position
from kembang.policy import competency_route as r
from kembang.policy.positions import POSITION_KINDS

ALL = (r.COACHING, r.MENTORING, r.SELF_STUDY)
NO_SELF_STUDY = (r.COACHING, r.MENTORING)


@pytest.mark.parametrize(("cause", "gap", "route"), [
    (r.CAUSE_MOTIVATION, 1, r.COACHING),
    (r.CAUSE_MOTIVATION, 3, r.COACHING),  # a large gap from motivation: still coaching
    (r.CAUSE_SKILL, 1, r.MENTORING),  # a small gap from missing skill: still mentoring
    (r.CAUSE_SKILL, 3, r.MENTORING),
    (r.CAUSE_KNOWLEDGE, 2, r.SELF_STUDY),
])
def test_the_recorded_cause_decides(cause, gap, route):
    suggestion = r.suggest_route(gap=gap, cause=cause, offered=ALL)
    assert (suggestion.route, suggestion.basis, suggestion.fell_back) == (route, r.BY_CAUSE,
                                                                          False)


@pytest.mark.parametrize(("gap", "route"), [(1, r.COACHING), (2, r.MENTORING),
                                            (4, r.MENTORING)])
def test_without_a_cause_the_size_only_prefills(gap, route):
    suggestion = r.suggest_route(gap=gap, cause="", offered=ALL)
    assert (suggestion.route, suggestion.basis) == (route, r.BY_SIZE)


def test_an_activity_the_profile_does_not_offer_falls_back_to_classical():
    suggestion = r.suggest_route(gap=1, cause=r.CAUSE_KNOWLEDGE, offered=NO_SELF_STUDY)
    assert suggestion.route == r.CLASSICAL
    assert suggestion.wanted == r.SELF_STUDY and suggestion.fell_back
    assert r.suggest_route(gap=2, cause="", offered=()).route == r.CLASSICAL


@pytest.mark.parametrize("gap", [None, 0, -1, -3])
def test_no_gap_no_suggestion(gap):
    assert r.suggest_route(gap=gap, cause=r.CAUSE_SKILL, offered=ALL) is None


def test_a_regency_rule_is_data():
    rule = r.RouteRule(by_cause=((r.CAUSE_KNOWLEDGE, r.CLASSICAL),), small_gap=2)
    assert r.suggest_route(gap=2, cause="", offered=ALL, rule=rule).route == r.COACHING
    assert r.suggest_route(gap=1, cause=r.CAUSE_KNOWLEDGE, offered=ALL,
                           rule=rule).route == r.CLASSICAL


def test_gap_arithmetic():
    assert r.gap_of(3, 1) == 2
    assert r.gap_of(2, 2) == 0
    assert r.gap_of(1, 3) == -2
    assert r.gap_of(None, 2) is None
    assert r.gap_of(2, None) is None


# Belitung Timur Lampiran huruf D for levels 1–3; above, national defaults to verify.
EXPECTED = {"pemula": 1, "pelaksana": 1, "terampil": 2, "mahir": 2, "ahli_pertama": 2,
            "pengawas": 2, "penyelia": 3, "ahli_muda": 3, "administrator": 3,
            "ahli_madya": 4, "pimpinan_tinggi": 4, "ahli_utama": 5}


@pytest.mark.parametrize("kind", POSITION_KINDS)
def test_the_default_standard_of_every_position_kind(kind):
    assert default_level(Position(kind=kind)) == EXPECTED[kind]


def test_no_position_no_default():
    assert default_level(None) is None


# --- the regency's own rule -------------------------------------------------------------


def test_bkpsdm_sets_the_regency_rule_which_the_pages_follow(world):
    from django.urls import reverse

    from kembang.audit.models import AuditEvent
    from kembang.competency import plans
    from kembang.competency.tests.conftest import assess, client_of

    p = world("langsa")
    url = reverse("competency:route_rule")
    for user in (p.participant_user, p.hr_user, p.coach_user):
        assert client_of(user).get(url).status_code == 404
    client = client_of(p.admin)
    assert client.get(url).status_code == 200
    bad = {"motivation_route": "x", "skill_route": r.MENTORING,
           "knowledge_route": r.SELF_STUDY, "small_gap": "1"}
    assert client.post(url, bad).status_code == 400
    assert client.post(url, {**bad, "motivation_route": r.COACHING, "small_gap": "9"}
                       ).status_code == 400
    assert client.post(url, {**bad, "motivation_route": r.COACHING,
                             "knowledge_route": r.CLASSICAL, "small_gap": "2"}
                       ).status_code == 302
    rule = plans.route_rule(p.regency)
    assert rule.small_gap == 2 and rule.route_for_cause(r.CAUSE_KNOWLEDGE) == r.CLASSICAL
    assert AuditEvent.objects.filter(action="competency.route_rule").count() == 1
    p.participant.position.kind = "administrator"
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1}, cause=r.CAUSE_KNOWLEDGE)
    html = client_of(p.participant_user).get(
        reverse("competency:employee", args=[p.participant.pk])).content.decode()
    assert "aturan yang ditetapkan BKPSDM daerah ini" in html
    row = html[html.index("<td>Integritas</td>"):]
    assert "Pelatihan klasikal" in row[:row.index("</tr>")]
