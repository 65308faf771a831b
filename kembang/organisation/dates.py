"""Local dates of a regency (docs/conventions.md#time-zone): "today" depends on WIB, WITA
or WIT."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone


def regency_today(regency) -> date:
    if regency is None:
        return timezone.localdate()
    return timezone.now().astimezone(ZoneInfo(regency.timezone)).date()
