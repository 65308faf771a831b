"""The regency dashboard page (docs/rekap.md). Thin: parse, check scope, call
`kembang.recap.dashboard.dashboard`, render.

Who: BKPSDM the whole regency or any unit of it; a head of unit (Kepala PD) the units they
head with their sub-units (`headed_units`); anyone else — and anyone naming a unit outside
their scope — gets the 404 of a missing page.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kembang.learning.models import ActivityType
from kembang.organisation.access import headed_units, require_roles
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, Role
from kembang.organisation.selectors import unit_path_labels
from kembang.policy.outlook import JpStatus
from kembang.recap.dashboard import CLASSICAL, dashboard
from kembang.recap.forms import DashboardForm

DASHBOARD_ROLES = (Role.HEAD_OF_UNIT, Role.HR_ADMIN)
YEARS_SHOWN = 5  # this year and the four before it, as the employee list offers


def activity_label(code: str) -> str:
    return _("Pelatihan klasikal") if code == CLASSICAL else str(ActivityType(code).label)


def _chosen_unit(request, units, whole_regency: bool):
    """The unit named by `unit` (404 when it is not one of `units`); else none for
    BKPSDM (the whole regency) and the highest unit a head heads."""
    raw = request.GET.get("unit", "")
    if raw:
        unit = units.filter(pk=int(raw)).first() if raw.isdecimal() and len(raw) < 12 else None
        if unit is None:
            raise Http404
        return unit
    if whole_regency:
        return None
    rows = list(units)
    if not rows:
        raise Http404
    labels = unit_path_labels(rows)
    return min(rows, key=lambda u: (u.path.count("/"), labels[u.pk].casefold(), u.pk))


def _charts(board) -> dict:
    """What dashboard.js draws (passed through `json_script`, read by the script): the
    same numbers as the tables under the charts."""
    return {
        "units": {"label": _("Memenuhi target (%)"),
                  "labels": [row.label for row in board.units],
                  "values": [row.total.percent or 0 for row in board.units],
                  "max": 100},
        "activities": {"label": _("JP resmi"),
                       "labels": [activity_label(code) for code, _jp in board.activities],
                       "values": [float(jp) for _code, jp in board.activities]},
        "months": {"label": _("JP resmi"),
                   "labels": [str(MONTHS_3[m]).capitalize() for m, _jp in board.months],
                   "values": [float(jp) for _m, jp in board.months]},
    }


@require_GET
def dashboard_page(request):
    scope = require_roles(request.user, *DASHBOARD_ROLES)
    regency = request.user.regency
    today = regency_today(regency)
    units = headed_units(request.user)
    unit = _chosen_unit(request, units, scope.whole_regency)
    years = range(today.year, today.year - YEARS_SHOWN, -1)
    raw_year = request.GET.get("tahun", "")
    year = int(raw_year) if raw_year.isdecimal() and int(raw_year) in years else today.year
    board = dashboard(regency, year, unit=unit)
    form = DashboardForm(initial={"unit": unit.pk if unit else "", "tahun": year},
                         units=units, years=years, whole_regency=scope.whole_regency)
    return render(request, "recap/dashboard.html", {
        "form": form, "board": board, "year": year, "today": today,
        "unit_label": unit_path_labels([unit])[unit.pk] if unit else "",
        "activities": [(code, activity_label(code), jp) for code, jp in board.activities],
        "months": [(m, MONTHS[m], jp) for m, jp in board.months],
        "kinds": [(kind, Employee.Kind(kind).label, share, board.targets[kind])
                  for kind, share in board.kinds.items()],
        "mix": [(part, ", ".join(activity_label(c) for c in part.activities))
                for part in board.mix],
        "meets": JpStatus.MEETS.value,
        "charts": _charts(board),
    })
