"""The learning pages through Django's test client, logged in as the people who use them:
starting programs, logging sessions through the form, initials, validation, returns,
"my JP", the home page queues, bad input, and a constant number of queries per page."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, days_ago, iso, on, shown, this_month
from kembang.learning.models import Evidence, Program, Session, SessionTransition
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.organisation.tests.factories import EmployeeFactory, login_for

S = Session.Status
# The last day of next month: the scenario's programs run from the first of last month
# (OCT) to here. Was 31 December 2026 when the suite was written for 22 November 2026.
END = on(1, 31)
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def text_of(response) -> str:
    """The page's text without tags and with collapsed spaces, for phrase assertions."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def start_coaching(p):
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Menyusun laporan kinerja", job_link="Tugas pelaporan",
        planned_activities="Praktik bersama", performance_problem="Laporan sering terlambat")
    return programs.program_agree(actor=p.participant_user, program=program)


# The form's default session day: the 5th of last month (was 5 October 2026).
FIFTH = iso(on(-1, 5))


def session_post(day=FIFTH, topic="Menyusun kerangka laporan", **extra):
    data = {"date": day, "topic": topic, "mode": "luring", "scope": "nasional",
            "submission_key": extra.pop("submission_key", f"k-{day}-{topic[:20]}")}
    data.update(extra)
    return data


def log_submitted(p, program, day, topic=None, participant_user=None):
    return sessions.session_log(
        actor=participant_user or p.participant_user, program=program, submit=True,
        data={"date": day, "topic": topic or f"Materi {day:%d/%m}", "mode": "luring",
              "scope": "nasional"}).session


def log_confirmed(p, program, day, **kwargs):
    return sessions.session_confirm(actor=p.coach_user,
                                    session=log_submitted(p, program, day, **kwargs))


# --- starting programs --------------------------------------------------------------------


PROGRAM_FORM = {"start_date": iso(OCT), "end_date": iso(END), "mode": "luring",
                "development_need": "Menyusun laporan kinerja", "job_link": "Tugas pelaporan",
                "planned_activities": "Praktik menyusun laporan bersama",
                "goal": "Laporan tepat waktu"}


@pytest.mark.parametrize("profile_id", ["nganjuk", "langsa", "belitung-timur"])
def test_the_coach_proposes_coaching_and_the_coachee_agrees(people_for, profile_id):
    p = people_for(profile_id)
    coach = client_as(p.coach_user)
    page = coach.get(reverse("learning:program_start", args=["coaching"]))
    assert page.status_code == 200
    assert p.participant.full_name in html(page)
    data = PROGRAM_FORM | {"participant": p.participant.pk,
                           "performance_problem": "Laporan sering terlambat"}
    response = coach.post(reverse("learning:program_start", args=["coaching"]), data)
    assert response.status_code == 302
    program = Program.objects.get(participant=p.participant)
    assert (program.status, program.guide, program.profile_id) == (
        Program.Status.PROPOSED, p.coach, profile_id)
    assert response["Location"] == reverse("learning:program_detail", args=[program.pk])

    coachee = client_as(p.participant_user)
    detail = coachee.get(response["Location"])
    assert "Saya setuju (konsensus)" in html(detail)
    agreed = coachee.post(reverse("learning:program_agree", args=[program.pk]),
                          {"development_need": "Area: menyusun laporan kinerja"}, follow=True)
    assert "Kesepakatan tercatat" in html(agreed)
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE and program.agreed_at
    assert program.development_need == "Area: menyusun laporan kinerja"
    assert "Catat sesi" in html(agreed)


def test_belitung_timur_coaching_without_the_performance_problem_is_a_form_error(people_for):
    p = people_for("belitung-timur")
    response = client_as(p.coach_user).post(
        reverse("learning:program_start", args=["coaching"]),
        PROGRAM_FORM | {"participant": p.participant.pk})
    assert response.status_code == 200
    assert "permasalahan kinerja" in text_of(response).lower()
    assert "Belitung" in text_of(response)  # the refusal names the regulation
    assert not Program.objects.exists()


