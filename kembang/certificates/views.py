"""Certificate pages. Thin: scope, parse, call selectors/services, render.

The verification page is public (no login) and shows only the essentials; every other
page is BKPSDM's, the employee's own list theirs, the PDF its participant's and their
staff's (HR officer, head of unit, BKPSDM), the IP ASN worksheet scoped to the viewer's
units (docs/sertifikat.md, docs/siasn-ipasn.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kembang.certificates import exports, rules, services
from kembang.certificates.models import Capacity, Certificate, CertificateBatch
from kembang.certificates.pdf import certificate_pdf, file_name
from kembang.certificates.selectors import (
    certificate_by_token,
    certificates_enabled,
    certificates_in,
    due_certificates,
    masked_nip,
    own_certificates,
    settings_of,
)
from kembang.common.downloads import attachment_disposition
from kembang.learning.models import ActivityType, Program
from kembang.organisation.access import (
    employees_in_scope,
    require_roles,
    scope_for,
    units_in_scope,
)
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.selectors import unit_path_labels

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)


def _year(request, regency):
    today = regency_today(regency)
    raw = (request.POST if request.method == "POST" else request.GET).get("tahun", "")
    if raw.isdecimal() and len(raw) == 4 and 2000 <= int(raw) <= today.year:
        return int(raw)
    return today.year


def _bkpsdm(request):
    scope = require_roles(request.user, Role.HR_ADMIN)
    if not scope.whole_regency:
        raise Http404
    return request.user.regency


@login_not_required
@require_GET
def verify(request, token):
    certificate = certificate_by_token(token)
    if certificate is None:
        raise Http404
    response = render(request, "certificates/verify.html", {
        "c": certificate, "nip": masked_nip(certificate.nip),
        "activity": ActivityType(certificate.activity).label,
        "issuer": _("BKPSDM %(regency)s") % {"regency": certificate.regency}})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def certificate_list(request):
    regency = _bkpsdm(request)
    year = _year(request, regency)
    row = settings_of(regency)
    if request.method == "POST":
        unit = None
        raw = request.POST.get("unit", "")
        if raw:
            unit = units_in_scope(request.user).filter(
                pk=int(raw) if raw.isdecimal() and len(raw) < 12 else 0).first()
            if unit is None:
                raise Http404
        try:
            batch = services.batch_approve(regency, actor=request.user, year=year, unit=unit)
        except services.CertificateRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(f"{reverse('certificates:list')}?tahun={year}")
        services.batch_start(batch)
        return redirect("certificates:batch", batch_id=batch.pk)
    units = list(units_in_scope(request.user))
    labels = unit_path_labels(units) if units else {}
    enabled = certificates_enabled(regency, row)
    return render(request, "certificates/list.html", {
        "year": year, "settings": row, "enabled": enabled,
        "due": len(due_certificates(regency, year)) if enabled else 0,
        "certificates": list(certificates_in(regency, year, valid_only=False)[:500]),
        "units": sorted(((u.pk, labels[u.pk]) for u in units), key=lambda p: p[1]),
        "capacities": Capacity.choices})


@require_POST
def settings_edit(request):
    regency = _bkpsdm(request)
    post = request.POST
    enabled = {"1": True, "0": False}.get(post.get("enabled", ""), None)
    capacity = post.get("signatory_capacity", Capacity.HEAD)
    nip = "".join(c for c in post.get("signatory_nip", "") if c.isdigit())[:18]
    values = {"enabled": enabled, "legal_basis": post.get("legal_basis", "")[:4000].strip(),
              "number_pattern": post.get("number_pattern", "")[:120].strip()
              or "800.2.4/{urut:04d}/BKPSDM/{tahun}",
              "place": post.get("place", "")[:80].strip(),
              "signatory_name": post.get("signatory_name", "")[:160].strip(),
              "signatory_nip": nip,
              "signatory_title": post.get("signatory_title", "")[:200].strip(),
              "signatory_capacity": capacity if capacity in Capacity.values else Capacity.HEAD,
              "organiser": post.get("organiser", "")[:200].strip()}
    for name in ("legal_basis", "place", "signatory_name", "signatory_title", "organiser",
                 "number_pattern"):
        values[name] = values[name].replace("\x00", "")
    try:
        services.number_for(type("R", (), values)(), 1, 2000)
    except (KeyError, ValueError, IndexError):
        messages.error(request, _("Pola nomor harus memuat {urut} dan {tahun}."))
        return redirect("certificates:list")
    signature = request.FILES.get("signature_image")
    if signature is not None and (signature.size > 1_000_000 or not (
            signature.name.lower().endswith(".png"))):
        messages.error(request, _("Tanda tangan diunggah sebagai gambar PNG paling besar 1 MB."))
        return redirect("certificates:list")
    services.settings_save(regency, actor=request.user, values=values, signature=signature)
    messages.success(request, _("Pengaturan sertifikat disimpan."))
    return redirect("certificates:list")


def _visible(request, certificate_id) -> Certificate:
    """The participant's own certificate, or one of an employee in the scope of an HR
    officer, head of unit or BKPSDM; anything else is missing (a supervisor without
    such a role sees only their own)."""
    certificate = get_object_or_404(Certificate.objects.select_related("regency"),
                                    pk=certificate_id, regency_id=request.user.regency_id)
    if request.user.employee_id and certificate.participant_id == request.user.employee_id:
        return certificate
    if not scope_for(request.user).administers_units or not employees_in_scope(
            request.user).filter(pk=certificate.participant_id).exists():
        raise Http404
    return certificate


@require_GET
def certificate_download(request, certificate_id):
    certificate = _visible(request, certificate_id)
    if certificate.revoked_on is not None:
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(file_name(certificate))
    return response


@require_POST
def certificate_revoke(request, certificate_id):
    regency = _bkpsdm(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id, regency=regency)
    try:
        services.revoke(certificate, actor=request.user,
                        reason=request.POST.get("reason", "")[:2000].replace("\x00", ""))
        messages.success(request, _("Sertifikat dicabut."))
    except services.CertificateRefused as refusal:
        messages.error(request, refusal.message)
    return redirect(f"{reverse('certificates:list')}?tahun={certificate.year}")


@require_GET
def batch_detail(request, batch_id):
    regency = _bkpsdm(request)
    batch = get_object_or_404(CertificateBatch, pk=batch_id, regency=regency)
    template = ("certificates/batch_progress.html" if request.htmx else
                "certificates/batch.html")
    return render(request, template, {"batch": batch})


@require_GET
def batch_download(request, batch_id):
    regency = _bkpsdm(request)
    batch = get_object_or_404(CertificateBatch, pk=batch_id, regency=regency)
    if not batch.archive:
        raise Http404
    response = HttpResponse(batch.archive.open("rb").read(), content_type="application/zip")
    response["Content-Disposition"] = attachment_disposition(
        f"sertifikat-{batch.year}-{batch.pk}.zip")
    return response


@require_GET
def siasn_export(request):
    regency = _bkpsdm(request)
    year = _year(request, regency)
    rows = exports.siasn_rows(regency, year)
    problems = exports.siasn_problems(rows)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx", "zip") and not problems:
        if fmt == "csv":
            body, kind = exports.siasn_csv(rows), "text/csv; charset=utf-8"
        elif fmt == "xlsx":
            body, kind = exports.siasn_xlsx(rows), XLSX
        else:
            body, kind = exports.siasn_zip(regency, year, rows), "application/zip"
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = attachment_disposition(f"siasn-{year}.{fmt}")
        return response
    return render(request, "certificates/siasn.html", {
        "year": year, "rows": rows, "problems": problems, "columns": exports.SIASN_COLUMNS})


@require_GET
def ipasn_worksheet(request):
    scope = require_roles(request.user, *STAFF_ROLES)
    regency = request.user.regency
    year = _year(request, regency)
    employees = None if scope.whole_regency else employees_in_scope(request.user)
    rows = exports.ipasn_worksheet(regency, year, employees=employees)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        body = exports.ipasn_csv(rows, year) if fmt == "csv" else exports.ipasn_xlsx(rows, year)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8" if fmt == "csv"
                                else XLSX)
        response["Content-Disposition"] = attachment_disposition(f"ip-asn-{year}.{fmt}")
        return response
    kinds = rules.component_kinds(settings_of(regency))
    return render(request, "certificates/ipasn.html", {
        "year": year, "rows": rows, "answers": rules.ANSWER_LABELS,
        "labels": rules.COMPONENT_LABELS, "rules": rules.ipasn_rules(year),
        "mapping": [(rules.KIND_LABELS[k], [rules.COMPONENT_SHORT[c] for c in rules.COMPONENTS
                                            if c in kinds[k]]) for k in rules.MAPPED_KINDS],
        "may_map": scope.whole_regency})


@require_GET
def my_certificates(request):
    """The employee's own certificates: valid ones to download, revoked ones marked."""
    if not request.user.employee_id:
        raise Http404
    return render(request, "certificates/mine.html", {
        "certificates": list(own_certificates(request.user))})


