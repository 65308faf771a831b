"""`whole_number_from_cell` bounds: huge exponents are refused on sight, never expanded."""

import time

import pytest

from kembang.common.spreadsheet import WHOLE_NUMBER_LIMIT, CellError, whole_number_from_cell

HUGE = ["1E+300000", "1e+5000", "9" * 5000, "-1E+300000", "1E+999999999999999999"]


@pytest.mark.parametrize("value", HUGE)
def test_a_huge_number_is_refused_at_once(value):
    started = time.process_time()
    with pytest.raises(CellError) as info:
        whole_number_from_cell(value, minimum=1, maximum=1440)
    assert time.process_time() - started < 0.05
    assert info.value.code in {"number_too_large", "number_too_small"}
    assert len(info.value.message) < 200  # the value is quoted back shortened


@pytest.mark.parametrize("value", HUGE)
def test_without_bounds_a_huge_number_is_still_refused(value):
    with pytest.raises(CellError) as info:
        whole_number_from_cell(value)
    assert info.value.code in {"number_too_large", "number_too_small"}


@pytest.mark.parametrize(
    "value,code",
    [
        ("1441", "number_too_large"),
        (1441, "number_too_large"),
        (1441.0, "number_too_large"),
        (10**400, "number_too_large"),
        (1e300, "number_too_large"),
        ("0", "number_too_small"),
        ("-5", "number_too_small"),
        ("90.5", "number_not_whole"),
        ("1E-300000", "number_not_whole"),
        ("Infinity", "number_format"),
        (float("inf"), "number_format"),
    ],
)
def test_minutes_out_of_range_or_not_whole(value, code):
    with pytest.raises(CellError) as info:
        whole_number_from_cell(value, minimum=1, maximum=1440)
    assert info.value.code == code


@pytest.mark.parametrize("value", ["90", "90.0", 90, 90.0, "9E+1", "1440", "1"])
def test_whole_minutes_in_range_are_read(value):
    assert whole_number_from_cell(value, minimum=1, maximum=1440) in {90, 1440, 1}


def test_the_default_limit_is_wide_enough_for_any_count():
    assert whole_number_from_cell(str(WHOLE_NUMBER_LIMIT)) == WHOLE_NUMBER_LIMIT
