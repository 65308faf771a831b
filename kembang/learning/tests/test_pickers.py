"""Pickers offer only whom the submit would accept, labelled so people and units are told
apart: "Name — NIP — Unit", and every unit after its parents ("Dinas Pendidikan ›
Sekretariat"); an employee the profile does not let take part sees why instead of a
button or a form that the submit would refuse. Query counts stay constant."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.learning.models import ActivityType, Appointment, Program
from kembang.learning.services import programs
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_views import PROGRAM_FORM, client_as, html, text_of
from kembang.organisation.models import Employee, Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    UnitFactory,
    grant,
    login_for,
)

pytestmark = pytest.mark.django_db


def options(response, name: str) -> list[str]:
    """The labels of a select's options (without the empty one)."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html(response), re.S)
    assert select, f"no select {name}"
    labels = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))
    return [label.strip() for value, label in labels if value]


def label(employee, unit_label=None) -> str:
    return f"{employee.full_name} — {employee.nip_display} — {unit_label or employee.unit.name}"


# --- people pickers --------------------------------------------------------------------------


def test_belitung_timur_coaching_picker_lists_only_the_talent_pool(people_for):
    p = people_for("belitung-timur")
    plain = EmployeeFactory(unit=p.unit, supervisor=p.coach, position=p.participant.position,
                            is_talent=False, name="Pegawai Bukan Talenta")
    coach = client_as(p.coach_user)
    url = reverse("learning:program_start", args=["coaching"])
    page = coach.get(url)
    assert options(page, "participant") == [label(p.participant)]
    assert ("1 pegawai tidak ada dalam daftar karena tidak memenuhi syarat peserta menurut "
            "profil ini.") in text_of(page)

    # Sent anyway, the choice is refused on the field and nothing starts.
    response = coach.post(url, PROGRAM_FORM | {"participant": plain.pk,
                                               "performance_problem": "Terlambat"})
    assert response.status_code == 200 and response.context["form"].errors["participant"]
    assert not Program.objects.exists()


def test_the_same_name_is_told_apart_by_nip_and_unit(people_for):
    p = people_for("langsa")
    school = UnitFactory(regency=p.regency, name="Sekretariat", parent=p.unit)
    twin = EmployeeFactory(unit=school, supervisor=p.coach, name=p.participant.name,
                           position=p.participant.position)
    page = client_as(p.coach_user).get(reverse("learning:program_start", args=["coaching"]))
    assert sorted(options(page, "participant")) == sorted(
        [label(p.participant), label(twin, "Dinas Uji › Sekretariat")])


def test_the_mentor_picker_lists_only_the_supervisor_and_seniors(people_for):
    p = people_for("belitung-timur")
    junior = EmployeeFactory(unit=p.unit, position=p.participant.position, rank="II/c",
                             name="Pegawai Yunior")
    inactive = EmployeeFactory(unit=p.unit, position=p.head.position, rank="IV/b",
                               is_active=False)
    page = client_as(p.participant_user).get(
        reverse("learning:program_start", args=["mentoring"]))
    offered = options(page, "mentor")
    assert label(p.coach) in offered and label(p.head) in offered
    assert not any(junior.full_name in o or inactive.full_name in o for o in offered)
    # Everyone offered is accepted by the submit.
    for person in Employee.objects.filter(unit=p.unit).exclude(pk=p.participant.pk):
        if label(person) in offered:
            programs.check_guide(programs.profile_on(p.regency, OCT),
                                 activity=ActivityType.MENTORING, guide=person,
                                 participant=p.participant)


def test_nganjuk_coach_picker_lists_the_coaches_appointed_for_the_unit(people_for):
    p = people_for("nganjuk")
    elsewhere = EmployeeFactory(unit=p.other_unit, position=p.head.position)
    Appointment.objects.create(regency=p.regency, unit=p.other_unit, appointee=elsewhere,
                               activity=ActivityType.COACHING, appointed_by=p.head_user)
    page = client_as(p.participant_user).get(
        reverse("learning:program_start", args=["coaching"]) + "?minta=1")
    offered = options(page, "coach")
    assert label(p.coach) in offered and label(p.outsider) in offered
    assert not any(elsewhere.full_name in o for o in offered)


def test_the_self_study_picker_lists_eligible_direct_subordinates(people_for):
    p = people_for("langsa")
    other = EmployeeFactory(unit=p.unit, supervisor=p.head, position=p.participant.position)
    page = client_as(p.coach_user).get(
        reverse("learning:program_start", args=[ActivityType.SELF_STUDY]))
    assert options(page, "participant") == [label(p.participant)]
    assert other.full_name not in html(page)
    assert "tidak ada dalam daftar" not in text_of(page)  # nobody was left out


def _start_page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("profile_id, activity, who", [
    ("belitung-timur", "coaching", "coach_user"),
    ("nganjuk", "coaching", "coach_user"),
    ("langsa", "mentoring", "participant_user"),
    ("langsa", ActivityType.SELF_STUDY, "coach_user"),
])
def test_the_start_page_keeps_a_constant_number_of_queries(people_for, profile_id, activity,
                                                           who):
    p = people_for(profile_id)
    client = client_as(getattr(p, who))
    url = reverse("learning:program_start", args=[activity])
    client.get(url)  # warm caches
    few = _start_page_queries(client, url)
    for n in range(6):
        unit = UnitFactory(regency=p.regency, name=f"Seksi {n}", parent=p.unit)
        EmployeeFactory(unit=unit, supervisor=p.coach, position=p.head.position,
                        rank="IV/b", is_talent=n % 2 == 0)
    assert _start_page_queries(client, url) == few


