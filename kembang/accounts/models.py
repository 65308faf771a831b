"""Accounts: employees log in with their NIP, administrators with a username."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. For an employee `username` is the NIP (18 digits) and `employee` is set.

    Employees without email get a one-time activation code (stored hashed) that HR prints;
    the first login with it sets the password (docs/accounts.md#activation-codes).
    """

    regency = models.ForeignKey(
        "organisation.Regency",
        verbose_name=_("pemerintah daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employee = models.OneToOneField(
        "organisation.Employee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    activation_code_hash = models.CharField(max_length=128, blank=True)
    activation_code_created_at = models.DateTimeField(null=True, blank=True)
    must_set_password = models.BooleanField(default=False)
    activation_failures = models.PositiveSmallIntegerField(default=0)
    # Who issued the pending code, and, once used, who issued the code that activated the
    # account and when: an HR officer who activated both parties of a session does not
    # validate it alone (docs/separation-of-duties.md#one-officer-behind-both-accounts).
    activation_code_issued_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    activated_by_code_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    activated_at = models.DateTimeField(null=True, blank=True)
    # The language the user chose with the switch: pages on every client and the mail
    # sent to them follow it (kembang.accounts.language). Empty: never chosen, Indonesian.
    language = models.CharField(_("bahasa"), max_length=8, blank=True,
                                choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        if self.employee_id:
            return str(self.employee)
        return self.get_full_name() or self.username
