"""Domain errors: a stable code for programs, an Indonesian message for people."""


class DomainError(Exception):
    """A rule of the domain refused an action.

    `code` is stable (tests, API clients and logs rely on it); `message` is already
    translated for the person who asked; `field` names the form field or column at fault.
    """

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class NotFoundOrForbidden(DomainError):
    """Raised by `access_*` helpers: missing and forbidden look the same to the caller."""

    code = "not_found"
