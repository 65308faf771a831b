"""JP wherever staff look at people (issue 12): the employee list and its export carry
each person's official and provisional JP of the year, target and status, filtered and
sorted on them, with totals per kind; the employee page shows the person's ledger as
*JP saya* does; the supervisor's home list leads to each person. Scoped like every other
registry page, in a constant number of queries.

Statuses depend on the day of the year, and the suite runs at a pinned today that CI moves
to the year's edges (kembang/common/tests/clock.py): what a status is at that today is
asked of the core (`year_recap`); only "meets the target" is fixed."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kembang.common.tests.clock import TODAY
from kembang.learning.models import Program
from kembang.learning.services import sessions
from kembang.learning.services.classical import classical_record
from kembang.learning.tests.test_views import client_as, html, start_coaching, text_of
from kembang.learning.tests.test_workflow import log_and_confirm
from kembang.organisation.importing.columns import EXPORT_COLUMNS
from kembang.organisation.importing.export import JP_COLUMNS
from kembang.organisation.models import Employee, Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from kembang.organisation.views import PAGE_SIZE
from kembang.policy.outlook import JpStatus
from kembang.recap.figures import year_recap
from kembang.recap.labels import JpStatusLabel, status_label

pytestmark = pytest.mark.django_db

LIST = reverse("organisation:employee_list")
EXPORT = reverse("imports:export")
# Two days of this year on or before today, in today's month (one day on the 1st).
EARLIER = max(TODAY - timedelta(days=1), TODAY.replace(day=1))


def detail(employee, **params) -> str:
    return reverse("organisation:employee_detail", args=[employee.pk]) + (
        "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _cell(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def rows(response) -> list[dict[str, str]]:
    """The list's table rows: name (without badges), NIP, official, provisional, target,
    status, as shown."""
    page = html(response)
    if 'id="employee-table"' not in page:
        return []
    body = page.split('id="employee-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        name = re.search(r"<a [^>]*>(.*?)</a>", cells[0], re.S).group(1)
        found.append({"name": _cell(name), "nip": _cell(cells[1]), "official": _cell(cells[5]),
                      "provisional": _cell(cells[6]), "target": _cell(cells[7]),
                      "status": _cell(cells[8])})
    return found


def names(response) -> list[str]:
    return [r["name"] for r in rows(response)]


def figures(regency, year=TODAY.year) -> dict:
    """employee id → the core's `PersonYear`."""
    return {person.employee.pk: person for person in year_recap(regency, year).people}


class World:
    """People("langsa") plus: the participant with one validated and one pending
    coaching session this year, a PPPK who met the target by classical training, a PNS
    with classical training last year, an inactive employee, and an HR officer of the
    other unit."""

    def __init__(self, people_for):
        p = self.p = people_for("langsa")
        program = start_coaching(p)
        sessions.session_validate(actor=p.hr_user,
                                  session=log_and_confirm(p, program, EARLIER))
        self.pending = log_and_confirm(p, program, TODAY, topic="Sesi tertunda")
        self.pppk = EmployeeFactory(unit=p.unit, kind="pppk", rank="IX", name="Pppk Tuntas")
        for title in ("Pelatihan teknis", "Pelatihan teknis lanjutan"):  # 12 JP a day at most
            classical_record(actor=p.hr_user, employee=self.pppk, route="KL03", title=title,
                             start_date=TODAY, end_date=TODAY, jp=Decimal(10))
        self.last_year = EmployeeFactory(unit=p.unit, name="Tuntas Tahun Lalu")
        classical_record(actor=p.hr_user, employee=self.last_year, route="KL03",
                         title="Pelatihan tahun lalu", start_date=date(TODAY.year - 1, 6, 2),
                         end_date=date(TODAY.year - 1, 6, 4), jp=Decimal(25))
        self.inactive = EmployeeFactory(unit=p.unit, name="Sudah Nonaktif", is_active=False)
        self.other_hr_employee = EmployeeFactory(unit=p.other_unit, name="Pengelola Lain")
        self.other_hr = login_for(self.other_hr_employee)
        grant(self.other_hr, Role.HR_OFFICER, p.other_unit)

    @property
    def unit_people(self) -> list[Employee]:
        return list(Employee.objects.filter(unit=self.p.unit, is_active=True))


