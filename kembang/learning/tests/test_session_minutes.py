"""The session form's minutes: a whole number from 1 to 1440, like `hitung_jp`'s
durasi_menit; huge exponents are refused without being expanded."""

import time

import pytest

from kembang.learning.forms import SessionForm


def minutes_error(value):
    form = SessionForm({"minutes": value}, self_study=True, abc_form=False)
    form.is_valid()
    return form.errors.get("minutes")


@pytest.mark.parametrize("value", ["1", "90", "90.0", "1440"])
def test_whole_minutes_up_to_a_day_are_accepted(value):
    assert minutes_error(value) is None


@pytest.mark.parametrize("value", ["0", "1441", "100000", "90.5", "1E+300000", "1E+5000",
                                   "9" * 5000, "-5"])
def test_other_minutes_are_refused_at_once(value):
    started = time.process_time()
    assert minutes_error(value)
    assert time.process_time() - started < 0.5
