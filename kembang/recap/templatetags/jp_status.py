"""A JP status shown the same way on every page: its label and colour come from
`kembang.recap.labels`, never from a template."""

from django import template

from kembang.recap.labels import status_label, status_tone

register = template.Library()


@register.inclusion_tag("recap/_status_badge.html")
def jp_status_badge(code):
    """`{% jp_status_badge person.status %}`: a badge with the status's label."""
    return {"label": status_label(code), "tone": status_tone(code)}