@pytest.fixture
def world(people_for):
    return World(people_for)


# --- the list ----------------------------------------------------------------------------------


def test_each_row_shows_the_year_s_official_and_provisional_jp_target_and_status(world):
    p = world.p
    response = client_as(p.hr_user).get(LIST)
    shown = {r["name"]: r for r in rows(response)}
    core = figures(p.regency)
    participant = shown[p.participant.full_name]
    assert participant["nip"] == p.participant.nip_display
    assert (participant["official"], participant["provisional"], participant["target"]) == (
        "2", "4", "20")
    assert participant["status"] == status_label(core[p.participant.pk].status)
    assert shown[world.pppk.full_name]["status"] == "Memenuhi"
    assert shown[world.pppk.full_name]["official"] == "20"
    # Last year's training does not count this year.
    assert shown[world.last_year.full_name]["official"] == "0"
    # No status code on the screen, only its words.
    assert not {str(s) for s in JpStatus if "_" in s} & set(
        re.findall(r"[a-z_]+", text_of(response)))


def test_totals_count_who_meets_the_target_per_kind(world):
    p = world.p
    response = client_as(p.hr_user).get(LIST)
    pns = sum(1 for e in world.unit_people if e.kind == "pns")
    text = _cell(html(response).split('id="jp-totals"', 1)[1].split("</p>", 1)[0])
    assert f"JP tahun {TODAY.year}" in text
    assert f"PNS: 0 dari {pns} memenuhi target" in text
    assert "PPPK: 1 dari 1 memenuhi target" in text
    # Over the list as filtered, every page of it.
    only_pppk = client_as(p.hr_user).get(LIST, {"kind": "pppk"})
    text = _cell(html(only_pppk).split('id="jp-totals"', 1)[1].split("</p>", 1)[0])
    assert "PPPK: 1 dari 1 memenuhi target" in text and "PNS" not in text


def _totals(response) -> str:
    return _cell(html(response).split('id="jp-totals"', 1)[1].split("</p>", 1)[0])


def test_totals_by_the_database_equal_the_recap_of_everyone(world):
    """Listed by name, the totals are counted by the database and only the page's rows get
    their figures; sorted on JP, everyone's figures are read. Both say the same, this year
    and last."""
    client = client_as(world.p.hr_user)
    for year in (TODAY.year, TODAY.year - 1):
        by_name = client.get(LIST, {"year": year})
        by_jp = client.get(LIST, {"year": year, "urut": "-jp"})
        assert by_jp.status_code == by_name.status_code == 200
        assert _totals(by_name) == _totals(by_jp)
        assert sorted(names(by_name)) == sorted(names(by_jp))


def test_filters_by_status_kind_and_talent_pool(world):
    p = world.p
    client = client_as(p.hr_user)
    core = figures(p.regency)
    assert names(client.get(LIST, {"jp_status": "memenuhi"})) == [world.pppk.full_name]
    participant_status = str(core[p.participant.pk].status)
    expected = sorted((e for e in world.unit_people
                       if str(core[e.pk].status) == participant_status),
                      key=lambda e: (e.name, e.nip))
    assert names(client.get(LIST, {"jp_status": participant_status})) == [
        e.full_name for e in expected]
    assert names(client.get(LIST, {"kind": "pppk"})) == [world.pppk.full_name]
    assert names(client.get(LIST, {"talent": "ya"})) == [p.participant.full_name]
    assert p.participant.full_name not in names(client.get(LIST, {"talent": "tidak"}))
    # Combined with the search.
    assert names(client.get(LIST, {"jp_status": "memenuhi", "q": p.participant.name})) == []
    assert names(client.get(LIST, {"jp_status": "memenuhi", "q": world.pppk.name})) == [
        world.pppk.full_name]


