import io
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from kembang.common.spreadsheet import (
    CellError,
    SpreadsheetError,
    nip_from_cell,
    normalize_header,
    parse_date_cell,
    read_table,
    text_from_cell,
    whole_number_from_cell,
)
from kembang.common.tests.xlsx import EXACT, with_exact_integer
from kembang.policy.nip import NipError


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield




def _xlsx(rows, *, sheets=1, exact=None):
    """An XLSX; a cell holding `EXACT` is rewritten to hold `exact` as an integer number,
    as some exporting tools write it."""
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for n in range(1, sheets):
        wb.create_sheet(f"Lain{n}").append(["bukan", "ini"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue() if exact is None else with_exact_integer(buf.getvalue(), exact)


# --- read_table ------------------------------------------------------------------------


def test_semicolon_csv_with_bom_is_read_with_normalised_headers():
    data = "\ufeffNIP ; Nama  Lengkap;Tanggal\r\n1968;Siti;2025-01-31\r\n".encode()
    table = read_table(io.BytesIO(data), "data.csv")
    assert table.format == "csv"
    assert table.names == ["nip", "nama lengkap", "tanggal"]
    assert [h.original for h in table.headers] == ["NIP", "Nama  Lengkap", "Tanggal"]
    assert table.rows == [(2, {"nip": "1968", "nama lengkap": "Siti", "tanggal": "2025-01-31"})]


def test_comma_csv_keeps_row_numbers_across_blank_rows():
    data = b"nip,jenis\n1,coaching\n\n ,  \n2,mentoring\n"
    table = read_table(io.BytesIO(data), "x.CSV")
    assert [number for number, _ in table.rows] == [2, 5]


def test_comma_in_a_quoted_header_does_not_fool_the_sniffer():
    data = b'"nama, gelar";nip\n"Siti, S.H.";1\n'
    table = read_table(io.BytesIO(data), "x.csv")
    assert table.names == ["nama, gelar", "nip"]


def test_csv_from_a_path(tmp_path):
    path = tmp_path / "sesi.csv"
    path.write_text("nip\n1\n", encoding="utf-8")
    assert read_table(path).rows == [(2, {"nip": "1"})]


def test_short_rows_are_padded_and_duplicate_headers_listed():
    data = b"nip,jenis,nip\n1\n"
    table = read_table(io.BytesIO(data), "x.csv")
    assert table.rows == [(2, {"nip": "1", "jenis": None})]
    assert table.duplicate_headers == ["nip"]


def test_xlsx_first_sheet_keeps_cell_types_and_row_numbers():
    data = _xlsx(
        [
            ["NIP", "Tanggal", "durasi_menit"],
            [EXACT, datetime(2025, 1, 31), 90.5],
            [None, None, None],
            ["19680501 199202 1 001", "31/01/2025", 45],
            [196805011992021001, None, None],
        ],
        sheets=2,
        exact=196805011992021001,
    )
    table = read_table(io.BytesIO(data), "rekap.xlsx")
    assert table.format == "xlsx"
    assert table.names == ["nip", "tanggal", "durasi_menit"]
    assert table.rows[0] == (
        2,
        {"nip": 196805011992021001, "tanggal": datetime(2025, 1, 31), "durasi_menit": 90.5},
    )
    assert table.rows[1][0] == 4
    # Written by openpyxl itself the big number is a float: its last digits are gone.
    assert isinstance(table.rows[2][1]["nip"], float)


def test_header_only_file_has_no_rows():
    assert read_table(io.BytesIO(b"nip,jenis\n"), "x.csv").rows == []


@pytest.mark.parametrize(
    "data,name,code",
    [
        (b"nip\n1\n", "x.txt", "unsupported_format"),
        (b"nip\n1\n", "x", "unsupported_format"),
        (b"", "x.csv", "empty"),
        (b"\n\n", "x.csv", "empty"),
        ("nip\nSiti Àminah\n".encode("latin-1"), "x.csv", "bad_encoding"),
        (b"PK\x03\x04 not really a zip", "x.xlsx", "unreadable"),
        (b"nip,jenis\n1,2\n", "x.xlsx", "unreadable"),
        (_xlsx([]), "x.xlsx", "empty"),
    ],
)
def test_unusable_files_raise_spreadsheet_error_with_an_indonesian_message(data, name, code):
    with pytest.raises(SpreadsheetError) as info:
        read_table(io.BytesIO(data), name)
    assert info.value.code == code
    assert info.value.message


def test_missing_path_is_unreadable(tmp_path):
    with pytest.raises(SpreadsheetError) as info:
        read_table(tmp_path / "tidak-ada.csv")
    assert info.value.code == "unreadable"


def test_normalize_header_handles_empty_and_odd_spacing():
    assert normalize_header(None) == ""
    assert normalize_header("  Durasi\u00a0 MENIT ") == "durasi menit"


# --- nip_from_cell ---------------------------------------------------------------------


def test_whole_number_cell_is_read_as_digits():
    assert nip_from_cell(196805011992021001) == "196805011992021001"


def test_text_nip_is_normalised():
    assert nip_from_cell(" 19680501 199202 1 001 ") == "196805011992021001"


@pytest.mark.parametrize(
    "value",
    [
        1.98501012010011e17,
        196805011992021000.0,
        "1.98501012010011E+17",
        "1,98501E+17",
        "198501012010011001.0",
        "198501012010011001,00",
    ],
)
def test_float_or_exponent_nip_is_rejected_as_having_lost_digits(value):
    with pytest.raises(NipError) as info:
        nip_from_cell(value)
    assert info.value.code == "nip_float"


def test_empty_nip_cell_is_rejected():
    with pytest.raises(NipError) as info:
        nip_from_cell(None)
    assert info.value.code == "nip_empty"


# --- parse_date_cell -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2025-01-05",
        "2025-1-5",
        "05/01/2025",
        "5/1/2025",
        "05-01-2025",
        "5-1-2025",
        " 05/01/2025 ",
        date(2025, 1, 5),
        datetime(2025, 1, 5, 13, 30),
    ],
)
def test_accepted_date_layouts(value):
    assert parse_date_cell(value) == date(2025, 1, 5)


