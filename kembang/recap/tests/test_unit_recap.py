"""The unit recap page (docs/rekap.md#unit-recap-page) and its downloads: the numbers are
`year_recap`'s, the scope is the user's, bad parameters are said in words, the files carry
the page's columns, the PDF is A4 with embedded fonts, and the queries do not grow."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from kembang.common.tests.clock import TODAY, on
from kembang.learning.models import ClassicalTraining
from kembang.learning.services import sessions
from kembang.learning.tests.test_workflow import log_and_confirm, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    RegencyFactory,
    UnitFactory,
    grant,
    login_for,
)
from kembang.recap.figures import year_recap
from kembang.recap.labels import status_label

PAGE = "/rekap/"
CSV, XLSX, PDF = "/rekap/unduh/rekap.csv", "/rekap/unduh/rekap.xlsx", "/rekap/unduh/rekap.pdf"
ACTIVITIES = ("Pembimbingan/Coaching", "Pendampingan/Mentoring", "Belajar Mandiri")


def _params(unit, first=1, last=TODAY.month, year=TODAY.year):
    return {"unit": unit.pk, "tahun": year, "dari": first, "sampai": last}


LAST_MONTH = on(-1, 5)  # in last year when today is in January


@pytest.fixture
def world(people_for):
    """Langsa's people: a validated session last month and one pending this month, and a
    classical training this month, for the participant; a sub-unit with one employee."""
    p = people_for("langsa")
    program = start_coaching(p)
    sessions.session_validate(actor=p.hr_user, session=log_and_confirm(p, program, LAST_MONTH))
    log_and_confirm(p, program, on(0, 1))  # the 1st: never in the future
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="klasikal", title="Bimtek",
        start_date=on(0, 1), end_date=on(0, 1), jp=Decimal("3.5"), recorded_by=p.hr_user)
    p.sub_unit = UnitFactory(regency=p.regency, name="Sekretariat", parent=p.unit)
    p.sub_employee = EmployeeFactory(unit=p.sub_unit, name="Sri Sub Unit")
    return p


def _line(report, employee):
    return next(line for line in report.lines if line.employee.pk == employee.pk)


THIS_MONTH = {"sessions": 1, "official": Decimal("3.5"), "provisional": Decimal("5.5"),
              "classical": Decimal("3.5")}
ONLY_LAST_MONTH = {"sessions": 1, "official": 2, "provisional": 2, "classical": 0}
BOTH = {"sessions": 2, "official": Decimal("5.5"), "provisional": Decimal("7.5"),
        "classical": Decimal("3.5")}


@pytest.mark.django_db
@pytest.mark.parametrize("year,first,last,expected", [
    (TODAY.year, 1, TODAY.month, BOTH if LAST_MONTH.year == TODAY.year else THIS_MONTH),
    (TODAY.year, TODAY.month, TODAY.month, THIS_MONTH),
    (LAST_MONTH.year, LAST_MONTH.month, LAST_MONTH.month, ONLY_LAST_MONTH),
], ids=["year to date", "this month", "last month"])
def test_the_page_shows_year_recap_s_figures(client, world, year, first, last, expected):
    p = world
    client.force_login(p.hr_user)
    response = client.get(PAGE, _params(p.unit, first, last, year))
    assert response.status_code == 200
    report = response.context["report"]
    recap = year_recap(p.regency, year, unit=p.unit, months=(first, last))
    assert sorted(line.employee.pk for line in report.lines) == sorted(
        r.employee.pk for r in recap.people)
    assert p.sub_employee.pk in {line.employee.pk for line in report.lines}  # sub-units too
    for person in recap.people:
        line = _line(report, person.employee)
        assert line.sessions == [person.period[a].sessions for a in recap.activities]
        assert (line.official, line.provisional, line.classical) == (
            person.period_official, person.period_provisional, person.period_classical)
        assert line.status == person.status  # the whole year's
    mine = _line(report, p.participant)
    assert {"sessions": mine.sessions[0], "official": mine.official,
            "provisional": mine.provisional, "classical": mine.classical} == expected
    totals = report.totals
    assert totals.people == len(recap.people)
    assert totals.official == sum(r.period_official for r in recap.people)
    assert totals.provisional == sum(r.period_provisional for r in recap.people)
    html = response.content.decode()
    assert p.participant.full_name in html and "Sri Sub Unit" in html
    assert "Dinas Uji › Sekretariat" in html
    assert status_label(mine.status) in html
    assert f">{mine.provisional}<".replace(".", ",") in html  # "5,5": a decimal comma


@pytest.mark.django_db
def test_the_page_defaults_to_the_first_unit_this_year_january_to_this_month(client, world):
    client.force_login(world.hr_user)
    report = client.get(PAGE).context["report"]
    assert (report.unit, report.year, report.first, report.last) == (
        world.unit, TODAY.year, 1, TODAY.month)


@pytest.mark.django_db
def test_scope_per_role(client, world):
    p = world
    other_hr = login_for(EmployeeFactory(unit=p.other_unit))
    grant(other_hr, Role.HR_OFFICER, p.other_unit)
    admin = login_for(regency=p.regency, username="bkpsdm")
    grant(admin, Role.HR_ADMIN)
    sub_head = login_for(EmployeeFactory(unit=p.sub_unit))
    grant(sub_head, Role.HEAD_OF_UNIT, p.sub_unit)
    cases = [
        (p.hr_user, p.unit, 200), (p.hr_user, p.sub_unit, 200), (p.hr_user, p.other_unit, 404),
        (p.head_user, p.unit, 200), (p.head_user, p.other_unit, 404),
        (admin, p.unit, 200), (admin, p.other_unit, 200),
        (other_hr, p.other_unit, 200), (other_hr, p.unit, 404), (other_hr, p.sub_unit, 404),
        (sub_head, p.sub_unit, 200), (sub_head, p.unit, 404),
    ]
    for user, unit, expected in cases:
        client.force_login(user)
        for url in (PAGE, CSV, XLSX, PDF):
            assert client.get(url, _params(unit)).status_code == expected, (user, unit, url)
    # Plain employees (the participant, their coach) have no recap, whatever the unit.
    for user in (p.participant_user, p.coach_user):
        client.force_login(user)
        for url in (PAGE, CSV, XLSX, PDF):
            assert client.get(url).status_code == 404
            assert client.get(url, _params(p.unit)).status_code == 404
    # The other unit's HR officer, without parameters, sees their own unit only.
    client.force_login(other_hr)
    report = client.get(PAGE).context["report"]
    assert report.unit == p.other_unit
    assert p.participant.pk not in {line.employee.pk for line in report.lines}
    # Another regency's unit is not found either.
    foreign = UnitFactory()
    client.force_login(admin)
    assert client.get(PAGE, _params(foreign)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("params,field,message", [
    ({"tahun": "1999"}, "tahun", f"Tahun harus antara 2000 dan {TODAY.year + 1}."),
    ({"tahun": str(TODAY.year + 2)}, "tahun", f"Tahun harus antara 2000 dan {TODAY.year + 1}."),
    ({"tahun": "dua ribu"}, "tahun", "Tahun ditulis dengan angka, misalnya 2026."),
    ({"tahun": "1" + "0" * 23}, "tahun", f"Tahun harus antara 2000 dan {TODAY.year + 1}."),
    ({"dari": "0"}, "dari", "Bulan harus antara Januari dan Desember."),
    ({"sampai": "13"}, "sampai", "Bulan harus antara Januari dan Desember."),
    ({"dari": "Maret"}, "dari", "Bulan harus antara Januari dan Desember."),
    ({"dari": "5", "sampai": "3"}, "sampai", "Bulan akhir tidak boleh sebelum bulan awal."),
])
def test_bad_parameters_are_said_in_words_never_a_server_error(client, world, params, field,
                                                               message):
    client.force_login(world.hr_user)
    for url in (PAGE, CSV, XLSX, PDF):
        response = client.get(url, {**_params(world.unit), **params})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        assert response.context["report"] is None
        assert response.context["form"].errors[field] == [message]
        assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("unit", ["abc", "-1", "1" + "0" * 23, "a\x00b", "987654321"])
def test_a_unit_that_is_no_unit_of_the_user_is_not_found(client, world, unit):
    client.force_login(world.hr_user)
    assert client.get(PAGE, {"unit": unit}).status_code == 404


@pytest.mark.django_db
def test_a_unit_without_employees_shows_the_empty_state(client, world):
    empty = UnitFactory(regency=world.regency, name="Bidang Kosong", parent=world.unit)
    client.force_login(world.hr_user)
    response = client.get(PAGE, _params(empty))
    assert response.context["report"].lines == []
    assert "Belum ada pegawai aktif di unit ini" in response.content.decode()
    pdf = client.get(PDF, _params(empty))
    assert pdf.status_code == 200
    assert "Belum ada pegawai aktif" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def _expected_header(year):
    return ["NIP", "Nama", "Unit", *(f"Sesi {a}" for a in ACTIVITIES), "JP resmi",
            "JP sementara", "JP klasikal", f"Status tahun {year}"]


@pytest.mark.django_db
def test_csv_and_xlsx_carry_the_page_s_columns(client, world):
    p = world
    client.force_login(p.hr_user)
    params = _params(p.unit, TODAY.month, TODAY.month)
    report = client.get(PAGE, params).context["report"]
    response = client.get(CSV, params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="rekap-jp-unit-{p.unit.pk}-{TODAY.year}-{TODAY.month:02d}-'
        f'{TODAY.month:02d}.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == _expected_header(TODAY.year)
    assert [r[0] for r in rows[1:]] == [line.employee.nip for line in report.lines]
    mine = next(r for r in rows if r[0] == p.participant.nip)
    assert mine[1:4] == [p.participant.full_name, "Dinas Uji", "1"]
    assert mine[6:] == ["3.5", "5.5", "3.5", status_label(_line(report, p.participant).status)]

    response = client.get(XLSX, params)
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Rekap JP"]
    values = list(sheet.values)
    assert list(values[0]) == _expected_header(TODAY.year)
    row = next(v for v in values[1:] if v[0] == p.participant.nip)  # the NIP stays text
    assert row[3] == 1 and row[6:9] == (3.5, 5.5, 3.5)
    assert sheet.cell(row=2, column=1).data_type == "s"
    notes = dict(book["Keterangan"].values)
    assert notes["Unit"] == "Dinas Uji"
    assert notes["Jumlah pegawai"] == len(report.lines)
    assert notes["JP sementara"] == 5.5


def _fonts(reader):
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a Type0 font: its descendant carries it
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    return found


@pytest.mark.django_db
def test_the_pdf_is_a4_landscape_with_embedded_fonts_and_a_header_on_every_page(client,
                                                                                world):
    p = world
    for n in range(60 - 5):  # with the world's five under the unit: 60 people
        EmployeeFactory(unit=p.unit, name=f"Pegawai Uji {n:02d}")
    client.force_login(p.hr_user)
    # Last year: everyone "Tidak memenuhi", one line per row whatever the pinned today.
    params = _params(p.unit, 1, 12, TODAY.year - 1)
    response = client.get(PDF, params)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), fonts  # every font embedded (TrueType)
    assert not any(name.strip("/") in {"Helvetica", "Times-Roman", "Courier"}
                   for name in fonts)
    # Words as printed, whatever the line breaks inside a table cell.
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
    assert f"Dicetak {TODAY.day} {_month(TODAY.month)} {TODAY.year}" in first
    for text in (first, second):  # the letterhead and the table's header on both pages
        assert f"Pemerintah {p.regency}" in text  # "Pemerintah Kabupaten Uji langsa"
        assert f"Dinas Uji · Januari–Desember {TODAY.year - 1}" in text
        for column in ("NIP", "Nama", "Unit", "Sesi Pembimbingan/ Coaching", "JP resmi",
                       "JP sementara", "JP klasikal", f"Status tahun {TODAY.year - 1}"):
            assert column in text
    nips = [line.employee.nip for line in client.get(PAGE, params).context["report"].lines]
    assert len(nips) == 60
    assert nips[0] in first and nips[-1] in second and nips[-1] not in first
    assert "Jumlah" in second and "60 pegawai" in second
    assert reader.metadata.title == "Rekap JP unit"


def _month(number):
    return ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember"][number - 1]


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_unit(client, world):
    p = world
    client.force_login(p.hr_user)
    params = _params(p.unit)
    for url in (PAGE, CSV, XLSX, PDF):
        _queries(client, url, params)  # warm the caches (profile schedule)
    small = {url: _queries(client, url, params) for url in (PAGE, CSV, XLSX, PDF)}
    for n in range(25):
        unit = p.sub_unit if n % 2 else p.unit
        EmployeeFactory(unit=unit)
    UnitFactory(regency=p.regency, name="Subbagian Baru", parent=p.sub_unit)
    assert {url: _queries(client, url, params) for url in (PAGE, CSV, XLSX, PDF)} == small


@pytest.mark.django_db
def test_the_menu_links_the_recap_for_staff_only(client, world):
    for user, shown in ((world.hr_user, True), (world.head_user, True),
                        (world.participant_user, False)):
        client.force_login(user)
        assert (f'href="{PAGE}"' in client.get("/").content.decode()) is shown


@pytest.mark.django_db
def test_bkpsdm_of_a_regency_without_units_sees_the_empty_state(client):
    admin = login_for(regency=RegencyFactory(name="Kosong", slug="kosong"), username="adm")
    grant(admin, Role.HR_ADMIN)
    client.force_login(admin)
    for url in (PAGE, CSV, PDF):
        response = client.get(url)
        assert response.status_code == 200 and response.context["report"] is None
        assert "Belum ada unit kerja yang dapat direkap." in response.content.decode()
