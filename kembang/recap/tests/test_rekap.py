"""`kembang rekap` (docs/rekap.md): the contract, person by person equal to the API, the
year of a late correction, the exit codes, and a constant number of queries."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kembang.accounts.models import User
from kembang.common.tests.clock import TODAY, on, this_month
from kembang.learning.models import ClassicalTraining, Session
from kembang.learning.services import programs, sessions
from kembang.learning.services.periods import period_lock
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.demo.profiles import DEMO_REGENCIES
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit, Role
from kembang.organisation.services import employee_update
from kembang.organisation.tests.factories import EmployeeFactory
from kembang.recap.figures import year_recap


class _Out(io.StringIO):
    pass


def rekap(*args) -> tuple[int, str, str]:
    out, err = _Out(), _Out()
    try:
        call_command("rekap", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def _demo(profile_id: str):
    call_command("demo", "--profil", profile_id, "--pegawai", "40", stdout=_Out(),
                 stderr=_Out())


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
@pytest.mark.parametrize("profile_id", sorted(DEMO_REGENCIES))
def test_rekap_equals_the_api_for_every_employee_of_the_demo_regency(client, profile_id):
    _demo(profile_id)
    admin = User.objects.get(regency__slug=profile_id, role_assignments__role=Role.HR_ADMIN)
    client.force_login(admin)
    regency_employees = Employee.objects.filter(regency__slug=profile_id, is_active=True)
    by_nip = {e.nip: e.pk for e in regency_employees}
    # This year, and the year of the demo's sessions (the last one, on 1 January).
    latest = Session.objects.filter(regency__slug=profile_id).order_by("-date").first()
    some_jp = False
    for year in sorted({TODAY.year, latest.date.year}):
        code, out, err = rekap("--regency", profile_id, "--tahun", str(year))
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert (data["regency"], data["year"], data["profile"]) == (profile_id, year,
                                                                   profile_id)
        assert data["as_of"] == (TODAY if year == TODAY.year else date(year, 12, 31)).isoformat()
        if year == TODAY.year:
            assert [e["nip"] for e in data["employees"]] == sorted(by_nip)
        for row in data["employees"]:
            api = client.get(f"/api/employees/{by_nip[row['nip']]}/jp", {"year": year}).json()
            keys = ("target", "official", "provisional", "classical", "status", "meets_target",
                    "behind_pace")
            assert {k: row[k] for k in keys} == {k: api[k] for k in keys}, (year, row["nip"])
            assert row["by_activity"] == {a["activity"]: {"official": a["official"],
                                                         "provisional": a["provisional"]}
                                          for a in api["activities"]}, (year, row["nip"])
            some_jp |= row["provisional"] != "0"
        units = {u["unit_id"]: u for u in data["units"]}
        assert sum(u["employees"] for u in units.values()) == len(data["employees"])
        assert all(" › " in u["unit"] for u in units.values()
                   if OrgUnit.objects.get(pk=u["unit_id"]).parent_id)
    assert some_jp  # the demo's sessions are in it


@pytest.mark.django_db
def test_a_december_session_validated_in_january_counts_in_december_s_year(people_for):
    p = people_for("langsa")
    last_december = this_month(-TODAY.month)
    program = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=last_december,
        end_date=on(12 - TODAY.month, 31), development_need="x"))
    late = log_and_confirm(p, program, last_december.replace(day=10))
    period_lock(actor=p.hr_user, regency=p.regency, month=last_december)
    sessions.session_validate(actor=p.hr_user, session=late)
    late.refresh_from_db()
    assert late.correction_month == this_month()  # booked in this year's report …

    def official(year):
        row = next(r for r in year_recap(p.regency, year).people
                   if r.employee.pk == p.participant.pk)
        return row.official

    assert official(last_december.year) == Decimal(2)  # … but counted in its own year
    assert official(TODAY.year) == 0


@pytest.mark.django_db
def test_a_past_year_takes_who_was_active_on_31_december_and_their_unit_then(people_for):
    p = people_for("langsa")
    last_year = TODAY.year - 1
    moved = EmployeeFactory(unit=p.unit, name="Pindah Unit")
    left = EmployeeFactory(unit=p.unit, name="Sudah Berhenti")
    for employee in (moved, left):
        EmploymentHistory.objects.create(employee=employee, unit=p.unit, valid_from=on(-24, 1))
    employee_update(actor=p.hr_user, employee=moved, unit=p.other_unit,
                    on_date=on(-TODAY.month + 1, 1))
    employee_update(actor=p.hr_user, employee=left, is_active=False,
                    on_date=on(-TODAY.month + 1, 1))
    recap = year_recap(p.regency, last_year)
    rows = {r.employee.pk: r for r in recap.people}
    assert rows[moved.pk].unit_id == p.unit.pk  # where they were on 31 December
    assert left.pk in rows
    assert rows[left.pk].status == "tidak_memenuhi" and rows[left.pk].behind_pace is None
    now = {r.employee.pk: r for r in year_recap(p.regency, TODAY.year).people}
    assert now[moved.pk].unit_id == p.other_unit.pk
    assert left.pk not in now


@pytest.mark.django_db
def test_rekap_refuses_bad_arguments_on_stderr_with_nothing_on_stdout(people_for, tmp_path):
    p = people_for("langsa")
    other_regency_unit = OrgUnit.objects.exclude(regency=p.regency).first()
    cases = [
        ("--regency", "tidak-ada", "--tahun", str(TODAY.year)),
        ("--regency", p.regency.slug, "--tahun", "1999"),
        ("--regency", p.regency.slug, "--tahun", str(TODAY.year + 2)),
        ("--regency", p.regency.slug, "--tahun", str(TODAY.year), "--format", "xlsx"),
        ("--regency", p.regency.slug, "--tahun", str(TODAY.year), "--unit", "999999"),
        ("--regency", p.regency.slug, "--tahun", str(TODAY.year),
         "--output", str(tmp_path / "tidak-ada" / "rekap.json")),
    ]
    if other_regency_unit is not None:
        cases.append(("--regency", p.regency.slug, "--tahun", str(TODAY.year), "--unit",
                      str(other_regency_unit.pk)))
    for args in cases:
        code, out, err = rekap(*args)
        assert code == 2, args
        assert out == "" and err.strip(), args


@pytest.mark.django_db
def test_csv_and_xlsx_carry_the_json_s_columns(people_for, tmp_path):
    p = people_for("langsa")
    program = start_coaching(p)
    sessions.session_validate(actor=p.hr_user, session=log_and_confirm(p, program, TODAY))
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="klasikal", title="Bimtek",
        start_date=on(0, 1), end_date=on(0, 2), jp=Decimal("3.5"), recorded_by=p.hr_user)
    args = ("--regency", p.regency.slug, "--tahun", str(TODAY.year), "--unit", str(p.unit.pk))
    data = json.loads(rekap(*args)[1])
    code, text, _err = rekap(*args, "--format", "csv")
    assert code == 0 and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert [r["nip"] for r in rows] == [e["nip"] for e in data["employees"]]
    mine = next(r for r in rows if r["nip"] == p.participant.nip)
    assert (mine["official"], mine["classical"], mine["coaching_official"]) == ("5.5", "3.5", "2")
    target = tmp_path / "rekap.xlsx"
    assert rekap(*args, "--format", "xlsx", "--output", str(target))[0] == 0
    sheet = load_workbook(target)["pegawai"]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert header[:3] == ["nip", "name", "kind"] and row["nip"] == data["employees"][0]["nip"]


def _queries(regency, year) -> int:
    with CaptureQueriesContext(connection) as queries:
        year_recap(regency, year)
    return len(queries)


@pytest.mark.django_db
def test_the_recap_s_queries_do_not_grow_with_the_regency(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    sessions.session_validate(actor=p.hr_user, session=log_and_confirm(p, program, TODAY))
    _queries(p.regency, TODAY.year)  # warm the profile schedule cache
    small = _queries(p.regency, TODAY.year)
    for _ in range(30):
        EmployeeFactory(unit=p.unit)
    assert _queries(p.regency, TODAY.year) == small
    assert _queries(p.regency, TODAY.year - 1) == _queries(p.regency, TODAY.year - 1)