@pytest.mark.parametrize("value", ["31/02/2025", "2025-02-29", "29-02-2023", "00/01/2025"])
def test_impossible_dates_are_rejected(value):
    with pytest.raises(CellError) as info:
        parse_date_cell(value)
    assert info.value.code == "date_invalid"
    assert value.strip() in info.value.message


def test_leap_day_is_accepted():
    assert parse_date_cell("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize("value", ["2025/01/05", "05.01.2025", "05/01-2025", "Senin", 45678, 1.5])
def test_other_layouts_are_rejected_not_guessed(value):
    with pytest.raises(CellError) as info:
        parse_date_cell(value)
    assert info.value.code == "date_format"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_empty_date_is_reported(value):
    with pytest.raises(CellError) as info:
        parse_date_cell(value)
    assert info.value.code == "date_empty"


# --- numbers and text ------------------------------------------------------------------


@pytest.mark.parametrize("value", [90, "90", "90.0", 90.0, " 90 "])
def test_whole_numbers_in_their_usual_forms(value):
    assert whole_number_from_cell(value) == 90


@pytest.mark.parametrize(
    "value,code",
    [
        (None, "number_empty"),
        ("", "number_empty"),
        ("sembilan puluh", "number_format"),
        ("NaN", "number_format"),
        (True, "number_format"),
        ("90.5", "number_not_whole"),
        (90.5, "number_not_whole"),
    ],
)
def test_bad_numbers_are_reported(value, code):
    with pytest.raises(CellError) as info:
        whole_number_from_cell(value)
    assert info.value.code == code


def test_minimum_is_enforced():
    with pytest.raises(CellError) as info:
        whole_number_from_cell("0", minimum=1)
    assert info.value.code == "number_too_small"
    assert whole_number_from_cell("1", minimum=1) == 1


def test_text_from_cell():
    assert text_from_cell(None) == ""
    assert text_from_cell(90.0) == "90"
    assert text_from_cell(datetime(2025, 1, 5, 8)) == "2025-01-05"
    assert text_from_cell("  Dinas\u00a0Kesehatan ") == "Dinas Kesehatan"
