"""The append-only audit record: who did what, to which record, old → new, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002 - the signature is Django's
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    regency = models.ForeignKey(
        "organisation.Regency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("tindakan"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=80, blank=True)
    object_id = models.CharField(_("id objek"), max_length=40, blank=True)
    object_repr = models.CharField(_("objek"), max_length=255, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["regency", "object_type", "object_id"])]
        verbose_name = _("kejadian audit")
        verbose_name_plural = _("jejak audit")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")