# --- a refusal where the button would be -----------------------------------------------------


def test_a_non_talent_employee_sees_why_instead_of_the_mentoring_button(people_for):
    p = people_for("belitung-timur")
    plain = EmployeeFactory(unit=p.unit, supervisor=p.coach, position=p.participant.position,
                            is_talent=False, name="Pegawai Bukan Talenta")
    client = client_as(login_for(plain))
    start = reverse("learning:program_start", args=["mentoring"])
    listing = client.get(reverse("learning:program_list"))
    assert f'href="{start}"' not in html(listing)
    why = text_of(listing)
    assert ("Hanya PNS bertalenta yang dapat menjadi peserta; Pegawai Bukan Talenta bukan PNS "
            "dalam kelompok rencana suksesi (talent pool).") in why
    assert "Pasal 1 angka 15 dan angka 18" in why  # the clause, as the submit says it

    # The page itself says it too, with no form to fill, and a sent form starts nothing.
    page = client.get(start)
    assert 'id="participation-refusal"' in html(page) and 'name="mentor"' not in html(page)
    response = client.post(start, PROGRAM_FORM | {"mentor": p.coach.pk,
                                                  "guidance_need": "Arahan"})
    assert response.status_code == 200 and not Program.objects.exists()


def test_a_talent_employee_keeps_the_button(people_for):
    p = people_for("belitung-timur")
    listing = client_as(p.participant_user).get(reverse("learning:program_list"))
    assert f'href="{reverse("learning:program_start", args=["mentoring"])}"' in html(listing)
    assert 'id="mentoring-refusal"' not in html(listing)


@pytest.mark.parametrize("profile_id", ["nganjuk", "langsa"])
def test_where_everyone_may_take_part_nobody_is_refused(people_for, profile_id):
    p = people_for(profile_id)
    plain = EmployeeFactory(unit=p.unit, supervisor=p.coach, is_talent=False,
                            kind=Employee.Kind.PPPK, rank="IX")
    listing = client_as(login_for(plain)).get(reverse("learning:program_list"))
    assert "refusal" not in html(listing)


# --- unit pickers ----------------------------------------------------------------------------


class Tree:
    """Two agencies, each with a "Sekretariat"."""

    def __init__(self, p):
        self.p = p
        self.mine = UnitFactory(regency=p.regency, name="Sekretariat", parent=p.unit)
        self.theirs = UnitFactory(regency=p.regency, name="Sekretariat", parent=p.other_unit)
        self.admin = login_for(regency=p.regency, username="admin.pohon")
        grant(self.admin, Role.HR_ADMIN)


UNIT_PAGES = [
    ("hr_user", "organisation:employee_list", "unit"),
    ("hr_user", "organisation:employee_create", "unit"),
    ("admin", "organisation:unit_list", "parent"),
    ("admin", "organisation:role_list", "unit"),
    ("admin", "learning:period_list", "unit"),
    ("head_user", "learning:appointment_list", "unit"),
    ("hr_user", "learning:validation_queue", "unit"),
]


@pytest.mark.parametrize("who, route, field", UNIT_PAGES)
def test_unit_pickers_name_the_parent(people_for, who, route, field):
    tree = Tree(people_for("nganjuk"))
    user = tree.admin if who == "admin" else getattr(tree.p, who)
    offered = options(client_as(user).get(reverse(route)), field)
    assert "Dinas Uji › Sekretariat" in offered and "Dinas Uji" in offered
    assert "Sekretariat" not in offered
    if who == "admin":
        assert "Dinas Lain › Sekretariat" in offered


def test_the_activation_code_unit_select_names_the_parent(people_for):
    tree = Tree(people_for("nganjuk"))
    grant(tree.admin, Role.HR_OFFICER, tree.p.unit)  # HR: the code printing form shows
    page = client_as(tree.p.hr_user).get(reverse("organisation:unit_list"))
    select = re.search(r'<select id="codes-unit".*?</select>', html(page), re.S).group(0)
    assert ">Dinas Uji › Sekretariat<" in select


def test_a_deeper_unit_names_every_parent(people_for):
    tree = Tree(people_for("nganjuk"))
    UnitFactory(regency=tree.p.regency, name="Subbagian Umum", parent=tree.mine)
    offered = options(client_as(tree.admin).get(reverse("learning:period_list")), "unit")
    assert "Dinas Uji › Sekretariat › Subbagian Umum" in offered


@pytest.mark.parametrize("who, route, field", UNIT_PAGES)
def test_unit_pickers_keep_a_constant_number_of_queries(people_for, who, route, field):
    tree = Tree(people_for("nganjuk"))
    user = tree.admin if who == "admin" else getattr(tree.p, who)
    client = client_as(user)
    client.get(reverse(route))  # warm caches
    few = _start_page_queries(client, reverse(route))
    for n in range(5):
        middle = UnitFactory(regency=tree.p.regency, name=f"Bidang {n}", parent=tree.p.unit)
        UnitFactory(regency=tree.p.regency, name="Sekretariat", parent=middle)
    assert len(options(client.get(reverse(route)), field)) >= 12
    assert _start_page_queries(client, reverse(route)) == few


def test_a_picker_of_units_whose_parents_are_out_of_scope_still_names_them(people_for):
    """An HR officer of a sub-unit picks among its units; the agency above is named."""
    tree = Tree(people_for("nganjuk"))
    officer = login_for(EmployeeFactory(unit=tree.mine))
    grant(officer, Role.HR_OFFICER, tree.mine)
    offered = options(client_as(officer).get(reverse("organisation:employee_create")), "unit")
    assert offered == ["Dinas Uji › Sekretariat"]

