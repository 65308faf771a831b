"""Classical training HR records (docs/separation-of-duties.md#other-doors,
docs/life-cycle.md#duplicates): nobody credits JP to their own record, JP are bounded by the
route and the days, and the same form sent twice records once."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, days_ago, iso
from kembang.learning.errors import RuleRefusal
from kembang.learning.models import ClassicalTraining
from kembang.learning.services.classical import classical_cancel, classical_record
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

OWN = ("Anda tidak dapat mencatat atau membatalkan pelatihan pada data Anda sendiri; "
       "mintalah pengelola SDM lain atau BKPSDM.")


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def record(p, *, employee=None, actor=None, route="KL03", days=2, jp=Decimal(16), **extra):
    """A training of `days` days ending today."""
    return classical_record(
        actor=actor or p.hr_user, employee=employee or p.participant, route=route,
        title=extra.pop("title", "Pelatihan Teknis Arsip"), start_date=days_ago(days - 1),
        end_date=TODAY, jp=jp, **extra)


def refusal(**kwargs) -> RuleRefusal:
    with pytest.raises(RuleRefusal) as error:
        record(**kwargs)
    return error.value


# --- one's own record -------------------------------------------------------------------


def test_an_hr_officer_cannot_record_training_on_their_own_record(people_for):
    p = people_for("langsa")
    error = refusal(p=p, employee=p.hr)
    assert (error.code, error.message) == ("own_record", OWN)
    assert not ClassicalTraining.objects.exists()
    assert not AuditEvent.objects.filter(action="classical.record").exists()


def test_bkpsdm_who_is_an_employee_cannot_credit_themself_either(people_for):
    p = people_for("langsa")
    admin_employee = EmployeeFactory(unit=p.other_unit)
    admin = login_for(admin_employee)
    grant(admin, Role.HR_ADMIN)
    assert refusal(p=p, actor=admin, employee=admin_employee).code == "own_record"
    # …while recording on someone else's record still works.
    assert record(p, actor=admin).employee == p.participant


def test_the_officers_own_record_cannot_be_cancelled_by_them(people_for):
    p = people_for("langsa")
    admin = login_for(regency=p.regency, username="admin.bkpsdm")
    grant(admin, Role.HR_ADMIN)
    training = record(p, actor=admin, employee=p.hr)
    with pytest.raises(RuleRefusal) as error:
        classical_cancel(actor=p.hr_user, training=training, reason="Salah catat")
    assert error.value.code == "own_record"
    training.refresh_from_db()
    assert training.cancelled_at is None


def test_the_page_refuses_the_own_record_with_the_message_and_records_nothing(people_for):
    p = people_for("langsa")
    url = reverse("learning:classical_list", args=[p.hr.pk])
    response = client_as(p.hr_user).post(url, {
        "route": "KL03", "title": "Pelatihan Teknis Arsip", "scope": "nasional",
        "start_date": iso(days_ago(1)), "end_date": iso(TODAY), "jp": "16"})
    assert response.status_code == 200
    assert OWN in response.content.decode()
    assert not ClassicalTraining.objects.exists()


# --- JP bounds --------------------------------------------------------------------------


@pytest.mark.parametrize(("scope", "most"), [("nasional", 8), ("internasional", 12)])
def test_a_per_day_route_takes_at_most_its_value_per_day(people_for, scope, most):
    """Seminar (KL06): 4 JP a day nationally, 6 internationally; two days here."""
    p = people_for("langsa")
    error = refusal(p=p, route="KL06", jp=Decimal(most) + Decimal("0.5"), scope=scope)
    assert (error.code, error.field) == ("jp_over_route", "jp")
    assert error.message.startswith("JP Seminar/Konferensi/Sarasehan paling banyak")
    assert f"paling banyak {most} JP" in error.message
    assert record(p, route="KL06", jp=Decimal(most), scope=scope).jp == most


def test_other_routes_take_at_most_12_jp_per_day_of_training(people_for):
    p = people_for("langsa")
    error = refusal(p=p, days=5, jp=Decimal(61))
    assert (error.code, error.field) == ("jp_over_days", "jp")
    assert error.message == ("JP paling banyak 12 per hari pelatihan: 5 hari, paling banyak "
                             "60 JP.")
    assert record(p, days=5, jp=Decimal(60)).jp == 60


def test_no_record_is_credited_more_than_500_jp(people_for):
    p = people_for("langsa")
    error = refusal(p=p, days=60, jp=Decimal(501))
    assert (error.code, error.field, error.message) == (
        "jp_over_record", "jp", "JP satu kegiatan paling banyak 500.")
    assert record(p, days=60, jp=Decimal(500)).jp == 500


def test_a_long_per_day_route_is_capped_at_500_too(people_for):
    """Its own conversion (4 JP × 130 days) would pass the route's bound."""
    p = people_for("langsa")
    error = refusal(p=p, route="KL06", days=130, jp=None)
    assert error.code == "jp_over_record"