def test_the_coach_cannot_propose_coaching_to_someone_else_s_subordinate(people_for):
    p = people_for("langsa")
    stranger = EmployeeFactory(unit=p.other_unit, supervisor=p.outsider)
    response = client_as(p.coach_user).post(
        reverse("learning:program_start", args=["coaching"]),
        PROGRAM_FORM | {"participant": stranger.pk})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in html(response)
    assert response.context["form"].errors["participant"]
    assert not Program.objects.exists()


def test_mentoring_is_requested_by_the_employee_and_accepted_by_the_mentor(people_for):
    p = people_for("langsa")
    mentee = client_as(p.participant_user)
    response = mentee.post(reverse("learning:program_start", args=["mentoring"]),
                           PROGRAM_FORM | {"mentor": p.coach.pk})
    assert response.status_code == 302
    program = Program.objects.get(participant=p.participant)
    assert (program.activity, program.status) == ("mentoring", Program.Status.REQUESTED)

    mentor = client_as(p.coach_user)
    page = mentor.get(reverse("learning:program_detail", args=[program.pk]))
    assert "Terima permohonan" in html(page)
    declined = mentor.post(reverse("learning:program_answer", args=[program.pk]),
                           {"accept": "0", "reason": ""}, follow=True)
    assert "Tuliskan alasan menolak" in html(declined)
    program.refresh_from_db()
    assert program.status == Program.Status.REQUESTED
    mentor.post(reverse("learning:program_answer", args=[program.pk]), {"accept": "1"})
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE


def test_under_nganjuk_the_mentor_comes_from_the_appointed_pool(people_for):
    p = people_for("nganjuk")
    mentee = client_as(p.participant_user)
    page = mentee.get(reverse("learning:program_start", args=["mentoring"]))
    assert p.outsider.full_name in html(page)  # appointed, from another unit
    assert p.head.full_name not in html(page)  # not appointed
    refused = mentee.post(reverse("learning:program_start", args=["mentoring"]),
                          PROGRAM_FORM | {"mentor": p.head.pk})
    assert refused.status_code == 200 and refused.context["form"].errors["mentor"]
    accepted = mentee.post(reverse("learning:program_start", args=["mentoring"]),
                           PROGRAM_FORM | {"mentor": p.outsider.pk})
    assert accepted.status_code == 302


def test_the_supervisor_instructs_self_study_through_the_form_under_langsa(people_for):
    p = people_for("langsa")
    supervisor = client_as(p.coach_user)
    response = supervisor.post(
        reverse("learning:program_start", args=["belajar_mandiri"]),
        PROGRAM_FORM | {"participant": p.participant.pk,
                        "learning_sources": "Kursus daring analisis data",
                        "target_competencies": "Analisis data"})
    assert response.status_code == 302
    program = Program.objects.get(participant=p.participant)
    assert (program.activity, program.status) == ("belajar_mandiri", Program.Status.ACTIVE)
    assert program.learning_sources == "Kursus daring analisis data"


def test_the_self_study_instruction_form_is_offered_to_the_supervisor(people_for):
    p = people_for("langsa")
    supervisor = client_as(p.coach_user)
    page = supervisor.get(reverse("learning:program_start", args=["belajar_mandiri"]))
    assert page.status_code == 200
    assert p.participant.full_name in html(page)
    assert 'name="learning_sources"' in html(page)
    assert "Instruksikan belajar mandiri" in html(supervisor.get(reverse("learning:program_list")))


def test_a_self_study_session_form_asks_for_minutes_source_and_resume(people_for):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")
    participant = client_as(p.participant_user)
    url = reverse("learning:session_create", args=[program.pk])
    form = participant.get(url)
    for name in ("minutes", "learning_source", "resume"):
        assert f'name="{name}"' in html(form)
    missing = participant.post(url, session_post(submit="1", minutes="60"))
    assert missing.status_code == 200
    assert "Tuliskan resume singkat apa yang dipelajari." in html(missing)
    done = participant.post(url, session_post(submit="1", minutes="100", resume="Tabel pivot",
                                              learning_source="Kursus daring"))
    assert done.status_code == 302
    session = Session.objects.get()
    assert (session.minutes, session.status, str(session.jp_provisional)) == (
        100, S.SUBMITTED, "2.00")


