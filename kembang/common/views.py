"""Small views that belong to no app."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on their own (a PDF tab, a bookmark): the icon is a
    static file, under its hashed name in production. Pages link it themselves."""
    response = redirect(static("kembang/favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
