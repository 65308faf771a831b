"""A session's JP, shown the same way on every page: what it shows is asked of
`selectors.session_jp`, never decided in a template."""

from django import template

from kembang.learning.selectors import session_jp as jp_of

register = template.Library()


@register.inclusion_tag("learning/_session_jp.html")
def session_jp(session, unit: bool = False):
    """`{% session_jp s %}` in a JP column; `{% session_jp s unit=True %}` in running text
    ("2 JP")."""
    return {"shown": jp_of(session), "unit": unit}