def test_self_study_does_not_exist_under_nganjuk(people_for):
    p = people_for("nganjuk")
    response = client_as(p.coach_user).get(
        reverse("learning:program_start", args=["belajar_mandiri"]))
    assert response.status_code == 404
    assert client_as(p.coach_user).get(
        reverse("learning:program_start", args=["luar-angkasa"])).status_code == 404


# --- logging a session through the form -----------------------------------------------------


@pytest.fixture
def langsa_program(people_for):
    p = people_for("langsa")
    return p, start_coaching(p)


def test_the_session_form_carries_a_fresh_submission_key(langsa_program):
    p, program = langsa_program
    participant = client_as(p.participant_user)
    url = reverse("learning:session_create", args=[program.pk])
    first, second = participant.get(url), participant.get(url)
    keys = [r.context["form"].initial["submission_key"] for r in (first, second)]
    assert keys[0] and keys[0] != keys[1]
    assert f'name="submission_key" value="{keys[0]}"' in html(first)


def test_a_duplicate_submission_creates_one_session(langsa_program):
    p, program = langsa_program
    participant = client_as(p.participant_user)
    url = reverse("learning:session_create", args=[program.pk])
    data = session_post(submission_key="f0f1e2d3c4b5a6978877665544332211", submit="1")
    first = participant.post(url, data)
    second = participant.post(url, data)  # the double click / replayed request
    assert first.status_code == second.status_code == 302
    assert Session.objects.count() == 1
    session = Session.objects.get()
    assert first["Location"] == second["Location"] == reverse(
        "learning:session_detail", args=[session.pk])
    assert session.status == S.SUBMITTED
    assert SessionTransition.objects.filter(session=session).count() == 1
    assert AuditEvent.objects.filter(action="session.log").count() == 1


def test_two_forms_for_the_same_date_make_two_sessions_with_a_warning(langsa_program):
    p, program = langsa_program
    participant = client_as(p.participant_user)
    url = reverse("learning:session_create", args=[program.pk])
    participant.post(url, session_post(submission_key="a" * 32))
    second = participant.post(url, session_post(submission_key="b" * 32), follow=True)
    assert Session.objects.count() == 2
    assert any("Sudah ada sesi" in m for m in messages_of(second))


@pytest.mark.parametrize("day, message", [
    (iso(TODAY + DAY), "Tanggal sesi tidak boleh di masa depan."),  # tomorrow
    (iso(on(2, 5)), "Tanggal sesi tidak boleh di masa depan."),  # future and after the end
    (iso(OCT - DAY), f"Tanggal sesi harus dalam masa program ({shown(OCT)}–{shown(END)})."),
], ids=["tomorrow", "after-the-program", "before-the-program"])
def test_a_future_or_out_of_program_date_is_a_form_error_in_indonesian(
        langsa_program, day, message):
    p, program = langsa_program
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]), session_post(day=day))
    assert response.status_code == 200
    assert message in html(response)
    assert response.context["form"].errors["date"] == [message]
    assert not Session.objects.exists()


