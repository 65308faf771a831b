import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from kembang.common.nip import NipField, clean_nip, nip_error_message, validate_nip
from kembang.policy.nip import NipError


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


class NipForm(forms.Form):
    nip = NipField()


def _message(raw):
    form = NipForm(data={"nip": raw})
    assert not form.is_valid()
    return form.errors["nip"][0]


def test_nip_printed_with_spaces_cleans_to_18_digits():
    form = NipForm(data={"nip": "NIP. 19680501 199202 1 001"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nip"] == "196805011992021001"


def test_full_width_and_cyrillic_look_alikes_are_accepted():
    form = NipForm(data={"nip": "１９６８０５０１ 199202 1 \u041e\u043e1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nip"] == "196805011992021001"


def test_wrong_length_says_how_many_digits_were_given():
    assert _message("19680501 199202 1 01") == "NIP harus 18 digit, bukan 17."


def test_impossible_birth_date_names_the_digits_and_the_value():
    assert _message("196713101992021001") == (
        "Tanggal lahir pada NIP (digit 1–8) tidak valid: 19671310."
    )


def test_sex_digit_three_names_the_position():
    assert _message("196805011992023001") == (
        "Digit jenis kelamin (digit ke-15) harus 1 atau 2, bukan 3."
    )


def test_serial_000_is_explained():
    assert _message("196805011992021000") == "Nomor urut (digit 16–18) tidak boleh 000."


def test_tmt_month_and_pppk_batch_are_explained():
    assert _message("196805011992131001") == (
        "Bulan TMT CPNS pada NIP (digit 13–14) harus 01–12, bukan 13."
    )
    assert _message("200012312024201001") == (
        "Digit angkatan PPPK (digit ke-14) harus 1–9, bukan 0."
    )


def test_letter_is_quoted_in_the_message():
    assert "“X”" in _message("19680501199202100X")


def test_empty_required_field_is_reported_as_required():
    form = NipForm(data={"nip": "  "})
    assert not form.is_valid()
    assert form.has_error("nip", code="required")


def test_optional_nip_field_accepts_blank():
    class OptionalForm(forms.Form):
        nip = NipField(required=False)

    form = OptionalForm(data={"nip": ""})
    assert form.is_valid()
    assert form.cleaned_data["nip"] == ""


def test_float_message_tells_the_officer_to_retype_as_text():
    message = nip_error_message(NipError("nip_float", {"value": "1.98501012010011E+17"}))
    assert "1.98501012010011E+17" in message
    assert "Teks" in message and "digit terakhirnya hilang" in message


def test_unknown_code_gives_a_generic_message():
    assert nip_error_message(NipError("something_new")) == "NIP tidak valid."


def test_model_validator_accepts_only_the_canonical_form():
    validate_nip("196805011992021001")
    with pytest.raises(ValidationError) as info:
        validate_nip("19680501 199202 1 001")
    assert info.value.code == "nip_not_normalised"
    with pytest.raises(ValidationError) as info:
        validate_nip("196805011992023001")
    assert info.value.code == "nip_sex"


def test_clean_nip_returns_the_parsed_nip():
    assert clean_nip("200012312024211001").kind == "pppk"


def test_nip_field_renders_a_numeric_keypad_hint():
    html = str(NipForm()["nip"])
    assert 'inputmode="numeric"' in html
