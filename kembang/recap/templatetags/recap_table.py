"""The unit recap's table on screen."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def breakable(text) -> str:
    """`text` escaped, allowed to wrap after a slash: a narrow column's header
    "Pembimbingan/Coaching" wraps as "Pembimbingan/" and "Coaching"."""
    return mark_safe(escape(text).replace("/", "/<wbr>"))  # noqa: S308 - escaped above
