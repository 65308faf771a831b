"""The regency dashboard: its figures are `year_recap`'s (who meets the
target per unit and per kind, JP by activity and month, the 10:20:70 mix), the scope is
BKPSDM's regency or a head's units, and the queries do not grow with the regency."""

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kembang.common.tests.clock import TODAY, on
from kembang.learning.models import ClassicalTraining
from kembang.learning.services import sessions
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    UnitFactory,
    grant,
    login_for,
)
from kembang.policy.profiles import MIX_TWENTY, Rule
from kembang.policy.schedule import ProfileSchedule
from kembang.recap import dashboard as dashboard_module
from kembang.recap.dashboard import CLASSICAL, dashboard
from kembang.recap.figures import year_recap

PAGE = "/rekap/dasbor/"
LAST_MONTH = on(-1, 5) if on(-1, 5).year == TODAY.year else on(0, 1)


@pytest.fixture
def world(people_for):
    """Langsa's people: the participant with a validated coaching session and classical
    training that meets their target; a PPPK below it; a sub-unit with one employee; BKPSDM."""
    p = people_for("langsa")
    program = start_coaching(p)
    sessions.session_validate(actor=p.hr_user, session=log_and_confirm(p, program, LAST_MONTH))
    log_and_confirm(p, program, on(0, 1))  # pending: no official JP
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="klasikal", title="Bimtek",
        start_date=on(0, 1), end_date=on(0, 1), jp=Decimal("20"), recorded_by=p.hr_user)
    p.pppk = EmployeeFactory(unit=p.unit, kind="pppk", rank="IX", name="Pppk Belum")
    p.sub_unit = UnitFactory(regency=p.regency, name="Sekretariat", parent=p.unit)
    p.sub_employee = EmployeeFactory(unit=p.sub_unit, name="Sri Sub Unit")
    p.admin = login_for(regency=p.regency, username="bkpsdm")
    grant(p.admin, Role.HR_ADMIN)
    return p


def _expected_shares(recap, people):
    meeting = sum(r.meets_target for r in people)
    return len(people), meeting


@pytest.mark.django_db
def test_the_figures_are_year_recap_s(world):
    p = world
    board = dashboard(p.regency, TODAY.year)
    recap = year_recap(p.regency, TODAY.year)
    assert (board.total.people, board.total.meeting) == _expected_shares(recap, recap.people)
    assert board.total.meeting >= 1  # the participant
    for kind in ("pns", "pppk"):
        mine = [r for r in recap.people if r.employee.kind == kind]
        assert (board.kinds[kind].people, board.kinds[kind].meeting) == (
            _expected_shares(recap, mine))
    # Per top-level PD: everyone in it or below it.
    paths = {u.unit.pk: u.unit.path for u in recap.units}
    rows = {row.unit.pk: row for row in board.units}
    assert set(rows) == {p.unit.pk, p.other_unit.pk}
    for pk, row in rows.items():
        mine = [r for r in recap.people if paths[r.unit_id].startswith(paths[pk])]
        assert (row.total.people, row.total.meeting) == _expected_shares(recap, mine)
        assert row.official == sum(r.official for r in mine)
        for kind in ("pns", "pppk"):
            kind_rows = [r for r in mine if r.employee.kind == kind]
            assert (row.kinds[kind].people if kind in row.kinds else 0) == len(kind_rows)
    assert rows[p.unit.pk].total.people == len(
        [r for r in recap.people if paths[r.unit_id].startswith(p.unit.path)])
    # JP by activity, by month and in all: the recap's official JP.
    official = sum(r.official for r in recap.people)
    assert board.official == official
    assert sum(jp for _m, jp in board.months) == official
    assert dict(board.activities)[CLASSICAL] == sum(r.classical for r in recap.people)
    assert dict(board.months)[LAST_MONTH.month] >= Decimal("2")
    # The furthest behind: only people below their target, the largest gap first.
    assert p.participant.pk not in {r.employee.pk for r in board.behind}
    gaps = [r.target - r.official for r in board.behind]
    assert gaps == sorted(gaps, reverse=True) and all(g > 0 for g in gaps)


