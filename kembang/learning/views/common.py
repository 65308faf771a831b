from django.contrib import messages

from kembang.common.errors import DomainError


def form_error(form, error: DomainError) -> None:
    """Put a domain refusal on the form field it concerns, or on the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def flash_error(request, error: DomainError) -> None:
    messages.error(request, error.message)