@require_GET
def due_list(request):
    """What is due and not issued in the year, to issue one at a time."""
    regency = _bkpsdm(request)
    year = _year(request, regency)
    row = settings_of(regency)
    enabled = certificates_enabled(regency, row)
    return render(request, "certificates/due.html", {
        "year": year, "enabled": enabled, "has_signatory": row.has_signatory,
        "due": due_certificates(regency, year) if enabled else []})


def _due_year(regency, year: int) -> int:
    if not 2000 <= year <= regency_today(regency).year:
        raise Http404
    return year


@require_http_methods(["GET", "POST"])
def issue_confirm(request, year, program_id):
    """One certificate: what it will state (GET), then BKPSDM's recorded approval (POST)."""
    regency = _bkpsdm(request)
    year = _due_year(regency, year)
    program = get_object_or_404(Program, pk=program_id, regency=regency)
    back = f"{reverse('certificates:due')}?tahun={year}"
    if request.method == "POST":
        try:
            certificate = services.issue_one(program, year, actor=request.user)
        except services.CertificateRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(back)
        messages.success(request, _("Sertifikat %(number)s diterbitkan.")
                         % {"number": certificate.number})
        return redirect(f"{reverse('certificates:list')}?tahun={year}")
    row = settings_of(regency)
    found = [d for d in due_certificates(regency, year) if d.program.pk == program.pk] \
        if certificates_enabled(regency, row) else []
    if not found:
        issued = Certificate.objects.filter(program=program, year=year).first()
        if issued is not None:
            messages.info(request, _("Sertifikat program ini untuk tahun itu sudah "
                                     "diterbitkan: %(number)s.") % {"number": issued.number})
        else:
            messages.error(request, _("Sertifikat program ini untuk tahun itu belum dapat "
                                      "diterbitkan."))
        return redirect(back)
    return render(request, "certificates/issue_confirm.html", {
        "d": found[0], "year": year, "settings": row,
        "capacity": Capacity(row.signatory_capacity).label
        if row.signatory_capacity in Capacity.values
        and row.signatory_capacity != Capacity.HEAD else ""})


