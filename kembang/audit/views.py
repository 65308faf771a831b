"""BKPSDM reads the audit record of its regency, filtered."""

from django.core.paginator import Paginator
from django.shortcuts import render

from kembang.audit.forms import AuditFilterForm
from kembang.audit.labels import action_label, changes_of
from kembang.audit.models import AuditEvent
from kembang.organisation.access import require_roles
from kembang.organisation.models import Role


def event_list(request):
    require_roles(request.user, Role.HR_ADMIN)
    events = AuditEvent.objects.filter(regency_id=request.user.regency_id).select_related(
        "actor", "actor__employee"
    )
    form = AuditFilterForm(request.GET)
    form.is_valid()
    # Only the filters that passed apply; the refused ones show their error on the page.
    filters = form.cleaned_data
    if filters.get("tindakan"):
        events = events.filter(action__startswith=filters["tindakan"])
    if filters.get("pelaku"):
        events = events.filter(actor__username__icontains=filters["pelaku"])
    if filters.get("objek"):
        events = events.filter(object_repr__icontains=filters["objek"])
    if filters.get("dari"):
        events = events.filter(created_at__date__gte=filters["dari"])
    if filters.get("sampai"):
        events = events.filter(created_at__date__lte=filters["sampai"])
    params = request.GET.copy()
    params.pop("page", None)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page:
        event.label = action_label(event.action)
        event.rows = changes_of(event)
    codes = (AuditEvent.objects.filter(regency_id=request.user.regency_id)
             .order_by().values_list("action", flat=True).distinct())
    actions = sorted(((code, action_label(code)) for code in codes), key=lambda a: a[1])
    return render(request, "audit/event_list.html", {
        "form": form, "page_obj": page, "actions": actions, "filters": request.GET,
        "querystring_without_page": params.urlencode()})