def upload(name: str, content: bytes, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("name, content, message", [
    ("besar.pdf", PDF + b"0" * (5 * 1024 * 1024 + 1 - len(PDF)), "Berkas terlalu besar (5,0 MB); batasnya 5 MB."),
    ("laporan.pdf", b"Ini hanya teks biasa, bukan PDF.\n" * 10, "Berkas laporan.pdf bukan PDF, JPG atau PNG."),
    ("foto.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "Berkas foto.png bukan PDF, JPG atau PNG."),
], ids=["over-5-mb", "text-named-pdf", "exe-named-png"])
def test_oversized_or_disguised_evidence_is_refused_with_a_message(
        langsa_program, name, content, message):
    p, program = langsa_program
    participant = client_as(p.participant_user)
    response = participant.post(reverse("learning:session_create", args=[program.pk]),
                                session_post(evidence=upload(name, content), submit="1"))
    assert response.status_code == 200
    assert message in html(response)
    assert not Session.objects.exists() and not Evidence.objects.exists()

    # The same file added later to a draft is refused too, with the message shown.
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": on(-1, 5), "topic": "t"}).session
    attached = participant.post(reverse("learning:session_attach", args=[draft.pk]),
                                {"evidence": upload(name, content)}, follow=True)
    assert attached.status_code == 200
    assert message in messages_of(attached)
    assert not Evidence.objects.exists()


def test_real_evidence_is_stored_under_a_new_name_and_served_only_with_its_type(
        langsa_program):
    p, program = langsa_program
    participant = client_as(p.participant_user)
    response = participant.post(
        reverse("learning:session_create", args=[program.pk]),
        session_post(scope="internasional", submit="1",
                     evidence=upload("sertifikat luar negeri.png", PNG, "image/png")))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "sertifikat luar negeri.png"
    assert evidence.content_type == "image/png"
    assert "luar" not in evidence.file.name  # never the client's name on disk
    download = participant.get(reverse("learning:evidence_download",
                                       args=[evidence.session_id, evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PNG


def test_an_international_session_without_evidence_is_a_form_error(langsa_program):
    p, program = langsa_program
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        session_post(scope="internasional", submit="1"))
    assert response.status_code == 200
    assert "wajib dilampiri bukti" in html(response)
    assert not Session.objects.exists()


@pytest.mark.parametrize("field, value", [
    ("scope", "luar-angkasa"),
    ("mode", "x"),
    ("date", "2026-13-45"),
    ("date", ""),
    ("topic", ""),
    ("topic", "x" * 300),
    ("submission_key", "k" * 65),
])
def test_a_tampered_session_field_is_a_form_error_never_a_500(langsa_program, field, value):
    p, program = langsa_program
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        session_post(**{field: value, "submit": "1"}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Session.objects.exists()


@pytest.mark.parametrize("minutes", ["-5", "0", "abc", "1441", ""])
def test_tampered_self_study_minutes_are_a_form_error(people_for, minutes):
    p = people_for("langsa")
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        session_post(minutes=minutes, resume="Tabel pivot", learning_source="Kursus",
                     submit="1"))
    assert response.status_code == 200
    assert response.context["form"].errors.get("minutes")
    assert not Session.objects.exists()


def test_minutes_sent_to_a_coaching_form_are_ignored(langsa_program):
    p, program = langsa_program
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]), session_post(minutes="-5"))
    assert response.status_code == 302
    assert Session.objects.get().minutes is None


def test_logging_into_someone_else_s_program_is_404(people_for):
    p = people_for("langsa")
    theirs = start_coaching(p)
    other = EmployeeFactory(unit=p.unit, supervisor=p.coach, position=p.participant.position)
    intruder = client_as(login_for(other))
    url = reverse("learning:session_create", args=[theirs.pk])
    assert intruder.get(url).status_code == 404
    assert intruder.post(url, session_post(submit="1")).status_code == 404
    assert not Session.objects.exists()


@pytest.mark.parametrize("path", [
    "/program/99999999999999999999999/",
    "/sesi/99999999999999999999999/",
    "/sesi/99999999999999999999999/paraf/",
    "/sesi/1/bukti/99999999999999999999999/",
])
def test_absurdly_large_ids_are_404_not_500(langsa_program, path):
    p, _program = langsa_program
    client = client_as(p.participant_user)
    response = client.post(path) if path.endswith("paraf/") else client.get(path)
    assert response.status_code == 404


def test_a_foreign_next_url_after_an_action_is_ignored(langsa_program):
    p, program = langsa_program
    session = log_submitted(p, program, on(-1, 5))
    response = client_as(p.coach_user).post(
        reverse("learning:session_action", args=[session.pk, "paraf"]),
        {"next": "https://contoh-jahat.example/masuk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:session_detail", args=[session.pk])


# --- initials, validation, returns ------------------------------------------------------------


def test_the_coach_initials_and_hr_validates_many_with_one_post(langsa_program):
    p, program = langsa_program
    submitted = [log_submitted(p, program, on(-1, d)) for d in (5, 12, 19)]
    coach = client_as(p.coach_user)
    for session in submitted:
        page = coach.get(reverse("learning:session_detail", args=[session.pk]))
        assert "Paraf" in html(page)
        done = coach.post(reverse("learning:session_action", args=[session.pk, "paraf"]),
                          follow=True)
        assert "Sesi diparaf." in messages_of(done)
    assert set(Session.objects.values_list("status", flat=True)) == {S.CONFIRMED}

    hr = client_as(p.hr_user)
    queue = hr.get(reverse("learning:validation_queue"))
    ids = [str(s.pk) for s in submitted]
    for pk in ids:
        assert f'name="session" value="{pk}"' in html(queue)
    response = hr.post(reverse("learning:validate_many"), {"session": ids}, follow=True)
    assert "3 sesi divalidasi." in messages_of(response)
    assert set(Session.objects.values_list("status", flat=True)) == {S.VALIDATED}
    assert AuditEvent.objects.filter(action="session.validate").count() == 3
    assert set(Session.objects.values_list("validated_by", flat=True)) == {p.hr_user.pk}
    assert "Tidak ada sesi yang menunggu validasi." in html(response)


def test_validate_many_reports_what_it_could_not_validate(langsa_program):
    p, program = langsa_program
    confirmed = log_confirmed(p, program, on(-1, 5))
    submitted = log_submitted(p, program, on(-1, 6))
    response = client_as(p.hr_user).post(
        reverse("learning:validate_many"),
        {"session": [confirmed.pk, submitted.pk, "abc", "424242"]}, follow=True)
    said = messages_of(response)
    assert "1 sesi divalidasi." in said
    assert any("tidak lagi menunggu validasi Anda" in m for m in said)
    assert not any("424242" in m for m in said)  # never a raw id
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_single_validation_from_the_session_page(langsa_program):
    p, program = langsa_program
    session = log_confirmed(p, program, on(-1, 5))
    hr = client_as(p.hr_user)
    assert "Validasi" in html(hr.get(reverse("learning:session_detail", args=[session.pk])))
    done = hr.post(reverse("learning:session_action", args=[session.pk, "validasi"]),
                   follow=True)
    assert "Sesi divalidasi." in messages_of(done)
    assert "2 JP" in text_of(done)  # langsa: 2 JP for a national coaching session


def test_a_returned_session_is_corrected_resubmitted_and_initialled_again(langsa_program):
    p, program = langsa_program
    session = log_submitted(p, program, on(-1, 5), topic="Materi kabur")
    coach = client_as(p.coach_user)
    action = reverse("learning:session_action", args=[session.pk, "kembalikan"])
    no_reason = coach.post(action, {"reason": "  "}, follow=True)
    assert "Tuliskan alasan pengembalian." in messages_of(no_reason)
    session.refresh_from_db()
    assert session.status == S.SUBMITTED
    coach.post(action, {"reason": "Materi belum jelas; sebutkan laporan yang dibahas."})
    session.refresh_from_db()
    assert session.status == S.RETURNED

    participant = client_as(p.participant_user)
    home = participant.get("/")
    assert f"Perbaiki sesi {shown(on(-1, 5))} yang dikembalikan" in html(home)
    detail = participant.get(reverse("learning:session_detail", args=[session.pk]))
    assert "Materi belum jelas; sebutkan laporan yang dibahas." in html(detail)
    assert "Ubah" in html(detail) and "Ajukan untuk diparaf" in html(detail)
    edit_url = reverse("learning:session_edit", args=[session.pk])
    assert 'value="Materi kabur"' in html(participant.get(edit_url))
    saved = participant.post(edit_url, {"date": iso(on(-1, 5)), "mode": "luring",
                                        "scope": "nasional",
                                        "topic": "Menyusun laporan kinerja triwulan III"})
    assert saved.status_code == 302
    participant.post(reverse("learning:session_action", args=[session.pk, "ajukan"]))
    session.refresh_from_db()
    assert (session.status, session.topic) == (S.SUBMITTED,
                                               "Menyusun laporan kinerja triwulan III")
    coach.post(reverse("learning:session_action", args=[session.pk, "paraf"]))
    session.refresh_from_db()
    assert session.status == S.CONFIRMED
    assert list(session.transitions.values_list("to_status", flat=True)) == [
        "submitted", "returned", "submitted", "confirmed"]


def test_hr_returns_a_confirmed_session_and_it_goes_through_initials_again(langsa_program):
    p, program = langsa_program
    session = log_confirmed(p, program, on(-1, 5))
    hr = client_as(p.hr_user)
    assert "Kembalikan dengan alasan" in html(
        hr.get(reverse("learning:session_detail", args=[session.pk])))
    hr.post(reverse("learning:session_action", args=[session.pk, "kembalikan"]),
            {"reason": "Bukti daftar hadir belum ada."})
    session.refresh_from_db()
    assert (session.status, session.status_reason) == (S.RETURNED,
                                                       "Bukti daftar hadir belum ada.")
    participant = client_as(p.participant_user)
    participant.post(reverse("learning:session_action", args=[session.pk, "ajukan"]))
    session.refresh_from_db()
    assert session.status == S.SUBMITTED  # back to the coach, not straight to HR
    assert session.pk not in [s.pk for s in client_as(p.hr_user).get(
        reverse("learning:validation_queue")).context["page_obj"]]


def test_the_coach_can_return_a_session_they_already_initialled(langsa_program):
    p, program = langsa_program
    session = log_confirmed(p, program, on(-1, 5))
    coach = client_as(p.coach_user)
    assert "Kembalikan dengan alasan" in html(
        coach.get(reverse("learning:session_detail", args=[session.pk])))
    coach.post(reverse("learning:session_action", args=[session.pk, "kembalikan"]),
               {"reason": "Saya salah memaraf: tanggalnya keliru."})
    session.refresh_from_db()
    assert session.status == S.RETURNED


def test_a_confirmed_session_cannot_be_edited(langsa_program):
    p, program = langsa_program
    session = log_confirmed(p, program, on(-1, 5))
    participant = client_as(p.participant_user)
    url = reverse("learning:session_edit", args=[session.pk])
    assert participant.get(url).status_code == 404
    assert participant.post(url, {"date": iso(on(-1, 5)), "mode": "luring", "scope": "nasional",
                                  "topic": "diam-diam"}).status_code == 404
    session.refresh_from_db()
    assert session.topic != "diam-diam"


def test_the_coach_logs_on_behalf_and_the_participant_acknowledges(langsa_program):
    p, program = langsa_program
    coach = client_as(p.coach_user)
    form = coach.get(reverse("learning:session_create", args=[program.pk]))
    assert "atas nama peserta" in html(form)
    coach.post(reverse("learning:session_create", args=[program.pk]), session_post())
    session = Session.objects.get()
    assert (session.status, session.on_behalf) == (S.AWAITING_ACK, True)
    participant = client_as(p.participant_user)
    assert "yang dicatat pembimbing" in html(participant.get("/"))
    participant.post(reverse("learning:session_action", args=[session.pk, "setujui"]))
    session.refresh_from_db()
    assert session.status == S.CONFIRMED and session.confirmed_by == p.coach_user


# --- my JP and home ---------------------------------------------------------------------------


# "My JP" for the year of the scenario's sessions (last month's), which is not this year's
# on 1 January.
LAST_MONTH_S_YEAR = {"tahun": OCT.year}


def jp_cells(response) -> list[str]:
    """The JP column of the per-session table of "my JP"."""
    table = html(response).split("Rincian per sesi", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [re.sub(r"<[^>]+>|\s", "", row[2]) for row in cells]


@pytest.mark.parametrize("profile_id, expected, total", [
    ("nganjuk", ["4", "4", "0"], "8"),
    ("langsa", ["2", "2", "0"], "4"),
    ("belitung-timur", ["2", "2", "0"], "4"),
])
def test_my_jp_shows_the_official_total_and_why_a_capped_session_earns_nothing(
        people_for, profile_id, expected, total):
    p = people_for(profile_id)
    program = start_coaching(p)
    for day in (5, 12, 19):
        sessions.session_validate(actor=p.hr_user, session=log_confirmed(
            p, program, on(-1, day)))
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), LAST_MONTH_S_YEAR)
    assert response.status_code == 200
    assert jp_cells(response) == expected
    official = re.search(r'id="jp-official"><strong>([^<]+)</strong>', html(response))
    assert official.group(1) == total
    assert "Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini (sesi ke-3, maks. 2)." \
        in html(response)


def test_my_jp_shows_pending_sessions_in_brackets(langsa_program):
    p, program = langsa_program
    validated = log_confirmed(p, program, on(-1, 5))
    sessions.session_validate(actor=p.hr_user, session=validated)
    log_submitted(p, program, on(-1, 7))
    sessions.session_log(actor=p.participant_user, program=program,
                         data={"date": on(-1, 9), "topic": "Draf"})
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), LAST_MONTH_S_YEAR)
    assert jp_cells(response) == ["2", "(2)", "—"]  # official, provisional, a draft: none
    assert "Termasuk sesi yang belum divalidasi: 4 JP (sementara)." in html(response)


