"""XLSX import of standards and assessors' results: per-row errors in Indonesian naming the
row and column, valid rows kept, everything audited (docs/competency.md#import)."""

import io
from datetime import date

from openpyxl import Workbook

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import days_ago, iso
from kembang.competency import importing, selectors
from kembang.competency.models import Assessment, AssessmentLevel, PositionStandard
from kembang.competency.tests.conftest import national
from kembang.organisation.tests.factories import EmployeeFactory, RegencyFactory, UnitFactory


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "berkas.xlsx"
    return out


STANDARD_HEADER = ("JABATAN", "KOMPETENSI", "LEVEL", "NOMOR NASKAH", "TANGGAL NASKAH",
                   "JENIS", "SUMBER")


def test_standards_import_keeps_valid_rows_and_names_each_error(p):
    position = p.participant.position
    upload = xlsx([
        STANDARD_HEADER,
        (position.name, "Integritas", 2, "800/1/2026", date(2026, 1, 5), "", "SKJ"),
        (position.name, "M3", "3", "800/1/2026", "05/01/2026", "", ""),
        (position.name, "Analisis data kepegawaian", 2, "800/1/2026", "", "Teknis", ""),
        ("Jabatan Tidak Ada", "Integritas", 2, "", "", "", ""),
        (position.name, "Kejujuran", 2, "", "", "", ""),
        (position.name, "Kerjasama", 7, "", "", "", ""),
        (position.name, "Kerjasama", 2, "", "31/02/2026", "", ""),
        (position.name, "Integritas", 3, "", "", "", ""),
    ])
    result = importing.import_standards(actor=p.admin, upload=upload, filename="skj.xlsx")
    assert result.applied == 3 and result.rows == 8
    messages = [str(e) for e in result.errors]
    assert messages[0].startswith("Baris 5, kolom JABATAN: Jabatan “Jabatan Tidak Ada”")
    assert messages[1].startswith("Baris 6, kolom KOMPETENSI: Kompetensi “Kejujuran”")
    assert messages[2] == "Baris 7, kolom LEVEL: Level harus angka 1 sampai 5."
    assert messages[3].startswith("Baris 8, kolom TANGGAL NASKAH:")
    assert messages[4].startswith("Baris 9, kolom KOMPETENSI:") and "baris 2" in messages[4]
    standard = PositionStandard.objects.get(position=position, competency=national("M1"))
    assert (standard.required_level, standard.instrument_number) == (2, "800/1/2026")
    assert standard.instrument_date == date(2026, 1, 5)
    technical = selectors.technical_competencies(p.regency, position)
    assert [t.required_level for t in technical] == [2]
    event = AuditEvent.objects.get(action="competency.standard_import")
    assert event.changes["applied"] == 3 and event.changes["rejected"] == 5


def test_standards_import_is_bkpsdm_only_and_refuses_a_bad_file(p):
    upload = xlsx([STANDARD_HEADER])
    assert importing.import_standards(actor=p.hr_user, upload=upload,
                                      filename="a.xlsx").file_error
    broken = io.BytesIO(b"not a workbook")
    result = importing.import_standards(actor=p.admin, upload=broken, filename="a.xlsx")
    assert "tidak dapat dibaca" in result.file_error
    missing = importing.import_standards(actor=p.admin, upload=xlsx([("JABATAN", "X")]),
                                         filename="a.xlsx")
    assert "KOMPETENSI" in missing.file_error and "LEVEL" in missing.file_error
    assert not PositionStandard.objects.exists()


RESULT_HEADER = ("NIP", "KOMPETENSI", "LEVEL", "TANGGAL", "SUMBER", "CATATAN", "JPM",
                 "PENYEBAB")


def test_results_import_groups_rows_into_assessments_and_reports_bad_rows(p):
    other_regency = RegencyFactory(slug="lain", name="Lain")
    stranger = EmployeeFactory(unit=UnitFactory(regency=other_regency))
    nip = p.participant.nip
    upload = xlsx([
        RESULT_HEADER,
        (nip, "Integritas", 2, iso(days_ago(20)), "UPT Asesmen", "baik", "72,5", "motivasi"),
        (nip, "Komunikasi", 1, iso(days_ago(20)), "UPT Asesmen", "", "", "pengetahuan"),
        (nip, "Integritas", 3, iso(days_ago(300)), "BKN", "", "", ""),
        (stranger.nip, "Integritas", 2, iso(days_ago(20)), "UPT Asesmen", "", "", ""),
        ("12345", "Integritas", 2, iso(days_ago(20)), "UPT Asesmen", "", "", ""),
        (nip, "Integritas", 2, iso(days_ago(20)), "UPT Asesmen", "", "", ""),
        (nip, "Kerjasama", 2, iso(days_ago(20)), "", "", "", ""),
        (nip, "Kerjasama", 2, iso(days_ago(20)), "UPT Asesmen", "", "200", "malas"),
    ])
    result = importing.import_results(actor=p.hr_user, upload=upload, filename="hasil.xlsx")
    assert result.applied == 3
    columns = [(e.row, e.column) for e in result.errors]
    assert columns == [(5, "NIP"), (6, "NIP"), (7, "KOMPETENSI"), (8, "SUMBER"), (9, "JPM"),
                       (9, "PENYEBAB")]
    assert "tidak ditemukan" in result.errors[0].message  # another regency: not in scope
    assessments = Assessment.objects.filter(employee=p.participant).order_by("assessed_on")
    assert [a.source for a in assessments] == ["hasil", "hasil"]
    latest = assessments.last()
    assert latest.imported and str(latest.jpm) == "72.50" and latest.assessor == "UPT Asesmen"
    assert latest.levels.count() == 2
    assert AssessmentLevel.objects.get(assessment=latest,
                                       competency=national("M1")).cause == "motivasi"
    gaps = selectors.gaps_for(p.regency, [p.participant])[0]
    assert {line.competency.code: line.current for line in gaps.lines}["M1"] == 2
    assert AuditEvent.objects.filter(action="competency.assessment_record").count() == 2
    assert AuditEvent.objects.filter(action="competency.assessment_import").count() == 1


def test_a_nip_stored_as_a_float_is_named(p):
    upload = xlsx([RESULT_HEADER,
                   (1.98501012010011e17, "Integritas", 2, iso(days_ago(2)), "UPT", "", "", "")])
    result = importing.import_results(actor=p.admin, upload=upload, filename="hasil.xlsx")
    assert result.applied == 0
    assert result.errors[0].row == 2 and result.errors[0].column == "NIP"
