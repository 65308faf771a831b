"""Pages of the import: upload, dry-run result with progress, confirm; and the export.

Thin: parse the request, call `services` or a selector, render.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.common import background
from kembang.common.errors import DomainError
from kembang.organisation.access import employees_in_scope, hr_units, require_roles
from kembang.organisation.dates import regency_today
from kembang.organisation.importing import export as exporting
from kembang.organisation.importing import services
from kembang.organisation.importing.access import IMPORT_ROLES, access_batch, batches_for
from kembang.organisation.importing.forms import ConfirmForm, ImportUploadForm
from kembang.organisation.importing.models import ImportBatch, ImportRow
from kembang.organisation.models import Role
from kembang.organisation.views import filtered_employees

# The progress's word for a batch the sweep has just failed.
STALE = "stale"
ROW_PAGE_SIZE = 50
MISSING_SHOWN = 200
NEW_SHOWN = 200
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Filters of the result table: query value → actions shown.
ROW_FILTERS = {
    "semua": None,
    "ditolak": ImportRow.Action.REJECT,
    "baru": ImportRow.Action.CREATE,
    "diubah": ImportRow.Action.UPDATE,
    "tetap": ImportRow.Action.UNCHANGED,
    "peringatan": None,  # accepted rows with a warning (`ImportRow.has_warnings`)
}


def start(request):
    """The upload form, the template to download, and the user's recent imports."""
    require_roles(request.user, *IMPORT_ROLES)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_start(actor=request.user, upload=form.cleaned_data["file"])
            return redirect("imports:batch", batch.pk)
        except DomainError as error:
            form.add_error(None, error.message)
    recent = batches_for(request.user).select_related("created_by__employee")[:20]
    return render(request, "imports/start.html", {"form": form, "recent": recent})


def template(request):
    require_roles(request.user, *IMPORT_ROLES)
    response = HttpResponse(exporting.template_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return response


def _background(batch: ImportBatch) -> str:
    """Where a running batch's task stands, for its progress: first this one batch is
    failed if its worker has gone silent (docs/conventions.md#background-work), then "stale" when that
    just happened (`batch` is refreshed), else a `background.TaskState` value. One query
    for the sweep and one for the task row while it runs; nothing for a finished batch."""
    if not batch.is_running:
        return ""
    if services.batch_sweep_stale(batch_id=batch.pk):
        batch.refresh_from_db()
        return STALE
    return background.task_state(batch.task_id).value


def batch_detail(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    context = {"batch": batch, "can_apply": batch.created_by_id == request.user.pk,
               "background": _background(batch)}
    if batch.status in {ImportBatch.Status.VALIDATED, ImportBatch.Status.APPLYING,
                        ImportBatch.Status.APPLIED}:
        shown = request.GET.get("tindakan", "semua")
        if shown not in ROW_FILTERS:
            shown = "semua"
        rows = batch.rows.exclude(action=ImportRow.Action.DEACTIVATE)
        if ROW_FILTERS[shown]:
            rows = rows.filter(action=ROW_FILTERS[shown])
        elif shown == "peringatan":
            rows = rows.filter(has_warnings=True)
        counts = batch.summary.get("counts", {})
        context.update({
            "counts": counts,
            "filter": shown,
            "page_obj": Paginator(rows.order_by("row_number", "id"), ROW_PAGE_SIZE).get_page(
                request.GET.get("page")),
            "querystring_without_page": f"tindakan={shown}",
            "missing": batch.rows.filter(action=ImportRow.Action.DEACTIVATE)
                                 .order_by("id")[:MISSING_SHOWN],
            "missing_count": counts.get("deactivate", 0),
            "missing_more": max(counts.get("deactivate", 0) - MISSING_SHOWN, 0),
            "confirm_form": ConfirmForm(),
            "filters": [("semua", _("Semua"), sum(counts.get(a, 0) for a in
                                                   ("create", "update", "unchanged", "reject"))),
                        ("ditolak", _("Ditolak"), counts.get("reject", 0)),
                        ("baru", _("Baru"), counts.get("create", 0)),
                        ("diubah", _("Diubah"), counts.get("update", 0)),
                        ("tetap", _("Tidak berubah"), counts.get("unchanged", 0)),
                        ("peringatan", _("Dengan peringatan"), counts.get("warning", 0))],
        })
    if batch.status == ImportBatch.Status.APPLIED and context["can_apply"]:
        context.update(_new_employees(request.user, batch))
    return render(request, "imports/batch.html", context)


def _new_employees(user, batch: ImportBatch) -> dict:
    """The employees the batch created, for the activation-code step after an apply:
    their units (each a "Buat dan cetak kode" form of the unit page's code printing) and
    the first `NEW_SHOWN` of them. Three queries whatever the batch's size."""
    nips = batch.rows.filter(action=ImportRow.Action.CREATE).values("nip")
    employees = employees_in_scope(user).filter(nip__in=nips).active()
    units = hr_units(user).filter(pk__in=employees.values("unit_id")).order_by("path")
    return {
        "new_employees": employees.select_related("unit").order_by("unit__path", "name")[
            :NEW_SHOWN],
        "new_units": list(units),
    }


def batch_rejected(request, batch_id: int):
    """The batch's rejected rows as XLSX, with the reason, to fix and upload again."""
    batch = access_batch(request.user, batch_id)
    rows = batch.rows.filter(action=ImportRow.Action.REJECT).order_by("row_number", "id")
    response = HttpResponse(exporting.rejected_rows_xlsx(rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="impor-{batch.pk}-baris-ditolak.xlsx"')
    return response


def batch_progress(request, batch_id: int):
    """The progress bar the page polls every second; a full reload once it is done."""
    batch = access_batch(request.user, batch_id)
    if not batch.is_running:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/_progress.html",
                  {"batch": batch, "background": _background(batch)})


@require_POST
def batch_apply(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.batch_confirm(actor=request.user, batch=batch,
                               deactivate_missing=form.cleaned_data.get("deactivate_missing",
                                                                        False))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("imports:batch", batch.pk)


def export(request):
    """The employee list as XLSX or CSV, with the list page's filters, sorting and scope,
    and everyone's JP of the chosen year in the last columns."""
    scope = require_roles(request.user, Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
    _form, listed, _sort = filtered_employees(request, scope)
    rows = exporting.export_rows(listed, regency_id=scope.regency_id)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    stem = f"pegawai-{request.user.regency.slug}-{regency_today(request.user.regency):%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(exporting.write_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exporting.write_xlsx(rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