@pytest.mark.django_db
def test_a_unit_shows_itself_and_its_direct_sub_units(world):
    p = world
    board = dashboard(p.regency, TODAY.year, unit=p.unit)
    recap = year_recap(p.regency, TODAY.year, unit=p.unit)
    rows = {row.unit.pk: row for row in board.units}
    assert list(rows) == [p.unit.pk, p.sub_unit.pk]  # the unit itself first
    assert rows[p.sub_unit.pk].total.people == 1
    assert rows[p.unit.pk].total.people == len(recap.people) - 1
    assert board.total.people == len(recap.people)


@pytest.mark.django_db
def test_the_mix_puts_self_study_where_the_profile_says(world, monkeypatch):
    p = world
    board = dashboard(p.regency, TODAY.year)
    official = dict(board.activities)
    ten, twenty, seventy = board.mix
    assert board.self_study_part == "10"  # the default
    assert ten.official == official[CLASSICAL] + official["belajar_mandiri"]
    assert twenty.official == official["coaching"] + official["mentoring"]
    assert ten.percent + twenty.percent == 100
    assert seventy.official is None and seventy.percent is None  # not recorded, not 0 %

    from kembang.learning import profiles as learning_profiles

    schedule = learning_profiles.schedule_for(p.regency)

    class Moved:
        def at(self, day):
            return dataclasses.replace(schedule.at(day),
                                       self_study_mix=Rule(MIX_TWENTY, "Perbup X Pasal 1"))

    monkeypatch.setattr(dashboard_module, "schedule_for", lambda regency: Moved())
    moved = dashboard(p.regency, TODAY.year)
    assert moved.self_study_part == "20"
    assert moved.mix[0].official == official[CLASSICAL]
    assert moved.mix[1].official == (official["coaching"] + official["mentoring"]
                                     + official["belajar_mandiri"])


@pytest.mark.django_db
def test_the_page_shows_the_figures_and_links_the_lists_behind_them(client, world):
    p = world
    client.force_login(p.admin)
    response = client.get(PAGE)
    assert response.status_code == 200
    board = response.context["board"]
    html = response.content.decode()
    assert f'href="/pegawai/?year={TODAY.year}&amp;jp_status=memenuhi"' in html
    assert f'href="/pegawai/?year={TODAY.year}&amp;kind=pppk&amp;jp_status=memenuhi"' in html
    assert f'href="/pegawai/?unit={p.unit.pk}&amp;year={TODAY.year}"' in html
    assert f'href="/rekap/dasbor/?unit={p.unit.pk}&amp;tahun={TODAY.year}"' in html
    assert "/program/pegawai/?kegiatan=coaching" in html
    assert f"/pegawai/{board.behind[0].employee.pk}/?tahun={TODAY.year}" in html
    assert "tidak dicatat di Kembang" in html
    assert 'id="dashboard-charts" type="application/json"' in html
    assert "hak 20 JP" not in html
    # The list behind "meeting the target" holds exactly those people.
    listed = client.get("/pegawai/", {"year": TODAY.year, "jp_status": "memenuhi"})
    assert len(listed.context["listed"].ids) == board.total.meeting


@pytest.mark.django_db
def test_scope_bkpsdm_the_regency_a_head_their_unit_others_404(client, world):
    p = world
    sub_head = login_for(EmployeeFactory(unit=p.sub_unit))
    grant(sub_head, Role.HEAD_OF_UNIT, p.sub_unit)
    cases = [
        (p.admin, {}, 200), (p.admin, {"unit": p.other_unit.pk}, 200),
        (p.head_user, {}, 200), (p.head_user, {"unit": p.sub_unit.pk}, 200),
        (p.head_user, {"unit": p.other_unit.pk}, 404),
        (sub_head, {"unit": p.unit.pk}, 404), (sub_head, {}, 200),
        (p.admin, {"unit": UnitFactory().pk}, 404),  # another regency's unit
        (p.admin, {"unit": "x"}, 404),
        (p.hr_user, {}, 404), (p.participant_user, {}, 404), (p.coach_user, {}, 404),
    ]
    for user, params, expected in cases:
        client.force_login(user)
        assert client.get(PAGE, params).status_code == expected, (user, params)
    client.force_login(p.head_user)
    board = client.get(PAGE).context["board"]
    assert board.unit == p.unit
    assert p.outsider.pk not in {r.employee.pk for r in board.recap.people}
    client.force_login(sub_head)
    board = client.get(PAGE).context["board"]
    assert board.unit == p.sub_unit and board.total.people == 2  # sub_head + Sri


