"""The demo regency: a deterministic, plausible organisation, written once, with logins."""

import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kembang.accounts.models import User
from kembang.audit.models import AuditEvent
from kembang.organisation.access import access_employee, employees_in_scope, scope_for
from kembang.organisation.demo import catalogue as cat
from kembang.organisation.demo.builder import (
    MIN_EMPLOYEES,
    PD,
    REFERENCE_YEAR,
    allocate,
    demo_plan,
)
from kembang.organisation.demo.loader import DEMO_PASSWORD, demo_load
from kembang.organisation.demo.profiles import DEMO_REGENCIES
from kembang.organisation.models import (
    Employee,
    EmploymentHistory,
    OrgUnit,
    Position,
    Regency,
    Role,
    RoleAssignment,
)
from kembang.organisation.tests.factories import RegencyFactory
from kembang.policy import positions
from kembang.policy.nip import KIND_PPPK, parse_nip
from kembang.policy.ranks import parse_rank

PROFILES = sorted(DEMO_REGENCIES)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # The demo hashes its password once; a fast hasher keeps the database tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _pd_of(plan, unit_index: int) -> int:
    while plan.units[unit_index].parent is not None:
        unit_index = plan.units[unit_index].parent
    return unit_index


# --- the plan (no database) -------------------------------------------------------------------


@pytest.mark.parametrize("profile_id", PROFILES)
def test_the_same_seed_gives_the_same_plan(profile_id):
    assert demo_plan(profile_id, 300, seed=4) == demo_plan(profile_id, 300, seed=4)


def test_another_seed_gives_other_people():
    one, two = demo_plan("nganjuk", 300, seed=1), demo_plan("nganjuk", 300, seed=2)
    assert len({e.nip for e in one.employees} & {e.nip for e in two.employees}) < 5
    assert [e.name for e in one.employees] != [e.name for e in two.employees]


def test_two_demo_regencies_never_share_a_nip():
    nips = [{e.nip for e in demo_plan(p, 2000, seed=1).employees} for p in PROFILES]
    serials = [{int(n[15:]) for n in group} for group in nips]
    assert serials[0].isdisjoint(serials[1]) and serials[1].isdisjoint(serials[2])
    assert serials[0].isdisjoint(serials[2])


def test_nips_already_in_the_deployment_are_avoided():
    first = demo_plan("langsa", 300, seed=1)
    taken = {e.nip for e in first.employees}
    again = demo_plan("langsa", 300, seed=1, taken_nips=taken)
    assert taken.isdisjoint(e.nip for e in again.employees)


@pytest.mark.parametrize("size", [MIN_EMPLOYEES, 57, 300, 1000])
def test_the_plan_has_exactly_the_employees_asked_for(size):
    assert len(demo_plan("nganjuk", size).employees) == size


def test_fewer_than_the_minimum_or_an_unknown_profile_is_refused():
    with pytest.raises(ValueError):
        demo_plan("nganjuk", MIN_EMPLOYEES - 1)
    with pytest.raises(ValueError):
        demo_plan("jakarta", 300)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_nip_is_valid_unique_and_tells_the_truth_about_the_person(profile_id):
    plan = demo_plan(profile_id, 1000, seed=3)
    assert len({e.nip for e in plan.employees}) == len(plan.employees)
    for e in plan.employees:
        nip = parse_nip(e.nip)
        assert nip.digits == e.nip
        assert nip.kind == e.kind
        assert str(nip.sex) == e.sex
        assert nip.serial in plan.regency.serials
        if nip.kind == KIND_PPPK:
            assert 2019 <= nip.appointment_year <= 2025
            assert 1 <= nip.batch <= 9
            assert e.valid_from.year == nip.appointment_year
        else:
            assert 18 <= nip.tmt_year - nip.birth_date.year <= 35
            assert e.valid_from.year > nip.tmt_year or e.valid_from.year == REFERENCE_YEAR
        assert e.valid_from.year <= REFERENCE_YEAR
        assert REFERENCE_YEAR - nip.birth_date.year <= 60


