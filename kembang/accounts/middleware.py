"""Every page needs a login, except the few marked with `login_not_required`."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's own middleware, but the API answers for itself.

    API clients get a JSON 401 from django-ninja's authentication instead of a redirect to
    an HTML login page; the API's docs page still requires a login.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/") and not request.path.startswith("/api/docs"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
