"""Pages show dates and times in the regency's own zone (WIB, WITA or WIT)."""

from zoneinfo import ZoneInfo

from django.utils import timezone


class RegencyTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.regency_id:
            timezone.activate(ZoneInfo(user.regency.timezone))
        else:
            timezone.deactivate()
        return self.get_response(request)
