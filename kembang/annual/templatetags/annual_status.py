from django import template

from kembang.annual.selectors import status_text

register = template.Library()


@register.simple_tag
def status_counts(counts, choices) -> str:
    """ "Berjalan 2 · Selesai 1" for a Counter of status codes (escaped by the template)."""
    return status_text(counts, choices)