@pytest.mark.parametrize("profile_id", PROFILES)
def test_everyone_but_the_heads_of_pd_has_a_supervisor_in_the_same_pd(profile_id):
    plan = demo_plan(profile_id, 1000, seed=2)
    employees = plan.employees
    heads = [i for i, e in enumerate(employees) if e.supervisor is None]
    assert sorted(_pd_of(plan, employees[i].unit) for i in heads) == [
        i for i, u in enumerate(plan.units) if u.parent is None]
    for i, e in enumerate(employees):
        assert (e.supervisor is None) == (e.level == 0)
        if e.supervisor is not None:
            boss = employees[e.supervisor]
            assert _pd_of(plan, boss.unit) == _pd_of(plan, e.unit)
            assert boss.level < e.level
        seen, current = set(), i  # no cycles: the chain ends at a head within four steps
        while employees[current].supervisor is not None:
            assert current not in seen
            seen.add(current)
            current = employees[current].supervisor
        assert len(seen) <= 3


def test_units_are_perangkat_daerah_with_two_to_four_offices():
    plan = demo_plan("nganjuk", 300)
    pds = [i for i, u in enumerate(plan.units) if u.parent is None]
    assert 7 <= len(pds) <= 9
    for pd in pds:
        children = [u for u in plan.units if u.parent == pd]
        offices = [u for u in children if u.role != cat.UPT]
        assert 2 <= len(offices) <= 4
        assert offices[0].role == cat.SECRETARIAT
        assert len({u.name for u in children}) == len(children)
    assert all(u.role == PD for u in plan.units if u.parent is None)
    names = [plan.units[i].name for i in pds]
    assert {"Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"} <= set(names)
    assert any(name.startswith("Kecamatan ") for name in names)


def test_a_regency_sized_demo_has_thirty_to_fifty_pd_and_schools():
    plan = demo_plan("langsa", 10_000)
    assert 30 <= plan.pd_count <= 50
    assert sum(1 for u in plan.units if u.name.startswith("UPTD SD Negeri")) > 50


@pytest.mark.parametrize("profile_id", PROFILES)
def test_pppk_share_and_talent_pool_are_plausible(profile_id):
    employees = demo_plan(profile_id, 2000, seed=1).employees
    pppk = [e for e in employees if e.kind == "pppk"]
    pns = [e for e in employees if e.kind == "pns"]
    assert 0.12 <= len(pppk) / len(employees) <= 0.22
    assert 0.05 <= sum(e.is_talent for e in pns) / len(pns) <= 0.15
    assert not any(e.is_talent for e in pppk)
    kinds = {name: kind for name, kind in (
        (p.name, p.kind) for p in demo_plan(profile_id, 2000, seed=1).positions)}
    assert not any(kinds[e.position] in cat.STRUCTURAL_KINDS for e in pppk)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_ranks_belong_to_the_employees_scheme(profile_id):
    for e in demo_plan(profile_id, 1000).employees:
        rank = parse_rank(e.rank, e.kind)
        assert rank is not None and rank.code == e.rank


def test_every_position_name_reads_as_its_kind():
    """The demo's positions agree with the name mapping every regency starts from."""
    names = [(j.name, j.kind) for j in cat.all_jobs()]
    for agency in (*cat.AGENCIES, cat.district("Bagor")):
        names.append((agency.head, agency.head_kind))
        names += [(u.head, u.head_kind) for u in agency.units]
        names += [(s, positions.PENGAWAS) for u in agency.units for s in u.sections]
    names += [(name, kind) for name, kind, _ in cat.UPT_HEADS.values()]
    for profile_id in PROFILES:
        names += [(p.name, p.kind) for p in demo_plan(profile_id, 3000).positions]
    wrong = [(name, kind, positions.kind_from_name(name)) for name, kind in names
             if positions.kind_from_name(name) != kind]
    assert wrong == []


