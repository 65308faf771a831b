"""Browser-side defences sent on every response: a strict Content-Security-Policy and a
Permissions-Policy.

Django 5.2 has no CSP support of its own (it arrives in 6.0). The policy allows scripts,
styles, fonts and requests from this origin only, with no 'unsafe-inline' and no
'unsafe-eval': an injected <script>, on*= handler or style= attribute does not run, so an
escaping slip in a template cannot become script execution. The templates keep their
behaviour in kembang/static/kembang/kembang.js (data- attributes) for that reason, and a
test walks them for inline handlers, style attributes and inline scripts.

Images may also be data: URLs (Bootstrap's CSS draws its form controls with them).
frame-ancestors repeats X_FRAME_OPTIONS = "DENY" for browsers that prefer CSP.
"""

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
])

# Powerful browser features the app never uses, denied to the page and to any frame. Only
# names Chromium recognises: it logs a console error for an unknown one.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in [
    "accelerometer",
    "autoplay",
    "bluetooth",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
])


class SecurityHeadersMiddleware:
    """Adds the two headers unless the view already set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
