"""Log in with a NIP written any way it is printed, or with a username."""

import ipaddress

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from kembang.policy.nip import normalize_nip


def login_name(raw: str) -> str:
    """The username to look up: a NIP typed with spaces or dots becomes its 18 digits."""
    raw = (raw or "").strip()
    candidate = normalize_nip(raw)
    return candidate if candidate.isdigit() and len(candidate) == 18 else raw


class NipOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=login_name(username), password=password)

    def get_user(self, user_id):
        """The logged-in user with their regency and employee record in one query: every
        page reads all three (scope, profile, the employee's own figures), and the
        employee's regency is the user's, not a fourth read."""
        users = get_user_model()._default_manager
        try:
            user = users.select_related("regency", "employee").get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        employee = user.employee
        if employee is not None and employee.regency_id == user.regency_id:
            employee.regency = user.regency
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user) -> bool:
        # An employee who has not yet set a password (activation pending) cannot log in
        # with a password; the activation page handles them.
        return super().user_can_authenticate(user) and not user.must_set_password


def axes_username(request, credentials) -> str:
    """django-axes counts failures per normalised login name and address."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return login_name(raw)


def client_ip(request) -> str:
    """The client's address for lockouts: with KEMBANG_TRUSTED_PROXIES = n, the address
    the n-th proxy from us saw in X-Forwarded-For (a client can prepend anything, so the
    rightmost entries are the only trustworthy ones); else REMOTE_ADDR.

    An entry that is not an IP address (a misconfigured proxy, or a client's own header
    passed through) is ignored and the direct peer is used: the lockout must never fail."""
    from django.conf import settings

    hops = settings.KEMBANG_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if part.strip()]
    if hops and len(forwarded) >= hops and _is_ip_address(forwarded[-hops]):
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
