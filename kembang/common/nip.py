"""NIP on the Django side: Indonesian messages, a form field and a model validator.

The rules live in `kembang.policy.nip` (one rule set for forms, imports and the CLI,
docs/nip.md#validity); this module only turns its error codes into sentences that tell an officer
exactly which part of the number is wrong.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kembang.policy.nip import (
    NIP_BIRTH_DATE,
    NIP_EMPTY,
    NIP_FLOAT,
    NIP_LENGTH_ERROR,
    NIP_NOT_DIGITS,
    NIP_PPPK_BATCH,
    NIP_SERIAL,
    NIP_SEX,
    NIP_TMT_MONTH,
    Nip,
    NipError,
    normalize_nip,
    parse_nip,
)

NIP_NOT_NORMALISED = "nip_not_normalised"

_MESSAGES = {
    NIP_EMPTY: _("NIP wajib diisi."),
    NIP_NOT_DIGITS: _(
        "NIP hanya boleh berisi angka; karakter “%(char)s” (posisi ke-%(position)s) bukan angka."
    ),
    NIP_LENGTH_ERROR: _("NIP harus 18 digit, bukan %(length)s."),
    NIP_BIRTH_DATE: _("Tanggal lahir pada NIP (digit 1–8) tidak valid: %(value)s."),
    NIP_TMT_MONTH: _("Bulan TMT CPNS pada NIP (digit 13–14) harus 01–12, bukan %(value)s."),
    NIP_SEX: _("Digit jenis kelamin (digit ke-15) harus 1 atau 2, bukan %(value)s."),
    NIP_SERIAL: _("Nomor urut (digit 16–18) tidak boleh 000."),
    NIP_PPPK_BATCH: _("Digit angkatan PPPK (digit ke-14) harus 1–9, bukan %(value)s."),
    NIP_FLOAT: _(
        "NIP terbaca sebagai angka desimal (%(value)s), sehingga digit terakhirnya hilang. "
        "Format kolom NIP sebagai Teks, lalu ketik ulang NIP-nya."
    ),
    NIP_NOT_NORMALISED: _("NIP harus disimpan sebagai 18 angka tanpa spasi atau tanda baca."),
}


def nip_error_message(err: NipError) -> str:
    """The Indonesian sentence (translated through gettext) for a `NipError`.

    Names the part of the NIP at fault and its value, e.g. "NIP harus 18 digit, bukan 17."
    An unknown code gives a generic "NIP tidak valid." rather than failing.
    """
    template = _MESSAGES.get(err.code)
    if template is None:
        return gettext("NIP tidak valid.")
    params = {"char": "", "position": "", "length": "", "value": "", **err.params}
    return str(template) % params


def nip_validation_error(err: NipError) -> ValidationError:
    """A Django `ValidationError` carrying the NIP error's message and code."""
    return ValidationError(nip_error_message(err), code=err.code)


class NipField(forms.CharField):
    """A form field for a NIP: accepts it as printed or pasted, cleans to 18 digits.

    Normalises (spaces, dots, look-alike digits — `kembang.policy.nip.normalize_nip`),
    then validates the structure; `cleaned_data` holds the canonical 18-digit string.
    Errors name the wrong part in Indonesian (docs/nip.md#validity).
    """

    def __init__(self, **kwargs):
        # Room for a NIP printed with spaces or dots and a "NIP." label.
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("label", _("NIP"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A numeric keypad on phones, without the spinner and rounding of type=number.
        attrs.setdefault("inputmode", "numeric")
        attrs.setdefault("autocomplete", "off")
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalize_nip(value)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            parse_nip(value)
        except NipError as err:
            raise nip_validation_error(err) from None


def clean_nip(value: str) -> Nip:
    """Parse a NIP for a service: the `Nip`, or a `ValidationError` with the message."""
    try:
        return parse_nip(value)
    except NipError as err:
        raise nip_validation_error(err) from None


def validate_nip(value: str) -> None:
    """Model-field validator: `value` must be a valid NIP stored canonically (18 digits).

    Forms clean to the canonical form first (`NipField`); this guards the stored value
    against anything written around them.
    """
    nip = clean_nip(value)
    if nip.digits != value:
        raise ValidationError(_MESSAGES[NIP_NOT_NORMALISED], code=NIP_NOT_NORMALISED)
