"""A regency's own profile versions (docs/profiles.md#profile-versions).

A version is a full copy of a profile as data (`kembang.policy.profile_data`), taking
effect on the first day of a month, so no month mixes two versions. Versions are created
only through `kembang.regulation.services.profile_version_create`, which validates and
audits; they are never edited afterwards: a change is a new version.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kembang.policy.profile_data import profile_from_dict
from kembang.policy.profiles import Profile


class ProfileVersion(models.Model):
    regency = models.ForeignKey(
        "organisation.Regency",
        on_delete=models.PROTECT,
        related_name="profile_versions",
        verbose_name=_("pemerintah daerah"),
    )
    base_profile_id = models.CharField(_("profil dasar"), max_length=60)
    name = models.CharField(_("nama"), max_length=200)
    data = models.JSONField(_("aturan"))
    effective_from = models.DateField(
        _("berlaku mulai"), help_text=_("Selalu tanggal 1 suatu bulan.")
    )
    reason = models.TextField(_("alasan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["regency", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "effective_from"], name="profile_version_one_per_month"
            )
        ]
        verbose_name = _("versi profil regulasi")
        verbose_name_plural = _("versi profil regulasi")

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%Y-%m})"

    def clean(self):
        super().clean()
        if self.effective_from and self.effective_from.day != 1:
            raise ValidationError(
                {"effective_from": _("Versi profil berlaku mulai tanggal 1 suatu bulan.")},
                code="profile_effective_from",
            )

    def profile(self) -> Profile:
        """The stored rules as a policy `Profile`."""
        return profile_from_dict(self.data)
