"""Text read by hand from a request, checked the way a Django form field would check it.

`forms.CharField` refuses NUL characters (`ProhibitNullCharactersValidator`) and enforces
`max_length`; a value taken with `request.POST.get(...)` gets neither. PostgreSQL cannot
store or even compare text holding a NUL, so such a value reaching a query is a DataError:
a 500 instead of a message. Every text a view or the API reads without a form field goes
through `nul_free` or `text_param`.
"""

from django.utils.translation import gettext as _

from kembang.common.errors import DomainError

NUL = "\x00"
# A reason, a comment: a paragraph, not a document. The learning ReasonForm allows the same.
TEXT_MAX_LENGTH = 1000


class InvalidInput(DomainError):
    """A request parameter no form would have accepted; the view shows `message`."""

    code = "invalid_input"


def nul_message() -> str:
    # Django's own wording in its Indonesian catalogue, so a form field's refusal and ours
    # read alike.
    return _("Karakter null tidak diizinkan.")


def nul_free(value: str, *, field: str | None = None) -> str:
    """`value` unchanged; `InvalidInput` (code `invalid_input`) when it holds a NUL."""
    if NUL in value:
        raise InvalidInput(nul_message(), field=field)
    return value


def text_param(data, name: str, *, max_length: int = TEXT_MAX_LENGTH) -> str:
    """The text parameter `name` of `data` (a request's GET or POST), "" when absent.

    Raises `InvalidInput` naming the field when it holds a NUL or is longer than
    `max_length` characters. The value is returned as sent; services strip it. Views call it inside the `try` that already turns a `DomainError` into a message.
    """
    value = nul_free(data.get(name, ""), field=name)
    if len(value) > max_length:
        raise InvalidInput(_("Teks terlalu panjang: paling banyak %(max)s karakter.")
                           % {"max": max_length}, field=name)
    return value
