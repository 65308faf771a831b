"""`kembang.common.files`: the one writer of CSV and XLSX, never a formula."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kembang.common import files

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert files.csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value,written",
    [
        (-2, "-2"),
        (Decimal("-2.5"), "-2.5"),
        (Decimal("2.4"), "2.4"),
        (Decimal("4"), "4"),
        (-0.5, "-0.5"),
        (None, ""),
        (date(2025, 1, 31), "2025-01-31"),
        ("Sutrisno", "Sutrisno"),
        ("19680501 199202 1 001", "19680501 199202 1 001"),
        ("a=b", "a=b"),
    ],
)
def test_csv_numbers_stay_numbers_and_plain_text_stays_as_is(value, written):
    assert files.csv_cell(value) == written


@pytest.mark.parametrize(
    "phone,written",
    [
        ("+62 812-3456", "+62 812-3456"),
        ("0812345", "0812345"),
        ("-2", "'-2"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("=1+1", "'=1+1"),
    ],
)
def test_a_phone_number_is_kept_only_when_it_is_digits(phone, written):
    assert files.csv_cell(files.PhoneNumber(phone)) == written


def test_csv_bytes_has_a_bom_semicolons_and_escaped_text():
    body = files.csv_bytes([["NAMA", "JP"], ["=1+1", -2]])
    assert body.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")) == [
        ["NAMA", "JP"], ["'=1+1", "-2"]]


def _cells(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_xlsx_text_is_always_a_string_cell():
    texts = [*HOSTILE[:-1], "#N/A", "#REF!"]  # XML reads a lone CR back as LF
    data = files.xlsx_bytes([files.Sheet(
        "Data", ["nama", "jp", "tanggal"],
        [[text, Decimal("-2"), date(2025, 1, 31)] for text in texts],
        formats={2: "DD/MM/YYYY"})])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in names] == texts
    assert {c.data_type for c in names} == {"s"}
    assert {c.data_type for c in _cells(data)} <= {"s", "n", "d"}
    jp = sheet["B2"]
    assert (jp.value, jp.data_type) == (-2, "n")
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold


def test_xlsx_drops_characters_xml_cannot_hold_instead_of_failing():
    data = files.xlsx_bytes([files.Sheet("Data", ["nama"], [["Siti\x01 Aminah"]])])
    assert load_workbook(io.BytesIO(data)).worksheets[0]["A2"].value == "Siti Aminah"


def test_blank_template_rows_carry_the_text_format():
    data = files.xlsx_bytes([files.Sheet("T", ["NAMA", "NIP"], formats={1: "@"}, blank_rows=3)])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [sheet.cell(row=r, column=2).number_format for r in (2, 4)] == ["@", "@"]
    assert sheet.cell(row=2, column=1).number_format == "General"
