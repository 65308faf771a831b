"""System checks for a production deployment (`kembang check`, `kembang migrate`)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def public_address_is_set(app_configs, **kwargs):
    """Links in mail, QR codes and printed documents need the site's public address; the
    request's Host header is the client's to choose. Checked rather than read at import,
    so `collectstatic` can run before it is known."""
    if settings.PRODUCTION and not settings.KEMBANG_BASE_URL:
        return [Error(
            "Environment variable KEMBANG_BASE_URL is required when KEMBANG_ENV=production. "
            "See README.md, section 'Deployment'.",
            hint="The site's public address, e.g. https://kembang.example.go.id",
            id="kembang.E001")]
    return []
