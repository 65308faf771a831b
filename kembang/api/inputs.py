"""Query parameters the API accepts, and the 422 it answers for the rest.

Pydantic takes any `str` and any `int`, but PostgreSQL refuses text holding a NUL and
integers beyond bigint (`LIMIT 10**23`): both are a DataError, so a 500. Text parameters use
`Text`, paginated endpoints `Pagination`; a refusal is a 422 whose `message` says in
Indonesian what was wrong, keeping ninja's `detail` list for programs.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, StringConstraints

from kembang.common.params import InvalidInput, nul_free

# One page of the employee list; ninja's default page size too.
MAX_LIMIT = 100
# Far beyond the employees of the largest regency (tens of thousands), far below bigint.
MAX_OFFSET = 1_000_000
# Longer than any name or NIP; a search, not a document.
TEXT_MAX_LENGTH = 200


def _nul_free(value: str) -> str:
    try:
        return nul_free(value)
    except InvalidInput as error:
        # Pydantic turns a ValueError into a validation error (422); a DomainError would
        # escape it.
        raise ValueError(error.message) from None


Text = Annotated[str, StringConstraints(max_length=TEXT_MAX_LENGTH), AfterValidator(_nul_free)]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both bounded: `limit` 1–100, `offset`
    0–1,000,000; outside them a 422, never a query PostgreSQL cannot run."""

    class Input(Schema):
        limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def _error_message(error: dict) -> str:
    """One pydantic error (as ninja reports it) in Indonesian."""
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    field = ".".join(loc) or _("parameter")
    ctx = error.get("ctx", {})
    kind = error.get("type", "")
    if kind == "less_than_equal":
        return _("%(field)s paling besar %(value)s.") % {"field": field, "value": ctx["le"]}
    if kind == "greater_than_equal":
        return _("%(field)s paling kecil %(value)s.") % {"field": field, "value": ctx["ge"]}
    if kind.startswith("int_"):
        return _("%(field)s harus bilangan bulat.") % {"field": field}
    if kind == "string_too_long":
        return _("%(field)s paling panjang %(value)s karakter.") % {
            "field": field, "value": ctx["max_length"]}
    if kind == "value_error" and "error" in ctx:
        return f"{field}: {ctx['error']}"
    return _("%(field)s tidak sah.") % {"field": field}


def invalid_input_body(errors: list[dict]) -> dict:
    """The 422 body: the stable code, one Indonesian sentence per error, and ninja's
    `detail` unchanged."""
    return {"code": "invalid_input",
            "message": " ".join(_error_message(error) for error in errors),
            "detail": errors}
