"""Certificates anyone can verify (docs/sertifikat.md)."""

import io
from datetime import date, timedelta

import pypdfium2
import pytest
import zxingcpp
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from PIL import Image

from kembang.audit.models import AuditEvent
from kembang.certificates import services
from kembang.certificates.models import Certificate
from kembang.certificates.pdf import certificate_pdf, qr_png, verification_url
from kembang.certificates.selectors import (
    certificates_enabled,
    due_certificates,
    masked_nip,
    settings_of,
)
from kembang.certificates.tests.helpers import completed_mentoring, signatory
from kembang.common.tests.clock import TODAY, this_month
from kembang.learning.models import Session

# The year of the sessions these tests write (two months back): the year just ended on
# 1 January.
YEAR = this_month(-2).year
LAST_YEAR = YEAR - 1


def _issue(p, year):
    return services.issue(p.regency, due_certificates(p.regency, year), actor=p.hr_user)


def _qr_of_pdf(data: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=3).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_on_by_default_under_nganjuk_only(people_for):
    assert certificates_enabled(people_for("nganjuk").regency)
    langsa = people_for("langsa").regency
    assert not certificates_enabled(langsa)
    signatory(langsa, enabled=True)  # switched on without a legal basis: still off
    assert not certificates_enabled(langsa)
    signatory(langsa, enabled=True, legal_basis="Peraturan Wali Kota Langsa")
    assert certificates_enabled(langsa)


def test_the_qr_decodes_to_the_page_that_says_berlaku_then_dicabut(people_for):
    p = people_for("nganjuk")
    signatory(p.regency)
    completed_mentoring(p, [this_month(-2) + timedelta(days=3), this_month(-2) + timedelta(days=10)])
    [certificate] = _issue(p, YEAR)
    url = verification_url(certificate)
    assert "token" not in url and certificate.number not in url
    assert url.endswith(f"/sertifikat/cek/{certificate.token}/")
    pdf = certificate_pdf(certificate)
    assert _qr_of_pdf(pdf) == [url]
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))] == [url]
    page = Client().get(reverse("certificates:verify", kwargs={"token": certificate.token}))
    text = page.content.decode()
    assert page.status_code == 200 and "berlaku" in text and "dicabut" not in text
    assert '<meta name="robots" content="noindex">' in text
    assert certificate.nip not in text and masked_nip(certificate.nip) in text
    assert p.unit.name not in text  # no unit
    services.revoke(certificate, actor=p.hr_user, reason="Sesi ganda ditemukan")
    text = Client().get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])).content.decode()
    assert "dicabut" in text and "Sesi ganda" not in text


def test_masked_nip_hides_digits_1_to_14():
    assert masked_nip("198501012010011001") == "•••••••• •••••• 1 001"


def test_a_program_spanning_two_years_gets_two_certificates(people_for):
    p = people_for("nganjuk")
    signatory(p.regency)
    program = completed_mentoring(p, [date(LAST_YEAR, 12, 10), date(YEAR, 1, 14),
                                      date(YEAR, 1, 21)])
    [old] = _issue(p, LAST_YEAR)
    [new] = _issue(p, YEAR)
    assert (old.year, old.jp, old.sessions) == (LAST_YEAR, 4, 1)
    assert (new.year, new.jp, new.sessions, new.first_date) == (YEAR, 8, 2,
                                                                  date(YEAR, 1, 14))
    assert old.number != new.number and str(LAST_YEAR) in old.number
    assert _issue(p, YEAR) == []  # nothing due twice
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(**{f.attname: getattr(new, f.attname)
                                      for f in Certificate._meta.concrete_fields
                                      if f.attname not in ("id",)} | {
            "number": "X", "token": "y", "sequence": 99, "program_id": program.pk})


def test_not_due_without_the_evaluation_or_while_running(people_for):
    p = people_for("nganjuk")
    signatory(p.regency)
    completed_mentoring(p, [this_month(-2)], assessed=False)
    running = completed_mentoring(p, [this_month(-1)], closed=False, participant=p.outsider)
    type(running).objects.filter(pk=running.pk).update(end_date=TODAY + timedelta(days=9))
    assert due_certificates(p.regency, YEAR) == []


def test_a_later_cancellation_flags_it_for_review(people_for):
    p = people_for("nganjuk")
    signatory(p.regency)
    program = completed_mentoring(p, [this_month(-2), this_month(-2) + timedelta(days=7)])
    [certificate] = _issue(p, YEAR)
    session = Session.objects.filter(program=program).first()
    session.status = Session.Status.CANCELLED
    session.save()
    certificate.refresh_from_db()
    assert certificate.needs_review
    assert AuditEvent.objects.filter(action="certificate.review").exists()


def test_issuing_is_a_recorded_approval_and_never_without_a_signatory(people_for):
    p = people_for("nganjuk")
    completed_mentoring(p, [this_month(-2)])
    with pytest.raises(services.CertificateRefused):
        _issue(p, YEAR)
    signatory(p.regency)
    _issue(p, YEAR)
    assert AuditEvent.objects.filter(action="certificate.batch").count() == 1


def test_a_signature_image_only_on_its_own_signatory_s_batches(people_for):
    p = people_for("nganjuk")
    row = signatory(p.regency, signatory_nip=p.hr.nip)
    row.signature_image = "signatures/x.png"
    row.signature_owner_nip = p.hr.nip
    row.save()
    completed_mentoring(p, [this_month(-2)])
    completed_mentoring(p, [this_month(-2)], participant=p.outsider)
    [mine] = services.issue(p.regency, due_certificates(p.regency, YEAR)[:1],
                            actor=p.hr_user)
    [theirs] = services.issue(p.regency, due_certificates(p.regency, YEAR),
                              actor=p.head_user)
    assert mine.signature_applied and not theirs.signature_applied


def test_due_is_found_in_constant_queries(people_for, django_assert_max_num_queries):
    p = people_for("nganjuk")
    signatory(p.regency)
    completed_mentoring(p, [this_month(-2)])
    with django_assert_max_num_queries(12) as small:
        assert len(due_certificates(p.regency, YEAR)) == 1
    for _n in range(8):
        completed_mentoring(p, [this_month(-2), this_month(-2) + timedelta(days=1)])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(due_certificates(p.regency, YEAR)) == 9


def test_settings_default_is_unsaved(people_for):
    p = people_for("langsa")
    assert settings_of(p.regency).pk is None
