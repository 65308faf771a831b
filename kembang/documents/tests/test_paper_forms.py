"""The seeds' paper as PDF (docs/paper-forms.md), read back with pypdf: every label of the
seed's form in the seed's order, the recorded values, Kembang's additions after them; a
30-session table continues on a second page with the header repeated; one page of each
form rendered to PNG (A4, not blank); each PDF scoped like its page."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kembang.common.tests.clock import NOW, on
from kembang.documents import seed_forms as F
from kembang.learning.models import (
    ActivityType,
    CoachEvaluation,
    MentorAssessment,
    Program,
    SelfStudyClosing,
    Session,
)
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_views import client_as
from kembang.organisation.tests.factories import EmployeeFactory

PREVIEWS = Path(__file__).resolve().parents[3] / "paper-previews"
A4 = (595.28, 841.89)
S = Session.Status


def make_program(p, activity, *, guide=None, participant=None):
    return Program.objects.create(
        regency=p.regency, activity=activity, participant=participant or p.participant,
        guide=guide or p.coach, status=Program.Status.ACTIVE,
        development_need="Menyusun laporan kinerja", job_link="Tugas pelaporan bulanan",
        planned_activities="Praktik menyusun laporan", start_date=OCT, end_date=on(1, 28),
        profile_id=p.regency.profile_id, started_by=p.coach_user)


def add_session(p, program, day, topic, *, status=S.VALIDATED, **extra):
    moment = NOW - dt.timedelta(days=3)
    return Session.objects.create(
        regency=p.regency, program=program, participant=program.participant,
        activity=program.activity, unit=program.participant.unit, date=day, topic=topic,
        status=status, logged_by=p.participant_user, confirmed_at=moment,
        confirmed_by=p.coach_user,
        validated_at=moment if status == S.VALIDATED else None,
        validated_by=p.hr_user if status == S.VALIDATED else None,
        jp=2 if status == S.VALIDATED else 0, jp_provisional=2, minutes=extra.pop("minutes", 90),
        **extra)


def pdf_text(response) -> tuple[PdfReader, list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def assert_in_order(text: str, labels):
    """Every label found in `text`, each after the one before."""
    at = 0
    for label in labels:
        found = text.find(label, at)
        assert found >= 0, f"{label!r} not found after position {at}: …{text[at:at + 200]}"
        at = found + len(label)
    return at


def render_png(response, name: str):
    """Page 1 to PNG in the git-ignored folder (/paper-previews/); A4 and not blank.
    Pillow comes with reportlab."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(response.content)[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
    image = page.render(scale=1).to_pil().convert("L")
    low, high = image.getextrema()
    assert low < 128 < high, "the page is blank"
    dark = sum(image.histogram()[:128])
    assert dark > 2000, "the page is (almost) blank"
    PREVIEWS.mkdir(exist_ok=True)
    image.save(PREVIEWS / f"{name}.png")


# --- nganjuk: Formulir Pelaksanaan Coaching, one per session --------------------------------


