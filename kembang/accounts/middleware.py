"""Every page needs a login, except the few marked with `login_not_required`."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's own middleware; static files are served by WhiteNoise before it runs."""
