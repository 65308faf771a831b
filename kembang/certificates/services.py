"""Issuing (a recorded BKPSDM approval), revoking, flagging for review, the settings, and
the ZIP of a scope's certificates (docs/sertifikat.md)."""

from __future__ import annotations

import io
import secrets
import zipfile

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.certificates import rules
from kembang.certificates.models import Certificate, CertificateBatch, CertificateSettings
from kembang.certificates.pdf import certificate_pdf, file_name, verification_url
from kembang.certificates.rules import KIND_CODES
from kembang.certificates.selectors import (
    Due,
    certificates_enabled,
    due_certificates,
    legal_basis,
    settings_of,
)
from kembang.common.files import csv_bytes
from kembang.learning.errors import RuleRefusal
from kembang.organisation.dates import regency_today
from kembang.organisation.selectors import regency_logo_bytes
from kembang.regulation.jp_file import jp_text

CSV_HEADER = ["nomor", "nip", "nama", "kegiatan", "mulai", "selesai", "jp", "url", "berkas"]


class CertificateRefused(RuleRefusal):
    pass


def _refuse(message: str, code: str):
    raise CertificateRefused(message, code=code)


def check_ready(regency, row: CertificateSettings) -> None:
    if not certificates_enabled(regency, row):
        _refuse(_("Sertifikat belum diaktifkan untuk daerah ini."), "certificates_off")
    if not row.has_signatory:
        _refuse(_("Penandatangan sertifikat belum diatur."), "no_signatory")
    try:
        number_for(row, 1, 2000)
    except (KeyError, ValueError, IndexError):
        _refuse(_("Pola nomor sertifikat tidak dapat dipakai."), "bad_pattern")


def number_for(row: CertificateSettings, sequence: int, year: int) -> str:
    pattern = row.number_pattern or "{urut}/{tahun}"
    if "{urut" not in pattern or "{tahun" not in pattern:
        raise ValueError(pattern)
    return pattern.format(urut=sequence, tahun=year)


def _signature_applies(row: CertificateSettings, actor) -> bool:
    """A signature image only on what its own signatory approved."""
    employee = getattr(actor, "employee", None) if actor is not None else None
    return bool(row.signature_image and employee is not None
                and employee.nip == row.signatory_nip == row.signature_owner_nip)


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0][:255] if (text or "").strip() else ""


@transaction.atomic
def issue(regency, due: list[Due], *, actor, batch: CertificateBatch | None = None,
          progress=None, action: str = "certificate.batch") -> list[Certificate]:
    """Issue `due` (from `due_certificates`) as the regency's signatory: numbers in order
    under a lock on the settings row, so two issuers never take the same number; the
    constraint (program, year) refuses a second certificate. The approval is recorded as
    `action`: a batch's, or one certificate's (`certificate.issue`, on the certificate)."""
    row = CertificateSettings.objects.select_for_update().filter(regency=regency).first()
    if row is None:
        row = CertificateSettings(regency=regency)
    check_ready(regency, row)
    today = regency_today(regency)
    basis = legal_basis(regency, row)
    applied = _signature_applies(row, actor)
    made = []
    by_year = {}
    for item in due:
        if item.year not in by_year:
            by_year[item.year] = (Certificate.objects.filter(regency=regency, year=item.year)
                                  .aggregate(m=Max("sequence"))["m"] or 0)
        by_year[item.year] += 1
        sequence = by_year[item.year]
        participant = item.program.participant
        made.append(Certificate(
            regency=regency, program=item.program, year=item.year, sequence=sequence,
            number=number_for(row, sequence, item.year), token=secrets.token_urlsafe(24),
            participant=participant, name=participant.full_name, nip=participant.nip,
            activity=item.program.activity, area=_first_line(item.program.development_need),
            unit_id=item.unit_id, agency=item.agency, first_date=item.first_date,
            last_date=item.last_date, sessions=item.sessions, jp=item.jp, legal_basis=basis,
            place=row.place, signatory_name=row.signatory_name,
            signatory_nip=row.signatory_nip, signatory_title=row.signatory_title,
            signatory_capacity=row.signatory_capacity, signature_applied=applied,
            issued_on=today, issued_by=actor if getattr(actor, "pk", None) else None,
            batch=batch))
    Certificate.objects.bulk_create(made, batch_size=500)
    single = action == "certificate.issue" and len(made) == 1
    audit_record(actor=actor, regency=regency, action=action,
                 obj=made[0] if single else batch,
                 changes={"year": sorted(by_year), "issued": len(made),
                          "numbers": [c.number for c in made][:2000],
                          "signatory": [None, row.signatory_name],
                          "signature_applied": applied})
    return made


