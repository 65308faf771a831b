"""The audit page's filters refuse a NUL character with a form error (PostgreSQL cannot
compare text holding one: a DataError, so a 500) and survive hostile dates and pages."""

import pytest
from django.urls import reverse

from kembang.audit.services import audit_record

REFUSED = "Karakter null tidak diizinkan."


@pytest.fixture
def events(hr_admin, employee_b):
    audit_record(actor=hr_admin, regency=hr_admin.regency, action="employee.update",
                 obj=employee_b, reason="Pindah unit")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["tindakan", "pelaku", "objek", "dari", "sampai"])
def test_a_nul_in_an_audit_filter_is_a_form_error(client_for, hr_admin, events, name):
    response = client_for(hr_admin).get(reverse("audit:event_list"), {name: "a\x00b"})
    assert response.status_code == 200
    assert response.context["form"].errors[name]
    if name not in {"dari", "sampai"}:  # a date field says the date is not valid
        assert REFUSED in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2026-13-45", "99999-01-01", "kemarin"])
def test_an_unreadable_date_is_a_form_error_not_a_silent_full_list(client_for, hr_admin,
                                                                   events, value):
    response = client_for(hr_admin).get(reverse("audit:event_list"), {"dari": value})
    assert response.status_code == 200
    assert response.context["form"].errors["dari"]


@pytest.mark.django_db
def test_the_audit_filters_still_filter(client_for, hr_admin, events):
    client = client_for(hr_admin)
    url = reverse("audit:event_list")
    assert client.get(url, {"objek": "tidak ada"}).context["page_obj"].paginator.count == 0
    found = client.get(url, {"tindakan": "employee.", "pelaku": "admin", "objek": "Pegawai"})
    assert found.context["page_obj"].paginator.count == 1


@pytest.mark.django_db
def test_the_audit_page_survives_a_huge_page_number(client_for, hr_admin, events):
    response = client_for(hr_admin).get(reverse("audit:event_list"), {"page": str(10**23)})
    assert response.status_code == 200
