"""A unit's report to BKPSDM (docs/reports.md): one per Perangkat Daerah, kind and period.

The steps: prepared (HR officer) → sent (head of the Perangkat Daerah; the snapshot is
taken and the months locked) → received (BKPSDM), or returned (BKPSDM, with a reason:
the months reopen and the report can be prepared again).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned


class UnitReport(RegencyOwned):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("laporan bulanan")
        ANNUAL = "annual", _("laporan tahunan")
        FOLLOW_UP = "follow_up", _("laporan susulan")

    class Status(models.TextChoices):
        PREPARED = "prepared", _("disiapkan")
        SENT = "sent", _("dikirim")
        RECEIVED = "received", _("diterima")
        RETURNED = "returned", _("dikembalikan")

    unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("perangkat daerah"),
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis laporan"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PREPARED)
    note = models.TextField(_("catatan pengelola SDM"), blank=True)
    # The recap rows and totals at sending time; a later edit of a session leaves it.
    snapshot = models.JSONField(_("isi laporan"), default=dict, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("disiapkan"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan BKPSDM"), null=True, blank=True)
    return_reason = models.TextField(_("alasan pengembalian"), blank=True)

    class Meta:
        ordering = ["-period_start", "unit__name", "pk"]
        verbose_name = _("laporan unit")
        verbose_name_plural = _("laporan unit")
        constraints = [
            # One report per unit, kind and period: a returned one is reopened, not copied.
            models.UniqueConstraint(fields=["regency", "unit", "kind", "period_start"],
                                    name="unit_report_one_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="unit_report_period_order"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="unit_report_returned_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.period_start:%m/%Y}"