def international_self_study(p):
    program = programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")
    logged = sessions.session_log(
        actor=p.participant_user, program=program, submit=True,
        evidence=upload("sertifikat.pdf", PDF),
        data={"date": on(-1, 6), "topic": "Kursus luar negeri",
              "mode": "daring", "scope": "internasional", "minutes": 90,
              "resume": "Statistik", "learning_source": "Universitas luar negeri"})
    confirmed = sessions.session_confirm(actor=p.coach_user, session=logged.session)
    return sessions.session_validate(actor=p.hr_user, session=confirmed)


def test_an_international_self_study_day_earns_2_4_jp_with_the_reason(people_for):
    p = people_for("langsa")
    session = international_self_study(p)
    session.refresh_from_db()
    assert str(session.jp) == "2.40"
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), LAST_MONTH_S_YEAR)
    assert "Internasional: × 1,2." in html(response)


def test_my_jp_shows_2_4_jp_with_a_decimal_comma(people_for):
    p = people_for("langsa")
    international_self_study(p)
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), LAST_MONTH_S_YEAR)
    assert jp_cells(response) == ["2,4"]
    official = re.search(r'id="jp-official"><strong>([^<]+)</strong>', html(response))
    assert official.group(1) == "2,4"




@pytest.mark.parametrize("year", ["abc", "2026x", "99999", "0", "-1", "10000"])
def test_my_jp_with_a_tampered_year_is_not_a_500(langsa_program, year):
    p, _program = langsa_program
    response = client_as(p.participant_user).get(reverse("learning:my_jp"), {"tahun": year})
    assert response.status_code in (200, 404)


