import pytest

from kembang.organisation.tests.factories import EmployeeFactory, UnitFactory


@pytest.mark.django_db
def test_anonymous_api_call_gets_401_json(client):
    response = client.get("/api/employees")
    assert response.status_code == 401


@pytest.mark.django_db
def test_hr_officer_lists_only_their_units(client_for, hr_officer_a, sub_unit_a, employee_b):
    own = EmployeeFactory(unit=sub_unit_a, name="Guru Bidang")
    response = client_for(hr_officer_a).get("/api/employees?limit=100")
    assert response.status_code == 200
    nips = {row["nip"] for row in response.json()["items"]}
    assert own.nip in nips
    assert employee_b.nip not in nips


@pytest.mark.django_db
def test_other_units_employee_is_404_like_a_missing_one(client_for, hr_officer_a, employee_b):
    client = client_for(hr_officer_a)
    forbidden = client.get(f"/api/employees/{employee_b.pk}")
    missing = client.get("/api/employees/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


@pytest.mark.django_db
def test_other_regency_is_invisible_to_bkpsdm(client_for, hr_admin, other_regency):
    stranger = EmployeeFactory(unit=UnitFactory(regency=other_regency))
    client = client_for(hr_admin)
    assert client.get(f"/api/employees/{stranger.pk}").status_code == 404
    units = {u["id"] for u in client.get("/api/units").json()}
    assert stranger.unit_id not in units


@pytest.mark.django_db
def test_me_tells_roles(client_for, hr_officer_a):
    body = client_for(hr_officer_a).get("/api/me").json()
    assert body["roles"] == ["hr_officer"]
    assert body["employee"]["nip"] == hr_officer_a.username


@pytest.mark.django_db
def test_openapi_schema_is_served_to_logged_in_users(client_for, hr_admin, client):
    assert client_for(hr_admin).get("/api/openapi.json").status_code == 200


def test_my_jp_explains_each_session(people_for, client):
    from kembang.common.tests.clock import on
    from kembang.learning.services import sessions
    from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching

    p = people_for("nganjuk")
    program = start_coaching(p)
    for day in (5, 12, 19):
        sessions.session_validate(
            actor=p.hr_user, session=log_and_confirm(p, program, on(-1, day)))
    client.force_login(p.participant_user)
    body = client.get(f"/api/jp?year={on(-1, 1).year}").json()
    assert body["official"] == "8"
    assert [s["jp"] for s in body["sessions"]] == ["4", "4", "0"]
    assert body["sessions"][2]["reason_codes"] == ["monthly_cap_reached"]
    assert "Tidak dihitung" in body["sessions"][2]["reason"]


@pytest.mark.django_db
def test_my_jp_is_404_for_an_administrator_without_employee_record(client_for, hr_admin):
    assert client_for(hr_admin).get("/api/jp").status_code == 404