def test_a_past_year_shows_that_year_s_figures(world):
    p = world.p
    shown = {r["name"]: r for r in rows(client_as(p.hr_user).get(
        LIST, {"year": TODAY.year - 1}))}
    assert shown[world.last_year.full_name]["official"] == "25"
    assert shown[world.last_year.full_name]["status"] == "Memenuhi"
    assert shown[p.participant.full_name]["status"] == "Tidak memenuhi"
    assert shown[world.pppk.full_name]["official"] == "0"
    response = client_as(p.hr_user).get(LIST, {"year": TODAY.year - 1,
                                                "jp_status": "memenuhi"})
    assert names(response) == [world.last_year.full_name]
    # Each name opens the person's page on that year.
    assert detail(world.last_year, tahun=TODAY.year - 1) in html(response)


def test_sorting_on_jp_and_status_keeps_those_without_figures_last(world):
    p = world.p
    client = client_as(p.hr_user)
    core = figures(p.regency)
    active = sorted(world.unit_people, key=lambda e: (e.name, e.nip))

    def order(sort):
        return names(client.get(LIST, {"urut": sort, "status": "semua"}))

    by_jp = [e.full_name for e in sorted(active, key=lambda e: core[e.pk].official)]
    assert order("jp") == [*by_jp, world.inactive.full_name]
    by_jp_down = [e.full_name for e in sorted(active, key=lambda e: core[e.pk].official,
                                              reverse=True)]
    assert order("-jp") == [*by_jp_down, world.inactive.full_name]
    assert order("-jp")[0] == world.pppk.full_name
    assert order("-sementara")[:2] == [world.pppk.full_name, p.participant.full_name]
    ranks = list(JpStatusLabel.values)
    by_status = [e.full_name for e in sorted(active,
                                             key=lambda e: ranks.index(core[e.pk].status))]
    assert order("capaian") == [*by_status, world.inactive.full_name]
    assert order("capaian")[0] == world.pppk.full_name
    assert order("-capaian")[-2:] == [world.pppk.full_name, world.inactive.full_name]
    # The inactive employee has no figures for the year: dashes, not zeros.
    inactive = next(r for r in rows(client.get(LIST, {"status": "nonaktif"})))
    assert (inactive["official"], inactive["status"]) == ("—", "—")


def test_sorting_on_jp_pages_through_everyone_once(world):
    p = world.p
    for n in range(PAGE_SIZE + 3):
        employee = EmployeeFactory(unit=p.unit, name=f"Pegawai {n:02d}")
        if n % 4 == 0:
            classical_record(actor=p.hr_user, employee=employee, route="KL03",
                             title="Pelatihan", start_date=TODAY, end_date=TODAY,
                             jp=Decimal(n % 7 + 1))
    client = client_as(p.hr_user)
    first = names(client.get(LIST, {"urut": "-jp"}))
    second = names(client.get(LIST, {"urut": "-jp", "page": 2}))
    assert len(first) == PAGE_SIZE
    core = figures(p.regency)
    everyone = sorted(world.unit_people, key=lambda e: (e.name, e.nip))
    expected = [e.full_name for e in sorted(everyone, key=lambda e: core[e.pk].official,
                                            reverse=True)]
    assert first + second == expected
    # The search still narrows the list, sorted or not.
    assert names(client.get(LIST, {"urut": "-jp", "q": "Pegawai 0"})) == [
        f"Pegawai {n:02d}" for n in sorted(range(10), key=lambda n: (
            -(n % 7 + 1) if n % 4 == 0 else 0, n))]