def test_nganjuk_coaching_form_prints_the_seed_labels_in_order_then_kembangs_additions(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.COACHING)
    add_session(p, program, on(-1, 5), "Kerangka laporan", form_a="Kebutuhan menulis",
                form_b="Laporan bulanan dinas", form_c="Menyusun kerangka laporan")
    response = client_as(p.participant_user).get(
        reverse("learning:program_record_pdf", args=[program.pk]))
    reader, pages = pdf_text(response)
    form = F.NGANJUK_FORMS[F.COACHING]
    text = pages[0]
    coach, coachee = p.coach, p.participant
    assert_in_order(text, [
        form.title, "NO.", "COACH", "NO.", "COACHEE",
        "1.", f"Nama : {coach.full_name}", "1.", f"Nama : {coachee.full_name}",
        "2.", f"NIP : {coach.nip_display}", "2.", f"NIP : {coachee.nip_display}",
        "3.", "Pangkat/Gol. : Penata Tingkat I / III/d", "3.",
        "Pangkat/Gol. : Penata Muda / III/a",
        "4.", "Jabatan : Kepala Bidang Uji", "4.", "Jabatan : Pengolah Data",
        "5.", "Unit Kerja : Dinas Uji", "5.", "Unit Kerja : Dinas Uji",
        "Hari/Tanggal :", "A. IDENTIFIKASI KEBUTUHAN PENGEMBANGAN", "Kebutuhan menulis",
        "B. HUBUNGAN TANGGUNG JAWAB PEKERJAAN", "Laporan bulanan dinas",
        "C. KEGIATAN PENGEMBANGAN", "Menyusun kerangka laporan",
        # The signatures, a column at a time: the coach's, then place, date, coachee's.
        "Coach", f"Nama : {coach.full_name}", f"NIP : {coach.nip_display}",
        f"{p.regency.name},", "Tempat, Tanggal, Bulan, Tahun", "Coachee",
        f"Nama : {coachee.full_name}", f"NIP : {coachee.nip_display}",
        # Kembang's additions after the seed's form.
        "Keterangan tambahan Kembang", "Durasi", "Cakupan", "Cara", "JP", "Divalidasi",
        "90 menit", "Nasional", "2",
    ])
    assert len(reader.pages) == 1
    assert "BELUM DIVALIDASI" not in text
    render_png(response, "nganjuk-formulir-pelaksanaan-coaching")


def test_nganjuk_mentoring_form_and_a_pppk_grade_without_pangkat(people_for):
    p = people_for("nganjuk")
    mentee = EmployeeFactory(unit=p.unit, position=p.participant.position, kind="pppk",
                             rank="IX", supervisor=p.coach, name="Mentee Pppk")
    program = make_program(p, ActivityType.MENTORING, participant=mentee)
    add_session(p, program, on(-1, 6), "Etika pelayanan", form_a="A", form_b="B",
                form_c="C isi")
    reader, pages = pdf_text(client_as(p.coach_user).get(
        reverse("learning:program_record_pdf", args=[program.pk])))
    assert_in_order(pages[0], [
        "FORMULIR MENTORING", "NO.", "MENTOR", "NO.", "MENTEE",
        "Pangkat/Gol. : Penata Tingkat I / III/d", "Pangkat/Gol. : Gol. IX",
        "Hari/Tanggal", "A. IDENTIFIKASI", "B. HUBUNGAN", "C. KEGIATAN PENGEMBANGAN", "C isi",
        "Mentor", "Tempat, Tanggal, Bulan, Tahun", "Mentee", "Keterangan tambahan Kembang"])


def test_only_validated_sessions_on_the_final_copy_initialled_ones_on_the_watermarked_draft(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.COACHING)
    add_session(p, program, on(-1, 5), "Sesi tervalidasi", form_c="Tervalidasi")
    add_session(p, program, on(-1, 12), "Sesi diparaf", status=S.CONFIRMED, form_c="Diparaf")
    add_session(p, program, on(-1, 14), "Sesi diajukan", status=S.SUBMITTED, form_c="Diajukan")
    client = client_as(p.participant_user)
    url = reverse("learning:program_record_pdf", args=[program.pk])
    reader, pages = pdf_text(client.get(url))
    text = " ".join(pages)
    assert len(pages) == 1 and "Tervalidasi" in text and "Diparaf" not in text
    assert "BELUM DIVALIDASI" not in text
    draft = client.get(url + "?draf=1")
    reader, pages = pdf_text(draft)
    assert len(pages) == 2  # one form per session
    assert all("BELUM DIVALIDASI" in page for page in pages)
    assert "Diparaf" in pages[1] and "Diajukan" not in " ".join(pages)
    assert "(2)" in pages[1]  # provisional JP in brackets
    render_png(draft, "nganjuk-salinan-belum-divalidasi")


# --- belitung-timur: the seed's tables, then the identity and signatures Kembang adds ------