def issue_one(program, year: int, *, actor) -> Certificate:
    """One certificate, BKPSDM's recorded approval of it (docs/sertifikat.md). What is due
    is read under the lock on the settings row, so a second click or a second issuer at
    the same moment finds it issued and is refused, never a second certificate."""
    try:
        with transaction.atomic():
            CertificateSettings.objects.select_for_update().filter(
                regency=program.regency).first()
            due = [d for d in due_certificates(program.regency, year)
                   if d.program.pk == program.pk]
            if not due:
                if Certificate.objects.filter(program=program, year=year).exists():
                    _refuse(_("Sertifikat program ini untuk tahun itu sudah diterbitkan."),
                            "already_issued")
                _refuse(_("Sertifikat program ini untuk tahun itu belum dapat diterbitkan."),
                        "not_due")
            return issue(program.regency, due, actor=actor, action="certificate.issue")[0]
    except IntegrityError:
        _refuse(_("Sertifikat program ini untuk tahun itu sudah diterbitkan."),
                "already_issued")


@transaction.atomic
def revoke(certificate: Certificate, *, actor, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Tuliskan alasan pencabutan."), "reason_required")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_on is not None:
        _refuse(_("Sertifikat ini sudah dicabut."), "already_revoked")
    certificate.revoked_on = regency_today(certificate.regency)
    certificate.revoked_by = actor
    certificate.revoke_reason = reason
    certificate.needs_review = False
    certificate.save(update_fields=["revoked_on", "revoked_by", "revoke_reason",
                                    "needs_review", "updated_at"])
    audit_record(actor=actor, regency=certificate.regency, action="certificate.revoke",
                 obj=certificate, changes={"revoked_on": [None, certificate.revoked_on]},
                 reason=reason)
    return certificate


def flag_for_review(session) -> int:
    """A cancelled session of a certified program-year flags its certificate."""
    found = list(Certificate.objects.filter(program_id=session.program_id,
                                            year=session.date.year, revoked_on__isnull=True,
                                            needs_review=False))
    for certificate in found:
        certificate.needs_review = True
        certificate.save(update_fields=["needs_review", "updated_at"])
        audit_record(actor=None, regency=certificate.regency, action="certificate.review",
                     obj=certificate, changes={"needs_review": [False, True],
                                               "session": session.pk})
    return len(found)


SETTINGS_FIELDS = ("enabled", "legal_basis", "number_pattern", "place", "signatory_name",
                   "signatory_nip", "signatory_title", "signatory_capacity", "organiser")


@transaction.atomic
def settings_save(regency, *, actor, values: dict, signature=None) -> CertificateSettings:
    row = CertificateSettings.objects.select_for_update().filter(regency=regency).first() \
        or CertificateSettings(regency=regency)
    changes = {}
    for name in SETTINGS_FIELDS:
        if name in values and getattr(row, name) != values[name]:
            changes[name] = [getattr(row, name), values[name]]
            setattr(row, name, values[name])
    if signature is not None:
        row.signature_image = signature
        row.signature_owner_nip = row.signatory_nip
        changes["signature_image"] = [None, row.signatory_nip]
    elif "signatory_nip" in changes:
        row.signature_image = ""  # a new signatory never inherits the old image
        row.signature_owner_nip = ""
    row.save()
    audit_record(actor=actor, regency=regency, action="certificate.settings", obj=row,
                 changes=changes)
    return row


def ipasn_mapping_text(mapping: dict[str, list[str]]) -> str:
    """The mapping in words, in the site's language (its audit record)."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = {kind: ", ".join(str(rules.COMPONENT_SHORT[c]) for c in rules.COMPONENTS
                                 if c in mapping.get(kind, [])) or "—"
                 for kind in rules.MAPPED_KINDS}
        return "; ".join(f"{rules.KIND_LABELS[kind]}: {parts[kind]}"
                         for kind in rules.MAPPED_KINDS)


def clean_ipasn_mapping(chosen: dict) -> dict[str, list[str]]:
    """{kind: [component, …]} for every kind, in the components' order; refused when a
    component is unknown or no kind counts toward the 20 JP (docs/siasn-ipasn.md)."""
    mapping = {}
    for kind in rules.MAPPED_KINDS:
        parts = chosen.get(kind) or []
        if not isinstance(parts, list | tuple) or any(p not in rules.COMPONENTS
                                                       for p in parts):
            _refuse(_("Pilihan komponen IP ASN tidak dikenal. Muat ulang halaman lalu "
                      "pilih lagi."), "unknown_component")
        mapping[kind] = [c for c in rules.COMPONENTS if c in parts]
    if not any(rules.JP20 in parts for parts in mapping.values()):
        _refuse(_("Pilih paling sedikit satu jenis pengembangan yang dihitung untuk "
                  "komponen 20 JP."), "no_jp20_kind")
    return mapping


@transaction.atomic
def ipasn_mapping_save(regency, *, actor, chosen: dict | None) -> CertificateSettings:
    """Which kind of development counts toward which IP ASN component, BKPSDM's setting
    (docs/siasn-ipasn.md). `chosen` None: back to the defaults (stored empty, so a later
    change of the defaults reaches the regency). Audited when anything changes."""
    row = CertificateSettings.objects.select_for_update().filter(regency=regency).first() \
        or CertificateSettings(regency=regency)
    old = rules.component_kinds(row)
    if chosen is None:
        stored = {}
    else:
        mapping = clean_ipasn_mapping(chosen)
        stored = {} if mapping == rules.DEFAULT_COMPONENT_KINDS else mapping
    if stored == (row.ipasn_components or {}):
        return row
    row.ipasn_components = stored
    row.save()
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Dikembalikan ke bawaan.") if chosen is None else ""
    audit_record(actor=actor, regency=regency, action="certificate.ipasn_mapping", obj=row,
                 changes={"ipasn_components": [ipasn_mapping_text(old),
                                               ipasn_mapping_text(rules.component_kinds(row))]},
                 reason=reason)
    return row


def _signature_bytes(regency) -> bytes | None:
    row = settings_of(regency)
    if not row.signature_image:
        return None
    try:
        with row.signature_image.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def csv_row(certificate: Certificate) -> list:
    return [certificate.number, certificate.nip, certificate.name,
            KIND_CODES[certificate.activity], certificate.first_date.isoformat(),
            certificate.last_date.isoformat(), jp_text(certificate.jp),
            verification_url(certificate), file_name(certificate)]


def write_zip(certificates, target, *, progress=None) -> int:
    """Every certificate as `<number>.pdf` plus `daftar.csv`, into `target` (a path or a
    binary stream); the count written."""
    rows = sorted(certificates, key=lambda c: c.number)
    signatures, logos = {}, {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, certificate in enumerate(rows, start=1):
            regency_id = certificate.regency_id
            if certificate.signature_applied and regency_id not in signatures:
                signatures[regency_id] = _signature_bytes(certificate.regency)
            if regency_id not in logos:  # once per regency, not once per certificate
                logos[regency_id] = regency_logo_bytes(certificate.regency) or False
            archive.writestr(file_name(certificate), certificate_pdf(
                certificate, signature=signatures.get(regency_id), logo=logos[regency_id]))
            if progress is not None:
                progress(index, len(rows))
        archive.writestr("daftar.csv", csv_bytes([CSV_HEADER, *(csv_row(c) for c in rows)],
                                                 lineterminator="\n"))
    return len(rows)


def zip_bytes(certificates) -> bytes:
    out = io.BytesIO()
    write_zip(certificates, out)
    return out.getvalue()


def zip_bytes_with_progress(certificates, progress) -> bytes:
    out = io.BytesIO()
    write_zip(certificates, out, progress=progress)
    return out.getvalue()


@transaction.atomic
def batch_approve(regency, *, actor, year: int, unit=None) -> CertificateBatch:
    """BKPSDM's recorded approval of a batch; the task issues and packs it."""
    check_ready(regency, settings_of(regency))
    batch = CertificateBatch.objects.create(regency=regency, year=year, unit=unit,
                                            approved_by=actor)
    audit_record(actor=actor, regency=regency, action="certificate.batch", obj=batch,
                 changes={"year": year, "unit": unit.pk if unit else None, "approved": True})
    return batch


def batch_start(batch: CertificateBatch) -> None:
    from kembang.certificates.tasks import issue_batch

    def enqueue():
        result = issue_batch.enqueue(batch.pk)
        CertificateBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
