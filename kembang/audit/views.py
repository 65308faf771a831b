"""BKPSDM reads the audit record of its regency, filtered."""

from django.core.paginator import Paginator
from django.shortcuts import render

from kembang.audit.models import AuditEvent
from kembang.organisation.access import require_roles
from kembang.organisation.models import Role


def event_list(request):
    require_roles(request.user, Role.HR_ADMIN)
    events = AuditEvent.objects.filter(regency_id=request.user.regency_id).select_related(
        "actor", "actor__employee"
    )
    action = request.GET.get("tindakan", "").strip()
    actor = request.GET.get("pelaku", "").strip()
    obj = request.GET.get("objek", "").strip()
    date_from = request.GET.get("dari", "").strip()
    date_until = request.GET.get("sampai", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor__username__icontains=actor)
    if obj:
        events = events.filter(object_repr__icontains=obj)
    try:
        if date_from:
            events = events.filter(created_at__date__gte=date_from)
        if date_until:
            events = events.filter(created_at__date__lte=date_until)
    except Exception:  # noqa: BLE001 - a mistyped date filter shows everything, not a 500
        pass
    params = request.GET.copy()
    params.pop("page", None)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    actions = (AuditEvent.objects.filter(regency_id=request.user.regency_id)
               .order_by().values_list("action", flat=True).distinct())
    return render(request, "audit/event_list.html", {
        "page_obj": page, "actions": sorted(actions), "filters": request.GET,
        "querystring_without_page": params.urlencode()})
