"""Certificate pages. Thin: scope, parse, call selectors/services, render.

The verification page is public (no login) and shows only the essentials; every other
page is BKPSDM's, the PDF its participant's and their staff's, the IP ASN worksheet
scoped to the viewer's units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kembang.certificates import exports, services
from kembang.certificates.models import Capacity, Certificate, CertificateBatch
from kembang.certificates.pdf import certificate_pdf, file_name
from kembang.certificates.selectors import (
    certificate_by_token,
    certificates_enabled,
    certificates_in,
    due_certificates,
    masked_nip,
    settings_of,
)
from kembang.common.downloads import attachment_disposition
from kembang.learning.models import ActivityType
from kembang.organisation.access import employees_in_scope, require_roles, units_in_scope
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
    certificate = get_object_or_404(Certificate.objects.select_related("regency"),
                                    pk=certificate_id, regency_id=request.user.regency_id)
    if not employees_in_scope(request.user).filter(pk=certificate.participant_id).exists():
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
    from kembang.certificates.rules import ANSWER_LABELS, COMPONENT_LABELS, ipasn_rules

    return render(request, "certificates/ipasn.html", {
        "year": year, "rows": rows, "answers": ANSWER_LABELS, "labels": COMPONENT_LABELS,
        "rules": ipasn_rules(year)})