@pytest.mark.parametrize("activity", [ActivityType.COACHING, ActivityType.MENTORING])
def test_belitung_timur_table_then_identity_and_signatures_after_it(people_for, activity):
    p = people_for("belitung-timur")
    program = make_program(p, activity)
    add_session(p, program, on(-1, 5), "Menyusun rencana aksi")
    response = client_as(p.participant_user).get(
        reverse("learning:program_record_pdf", args=[program.pk]))
    reader, pages = pdf_text(response)
    table = F.BELITUNG_TIMUR_TABLES[activity]
    text = pages[0]
    materi, paraf = (("Materi Bimbingan", "Paraf Pembimbing") if activity == "coaching"
                     else ("Materi Pendampingan", "Paraf Pendamping"))
    end_of_seed = assert_in_order(text, [
        table.heading, "No.", "Hari, Tanggal", materi, paraf,
        "1", "Senin, 5 Oktober 2026" if on(-1, 5) == dt.date(2026, 10, 5) else "",
        "Menyusun rencana aksi", "Diparaf"])
    # The seed has no identity block: it comes after the seed's content.
    assert text.find("Nama :") > end_of_seed
    assert_in_order(text[end_of_seed:], [
        "Keterangan tambahan Kembang", "Nama", p.participant.full_name, "NIP",
        p.participant.nip_display, "Jabatan", "Pengolah Data", "Durasi", "90 menit",
        *table.added_signatures])
    render_png(response, f"belitung-timur-{activity}")