def _mapping_rows(chosen: dict[str, list[str]]) -> list:
    defaults = rules.DEFAULT_COMPONENT_KINDS
    return [{"kind": kind, "label": rules.KIND_LABELS[kind],
             "cells": [{"component": c, "short": rules.COMPONENT_SHORT[c],
                        "checked": c in chosen.get(kind, []),
                        "default": c in defaults.get(kind, [])} for c in rules.COMPONENTS]}
            for kind in rules.MAPPED_KINDS]


@require_http_methods(["GET", "POST"])
def ipasn_mapping(request):
    """BKPSDM's setting: which kind of development counts toward which IP ASN component
    (docs/siasn-ipasn.md); a reset goes back to the defaults."""
    regency = _bkpsdm(request)
    row = settings_of(regency)
    chosen = rules.component_kinds(row)
    if request.method == "POST":
        if request.POST.get("reset"):
            services.ipasn_mapping_save(regency, actor=request.user, chosen=None)
            messages.success(request, _("Pemetaan komponen IP ASN dikembalikan ke bawaan."))
            return redirect("certificates:ipasn_mapping")
        chosen = {kind: request.POST.getlist(kind)[:len(rules.COMPONENTS) + 1]
                  for kind in rules.MAPPED_KINDS}
        try:
            services.ipasn_mapping_save(regency, actor=request.user, chosen=chosen)
        except services.CertificateRefused as refusal:
            messages.error(request, refusal.message)
            chosen = {k: [c for c in v if c in rules.COMPONENTS] for k, v in chosen.items()}
        else:
            messages.success(request, _("Pemetaan komponen IP ASN disimpan."))
            return redirect("certificates:ipasn_mapping")
    return render(request, "certificates/ipasn_mapping.html", {
        "rows": _mapping_rows(chosen), "is_default": not row.ipasn_components,
        "components": [(c, rules.COMPONENT_SHORT[c], rules.COMPONENT_LABELS[c])
                       for c in rules.COMPONENTS],
        "rules": rules.ipasn_rules(regency_today(regency).year)})
