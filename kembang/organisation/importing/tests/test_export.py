"""The export: scoped, filtered like the list page, NIPs as text, and it re-imports as is."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kembang.organisation.importing.tests.helpers import apply, dry_run, rows_by_number
from kembang.organisation.models import Employee
from kembang.organisation.tests.factories import EmployeeFactory, PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_hr_officers_export_holds_only_their_units(client_for, hr_officer_a, sub_unit_a,
                                                   employee_b):
    EmployeeFactory(unit=sub_unit_a, name="Guru Satu")
    client = client_for(hr_officer_a)
    _, rows = _xlsx_rows(client.get(reverse("imports:export"), {"format": "xlsx"}))
    names = {r["NAMA"].value for r in rows}
    assert names == {"Guru Satu", "Pengelola SDM A"}
    csv_rows = _csv_rows(client.get(reverse("imports:export"), {"format": "csv"}))
    assert {r["NAMA"] for r in csv_rows} == names
    assert employee_b.nip not in client.get(reverse("imports:export"), {"format": "csv"}
                                            ).content.decode()


def test_nips_are_written_as_text(client_for, hr_admin, unit_a, sub_unit_a):
    boss = EmployeeFactory(unit=unit_a)
    worker = EmployeeFactory(unit=sub_unit_a, supervisor=boss)
    client = client_for(hr_admin)
    response = client.get(reverse("imports:export"), {"format": "xlsx", "q": worker.name})
    assert response["Content-Disposition"].endswith('.xlsx"')
    _, [row] = _xlsx_rows(response)
    assert row["NIP"].value == worker.nip and row["NIP"].data_type == "s"
    assert row["NIP"].number_format == "@"
    assert row["NIP ATASAN"].value == boss.nip
    assert (row["NAMA UNOR"].value, row["UNOR INDUK"].value) == ("Bidang Guru", "Dinas Pendidikan")
    [line] = _csv_rows(client.get(reverse("imports:export"), {"format": "csv", "q": worker.name}))
    assert line["NIP"] == worker.nip_display  # "19850101 201001 1 001": Excel keeps it text


def test_export_uses_the_list_filters(client_for, hr_admin, unit_a, unit_b):
    EmployeeFactory(unit=unit_a, name="Pns Aktif")
    EmployeeFactory(unit=unit_a, name="Pppk Aktif", kind="pppk")
    EmployeeFactory(unit=unit_b, name="Di Unit B")
    EmployeeFactory(unit=unit_a, name="Nonaktif", is_active=False)
    client = client_for(hr_admin)

    def names(**params):
        return {r["NAMA"] for r in _csv_rows(client.get(reverse("imports:export"),
                                                        {"format": "csv", **params}))}

    assert names(unit=unit_a.pk) == {"Pns Aktif", "Pppk Aktif"}
    assert names(unit=unit_a.pk, kind="pppk") == {"Pppk Aktif"}
    assert names(status="nonaktif") == {"Nonaktif"}
    assert names(q="unit b") == {"Di Unit B"}
    assert "Nonaktif" in names(status="semua")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_reimports_as_unchanged(client_for, hr_admin, unit_a, sub_unit_a, fmt):
    deep = UnitFactory(regency=unit_a.regency, name="Seksi Kurikulum", parent=sub_unit_a)
    position = PositionFactory(regency=unit_a.regency, name="Kepala Seksi Kurikulum",
                               kind="pengawas")
    head = EmployeeFactory(unit=unit_a, title_prefix="Dr.", title_suffix="M.Pd.", rank="IV/b",
                           email="kepala@example.id", phone="0812345")
    EmployeeFactory(unit=deep, position=position, supervisor=head, is_talent=True)
    EmployeeFactory(unit=sub_unit_a, kind="pppk", rank="IX", supervisor=head)
    EmployeeFactory(unit=sub_unit_a, is_active=False, rank="")
    EmployeeFactory(unit=sub_unit_a, position=None)
    client = client_for(hr_admin)
    response = client.get(reverse("imports:export"), {"format": fmt, "status": "semua"})
    batch = dry_run(hr_admin, response.content, f"ekspor.{fmt}")
    rows = rows_by_number(batch)
    assert len(rows) == Employee.objects.count() == 5
    assert {r.action for r in rows.values()} == {"unchanged"}, [
        (r.row_number, r.messages, r.data.get("changes")) for r in rows.values()]
    assert not batch.rows.filter(action="deactivate").exists()
    assert apply(batch).summary["applied"]["updated"] == 0


def test_export_queries_do_not_grow_with_rows(client_for, hr_officer_a, unit_a, sub_unit_a):
    client = client_for(hr_officer_a)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("imports:export"),
                                  {"format": "xlsx", "unit": unit_a.pk, "kind": "pns"})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    boss = EmployeeFactory(unit=unit_a)
    for _ in range(10):
        EmployeeFactory(unit=sub_unit_a, supervisor=boss)
    small = queries()
    for _ in range(40):
        EmployeeFactory(unit=sub_unit_a, supervisor=boss)
    assert queries() == small


def test_text_that_looks_like_a_formula_stays_text(client_for, hr_admin, unit_a):
    EmployeeFactory(unit=unit_a, name='=HYPERLINK("http://x","klik")', phone="+62 812-3456")
    client = client_for(hr_admin)
    _, [row] = _xlsx_rows(client.get(reverse("imports:export"), {"format": "xlsx"}))
    assert row["NAMA"].data_type == "s" and row["NAMA"].value.startswith("=HYPERLINK")
    [line] = _csv_rows(client.get(reverse("imports:export"), {"format": "csv"}))
    assert line["NAMA"].startswith("'=HYPERLINK")
    assert line["NOMOR HP"] == "+62 812-3456"