def test_names_carry_titles_emails_and_phones():
    employees = demo_plan("nganjuk", 1000).employees
    assert sum(bool(e.title_suffix or e.title_prefix) for e in employees) > 600
    prefixes = Counter(e.title_prefix for e in employees)
    assert {"dr.", "Ns."} & set(prefixes)
    assert any("A.Md.Kep." in e.title_suffix for e in employees)
    assert any("S.Pd." in e.title_suffix for e in employees)
    emails = [e.email for e in employees if e.email]
    assert 0.4 <= len(emails) / len(employees) <= 0.6
    assert len(set(emails)) == len(emails)
    assert all(email.endswith("@nganjuk.example") for email in emails)
    phones = [e.phone for e in employees if e.phone]
    assert len(phones) > 700 and all(p.startswith("08") and p.isdigit() for p in phones)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_the_demo_logins_tell_one_story_in_one_pd(profile_id):
    plan = demo_plan(profile_id, 300)
    logins, employees = plan.logins, plan.employees
    people = [logins.hr_officer, logins.head, logins.supervisor, logins.employee]
    assert len(set(people)) == 4
    assert all(_pd_of(plan, employees[i].unit) == logins.unit for i in people)
    assert employees[logins.head].level == 0
    assert employees[logins.hr_officer].position == cat.HR_JOB.name
    assert employees[logins.employee].supervisor == logins.supervisor
    assert employees[logins.employee].kind == "pns"
    if profile_id == "belitung-timur":
        assert employees[logins.employee].is_talent


def test_allocate_keeps_the_total_and_the_minimum():
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(allocate(301, [34, 20, 1.2, 4], minimum=5)) == 301
    assert min(allocate(40, [100, 1, 1], minimum=5)) == 5


# --- the command and the database -------------------------------------------------------------