def test_the_page_shows_the_jp_refusal_on_the_jp_field(people_for):
    p = people_for("langsa")
    response = client_as(p.hr_user).post(
        reverse("learning:classical_list", args=[p.participant.pk]),
        {"route": "KL03", "title": "Teknis", "scope": "nasional",
         "start_date": iso(TODAY), "end_date": iso(TODAY), "jp": "13"})
    assert response.status_code == 200
    assert response.context["form"].errors["jp"] == [
        "JP paling banyak 12 per hari pelatihan: 1 hari, paling banyak 12 JP."]
    assert not ClassicalTraining.objects.exists()


# --- the same form twice ----------------------------------------------------------------


def test_the_same_record_twice_is_recorded_once_and_the_first_is_returned(people_for):
    p = people_for("langsa")
    first = record(p, certificate_number="SRT-9")
    second = record(p, certificate_number="SRT-9")
    assert second.pk == first.pk
    assert ClassicalTraining.objects.count() == 1
    assert AuditEvent.objects.filter(action="classical.record").count() == 1
    # Without a certificate number the title says it is the same activity.
    untitled = record(p, route="KL10", title="Bimtek Kearsipan")
    assert record(p, route="KL10", title=" bimtek kearsipan ").pk == untitled.pk
    assert ClassicalTraining.objects.count() == 2


def test_a_double_click_on_the_page_records_once(people_for):
    p = people_for("langsa")
    hr = client_as(p.hr_user)
    url = reverse("learning:classical_list", args=[p.participant.pk])
    data = {"route": "KL03", "title": "Pelatihan Teknis Arsip", "scope": "nasional",
            "start_date": iso(days_ago(1)), "end_date": iso(TODAY), "jp": "16"}
    first, second = hr.post(url, data), hr.post(url, data)
    assert first.status_code == second.status_code == 302
    assert ClassicalTraining.objects.count() == 1
    assert AuditEvent.objects.filter(action="classical.record").count() == 1


def test_the_same_activity_with_other_jp_is_refused_as_a_duplicate(people_for):
    p = people_for("langsa")
    record(p, jp=Decimal(16))
    error = refusal(p=p, jp=Decimal(12))
    assert error.code == "classical_duplicate"
    assert "sudah tercatat" in error.message and "16" in error.message
    assert ClassicalTraining.objects.count() == 1


def test_after_a_cancellation_the_activity_can_be_recorded_again(people_for):
    p = people_for("langsa")
    first = record(p)
    classical_cancel(actor=p.hr_user, training=first, reason="JP salah")
    again = record(p, jp=Decimal(12))
    assert again.pk != first.pk and again.jp == 12


def test_other_dates_are_another_activity(people_for):
    p = people_for("langsa")
    first = record(p)
    other = classical_record(
        actor=p.hr_user, employee=p.participant, route="KL03", title="Pelatihan Teknis Arsip",
        start_date=days_ago(3), end_date=TODAY - datetime.timedelta(days=2), jp=Decimal(16))
    assert other.pk != first.pk
