"""Unit report pages (docs/reports.md). Thin: parse, check scope, call the services.

Who: HR officers and heads of a Perangkat Daerah see its reports, BKPSDM every unit's;
anyone else, and a report outside the visitor's scope, 404.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kembang.common.downloads import attachment_disposition
from kembang.common.errors import DomainError
from kembang.documents.pdf import regency_heading
from kembang.learning.profiles import schedule_for
from kembang.organisation.access import require_roles, scope_for, units_in_scope
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.policy.profiles import REPORT_KINDS
from kembang.reports import services
from kembang.reports.content import report_table
from kembang.reports.models import UnitReport
from kembang.reports.pdf import report_pdf
from kembang.reports.selectors import STATES, reports_due

STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)


def state_labels() -> dict[str, str]:
    return {"sent": _("Terkirim"), "received": _("Diterima BKPSDM"), "late": _("Terlambat"),
            "due": _("Belum dikirim"), "none_owed": _("Tidak wajib (tidak ada sesi)")}


def reading(kind: str, *, opens: date | None, due: date) -> str:
    """Kembang's reading of the profile's reporting rule, for one kind of report."""
    day = due.strftime("%d/%m/%Y")
    if kind == UnitReport.Kind.MONTHLY:
        return _("Satu laporan per perangkat daerah untuk setiap bulan yang ada sesinya, "
                 "paling lambat %(due)s (hari yang ditetapkan profil di bulan berikutnya).") % {
            "due": day}
    if kind == UnitReport.Kind.ANNUAL:
        return _("Satu laporan per perangkat daerah setiap tahun, dapat dikirim mulai "
                 "%(opens)s dan paling lambat %(due)s; mencakup 1 Januari sampai tanggal "
                 "pengiriman.") % {"opens": opens.strftime("%d/%m/%Y") if opens else "",
                                   "due": day}
    return _("Laporan susulan: sesi yang dilaksanakan atau divalidasi sesudah laporan "
             "tahunan dikirim, paling lambat %(due)s sesuai ketetapan BKPSDM.") % {"due": day}


def _profile(regency, day):
    return schedule_for(regency).at(day)


def _pd_units(user):
    return units_in_scope(user).filter(parent__isnull=True, is_active=True)


def _rows(user, today, year=None):
    rows = reports_due(user.regency, today, units=list(_pd_units(user)), year=year)
    labels = state_labels()
    for row in rows:
        row.label = labels[row.state]
        row.may_prepare = (row.state in ("due", "late") and row.opens <= today
                           and services.may_prepare(user, row.unit)
                           and (row.report is None or row.report.status != "prepared"))
    return rows


def _year(request, today) -> int | None:
    raw = request.GET.get("tahun", "")
    if raw.isdecimal() and len(raw) == 4 and 2000 <= int(raw) <= today.year:
        return int(raw)
    return None


@require_GET
def report_list(request):
    require_roles(request.user, *STAFF_ROLES)
    regency = request.user.regency
    today = regency_today(regency)
    year = _year(request, today)
    profile = _profile(regency, today)
    rows = _rows(request.user, today, year)
    return render(request, "reports/report_list.html", {
        "rows": rows, "profile": profile, "rule": profile.reporting, "today": today,
        "year": year or today.year, "years": range(today.year, today.year - 3, -1),
        "no_duty": profile.reporting.value is None})


@require_GET
def report_overview(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = request.user.regency
    today = regency_today(regency)
    year = _year(request, today)
    profile = _profile(regency, today)
    labels = state_labels()
    periods: dict[tuple, dict] = {}
    for row in reports_due(regency, today, year=year):
        key = (row.period_start, row.kind)
        group = periods.setdefault(key, {
            "kind": row.kind, "start": row.period_start, "end": row.period_end,
            "due": row.due_date, "counts": dict.fromkeys(STATES, 0), "late": [], "sent": []})
        group["counts"][row.state] += 1
        if row.state == "late":
            group["late"].append(row.unit)
        if row.state in ("sent", "received"):
            group["sent"].append(row)
    groups = [dict(g, counts=[(labels[s], n) for s, n in g["counts"].items()])
              for _k, g in sorted(periods.items())]
    return render(request, "reports/report_overview.html", {
        "groups": groups, "profile": profile, "rule": profile.reporting,
        "no_duty": profile.reporting.value is None, "year": year or today.year,
        "years": range(today.year, today.year - 3, -1)})


def _prepare_target(request):
    """(unit, kind, start) from the query or the form, or None when they name nothing
    the user may prepare."""
    data = request.POST if request.method == "POST" else request.GET
    unit_raw, kind, start_raw = data.get("unit", ""), data.get("jenis", ""), data.get("mulai", "")
    if not (unit_raw.isdecimal() and len(unit_raw) < 12 and kind in REPORT_KINDS):
        return None
    try:
        start = date.fromisoformat(start_raw)
    except ValueError:
        return None
    unit = _pd_units(request.user).filter(pk=int(unit_raw)).first()
    if unit is None or not services.may_prepare(request.user, unit):
        return None
    return unit, kind, start


@require_http_methods(["GET", "POST"])
def report_prepare(request):
    require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    target = _prepare_target(request)
    if target is None:
        return redirect("reports:list")
    unit, kind, start = target
    regency = request.user.regency
    period = services.period_for(regency, unit, kind, start)
    if period is None:
        return redirect("reports:list")
    error = None
    if request.method == "POST":
        try:
            report = services.report_prepare(actor=request.user, unit=unit, kind=kind,
                                             start=start, note=request.POST.get("note", ""))
            messages.success(request, _("Laporan disiapkan; kepala perangkat daerah dapat "
                                        "menyetujui dan mengirimnya."))
            return redirect("reports:detail", report_id=report.pk)
        except DomainError as refusal:
            error = refusal.message
    existing = UnitReport.objects.filter(regency=regency, unit=unit, kind=kind,
                                         period_start=period.start).first()
    draft = existing or UnitReport(regency=regency, unit=unit, kind=kind,
                                   period_start=period.start, period_end=period.end,
                                   due_date=period.due)
    annual = (services.annual_report(regency, unit, period.start.year)
              if kind == UnitReport.Kind.FOLLOW_UP else None)
    profile = _profile(regency, period.start)
    return render(request, "reports/report_prepare.html", {
        "unit": unit, "kind": kind, "kind_label": UnitReport.Kind(kind).label,
        "period": period, "table": report_table(draft, annual=annual), "error": error,
        "note": request.POST.get("note", existing.note if existing else ""),
        "rule": profile.reporting,
        "reading": reading(kind, opens=period.opens, due=period.due),
        "start": period.start.isoformat() if kind != "follow_up" else start.isoformat()})


def _report_for(user, report_id: int) -> UnitReport:
    require_roles(user, *STAFF_ROLES)
    report = (UnitReport.objects.filter(pk=report_id, regency_id=user.regency_id)
              .select_related("unit", "regency", "prepared_by", "sent_by", "decided_by")
              .first())
    if report is None or not units_in_scope(user).filter(pk=report.unit_id).exists():
        raise Http404
    return report


def _detail_context(request, report):
    table = report.snapshot if report.snapshot.get("header") else report_table(
        report, annual=services.annual_report(report.regency, report.unit,
                                              report.period_start.year)
        if report.kind == UnitReport.Kind.FOLLOW_UP else None)
    profile = _profile(report.regency, report.period_start)
    user = request.user
    return {"report": report, "table": table, "snapshot": bool(report.snapshot.get("header")),
            "rule": profile.reporting, "heading": regency_heading(report.regency),
            "reading": reading(report.kind, opens=None, due=report.due_date),
            "may_prepare": report.status in ("prepared", "returned")
            and services.may_prepare(user, report),
            "may_send": services.may_send(user, report),
            "own_preparation": report.status == "prepared" and report.prepared_by_id == user.pk
            and scope_for(user).heads(report.unit.path),
            "may_decide": services.may_decide(user, report),
            "late": report.status in ("prepared", "returned")
            and regency_today(report.regency) > report.due_date}


@require_GET
def report_detail(request, report_id: int):
    report = _report_for(request.user, report_id)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


def _step(request, report_id: int, step, success: str):
    report = _report_for(request.user, report_id)
    try:
        step(report)
        messages.success(request, success)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    return redirect("reports:detail", report_id=report.pk)


@require_POST
def report_send(request, report_id: int):
    return _step(request, report_id,
                 lambda r: services.report_send(actor=request.user, report=r),
                 _("Laporan disetujui dan dikirim ke BKPSDM; bulan-bulannya dikunci."))


@require_POST
def report_receive(request, report_id: int):
    return _step(request, report_id,
                 lambda r: services.report_receive(actor=request.user, report=r),
                 _("Laporan diterima."))


@require_POST
def report_return(request, report_id: int):
    return _step(request, report_id,
                 lambda r: services.report_return(actor=request.user, report=r,
                                                  reason=request.POST.get("reason", "")),
                 _("Laporan dikembalikan; periodenya dibuka kembali untuk diperbaiki."))


@require_GET
def report_pdf_download(request, report_id: int):
    report = _report_for(request.user, report_id)
    context = _detail_context(request, report)
    body = report_pdf(report, context["table"], rule=context["rule"],
                      reading=context["reading"], printed_on=regency_today(report.regency))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(
        f"laporan-unit-{report.unit_id}-{report.period_start:%Y-%m}.pdf")
    return response