def run_demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def printed_logins(output: str) -> list[str]:
    """The login column of the printed table (columns are two or more spaces apart)."""
    lines = output.split("Login demo")[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    return [re.split(r"\s{2,}", line.strip())[1] for line in lines[start:start + 5]]


def _counts():
    return {model.__name__: model.objects.count() for model in (
        Regency, OrgUnit, Position, Employee, EmploymentHistory, User, RoleAssignment,
        AuditEvent)}


@pytest.mark.django_db
def test_demo_command_builds_the_regency_and_a_second_run_changes_nothing():
    first = run_demo("--profil", "langsa", "--pegawai", "80", "--seed", "3")
    counts = _counts()
    regency = Regency.objects.get(slug="langsa")
    assert (str(regency), regency.province, regency.profile_id) == (
        "Kota Langsa", "Aceh", "langsa")
    assert Employee.objects.filter(regency=regency).count() == 80
    second = run_demo("--profil", "langsa", "--pegawai", "80", "--seed", "3")
    assert _counts() == counts
    assert printed_logins(first) == printed_logins(second)
    assert "tidak ada yang diubah" in second
    smaller = run_demo("--profil", "langsa", "--pegawai", "40", "--seed", "3")
    assert _counts() == counts
    assert printed_logins(smaller) == printed_logins(first)


@pytest.mark.django_db
def test_demo_writes_paths_history_and_one_summary_event_not_one_per_employee():
    result = demo_load(profile_id="nganjuk", employees=120, seed=1)
    regency = result.regency
    for unit in OrgUnit.objects.filter(regency=regency).select_related("parent"):
        assert unit.path == f"{unit.parent.path if unit.parent_id else '/'}{unit.pk}/"
    employees = Employee.objects.filter(regency=regency)
    assert EmploymentHistory.objects.filter(employee__regency=regency).count() == 120
    for e in employees.select_related("unit", "supervisor__unit"):
        if e.supervisor_id:
            assert e.unit.path.split("/")[1] == e.supervisor.unit.path.split("/")[1]
    events = Counter(AuditEvent.objects.filter(regency=regency).values_list("action", flat=True))
    assert events["demo.create"] == 1
    assert events["regency.create"] == 1
    assert events["account.create"] == 5 and events["role.assign"] == 3
    assert "employee.create" not in events
    marker = AuditEvent.objects.get(regency=regency, action="demo.create")
    assert marker.changes["counts"]["employees"] == 120
    assert marker.changes["seed"] == 1


@pytest.mark.django_db
def test_the_database_holds_exactly_the_plan():
    demo_load(profile_id="belitung-timur", employees=60, seed=9)
    plan = demo_plan("belitung-timur", 60, seed=9)
    stored = dict(Employee.objects.values_list("nip", "name"))
    assert stored == {e.nip: e.name for e in plan.employees}


@pytest.mark.django_db
@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_printed_login_works_with_the_demo_password(client, profile_id):
    output = run_demo("--profil", profile_id, "--pegawai", "60")
    usernames = printed_logins(output)
    assert usernames[0] == f"admin.{profile_id}"
    assert len(set(usernames)) == 5
    for username in usernames:
        client.logout()
        response = client.post(reverse("accounts:login"),
                               {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_demo_logins_hold_their_roles_and_see_their_people():
    result = demo_load(profile_id="nganjuk", employees=300, seed=1)
    users = {x.role: User.objects.get(username=x.username) for x in result.logins}
    assert scope_for(users["hr_admin"]).whole_regency
    hr, head = users["hr_officer"], users["head_of_unit"]
    pd = RoleAssignment.objects.get(user=hr, role=Role.HR_OFFICER).unit
    assert pd.parent_id is None and pd.name == "Dinas Pendidikan"
    assert RoleAssignment.objects.get(user=head, role=Role.HEAD_OF_UNIT).unit == pd
    assert hr.employee.unit.parent == pd
    employee = users["employee"].employee
    assert employee.supervisor == users["supervisor"].employee
    assert access_employee(hr, employee.pk) == employee
    assert employees_in_scope(hr).count() == Employee.objects.filter(
        unit__path__startswith=pd.path).count()
    assert not users["supervisor"].must_set_password
    assert users["employee"].check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_belitung_timur_demo_employee_is_in_the_talent_pool():
    result = demo_load(profile_id="belitung-timur", employees=60, seed=1)
    login = next(x for x in result.logins if x.role == "employee")
    employee = User.objects.get(username=login.username).employee
    assert employee.is_talent and employee.kind == "pns"


@pytest.mark.django_db
def test_two_demo_regencies_live_side_by_side():
    demo_load(profile_id="nganjuk", employees=200, seed=1)
    demo_load(profile_id="langsa", employees=200, seed=1)
    assert Employee.objects.count() == 400
    assert User.objects.filter(username__startswith="admin.").count() == 2


@pytest.mark.django_db
def test_a_real_regency_with_the_demo_slug_is_never_touched():
    RegencyFactory(name="Nganjuk", slug="nganjuk", profile_id="nganjuk")
    before = _counts()
    with pytest.raises(CommandError, match="bukan data demo"):
        run_demo("--profil", "nganjuk", "--pegawai", "40")
    assert _counts() == before


@pytest.mark.django_db
def test_a_bigger_demo_over_a_smaller_one_is_refused():
    run_demo("--profil", "nganjuk", "--pegawai", "40")
    before = _counts()
    with pytest.raises(CommandError, match="sudah ada dengan 40 pegawai"):
        run_demo("--profil", "nganjuk", "--pegawai", "80")
    assert _counts() == before


@pytest.mark.django_db
def test_too_few_employees_is_a_command_error():
    with pytest.raises(CommandError):
        run_demo("--profil", "nganjuk", "--pegawai", "5")
    assert not Regency.objects.exists()