def test_the_home_page_shows_the_coach_s_sessions_to_initial_and_hr_s_count(langsa_program):
    p, program = langsa_program
    waiting = [log_submitted(p, program, on(-1, d), topic=f"Topik {d}")
               for d in (5, 12)]
    log_confirmed(p, program, on(-1, 19))
    coach_home = client_as(p.coach_user).get("/")
    assert "Menunggu paraf Anda" in html(coach_home)
    for session in waiting:
        assert reverse("learning:session_detail", args=[session.pk]) in html(coach_home)
        assert f"{session.date:%d/%m/%Y}: {session.topic}" in html(coach_home)
    hr_home = client_as(p.hr_user).get("/")
    assert "1 sesi menunggu validasi." in html(hr_home)
    assert "Menunggu paraf Anda" not in html(hr_home)
    participant_home = client_as(p.participant_user).get("/")
    assert "Menunggu paraf Anda" not in html(participant_home)


# --- a constant number of queries as the data grows ---------------------------------------------


class Growth:
    """A unit whose coach guides several participants; sessions are added in steps and
    the pages are measured after each step."""

    def __init__(self, p):
        self.p = p
        self.members = [(p.participant, p.participant_user)]
        for n in range(2):
            employee = EmployeeFactory(unit=p.unit, supervisor=p.coach,
                                       position=p.participant.position, is_talent=True,
                                       name=f"Peserta Tambahan {n}")
            self.members.append((employee, login_for(employee)))
        self.programs = []
        for employee, user in self.members:
            program = programs.coaching_propose(
                actor=p.coach_user, participant=employee, start_date=OCT, end_date=END,
                development_need="Laporan", performance_problem="Terlambat",
                job_link="Pelaporan", planned_activities="Praktik")  # Nganjuk's B and C
            self.programs.append(programs.program_agree(actor=user, program=program))
        # Every day from the first of last month to two days ago (was 1 October to
        # 20 November 2026); the sessions drawn all fall in last month.
        self.days = iter(OCT + n * DAY for n in range((days_ago(2) - OCT).days + 1))
        self.count = 0

    def add(self, n: int, member: int | None = None):
        """n sessions, round robin over the participants unless `member` is given: the
        first participant's cycle through validated, confirmed, submitted and returned;
        the others' are confirmed (they fill the validation queue)."""
        for _ in range(n):
            index = member if member is not None else self.count % len(self.members)
            _employee, user = self.members[index]
            program = self.programs[index]
            day = next(self.days)
            session = sessions.session_log(
                actor=user, program=program, submit=True,
                data={"date": day, "topic": f"Materi {self.count}", "mode": "luring",
                      "scope": "nasional"}).session
            kind = self.count % 4 if index == 0 else 1
            if kind in (0, 1):
                session = sessions.session_confirm(actor=self.p.coach_user, session=session)
            if kind == 0:
                sessions.session_validate(actor=self.p.hr_user, session=session)
            if kind == 3:
                sessions.session_return(actor=self.p.coach_user, session=session,
                                        reason="Perbaiki")
            self.count += 1


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who, url", [
    ("hr_user", "/validasi/"),
    ("participant_user", f"/jp/?tahun={OCT.year}"),
    ("participant_user", "/"),
    ("coach_user", "/"),
    ("hr_user", "/"),
    ("coach_user", "/program/"),
])
def test_pages_keep_a_constant_number_of_queries_as_sessions_grow(people_for, who, url):
    p = people_for("langsa")
    growth = Growth(p)
    client = client_as(getattr(p, who))
    growth.add(2, member=0)
    client.get(url)  # warm caches (content types, translations)
    small = queries(client, url)
    growth.add(10)
    assert Session.objects.count() == 12
    large = queries(client, url)
    assert large == small, f"{url} as {who}: {small} queries with 2 sessions, {large} with 12"


