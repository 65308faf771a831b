"""Classical training HR records so the 20 JP picture is complete (docs/jp-rules.md#the-10-20-70-mix)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ClassicalTraining
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee
from kembang.policy.routes import ROUTES_BY_CODE, suggested_jp

# A day of training is at most 12 JP of 45 minutes (nine hours of lessons); no single
# activity is credited more than 500 JP, whatever its length.
MAX_JP_PER_DAY = Decimal(12)
MAX_JP_PER_RECORD = Decimal(500)


def _refuse_own_record(actor, employee) -> None:
    """Nobody credits JP to themself (docs/separation-of-duties.md#other-doors): not even
    BKPSDM, whose own record is kept by another officer."""
    if actor is not None and actor.employee_id is not None and actor.employee_id == employee.pk:
        raise RuleRefusal(_("Anda tidak dapat mencatat atau membatalkan pelatihan pada data "
                            "Anda sendiri; mintalah pengelola SDM lain atau BKPSDM."),
                          code="own_record")


def check_classical_jp(*, route: str, days: int, jp: Decimal, international: bool) -> None:
    """JP of one record: not negative; for a per-day route (seminar, workshop, sosialisasi)
    at most its per-day value (national or international) × `days`; for the others at
    most 12 JP per day of training; never above 500. `days` counts both ends."""
    if jp < 0:
        raise RuleRefusal(_("JP tidak boleh negatif."), code="jp_negative", field="jp")
    per_day = suggested_jp(route, days=1, international=international)
    if per_day is not None and jp > per_day * days:
        raise RuleRefusal(
            _("JP %(route)s paling banyak %(per_day)s per hari: %(days)s hari, paling banyak "
              "%(most)s JP.") % {"route": ROUTES_BY_CODE[route].name, "per_day": per_day,
                                 "days": days, "most": per_day * days},
            code="jp_over_route", field="jp")
    if per_day is None and jp > MAX_JP_PER_DAY * days:
        raise RuleRefusal(
            _("JP paling banyak %(per_day)s per hari pelatihan: %(days)s hari, paling banyak "
              "%(most)s JP.") % {"per_day": MAX_JP_PER_DAY, "days": days,
                                 "most": MAX_JP_PER_DAY * days},
            code="jp_over_days", field="jp")
    if jp > MAX_JP_PER_RECORD:
        raise RuleRefusal(_("JP satu kegiatan paling banyak %(most)s.")
                          % {"most": MAX_JP_PER_RECORD}, code="jp_over_record", field="jp")


def _same_record(*, employee, route: str, start_date: date, end_date: date, title: str,
                 number: str) -> ClassicalTraining | None:
    """The record this one repeats, if any: the same employee, route and dates, and the same
    certificate number, or without one the same title."""
    same = ClassicalTraining.objects.filter(
        employee=employee, route=route, start_date=start_date, end_date=end_date,
        cancelled_at__isnull=True)
    same = same.filter(certificate_number=number) if number else same.filter(
        certificate_number="", title__iexact=title)
    return same.order_by("pk").first()


@transaction.atomic
def classical_record(*, actor, employee, route: str, title: str, start_date: date,
                     end_date: date, jp: Decimal | None, scope: str = "nasional",
                     organiser: str = "", certificate_number: str = "") -> ClassicalTraining:
    """Record one classical activity. Without JP, a per-day route (seminar, workshop,
    sosialisasi) gets its conversion by the days it lasted; other routes need the JP from
    the certificate, bounded by `check_classical_jp`. Nobody records on their own record.

    The same form sent twice (a double click, a replayed request) records once: an
    identical record (see `_same_record`) with the same JP and scope is returned as it is;
    with other JP or scope it is refused as a duplicate. The employee's row is locked
    first, so two such requests at once are judged one after the other."""
    _refuse_own_record(actor, employee)
    if route not in ROUTES_BY_CODE:
        raise RuleRefusal(_("Jalur tidak dikenal."), code="route_unknown", field="route")
    if end_date < start_date:
        raise RuleRefusal(_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
                          code="dates", field="end_date")
    if start_date > regency_today(employee.regency):
        raise RuleRefusal(_("Kegiatan yang belum terjadi tidak dapat dicatat."),
                          code="date_future", field="start_date")
    days = (end_date - start_date).days + 1
    international = scope == "internasional"
    if jp is None:
        jp = suggested_jp(route, days=days, international=international)
        if jp is None:
            raise RuleRefusal(_("Isi JP sesuai sertifikat atau jadwal (1 JP = 45 menit)."),
                              code="jp_required", field="jp")
    check_classical_jp(route=route, days=days, jp=jp, international=international)
    number, title = certificate_number.strip(), title.strip()
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    first = _same_record(employee=employee, route=route, start_date=start_date,
                         end_date=end_date, title=title, number=number)
    if first is not None:
        if first.jp == jp and first.scope == scope:
            return first
        raise RuleRefusal(
            _("Pelatihan ini sudah tercatat untuk %(name)s (%(jp)s JP); batalkan catatan itu "
              "dulu bila perlu diubah.") % {"name": employee, "jp": first.jp},
            code="classical_duplicate")
    if number and ClassicalTraining.objects.filter(
            regency=employee.regency, certificate_number=number,
            cancelled_at__isnull=True).exists():
        raise RuleRefusal(_("Nomor sertifikat %(n)s sudah tercatat.") % {"n": number},
                          code="certificate_duplicate", field="certificate_number")
    training = ClassicalTraining.objects.create(
        regency=employee.regency, employee=employee, route=route, title=title,
        organiser=organiser.strip(), start_date=start_date, end_date=end_date, scope=scope,
        jp=jp, certificate_number=number, recorded_by=actor)
    audit_record(actor=actor, regency=employee.regency, action="classical.record",
                 obj=training, changes={"jp": [None, jp], "route": [None, route],
                                        "certificate_number": [None, number]})
    return training


@transaction.atomic
def classical_cancel(*, actor, training: ClassicalTraining, reason: str) -> None:
    """Cancel a record with a reason; it stays on file. Not on one's own record."""
    _refuse_own_record(actor, training.employee)
    if training.cancelled_at:
        raise TransitionRefused(_("Sudah dibatalkan."))
    if not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan pembatalan."), code="reason_required",
                          field="reason")
    training.cancelled_at = timezone.now()
    training.cancel_reason = reason.strip()
    training.save()
    audit_record(actor=actor, regency=training.regency, action="classical.cancel",
                 obj=training, reason=reason)