@pytest.mark.django_db
def test_a_bad_year_is_this_year(client, world):
    client.force_login(world.admin)
    for value in ("1999", "dua", "9" * 30, str(TODAY.year + 3)):
        assert client.get(PAGE, {"tahun": value}).context["year"] == TODAY.year
    assert client.get(PAGE, {"tahun": TODAY.year - 1}).context["year"] == TODAY.year - 1


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "head_user"])
def test_the_queries_do_not_grow_with_the_regency(client, world, who):
    p = world
    client.force_login(getattr(p, who))
    cases = [{}, {"unit": p.unit.pk}, {"tahun": TODAY.year - 1}]
    for params in cases:
        _queries(client, params)  # warm the caches (profile schedule)
    small = [_queries(client, params) for params in cases]
    for n in range(30):
        EmployeeFactory(unit=p.sub_unit if n % 2 else p.unit, kind="pppk" if n % 3 else "pns")
    for n in range(3):
        UnitFactory(regency=p.regency, name=f"Dinas Baru {n}")
    assert [_queries(client, params) for params in cases] == small


@pytest.mark.django_db
def test_bkpsdm_home_links_the_dashboard_and_the_menu_shows_it(client, world):
    p = world
    client.force_login(p.admin)
    html = client.get("/").content.decode()
    assert 'id="home-dashboard"' in html and f'href="{PAGE}"' in html
    for user, shown in ((p.head_user, True), (p.hr_user, False), (p.participant_user, False)):
        client.force_login(user)
        assert (f'href="{PAGE}"' in client.get("/").content.decode()) is shown, user


@pytest.mark.django_db
def test_the_home_summary_counts_what_year_recap_counts(world):
    from kembang.recap.dashboard import home_summary

    p = world
    recap = year_recap(p.regency, TODAY.year)
    summary = home_summary(p.regency, TODAY.year)
    assert (summary.people, summary.meeting) == _expected_shares(recap, recap.people)
    assert summary.meeting >= 1


def _the_slow_way(regency, year, unit=None):
    """The dashboard's figures added up in Python from every `year_recap` row, as the page
    did before the database counted them: the reference the fast path must equal."""
    recap = year_recap(regency, year, unit=unit)
    paths = {u.unit.pk: u.unit.path for u in recap.units}
    tops = [u.unit for u in recap.units if (u.unit.parent_id is None if unit is None else
                                            u.unit.pk == unit.pk or u.unit.parent_id == unit.pk)]

    def shares(rows):
        return {kind: (len(mine), sum(r.meets_target for r in mine))
                for kind in ("pns", "pppk") if (mine := [r for r in rows
                                                          if r.employee.kind == kind])}

    def under(top):
        if unit is not None and top.pk == unit.pk:  # the unit itself: not in a sub-unit
            subs = [t.path for t in tops if t.pk != unit.pk]
            return [r for r in recap.people
                    if not any(paths[r.unit_id].startswith(s) for s in subs)]
        return [r for r in recap.people if paths[r.unit_id].startswith(top.path)]

    activities = {CLASSICAL: sum((r.classical for r in recap.people), Decimal(0))}
    for r in recap.people:
        for code, figures in r.by_activity.items():
            activities[code] = activities.get(code, Decimal(0)) + figures.official
    behind = sorted((r for r in recap.people if not r.meets_target),
                    key=lambda r: (r.official - r.target, r.official, r.employee.name))
    return {
        "total": (len(recap.people), sum(r.meets_target for r in recap.people)),
        "kinds": shares(recap.people),
        "units": {t.pk: (len(under(t)), sum(r.meets_target for r in under(t)),
                         shares(under(t)), sum((r.official for r in under(t)), Decimal(0)))
                  for t in tops},
        "activities": {c: jp for c, jp in activities.items() if jp},
        "behind": [(r.employee.pk, r.unit_label, r.official, r.target) for r in behind[:10]],
    }


