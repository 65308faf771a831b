"""Each role's work queue, and the employee's own JP."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kembang.common.errors import DomainError
from kembang.common.widgets import FastSelect
from kembang.learning import selectors
from kembang.learning.models import ActivityType, Notification
from kembang.learning.services import sessions as services
from kembang.organisation.access import require_roles, units_in_scope
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.selectors import with_path_labels


def my_jp(request):
    employee = request.user.employee
    if employee is None:
        return render(request, "learning/my_jp.html", {"standing": None})
    today = regency_today(request.user.regency)
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    standing = selectors.jp_standing(employee, year=year, today=today)
    return render(request, "learning/my_jp.html", {
        "standing": standing, "employee": employee, "years": range(today.year, today.year - 5, -1)})


# Heads of unit validate only the sessions an HR officer may not validate alone and no
# other HR officer of the unit can take
# (docs/separation-of-duties.md#one-officer-behind-both-accounts).
VALIDATOR_ROLES = (Role.HR_OFFICER, Role.HR_ADMIN, Role.HEAD_OF_UNIT)


def validation_queue(request):
    require_roles(request.user, *VALIDATOR_ROLES)
    unit_id = request.GET.get("unit") or None
    activity = request.GET.get("kegiatan", "")
    international = request.GET.get("internasional") == "1"
    queue = selectors.validation_queue(
        request.user, unit_id=int(unit_id) if unit_id and unit_id.isdecimal() and len(unit_id) < 12
        else None,
        activity=activity if activity in ActivityType.values else "",
        international=international, barred_only=request.GET.get("terpisah") == "1")
    page = Paginator(queue, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.with_evidence_counts(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    units = [("", _("Semua unit saya"))] + [
        (u.pk, u.path_label) for u in with_path_labels(units_in_scope(request.user))]
    unit_select = FastSelect(choices=units).render(
        "unit", request.GET.get("unit", ""), {"id": "f-unit", "class": "form-select"})
    return render(request, "learning/validation_queue.html", {
        "page_obj": page, "unit_select": unit_select,
        "activities": ActivityType.choices, "filters": request.GET,
        "querystring_without_page": params.urlencode()})


@require_POST
def validate_many(request):
    """Bulk validation after one confirmation; each session is checked on its own and a
    refusal of one does not stop the others."""
    require_roles(request.user, *VALIDATOR_ROLES)
    ids = [int(i) for i in request.POST.getlist("session") if i.isdecimal() and len(i) < 12][:500]
    if not ids:
        messages.warning(request, _("Belum ada sesi yang dicentang. Centang sesi yang akan "
                                    "divalidasi, lalu tekan Validasi yang dicentang."))
        return redirect("learning:validation_queue")
    allowed = {s.pk: s for s in selectors.validation_queue(request.user).filter(pk__in=ids)}
    done, refused, gone = 0, [], 0
    for session_id in ids:
        session = allowed.get(session_id)
        if session is None:
            gone += 1  # validated or returned meanwhile, or never in this officer's queue
            continue
        try:
            with transaction.atomic():
                services.session_validate(actor=request.user, session=session)
            done += 1
        except DomainError as error:
            refused.append(f"{session.participant} {session.date:%d/%m/%Y}: {error.message}")
    if done:
        messages.success(request, _("%(n)s sesi divalidasi.") % {"n": done})
    if gone:
        messages.warning(request, ngettext(
            "%(n)s sesi yang dicentang tidak lagi menunggu validasi Anda.",
            "%(n)s sesi yang dicentang tidak lagi menunggu validasi Anda.", gone) % {"n": gone})
    for line in refused[:10]:
        messages.warning(request, _("Tidak divalidasi: %(line)s") % {"line": line})
    return redirect("learning:validation_queue")


def notifications(request):
    items = Notification.objects.filter(user=request.user)[:100]
    response = render(request, "learning/notifications.html", {"items": items})
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now())
    return response