def test_a_thirty_session_table_continues_on_a_second_page_with_the_header_repeated(
        people_for):
    p = people_for("belitung-timur")
    program = make_program(p, ActivityType.COACHING)
    for i in range(30):
        add_session(p, program, OCT + dt.timedelta(days=i), f"Materi ke-{i + 1}")
    reader, pages = pdf_text(client_as(p.participant_user).get(
        reverse("learning:program_record_pdf", args=[program.pk])))
    assert len(pages) >= 2
    header = ["No.", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"]
    for page in pages[:2]:
        assert_in_order(page, header)
    assert "Materi ke-30" in " ".join(pages)
    assert "Materi ke-1 " in pages[0] and "Materi ke-30" not in pages[0]


# --- langsa: Tabel Kegiatan (G, H, I) with header and signature blocks -----------------------


@pytest.mark.parametrize("activity", [ActivityType.COACHING, ActivityType.MENTORING,
                                      ActivityType.SELF_STUDY])
def test_langsa_tabel_kegiatan_with_identity_and_three_signature_blocks(people_for, activity):
    p = people_for("langsa")
    program = make_program(p, activity)
    add_session(p, program, on(-1, 5), "Analisis data kepegawaian")
    if activity == ActivityType.SELF_STUDY:
        SelfStudyClosing.objects.create(regency=p.regency, program=program,
                                        resume="Saya belajar tabel pivot")
    response = client_as(p.participant_user).get(
        reverse("learning:program_record_pdf", args=[program.pk]))
    reader, pages = pdf_text(response)
    table = F.LANGSA_TABLES[activity]
    paraf = "Paraf Atasan" if activity == ActivityType.SELF_STUDY else "Paraf Pembimbing"
    guide = "Atasan" if activity == ActivityType.SELF_STUDY else "Pembimbing"
    text = " ".join(pages)
    labels = [table.heading, "Nama", ":", p.participant.full_name, "NIP", ":",
              p.participant.nip_display, "Jabatan", ":", "Pengolah Data",
              "No", "Hari, Tanggal", "Materi Bimbingan", paraf,
              "1", "Analisis data kepegawaian", "Diparaf",
              guide, f"({p.coach.full_name})", "Peserta", f"({p.participant.full_name})",
              "Kepala Perangkat Daerah", "(....."]
    if activity == ActivityType.SELF_STUDY:
        labels += ["Resume hasil Belajar Mandiri", "Saya belajar tabel pivot"]
    assert_in_order(text, [*labels, "Keterangan tambahan Kembang", "Durasi", "90 menit"])
    render_png(response, f"langsa-{activity}")


# --- the evaluation forms -----------------------------------------------------------------


def test_coaching_evaluation_prints_the_seed_form_with_the_answers_and_never_to_the_coach(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.COACHING)
    session = add_session(p, program, on(-1, 5), "Kerangka", form_c="C")
    CoachEvaluation.objects.create(
        regency=p.regency, program=program, session=session, evaluator=p.participant,
        coach=p.coach, form_code="coaching_evaluation", answers=[3, 2, 3, 1, 3, 3, 2, 3, 3],
        suggestions="Lebih banyak contoh laporan")
    url = reverse("learning:coach_evaluation_pdf", args=[program.pk]) + f"?sesi={session.pk}"
    response = client_as(p.participant_user).get(url)
    reader, pages = pdf_text(response)
    paper = F.COACHING_EVALUATION
    from kembang.policy.builtin import COACHING_STATEMENTS

    statements = []
    for statement, answer in zip(COACHING_STATEMENTS, [3, 2, 3, 1, 3, 3, 2, 3, 3],
                                 strict=True):
        statements += [statement, str(answer)]
    assert_in_order(" ".join(pages), [
        paper.title, "NO.", "COACH", "NO.", "COACHEE",
        f"Nama : {p.coach.full_name}", f"Nama : {p.participant.full_name}",
        "Pangkat/Gol :", "Jabatan :", "Unit Kerja :", "Hari/Tanggal :",
        paper.instructions_heading, *paper.instructions, *statements,
        "Saran/masukan:", "Lebih banyak contoh laporan",
        f"{p.regency.name},", "Tempat, Tanggal, Bulan, Tahun", "Coachee",
        f"Nama : {p.participant.full_name}", f"NIP : {p.participant.nip_display}"])
    render_png(response, "formulir-evaluasi-coaching")
    # The coach, HR and the head of unit never get one coachee's evaluation.
    for user in (p.coach_user, p.hr_user, p.head_user, p.outsider_user):
        assert client_as(user).get(url).status_code == 404


def test_mentor_assessment_prints_the_statement_with_the_four_levels_and_the_explanation(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.MENTORING)
    MentorAssessment.objects.create(
        regency=p.regency, program=program, mentor=p.coach, form_code="mentor_assessment",
        score=3, label="Mampu", explanation="Isu pelayanan diselesaikan dengan baik")
    response = client_as(p.participant_user).get(
        reverse("learning:mentor_assessment_pdf", args=[program.pk]))
    reader, pages = pdf_text(response)
    paper = F.MENTOR_ASSESSMENT
    assert_in_order(" ".join(pages), [
        paper.title, "Nama", p.participant.full_name, "NIP", p.participant.nip_display,
        "Pangkat/Golongan", "Penata Muda / III/a", "Jabatan", "Pengolah Data",
        "Unit Kerja", "Dinas Uji", paper.statement_before,
        "Sangat Mampu/Mampu/Kurang Mampu/Tidak Mampu*", "melakukan penyelesaian kegiatan",
        "dengan penjelasan sebagai berikut:", "Isu pelayanan diselesaikan dengan baik",
        "Mentor,", f"Nama : {p.coach.full_name}", f"NIP : {p.coach.nip_display}",
        "Keterangan tambahan Kembang"])
    render_png(response, "penilaian-penyelesaian-kegiatan-mentor")
    assert client_as(p.outsider_user).get(
        reverse("learning:mentor_assessment_pdf", args=[program.pk])).status_code == 404


def test_every_paper_is_a4_with_embedded_fonts(people_for):
    p = people_for("langsa")
    program = make_program(p, ActivityType.COACHING)
    add_session(p, program, on(-1, 5), "Materi")
    response = client_as(p.participant_user).get(
        reverse("learning:program_record_pdf", args=[program.pk]))
    reader, _pages = pdf_text(response)
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox[2:]] == [595, 842]
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            descriptor = descendant.get("/FontDescriptor") or descendant[
                "/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()


# --- the screen uses the paper's labels -----------------------------------------------------


def test_the_program_page_uses_the_seed_labels_and_prints_the_paraf_column(people_for):
    p = people_for("belitung-timur")
    program = make_program(p, ActivityType.MENTORING)
    add_session(p, program, on(-1, 5), "Materi")
    page = client_as(p.participant_user).get(
        reverse("learning:program_detail", args=[program.pk])).content.decode()
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert_in_order(head, ["No.", "Hari, Tanggal", "Materi Pendampingan", "JP",
                           "d-print-table-cell", "Paraf Pendamping"])
    assert reverse("learning:program_record_pdf", args=[program.pk]) in page
