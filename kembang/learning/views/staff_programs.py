"""The program list of BKPSDM, HR officers and heads of unit: every program in their scope
(the regency, or their units with sub-units), filtered, sorted and paged, with the idle
pairs the daily reminders flag shown as such. Each row opens the program page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from kembang.learning import selectors
from kembang.learning.forms import StaffProgramFilterForm
from kembang.organisation.access import require_roles, units_in_scope
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.selectors import unit_path_labels

STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
PAGE_SIZE = 25
FILTERS = ("kegiatan", "status", "unit", "pembimbing", "tanpa_sesi")


def staff_program_list(request):
    scope = require_roles(request.user, *STAFF_ROLES)
    today = regency_today(request.user.regency)
    form = StaffProgramFilterForm(request.GET, units=units_in_scope(request.user))
    form.is_valid()
    filters = form.cleaned_data  # the valid fields only: a refused value filters nothing
    sort = filters.get("urut") or "-mulai"
    programs = selectors.staff_programs(
        request.user, today=today, activity=filters.get("kegiatan", ""),
        status=filters.get("status", ""), unit=filters.get("unit"),
        guide=filters.get("pembimbing", ""), idle=bool(filters.get("tanpa_sesi")), sort=sort)
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    labels = unit_path_labels({p.participant.unit_id: p.participant.unit for p in rows}.values())
    for program in rows:
        program.unit_label = labels[program.participant.unit_id]
    page.object_list = rows
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form, "page_obj": page, "scope": scope,
        "filtered": any(filters.get(name) for name in FILTERS),
        "idle_only": bool(filters.get("tanpa_sesi")),
        "inactive_days": selectors.INACTIVE_DAYS,
        "querystring_without_page": params.urlencode(),
    }
    if request.htmx:  # the filters changed: only the rows are drawn again
        return render(request, "learning/_staff_program_rows.html", context)
    # How many idle pairs the whole scope holds, whatever the filters: the reminders' count.
    context["idle_count"] = selectors.idle_programs(
        selectors.staff_programs_in_scope(request.user), today=today).count()
    return render(request, "learning/staff_program_list.html", context)
