"""Writing the annual evaluation (docs/annual-evaluation.md#who-writes):

* a unit's HR officer writes the unit's evaluation of a year (Nganjuk Lampiran huruf C
  angka 9: "pengelola sumber daya manusia pada Perangkat Daerah mengevaluasi"), and may
  change it until BKPSDM has written its conclusions for that year;
* BKPSDM writes its conclusions and recommendations for the year (huruf E angka 3); that
  concludes the year, and BKPSDM may still correct its own text.

Every save is audited with the old and the new text.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from kembang.annual.models import RegencyConclusion, UnitEvaluation
from kembang.audit.services import audit_record
from kembang.common.errors import DomainError
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role

TEXT_MAX = 10_000
FIRST_YEAR = 2000


class AnnualRefused(DomainError):
    code = "annual_refused"


def check_year(regency, year: int) -> None:
    """A year that has begun: an evaluation looks back, never ahead."""
    last = regency_today(regency).year
    if not FIRST_YEAR <= year <= last:
        raise AnnualRefused(_("Tahun harus antara %(first)s dan %(last)s.")
                            % {"first": FIRST_YEAR, "last": last}, field="tahun")


def _text(value: str, *, field: str, required: bool = True) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise AnnualRefused(_("Tuliskan isinya terlebih dahulu."), field=field)
    if len(value) > TEXT_MAX:
        raise AnnualRefused(_("Paling panjang %(n)s karakter.") % {"n": TEXT_MAX}, field=field)
    return value


def may_write_unit_evaluation(user, unit) -> bool:
    """Is `user` an HR officer of `unit` (or of a unit above it) today?"""
    scope = scope_for(user)
    return (Role.HR_OFFICER in scope.roles and unit.regency_id == scope.regency_id
            and any(unit.path.startswith(p) for p in scope.hr_paths))


def may_conclude(user, regency) -> bool:
    scope = scope_for(user)
    return scope.is_admin and scope.regency_id == regency.pk


def is_concluded(regency, year: int) -> bool:
    return RegencyConclusion.objects.filter(regency=regency, year=year).exists()


@transaction.atomic
def unit_evaluation_save(*, actor, unit, year: int, text: str) -> UnitEvaluation:
    if not may_write_unit_evaluation(actor, unit):
        raise AnnualRefused(_("Evaluasi unit ditulis oleh pengelola SDM unit itu."))
    check_year(unit.regency, year)
    text = _text(text, field="text")
    if is_concluded(unit.regency, year):
        raise AnnualRefused(_("BKPSDM sudah menulis kesimpulan tahun ini; evaluasi unit tidak "
                              "dapat diubah lagi."))
    evaluation = UnitEvaluation.objects.select_for_update().filter(unit=unit, year=year).first()
    old = evaluation.text if evaluation else None
    if evaluation is None:
        evaluation = UnitEvaluation(regency=unit.regency, unit=unit, year=year)
    evaluation.text = text
    evaluation.written_by = actor
    evaluation.save()
    audit_record(actor=actor, regency=unit.regency, action="annual.unit_evaluation",
                 obj=evaluation, changes={"year": year, "text": [old, text]})
    return evaluation


@transaction.atomic
def conclusion_save(*, actor, regency, year: int, conclusions: str,
                    recommendations: str = "") -> RegencyConclusion:
    if not may_conclude(actor, regency):
        raise AnnualRefused(_("Kesimpulan dan rekomendasi ditulis oleh BKPSDM."))
    check_year(regency, year)
    conclusions = _text(conclusions, field="conclusions")
    recommendations = _text(recommendations, field="recommendations", required=False)
    conclusion = RegencyConclusion.objects.select_for_update().filter(
        regency=regency, year=year).first()
    old = ((conclusion.conclusions, conclusion.recommendations) if conclusion
           else (None, None))
    if conclusion is None:
        conclusion = RegencyConclusion(regency=regency, year=year)
    conclusion.conclusions = conclusions
    conclusion.recommendations = recommendations
    conclusion.written_by = actor
    conclusion.save()
    audit_record(actor=actor, regency=regency, action="annual.conclusion", obj=conclusion,
                 changes={"year": year, "conclusions": [old[0], conclusions],
                          "recommendations": [old[1], recommendations]})
    return conclusion
