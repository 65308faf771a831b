"""Hostile query parameters on the API answer 422 with an Indonesian message, never a 500:
NUL characters (PostgreSQL cannot compare text holding one) and limits or offsets beyond
bigint (PostgreSQL: "bigint out of range"). Run on PostgreSQL to see what these guard."""

import pytest

from kembang.api.views import api

BIG = str(10**23)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "kind=%00", "status=%00"])
def test_a_nul_in_an_employee_filter_is_422(client_for, hr_admin, query):
    response = client_for(hr_admin).get(f"/api/employees?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert "Karakter null tidak diizinkan." in body["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("query, says", [
    (f"limit={BIG}", "limit paling besar 100."),
    ("limit=101", "limit paling besar 100."),
    ("limit=0", "limit paling kecil 1."),
    (f"offset={BIG}", "offset paling besar 1000000."),
    (f"offset={10**19}", "offset paling besar 1000000."),
    ("offset=-1", "offset paling kecil 0."),
    ("limit=sepuluh", "limit harus bilangan bulat."),
])
def test_a_limit_or_offset_out_of_bounds_is_422(client_for, hr_admin, query, says):
    response = client_for(hr_admin).get(f"/api/employees?{query}")
    assert response.status_code == 422
    assert says in response.json()["message"]


@pytest.mark.django_db
def test_the_largest_page_and_offset_allowed_still_answer(client_for, hr_admin):
    response = client_for(hr_admin).get("/api/employees?limit=100&offset=1000000")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.django_db
def test_a_search_longer_than_any_name_is_422(client_for, hr_admin):
    response = client_for(hr_admin).get("/api/employees?q=" + "a" * 201)
    assert response.status_code == 422


def _paginated_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return [path for path, operations in schema["paths"].items()
            for operation in operations.values()
            if any(p["name"] == "limit" for p in operation.get("parameters", []))]


def test_the_employee_list_is_among_the_paginated_endpoints():
    assert "/api/employees" in _paginated_paths()


@pytest.mark.django_db
@pytest.mark.parametrize("param", ["limit", "offset"])
def test_every_paginated_endpoint_bounds_limit_and_offset(client_for, hr_admin, param):
    client = client_for(hr_admin)
    for path in _paginated_paths():
        assert client.get(f"{path}?{param}={BIG}").status_code == 422, path


@pytest.mark.django_db
@pytest.mark.parametrize("url", [f"/api/employees?unit={BIG}", f"/api/employees/{BIG}",
                                 f"/api/jp?year={BIG}"])
def test_huge_ids_and_years_are_not_a_500(client_for, hr_admin, url):
    assert client_for(hr_admin).get(url).status_code < 500
