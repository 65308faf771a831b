"""What the recap reads instead of every session: each participant's stored JP summed per
year, unit of the session's date and activity (docs/rekap.md#cost).

Written only by `kembang.recap.summary.participant_year_store`, which the ledger calls
whenever it recomputes a participant's year (every status change goes through it), and
rebuilt from the sessions by `summary.rebuild` (the migration that created it, the
benchmarks). Never edited by hand: it holds nothing the sessions do not.
"""

from django.db import models

# The official JP of each month, for the dashboard's JP by month: twelve columns beside the
# year's sum, so that chart reads the same few rows per person as the rest of the page
# instead of every session of the year (docs/rekap.md#cost).
MONTH_FIELDS = tuple(f"official_m{month:02d}" for month in range(1, 13))


def _month_jp():
    return models.DecimalField(max_digits=8, decimal_places=2, default=0)


class JpYear(models.Model):
    regency = models.ForeignKey("organisation.Regency", on_delete=models.CASCADE,
                                related_name="+")
    employee = models.ForeignKey("organisation.Employee", on_delete=models.CASCADE,
                                 related_name="jp_years")
    year = models.PositiveSmallIntegerField()
    # The unit the participant was in on the sessions' dates (docs/locked-months.md#unit-of-a-session).
    unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+")
    activity = models.CharField(max_length=20)
    sessions = models.PositiveIntegerField(default=0)  # validated and pending
    official = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    provisional = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    official_m01 = _month_jp()
    official_m02 = _month_jp()
    official_m03 = _month_jp()
    official_m04 = _month_jp()
    official_m05 = _month_jp()
    official_m06 = _month_jp()
    official_m07 = _month_jp()
    official_m08 = _month_jp()
    official_m09 = _month_jp()
    official_m10 = _month_jp()
    official_m11 = _month_jp()
    official_m12 = _month_jp()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "year", "unit", "activity"],
                                               name="jp_year_once")]
        indexes = [models.Index(fields=["regency", "year", "unit"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year} {self.activity}: {self.official}"
