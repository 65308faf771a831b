"""Template filters for Indonesian conventions: JP with a decimal comma, reasons in words."""

from django import template

register = template.Library()


@register.filter
def jp(value) -> str:
    """`Decimal("2.40")` → "2,4" in Indonesian (decimal comma), "2.4" in English."""
    from kembang.regulation.reasons import format_number

    if value in (None, ""):
        return ""
    return format_number(value)


@register.filter
def reasons_text(reasons) -> str:
    """The ledger's reason codes of a session, rendered as one sentence each."""
    from kembang.regulation.reasons import render_reasons

    return render_reasons(reasons or [])
