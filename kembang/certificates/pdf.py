"""A certificate as an A4 PDF on the shared base (kembang/documents/pdf.py): number, name,
full NIP, activity, period, sessions, the year's JP, the legal basis, the signatory and a
QR code (segno) holding only the opaque verification URL. Never evaluation scores."""

from __future__ import annotations

import io

import segno
from django.urls import reverse
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table, TableStyle

from kembang.certificates.models import Capacity, Certificate
from kembang.documents.pdf import FONT, PdfDocument, date_text, para
from kembang.learning.models import ActivityType
from kembang.learning.services.notify import absolute_url
from kembang.regulation.reasons import format_number

QR_SIZE = 32 * mm


def format_nip(nip: str) -> str:
    """`19850101 201001 1 001`, as the seeds print a NIP."""
    if len(nip) != 18 or not nip.isdigit():
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify", kwargs={"token": certificate.token}))


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=4)
    return out.getvalue()


def file_name(certificate: Certificate) -> str:
    """The number with every character other than letters, digits, . and - replaced by -."""
    safe = "".join(c if (c.isascii() and c.isalnum()) or c in ".-" else "-"
                   for c in certificate.number)
    return f"{safe}.pdf"


def certificate_pdf(certificate: Certificate, *, signature: bytes | None = None,
                    logo: bytes | bool | None = None) -> bytes:
    """One certificate as PDF. `logo` as `PdfDocument` takes it: a batch reads the
    regency's logo once and passes it (bytes, or False for none) to every certificate."""
    document = PdfDocument(regency=certificate.regency, title=_("Sertifikat"),
                           subtitle=_("Surat keterangan hasil pembelajaran"),
                           printed_on=certificate.issued_on, logo=logo)
    story = [para(_("SERTIFIKAT"), "title"),
             para(_("Nomor: %(number)s") % {"number": certificate.number}),
             Spacer(1, 4 * mm)]
    if certificate.legal_basis:
        story.append(para(_("Berdasarkan %(basis)s, Badan Kepegawaian dan Pengembangan Sumber "
                            "Daya Manusia menerangkan bahwa:") % {"basis": certificate.legal_basis}))
        story.append(Spacer(1, 3 * mm))
    rows = [
        (_("Nama"), certificate.name),
        (_("NIP"), format_nip(certificate.nip)),
        (_("Perangkat Daerah"), certificate.agency),
        (_("Kegiatan"), ActivityType(certificate.activity).label),
        (_("Area pengembangan"), certificate.area),
        (_("Periode"), f"{date_text(certificate.first_date)} – {date_text(certificate.last_date)}"),
        (_("Jumlah sesi"), str(certificate.sessions)),
        (_("Jam pelajaran (JP) tahun %(year)s") % {"year": certificate.year},
         format_number(certificate.jp)),
    ]
    table = Table([[para(a), para(b)] for a, b in rows], colWidths=[55 * mm, 120 * mm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 4 * mm),
              para(_("telah menyelesaikan kegiatan tersebut dengan %(jp)s JP pada tahun "
                     "%(year)s.") % {"jp": format_number(certificate.jp),
                                     "year": certificate.year}),
              Spacer(1, 8 * mm)]
    place = f"{certificate.place}, " if certificate.place else ""
    signer = [para(f"{place}{date_text(certificate.issued_on)}")]
    if certificate.signatory_capacity != Capacity.HEAD:
        signer.append(para(_("%(capacity)s Kepala Badan Kepegawaian dan Pengembangan Sumber "
                             "Daya Manusia") % {"capacity": certificate.signatory_capacity}))
    signer.append(para(certificate.signatory_title))
    if signature and certificate.signature_applied:
        signer.append(Image(io.BytesIO(signature), width=40 * mm, height=18 * mm,
                            kind="proportional"))
    else:
        signer.append(Spacer(1, 18 * mm))
    signer += [para(certificate.signatory_name), para(_("NIP %(nip)s")
                                                      % {"nip": format_nip(certificate.signatory_nip)})]
    qr = Image(io.BytesIO(qr_png(verification_url(certificate))), width=QR_SIZE, height=QR_SIZE)
    bottom = Table([[[qr, para(_("Pindai kode QR untuk memeriksa keaslian sertifikat."),
                               "small")], signer]],
                   colWidths=[70 * mm, 100 * mm], hAlign="LEFT")
    bottom.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(bottom)
    return document.build(story)