def test_the_htmx_answer_carries_the_rows_totals_and_export_links(world):
    p = world.p
    response = client_as(p.hr_user).get(LIST, {"jp_status": "memenuhi"},
                                         HTTP_HX_REQUEST="true")
    page = html(response)
    assert "<html" not in page
    assert names(response) == [world.pppk.full_name]
    assert 'id="jp-totals"' in page
    # The export buttons follow the filters (swapped out of band).
    assert 'hx-swap-oob="true"' in page
    assert "?jp_status=memenuhi&format=xlsx" in page


# --- the export ------------------------------------------------------------------------------


def _xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    return values[0], [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def _csv(response):
    text = response.content.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_the_export_keeps_its_columns_and_adds_the_year_s_jp_at_the_end(world):
    p = world.p
    client = client_as(p.hr_user)
    core = figures(p.regency)
    header, xlsx_rows = _xlsx(client.get(EXPORT, {"format": "xlsx"}))
    assert header == [*EXPORT_COLUMNS, *JP_COLUMNS]
    assert JP_COLUMNS == ["TAHUN JP", "TARGET JP", "JP RESMI", "JP SEMENTARA", "STATUS JP"]
    row = next(r for r in xlsx_rows if r["NIP"] == p.participant.nip)
    assert (row["TAHUN JP"], row["TARGET JP"], row["JP RESMI"], row["JP SEMENTARA"]) == (
        TODAY.year, 20, 2, 4)
    assert row["STATUS JP"] == status_label(core[p.participant.pk].status)
    csv_header, csv_rows = _csv(client.get(EXPORT, {"format": "csv"}))
    assert csv_header == header
    line = next(r for r in csv_rows if r["NAMA"] == world.pppk.name)
    assert (line["TARGET JP"], line["JP RESMI"], line["JP SEMENTARA"], line["STATUS JP"]) == (
        "20", "20", "20", "Memenuhi")
    # Someone not active in the year has no figures.
    _, with_inactive = _csv(client.get(EXPORT, {"format": "csv", "status": "nonaktif"}))
    assert [(r["NAMA"], r["JP RESMI"], r["STATUS JP"]) for r in with_inactive] == [
        (world.inactive.name, "", "")]


def test_the_export_follows_the_list_s_jp_filters_sort_and_year(world):
    p = world.p
    client = client_as(p.hr_user)
    _, met = _csv(client.get(EXPORT, {"format": "csv", "jp_status": "memenuhi"}))
    assert [r["NAMA"] for r in met] == [world.pppk.name]
    _, sorted_rows = _csv(client.get(EXPORT, {"format": "csv", "urut": "-jp"}))
    assert [r["NAMA"] for r in sorted_rows][:2] == [world.pppk.name, p.participant.name]
    _, past = _csv(client.get(EXPORT, {"format": "csv", "year": TODAY.year - 1,
                                       "jp_status": "memenuhi"}))
    assert [(r["NAMA"], r["TAHUN JP"], r["JP RESMI"]) for r in past] == [
        (world.last_year.name, str(TODAY.year - 1), "25")]
    _, talent = _csv(client.get(EXPORT, {"format": "csv", "talent": "ya"}))
    assert [r["NAMA"] for r in talent] == [p.participant.name]


# --- the employee page ------------------------------------------------------------------------


def _ledger(response) -> list[str]:
    """The session table of the JP section, cell by cell, and the totals line."""
    page = html(response)
    official = _cell(page.split('id="jp-official"', 1)[1].split("</p>", 1)[0])
    table = page.split("Rincian per sesi", 1)[1].split("</table>", 1)[0]
    return [official, *(_cell(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S))]


def test_the_employee_page_shows_the_ledger_the_employee_sees(world):
    p = world.p
    own = client_as(p.participant_user).get(reverse("learning:my_jp"))
    for viewer in (p.hr_user, p.coach_user, p.head_user):
        page = client_as(viewer).get(detail(p.participant))
        assert page.status_code == 200
        assert _ledger(page) == _ledger(own)
        assert "Sesi tertunda" in text_of(page)
        assert status_label(figures(p.regency)[p.participant.pk].status) in text_of(page)
    # The program, as participant, with a link.
    page = html(client_as(p.hr_user).get(detail(p.participant)))
    program = Program.objects.get(participant=p.participant)
    programs_section = page.split('id="employee-programs"', 1)[1].split("</section>", 1)[0]
    assert f'href="{reverse("learning:program_detail", args=[program.pk])}"' in (
        programs_section)
    assert p.coach.full_name in _cell(programs_section)


def test_the_employee_page_shows_classical_training_and_another_year(world):
    p = world.p
    client = client_as(p.hr_user)
    this_year = text_of(client.get(detail(world.pppk)))
    assert "Pelatihan teknis — 10 JP" in this_year and "Memenuhi" in this_year
    assert "Pelatihan klasikal: 20 JP." in this_year
    assert "Pelatihan tahun lalu" not in text_of(client.get(detail(world.last_year)))
    last = client.get(detail(world.last_year, tahun=TODAY.year - 1))
    assert f"JP tahun {TODAY.year - 1}" in text_of(last)
    assert "Pelatihan tahun lalu — 25 JP" in text_of(last)
    assert f'<option value="{TODAY.year - 1}" selected>' in html(last)
    # A year the page does not offer falls back to this one.
    assert f"JP tahun {TODAY.year}" in text_of(client.get(detail(world.last_year,
                                                                 tahun="abc")))


def test_hr_keeps_its_actions_and_the_supervisor_only_reads(world):
    p = world.p
    hr_page = html(client_as(p.hr_user).get(detail(p.participant)))
    assert reverse("organisation:employee_edit", args=[p.participant.pk]) in hr_page
    assert reverse("organisation:employee_set_active", args=[p.participant.pk]) in hr_page
    coach_page = html(client_as(p.coach_user).get(detail(p.participant)))
    assert reverse("organisation:employee_edit", args=[p.participant.pk]) not in coach_page
    assert reverse("organisation:employee_set_active", args=[p.participant.pk]
                   ) not in coach_page


# --- scope ------------------------------------------------------------------------------------


def test_an_hr_officer_of_another_unit_sees_nothing_of_these_people(world):
    p = world.p
    client = client_as(world.other_hr)
    ours = [*world.unit_people, world.inactive]
    for params in ({}, {"jp_status": "memenuhi"}, {"urut": "-jp"}, {"status": "semua"},
                   {"year": TODAY.year - 1}, {"talent": "ya"}, {"kind": "pppk"},
                   {"q": p.participant.name}):
        response = client.get(LIST, params)
        page = html(response)
        for employee in ours:
            assert employee.nip_display not in page, params
        assert set(response.context["page_obj"].paginator.object_list) <= {
            e.pk for e in Employee.objects.filter(unit=p.other_unit)}
        _, exported = _csv(client.get(EXPORT, {"format": "csv", **params}))
        assert not {r["NIP"] for r in exported} & {e.nip_display for e in ours}, params
    totals = html(client.get(LIST)).split('id="jp-totals"', 1)[1].split("</p>", 1)[0]
    others = Employee.objects.filter(unit=p.other_unit, is_active=True, kind="pns").count()
    assert f"PNS: 0 dari {others} memenuhi target" in _cell(totals)
    for employee in ours:
        assert client.get(detail(employee)).status_code == 404


def test_a_supervisor_sees_only_their_direct_subordinates(world):
    p = world.p
    client = client_as(p.coach_user)
    assert client.get(detail(p.participant)).status_code == 200
    for employee in (p.head, p.hr, world.pppk, p.outsider):
        assert client.get(detail(employee)).status_code == 404
    assert client.get(LIST).status_code == 404  # the list is for staff
    # The head supervises the coach only, but heads the unit: everyone of it.
    head = client_as(p.head_user)
    assert head.get(detail(p.coach)).status_code == 200
    assert head.get(detail(p.participant)).status_code == 200
    assert head.get(detail(p.outsider)).status_code == 404


def test_a_plain_employee_gets_404_on_another_s_page(world):
    p = world.p
    client = client_as(p.participant_user)
    assert client.get(detail(p.participant)).status_code == 200
    missing = client.get(reverse("organisation:employee_detail", args=[987654321]))
    for employee in (p.coach, p.hr, world.pppk, p.outsider):
        response = client.get(detail(employee))
        assert response.status_code == 404
        assert response.content == missing.content


# --- the supervisor's home --------------------------------------------------------------------


def test_the_supervisor_s_pace_list_links_each_subordinate_with_nip(world):
    p = world.p
    for who, subordinate in ((p.coach_user, p.participant), (p.head_user, p.coach)):
        page = html(client_as(who).get("/"))
        if 'id="subordinates-behind"' not in page:
            continue  # on pace at this today
        listed = page.split('id="subordinates-behind"', 1)[1].split("</ul>", 1)[0]
        assert (f'<a href="{detail(subordinate)}">{subordinate.full_name}</a> '
                f'<span class="nip small text-body-secondary">(NIP {subordinate.nip_display})'
                in listed)
    coach_home = html(client_as(p.head_user).get("/"))
    assert f'href="{detail(p.coach)}"' in coach_home  # 0 JP: behind pace on any day


# --- labels -----------------------------------------------------------------------------------


def test_every_status_of_the_core_has_one_label():
    assert list(JpStatusLabel.values) == [str(s) for s in JpStatus]
    assert status_label(JpStatus.UNREACHABLE) == (
        "Tidak tercapai lewat kegiatan non-klasikal saja")
    assert status_label("") == ""


# --- queries ----------------------------------------------------------------------------------


def _queries(client: Client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def _add_people(p, n: int):
    for i in range(n):
        employee = EmployeeFactory(unit=p.unit, kind="pppk" if i % 3 == 0 else "pns",
                                   rank="IX" if i % 3 == 0 else "III/a",
                                   is_talent=i % 2 == 0, supervisor=p.coach)
        if i % 2:
            classical_record(actor=p.hr_user, employee=employee, route="KL03",
                             title=f"Pelatihan {i}", start_date=TODAY, end_date=TODAY,
                             jp=Decimal(i % 5 + 1))


@pytest.mark.parametrize("url, params", [
    (LIST, {}),
    (LIST, {"urut": "-jp", "jp_status": "memenuhi", "talent": "ya"}),
    (LIST, {"urut": "capaian", "page": 2, "kind": "pppk"}),
    (LIST, {"year": TODAY.year - 1, "status": "semua"}),
    (EXPORT, {"format": "xlsx", "urut": "-sementara"}),
    (EXPORT, {"format": "csv", "jp_status": "di_bawah_laju"}),
], ids=["list", "list-filtered", "list-page-2", "list-past-year", "xlsx", "csv"])
def test_the_list_and_export_queries_do_not_grow_with_the_employees(world, url, params):
    p = world.p
    client = client_as(p.hr_user)
    _queries(client, url, params)  # warm: what is cached per process is read once
    _add_people(p, 5)
    small = _queries(client, url, params)
    _add_people(p, 40)
    assert _queries(client, url, params) == small


def test_the_employee_page_s_queries_do_not_grow_with_sessions_programs_or_training(world):
    p = world.p
    client = client_as(p.hr_user)
    url = detail(p.participant)
    _queries(client, url, {})
    small = _queries(client, url, {})
    program = Program.objects.get(participant=p.participant)
    for days in (2, 9, 16):
        log_and_confirm(p, program, program.start_date + timedelta(days=days))
    for n in range(3):
        classical_record(actor=p.hr_user, employee=p.participant, route="KL03",
                         title=f"Pelatihan {n}", start_date=TODAY, end_date=TODAY,
                         jp=Decimal(1))
    EmployeeFactory(unit=p.unit, supervisor=p.participant)
    EmployeeFactory(unit=p.unit, supervisor=p.participant)
    assert _queries(client, url, {}) == small
