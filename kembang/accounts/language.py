"""Which language a page or a mail is in: Bahasa Indonesia unless the user chose English.

The browser's Accept-Language is never read: many officers' browsers are set to English,
while the terms are Indonesian law's. The choice is made with the language switch
(`kembang.accounts.views.language_set`) and kept for the account (`User.language`) when
logged in, so the next login on another client follows it; an anonymous visitor's choice
(the login page) is the language cookie the switch sets. The account's choice comes
first; a user who never chose follows the cookie of the client they use.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def supported(code) -> bool:
    """One of settings.LANGUAGES, exactly ("id", "en")."""
    return isinstance(code, str) and code in dict(settings.LANGUAGES)


def language_of(user) -> str:
    """The language to write to `user` in (mail, notices): their choice, else Indonesian."""
    code = getattr(user, "language", "") if user is not None else ""
    return code if supported(code) else settings.LANGUAGE_CODE


def language_for_request(request) -> str:
    """The logged-in user's choice, else the language cookie, else Indonesian."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and supported(user.language):
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if supported(cookie) else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """In place of Django's LocaleMiddleware, after AuthenticationMiddleware (it reads the
    account's choice): activates `language_for_request`, never Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_for_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The language follows the cookies (the language cookie, the session's account).
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