@pytest.mark.parametrize("profile_id", ["nganjuk", "langsa"])
@pytest.mark.parametrize("who", ["participant_user", "coach_user", "hr_user"])
def test_the_program_page_keeps_a_constant_number_of_queries(people_for, profile_id, who):
    """Under nganjuk the page offers an evaluation per initialled session."""
    p = people_for(profile_id)
    growth = Growth(p)
    client = client_as(getattr(p, who))
    url = reverse("learning:program_detail", args=[growth.programs[0].pk])
    growth.add(2, member=0)
    client.get(url)
    small = queries(client, url)
    growth.add(10, member=0)
    large = queries(client, url)
    assert large == small, f"{small} queries with 2 sessions, {large} with 12"


def test_the_validation_queue_lists_sessions_of_several_participants(people_for):
    p = people_for("langsa")
    growth = Growth(p)
    for member in range(3):
        growth.add(2, member=member)
    response = client_as(p.hr_user).get("/validasi/")
    for employee, _user in growth.members:
        assert employee.full_name in html(response)




@pytest.mark.parametrize("query", [
    {"unit": "99999999999999999999999"},
    {"unit": "abc"}, {"unit": "-1"},
    {"kegiatan": "luar-angkasa"}, {"page": "-1"}, {"page": "abc"}, {"page": "99999"},
    {"internasional": "1"},
])
def test_tampered_validation_queue_filters_are_not_a_500(langsa_program, query):
    p, program = langsa_program
    log_confirmed(p, program, on(-1, 5))
    response = client_as(p.hr_user).get(reverse("learning:validation_queue"), query)
    assert response.status_code == 200


@pytest.mark.parametrize("ids", [
    ["abc", "-1", "1.5", ""],
    ["99999999999999999999999"],
], ids=["not-numbers", "huge"])
def test_tampered_validate_many_ids_are_ignored_not_a_500(langsa_program, ids):
    p, program = langsa_program
    session = log_confirmed(p, program, on(-1, 5))
    response = client_as(p.hr_user).post(reverse("learning:validate_many"),
                                         {"session": [*ids, session.pk]})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == S.VALIDATED


@pytest.mark.parametrize("change", [
    {"start_date": iso(this_month(1)), "end_date": iso(OCT)},
    {"mode": "x"},
    {"participant": ""},
    {"participant": "abc"},
    {"start_date": "kemarin"},
], ids=["end-before-start", "mode", "no-participant", "participant-not-a-number", "date"])
def test_a_tampered_program_form_is_a_form_error(people_for, change):
    p = people_for("langsa")
    response = client_as(p.coach_user).post(
        reverse("learning:program_start", args=["coaching"]),
        PROGRAM_FORM | {"participant": p.participant.pk} | change)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Program.objects.exists()