def _the_fast_way(board):
    def shares(kinds):
        return {k: (s.people, s.meeting) for k, s in kinds.items() if s.people}

    return {
        "total": (board.total.people, board.total.meeting),
        "kinds": shares(board.kinds),
        "units": {row.unit.pk: (row.total.people, row.total.meeting, shares(row.kinds),
                                row.official) for row in board.units},
        "activities": {c: jp for c, jp in board.activities if jp},
        "behind": [(r.employee.pk, r.unit_label, r.official, r.target) for r in board.behind],
    }


@pytest.fixture
def mixed(world):
    """World plus PPPK and PNS in a sub-unit and another PD, one PPPK with exactly 10 JP of
    classical training, and more people below their target than the page lists."""
    p = world
    p.pppk_ten = EmployeeFactory(unit=p.sub_unit, kind="pppk", rank="IX", name="Pppk Sepuluh")
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.pppk_ten, route="klasikal", title="Latsar",
        start_date=on(0, 1), end_date=on(0, 1), jp=Decimal("10"), recorded_by=p.hr_user)
    ClassicalTraining.objects.create(  # cancelled: counts nowhere
        regency=p.regency, employee=p.pppk, route="klasikal", title="Batal",
        start_date=on(0, 1), end_date=on(0, 1), jp=Decimal("40"), recorded_by=p.hr_user,
        cancelled_at=timezone.now())
    for n in range(12):
        EmployeeFactory(unit=(p.unit, p.sub_unit, p.other_unit)[n % 3],
                        kind="pppk" if n % 2 else "pns")
    return p


@pytest.mark.django_db
def test_the_database_counts_what_year_recap_counts(mixed):
    p = mixed
    for year in (TODAY.year, TODAY.year - 1):
        for unit in (None, p.unit, p.sub_unit, p.other_unit):
            expected = _the_slow_way(p.regency, year, unit)
            assert _the_fast_way(dashboard(p.regency, year, unit=unit)) == expected, (year,
                                                                                      unit)
    assert _the_slow_way(p.regency, TODAY.year)["total"][1] >= 1


@pytest.mark.django_db
def test_a_regency_with_another_pppk_target(mixed, monkeypatch):
    from kembang.learning import profiles as learning_profiles
    from kembang.recap import figures as figures_module

    p = mixed
    schedule = learning_profiles.schedule_for(p.regency)

    lower = ProfileSchedule.of([  # the regency's schedule with a PPPK target of 10 JP
        (start, dataclasses.replace(profile, annual_target_jp_pppk=Rule(
            Decimal("10"), "Perbup X Pasal 2"))) for start, profile in schedule.versions])
    for module in (dashboard_module, figures_module):
        monkeypatch.setattr(module, "schedule_for", lambda regency: lower)
    board = dashboard(p.regency, TODAY.year)
    assert board.targets["pppk"] == Decimal("10")
    assert _the_fast_way(board) == _the_slow_way(p.regency, TODAY.year)
    assert board.kinds["pppk"].meeting >= 1  # exactly 10 JP meets a target of 10
    assert p.pppk_ten.pk not in {r.employee.pk for r in board.behind}


@pytest.mark.django_db
def test_the_stored_month_sums_are_the_sessions_and_a_rebuild_keeps_them(world):
    """JP by month reads `JpYear`'s month columns, kept by every status change; rebuilding
    them from the sessions changes nothing."""
    from kembang.learning.models import Session
    from kembang.recap.models import MONTH_FIELDS, JpYear
    from kembang.recap.summary import rebuild

    p = world
    validated = Session.objects.filter(participant=p.participant, status="validated")
    expected = {m: sum((s.jp for s in validated if s.date.month == m), Decimal(0))
                for m in range(1, 13)}
    stored = JpYear.objects.filter(employee=p.participant, year=LAST_MONTH.year)
    by_month = {m: sum((getattr(r, name) for r in stored), Decimal(0))
                for m, name in enumerate(MONTH_FIELDS, start=1)}
    assert by_month == expected and expected[LAST_MONTH.month] > 0
    before = sorted(JpYear.objects.values_list(
        "employee_id", "year", "unit_id", "activity", "sessions", "official", *MONTH_FIELDS))
    rebuild()
    assert sorted(JpYear.objects.values_list(
        "employee_id", "year", "unit_id", "activity", "sessions", "official",
        *MONTH_FIELDS)) == before
