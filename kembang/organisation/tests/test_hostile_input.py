"""Hostile input on the registry pages: a NUL character in a reason is refused with a
message and changes nothing; hostile filters and page numbers never give a 500 (run on
PostgreSQL, where NUL and out-of-range integers raise a DataError)."""

import pytest
from django.urls import reverse

from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

REFUSED = "Karakter null tidak diizinkan."
BIG = str(10**23)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.mark.django_db
def test_a_nul_in_the_reason_of_a_role_revoke_is_refused(client_for, hr_admin, unit_a):
    officer = login_for(EmployeeFactory(unit=unit_a))
    assignment = grant(officer, Role.HR_OFFICER, unit_a)
    response = client_for(hr_admin).post(
        reverse("organisation:role_revoke", args=[assignment.pk]), {"reason": "a\x00b"},
        follow=True)
    assert REFUSED in messages_of(response)
    assignment.refresh_from_db()
    assert assignment.revoked_at is None


@pytest.mark.django_db
def test_a_nul_in_the_reason_of_a_deactivation_is_refused(client_for, hr_admin, unit_b,
                                                          employee_b):
    response = client_for(hr_admin).post(
        reverse("organisation:employee_set_active", args=[employee_b.pk]),
        {"active": "0", "reason": "a\x00b"}, follow=True)
    assert REFUSED in messages_of(response)
    employee_b.refresh_from_db()
    assert employee_b.is_active


@pytest.mark.django_db
def test_a_nul_in_the_employee_search_is_shown_as_a_form_error(client_for, hr_admin):
    response = client_for(hr_admin).get(reverse("organisation:employee_list"), {"q": "a\x00"})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"unit": BIG}, {"position": BIG}, {"page": BIG},
                                   {"urut": "\x00"}, {"kind": "\x00"}, {"status": "\x00"}])
def test_the_employee_list_survives_hostile_filters(client_for, hr_admin, query):
    assert client_for(hr_admin).get(reverse("organisation:employee_list"),
                                    query).status_code == 200


@pytest.mark.django_db
def test_the_role_list_survives_a_huge_page_number(client_for, hr_admin):
    assert client_for(hr_admin).get(reverse("organisation:role_list"),
                                    {"page": BIG}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("unit", [BIG, "\x00"])
def test_activation_codes_for_an_unreadable_unit_are_404(client_for, hr_admin, unit):
    response = client_for(hr_admin).post(reverse("organisation:unit_activation_codes"),
                                         {"unit": unit})
    assert response.status_code == 404
