"""A unit report to point routes at (tests/test_hostile_suite.py)."""

from datetime import timedelta

from kembang.common.tests.clock import this_month
from kembang.reports.models import UnitReport


def prepared_report(p, admin) -> UnitReport:
    """The prepared monthly report of `p.unit` for last month, written by `p.hr_user`
    without the service (the profile may ask for none)."""
    start = this_month(-1)
    report, _created = UnitReport.objects.get_or_create(
        regency=p.regency, unit=p.unit, kind=UnitReport.Kind.MONTHLY, period_start=start,
        defaults={"period_end": this_month(0) - timedelta(days=1),
                  "due_date": this_month(1) - timedelta(days=1),
                  "prepared_by": p.hr_user, "note": "Rekap"})
    return report
