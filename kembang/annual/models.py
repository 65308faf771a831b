"""What people write into the annual evaluation (docs/annual-evaluation.md): a unit's own
evaluation of its year (Nganjuk Lampiran huruf C angka 9) and BKPSDM's conclusions and
recommendations (huruf E angka 3). The figures are computed, never stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned


class UnitEvaluation(RegencyOwned):
    """One unit's evaluation of one year, written by its HR officer; editable until
    BKPSDM has written its conclusions for that year."""

    unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    text = models.TextField(_("evaluasi unit"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("evaluasi tahunan unit")
        verbose_name_plural = _("evaluasi tahunan unit")
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="unit_evaluation_once_per_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class RegencyConclusion(RegencyOwned):
    """BKPSDM's conclusions and recommendations for one year. Once written, the year is
    concluded: the units' evaluations of that year can no longer be changed."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    conclusions = models.TextField(_("kesimpulan"))
    recommendations = models.TextField(_("rekomendasi"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("kesimpulan evaluasi tahunan")
        verbose_name_plural = _("kesimpulan evaluasi tahunan")
        constraints = [models.UniqueConstraint(fields=["regency", "year"],
                                               name="regency_conclusion_once_per_year")]

    def __str__(self) -> str:
        return f"{self.regency} {self.year}"
