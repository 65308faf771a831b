"""Each role's home page is its queue (docs/life-cycle.md)."""

from django.shortcuts import render

from kembang.learning import selectors
from kembang.learning.services.evaluations import evaluations_to_fill
from kembang.organisation.access import employees_in_scope, scope_for, units_in_scope
from kembang.organisation.dates import regency_today


def home(request):
    user = request.user
    scope = scope_for(user)
    context = {"scope": scope, "employee": user.employee}
    if user.employee_id:
        today = regency_today(user.regency)
        context.update({
            "standing": selectors.jp_standing(user.employee, year=today.year, today=today),
            "to_initial": selectors.awaiting_initials(user)[:20],
            "to_acknowledge": selectors.awaiting_my_acknowledgement(user)[:20],
            "returned": selectors.my_returned_sessions(user)[:20],
            "requests": selectors.pending_requests(user)[:20],
            "behind": selectors.subordinates_behind_pace(user.employee, today=today),
            "active_programs": list(selectors.my_active_programs(user)[:10]),
            "to_evaluate": evaluations_to_fill(user, today=today)[:10],
        })
    if scope.is_hr:
        context["to_validate_count"] = selectors.validation_queue(user).count()
    if scope.administers_units:
        context["employee_count"] = employees_in_scope(user).active().count()
        context["unit_count"] = units_in_scope(user).count()
        from kembang.reports.selectors import flagged_reports

        context["report_flags"] = flagged_reports(user)
    if scope.whole_regency:  # BKPSDM: a light summary of the dashboard (recap:dashboard)
        from kembang.recap.dashboard import home_summary

        context["regency_summary"] = home_summary(
            user.regency, regency_today(user.regency).year)
    return render(request, "learning/home.html", context)
