from datetime import date

import pytest

from kembang.policy.nip import (
    KIND_PNS,
    KIND_PPPK,
    NipError,
    format_nip,
    is_valid_nip,
    normalize_nip,
    parse_nip,
)

PNS = "196805011992021001"  # the Nganjuk seed's signature block
PPPK = "200012312024211001"  # docs/nip.md#structure


def _code(raw):
    with pytest.raises(NipError) as info:
        parse_nip(raw)
    return info.value.code, info.value.params


def test_valid_pns_nip_is_parsed_into_its_parts():
    nip = parse_nip(PNS)
    assert nip.kind == KIND_PNS
    assert nip.birth_date == date(1968, 5, 1)
    assert (nip.tmt_year, nip.tmt_month) == (1992, 2)
    assert nip.sex == 1
    assert nip.serial == 1
    assert nip.appointment_year is None and nip.batch is None


def test_valid_pppk_nip_is_parsed_into_its_parts():
    nip = parse_nip(PPPK)
    assert nip.kind == KIND_PPPK
    assert nip.birth_date == date(2000, 12, 31)
    assert (nip.appointment_year, nip.batch) == (2024, 1)
    assert nip.sex == 1
    assert nip.serial == 1
    assert nip.tmt_month is None


@pytest.mark.parametrize(
    "raw",
    [
        "19680501 199202 1 001",
        "NIP. 19680501 199202 1 001",
        "NIP: 19680501 199202 1 001",
        "19680501.199202.1.001",
        "19680501-199202-1-001",
        "19680501\u00a0199202\u00a01\u00a0001",  # no-break spaces
        "19680501\u2009199202\u20091\u2009001",  # thin spaces
        "\u200b196805011992021001\ufeff",  # zero-width space and BOM
        "\uff11\uff19\uff16\uff18\uff10\uff15\uff10\uff11\uff11\uff19\uff19\uff12\uff10\uff12\uff11\uff10\uff10\uff11",
        "\u0661\u0669\u0666\u0668\u0660\u0665\u0660\u0661 199202 1 001",  # Arabic-Indic
        "19680501 199202 1 OO1",  # Latin O
        "19680501 199202 1 \u041e\u043e1",  # Cyrillic О о
        "l968050l 199202 I 001",  # Latin l and I
        "\u0406968050\u0456 199202 \u04c0 001",  # Cyrillic І і Ӏ
        "  196805011992021001  ",
    ],
)
def test_printed_and_look_alike_forms_normalise_to_the_same_nip(raw):
    assert parse_nip(raw).digits == PNS


def test_cyrillic_ze_reads_as_three():
    assert normalize_nip("\u0417\u0437") == "33"


def test_empty_nip_is_rejected():
    assert _code("")[0] == "nip_empty"
    assert _code("  . - ")[0] == "nip_empty"
    assert _code(None)[0] == "nip_empty"


def test_letter_in_nip_is_reported_with_the_character():
    code, params = _code("19680501 199202 1 0X1")
    assert code == "nip_not_digits"
    assert params == {"char": "X", "position": 17}


@pytest.mark.parametrize("raw,length", [(PNS[:-1], 17), (PNS + "1", 19), ("1", 1)])
def test_wrong_length_is_reported_with_the_length(raw, length):
    assert _code(raw) == ("nip_length", {"length": length})


@pytest.mark.parametrize(
    "birth",
    ["19671310", "19670230", "20230229", "00000101", "19670100"],
)
def test_impossible_birth_date_is_rejected(birth):
    assert _code(birth + "1992021001") == ("nip_birth_date", {"value": birth})


def test_leap_day_birth_date_is_accepted():
    assert parse_nip("20000229" + "2020011001").birth_date == date(2000, 2, 29)


@pytest.mark.parametrize("month", ["00", "13", "19", "31", "99"])
def test_impossible_tmt_month_is_rejected(month):
    assert _code("19680501" + "1992" + month + "1001") == ("nip_tmt_month", {"value": month})


@pytest.mark.parametrize("month", ["01", "12"])
def test_tmt_month_edges_are_accepted(month):
    assert parse_nip("19680501" + "1992" + month + "1001").tmt_month == int(month)


def test_sex_digit_three_is_rejected():
    assert _code("196805011992023001") == ("nip_sex", {"value": "3"})


def test_sex_digit_zero_is_rejected_for_pppk_too():
    assert _code("200012312024210001") == ("nip_sex", {"value": "0"})


def test_serial_000_is_rejected():
    assert _code("196805011992021000") == ("nip_serial", {"value": "000"})
    assert _code("200012312024212000") == ("nip_serial", {"value": "000"})


def test_serial_999_is_accepted():
    assert parse_nip("196805011992022999").serial == 999


def test_pppk_batch_zero_is_rejected():
    assert _code("200012312024201001") == ("nip_pppk_batch", {"value": "0"})


@pytest.mark.parametrize("batch", "123456789")
def test_every_pppk_batch_digit_one_to_nine_is_accepted(batch):
    nip = parse_nip("20001231" + "2024" + "2" + batch + "2001")
    assert nip.kind == KIND_PPPK and nip.batch == int(batch) and nip.sex == 2


def test_no_check_against_today_or_age():
    # Born 2020, appointed 2021, appointed before birth, in the far future: all structural.
    assert is_valid_nip("20200101" + "202101" + "1001")
    assert is_valid_nip("20200101" + "199001" + "1001")
    assert is_valid_nip("20991231" + "2999" + "29" + "1001")


def test_format_nip_prints_pns_and_pppk_in_the_8_6_1_3_layout():
    assert format_nip(PNS) == "19680501 199202 1 001"
    assert format_nip(PPPK) == "20001231 202421 1 001"
    assert parse_nip(PPPK).formatted == "20001231 202421 1 001"


def test_format_nip_leaves_a_bad_value_unchanged():
    assert format_nip("12345") == "12345"


def test_nip_error_carries_code_and_params():
    err = NipError("nip_length", {"length": 3})
    assert isinstance(err, ValueError)
    assert err.code == "nip_length" and err.params == {"length": 3}
