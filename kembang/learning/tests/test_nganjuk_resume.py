"""Issue 10 item 4: under `nganjuk` the *resume kegiatan* is section C of the participant's
form (Lampiran huruf C angka 3–4): the participant writes A/B/C — also on a session the
coach logged, at the acknowledgement — and *Materi* is not asked for. Services and pages."""

import pytest
from django.test import Client
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import iso, on
from kembang.learning.errors import RuleRefusal
from kembang.learning.forms import SessionForm
from kembang.learning.models import Program, Session
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.policy import profiles as P
from kembang.policy.builtin import BELITUNG_TIMUR, LANGSA, NGANJUK

S = Session.Status
DAY = on(-1, 5)
ABC = {"form_a": "Menyusun laporan kinerja", "form_b": "Tugas pelaporan unit",
       "form_c": "Menyusun kerangka laporan triwulan\nDiskusi data capaian"}


def start_coaching(p, **fields):
    """A running coaching program whose form has only section A (job link and planned
    activities left empty), so nothing pre-fills B and C."""
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan kinerja",
        performance_problem="Laporan sering terlambat", **fields)
    return programs.program_agree(actor=p.participant_user, program=program)


def coach_logs(p, program, **data):
    return sessions.session_log(actor=p.coach_user, program=program, data={
        "date": DAY, "mode": "luring", "scope": "nasional", **data}).session


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


# --- the profile data -----------------------------------------------------------------


def test_the_profiles_say_which_session_fields_are_required():
    by_id = {profile.id: profile for profile in (NGANJUK, LANGSA, BELITUNG_TIMUR)}
    nganjuk = by_id["nganjuk"].session_fields
    assert nganjuk.required == ("form_a", "form_b", "form_c")
    assert nganjuk.participant_writes and nganjuk.topic_from == "form_c"
    assert nganjuk.sections == ("form_a", "form_b", "form_c")
    assert "huruf C angka 3–4" in nganjuk.clause
    for other in ("langsa", "belitung-timur"):
        fields = by_id[other].session_fields
        assert fields.required == ("topic",) and not fields.participant_writes
        assert fields.sections == ()
    assert set(P.SESSION_FIELDS) == set(P.SESSION_RECORDS)


def test_the_derived_topic_is_the_first_line_of_c_cut_to_the_column():
    fields = P.SESSION_FIELDS[P.FORM_ABC]
    assert sessions.derived_topic(fields, {"form_c": "\n  Praktik laporan \nlagi"}) == (
        "Praktik laporan")
    long = sessions.derived_topic(fields, {"form_c": "x" * 300})
    assert len(long) == 255 and long.endswith("…")
    assert sessions.derived_topic(fields, {"form_c": ""}) == ""


# --- the participant logs --------------------------------------------------------------


def test_under_nganjuk_the_participant_submits_without_materi_and_c_becomes_the_topic(
        people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = sessions.session_log(actor=p.participant_user, program=program, submit=True,
                                   data={"date": DAY, "mode": "luring", "scope": "nasional",
                                         **ABC}).session
    assert session.status == S.SUBMITTED
    assert session.topic == "Menyusun kerangka laporan triwulan"
    assert session.form_c == ABC["form_c"]
    event = AuditEvent.objects.get(action="session.log", object_id=str(session.pk))
    assert event.changes["form_c"] == [None, ABC["form_c"]]


def test_under_nganjuk_the_participant_cannot_submit_without_section_c(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p, job_link="Tugas pelaporan unit")
    with pytest.raises(RuleRefusal) as error:
        sessions.session_log(actor=p.participant_user, program=program, submit=True,
                             data={"date": DAY, "mode": "luring", "scope": "nasional"})
    assert (error.value.code, error.value.field) == ("section_required", "form_c")
    assert "C. Kegiatan pengembangan" in error.value.message
    assert not Session.objects.exists()


def test_under_nganjuk_a_draft_may_wait_for_c_but_is_not_submitted_without_it(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p, job_link="Tugas pelaporan unit")
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": DAY, "mode": "luring", "scope": "nasional"}
                                 ).session
    assert draft.status == S.DRAFT and draft.topic == ""
    with pytest.raises(RuleRefusal) as error:
        sessions.session_submit(actor=p.participant_user, session=draft)
    assert error.value.field == "form_c"
    sessions.session_update(actor=p.participant_user, session=draft,
                            data={"date": DAY, "mode": "luring", "scope": "nasional",
                                  "topic": "", **ABC})
    draft.refresh_from_db()
    assert draft.topic == "Menyusun kerangka laporan triwulan"
    sessions.session_submit(actor=p.participant_user, session=draft)
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_a_derived_topic_follows_c_when_the_participant_corrects_it(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = sessions.session_log(actor=p.participant_user, program=program,
                                   data={"date": DAY, "mode": "luring", "scope": "nasional",
                                         **ABC}).session
    sessions.session_update(actor=p.participant_user, session=session, data={
        "date": DAY, "mode": "luring", "scope": "nasional", "topic": session.topic,
        **ABC | {"form_c": "Menyusun laporan triwulan III"}})
    session.refresh_from_db()
    assert session.topic == "Menyusun laporan triwulan III"


def test_elsewhere_materi_stays_required(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    with pytest.raises(RuleRefusal) as error:
        sessions.session_log(actor=p.participant_user, program=program,
                             data={"date": DAY, "mode": "luring", "scope": "nasional"})
    assert error.value.code == "topic_required"


# --- the coach logs, the participant writes at the acknowledgement ----------------------


def test_under_nganjuk_the_coach_logs_and_the_participant_writes_abc_when_acknowledging(
        people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = coach_logs(p, program)
    assert session.status == S.AWAITING_ACK
    assert (session.form_a, session.form_b, session.form_c) == (
        "Menyusun laporan kinerja", "", "")
    assert sessions.acknowledgement_fields(session) == ("form_a", "form_b", "form_c")

    with pytest.raises(RuleRefusal) as error:
        sessions.session_acknowledge(actor=p.participant_user, session=session)
    assert (error.value.code, error.value.field) == ("section_required", "form_b")
    session.refresh_from_db()
    assert session.status == S.AWAITING_ACK

    sessions.session_acknowledge(actor=p.participant_user, session=session, written={
        **ABC, "topic": "ignored", "minutes": 999})
    session.refresh_from_db()
    assert session.status == S.CONFIRMED
    assert (session.form_a, session.form_b, session.form_c) == (
        ABC["form_a"], ABC["form_b"], ABC["form_c"])
    assert session.topic == "Menyusun kerangka laporan triwulan"
    assert session.minutes is None
    event = AuditEvent.objects.get(action="session.acknowledge", object_id=str(session.pk))
    assert event.actor_id == p.participant_user.pk
    assert event.changes["form_c"] == ["", ABC["form_c"]]
    assert event.changes["form_b"] == ["", ABC["form_b"]]
    assert "form_a" not in event.changes  # unchanged
    assert event.changes["status"] == [S.AWAITING_ACK, S.CONFIRMED]


def test_a_blank_section_at_the_acknowledgement_is_refused_even_over_the_coachs_text(
        people_for):
    p = people_for("nganjuk")
    program = start_coaching(p, job_link="Tugas", planned_activities="Praktik")
    session = coach_logs(p, program, topic="Topik coach")
    with pytest.raises(RuleRefusal) as error:
        sessions.session_acknowledge(actor=p.participant_user, session=session,
                                     written={"form_c": "   "})
    assert error.value.field == "form_c"
    # A field left out keeps what the coach wrote; a topic the coach typed is kept.
    sessions.session_acknowledge(actor=p.participant_user, session=session,
                                 written={"form_c": "Praktik menyusun laporan"})
    session.refresh_from_db()
    assert (session.form_b, session.form_c, session.topic) == (
        "Tugas", "Praktik menyusun laporan", "Topik coach")


def test_elsewhere_the_acknowledgement_writes_nothing(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    session = coach_logs(p, program, topic="Materi coach")
    assert sessions.acknowledgement_fields(session) == ()
    sessions.session_acknowledge(actor=p.participant_user, session=session,
                                 written={"form_c": "x"})
    session.refresh_from_db()
    assert (session.status, session.form_c, session.topic) == (
        S.CONFIRMED, "", "Materi coach")


def test_no_session_is_logged_before_the_development_area_is_recorded(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    Program.objects.filter(pk=program.pk).update(development_need="")
    with pytest.raises(RuleRefusal) as error:
        coach_logs(p, program)
    assert error.value.code == "development_area_required"


# --- the pages -------------------------------------------------------------------------


def test_under_nganjuk_the_session_form_does_not_require_materi():
    form = SessionForm(self_study=False, abc_form=True)
    assert form.fields["topic"].required is False
    assert "C. Kegiatan pengembangan" in str(form.fields["topic"].help_text)
    assert SessionForm(self_study=False, abc_form=False).fields["topic"].required is True


def test_under_nganjuk_the_participant_logs_through_the_form_without_materi(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        {"date": iso(DAY), "mode": "luring", "scope": "nasional", "submit": "1",
         "submission_key": "k-resume-1", **ABC})
    session = Session.objects.get()
    assert response.status_code == 302
    assert (session.status, session.topic) == (S.SUBMITTED, "Menyusun kerangka laporan triwulan")


def test_the_session_page_shows_the_titled_sections_and_the_writing_step(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = coach_logs(p, program)
    url = reverse("learning:session_detail", args=[session.pk])

    page = client_as(p.participant_user).get(url).content.decode()
    for title in ("A. Identifikasi kebutuhan pengembangan",
                  "B. Hubungan tanggung jawab pekerjaan", "C. Kegiatan pengembangan"):
        assert f'<h2 class="h6 mb-1">{title}</h2>' in page
    assert 'id="acknowledge-form"' in page
    for name in ("form_a", "form_b", "form_c"):
        assert f'name="{name}"' in page
    assert "Menyusun laporan kinerja</textarea>" in page  # pre-filled with the coach's A
    assert "Setujui catatan ini" not in page

    coach_page = client_as(p.coach_user).get(url).content.decode()
    assert "A. Identifikasi kebutuhan pengembangan" in coach_page
    assert 'id="acknowledge-form"' not in coach_page


def test_the_acknowledgement_page_posts_abc_or_is_refused_with_the_section(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = coach_logs(p, program)
    client = client_as(p.participant_user)
    action = reverse("learning:session_action", args=[session.pk, "setujui"])

    response = client.post(action, {"form_a": ABC["form_a"], "form_b": "", "form_c": "x"},
                           follow=True)
    session.refresh_from_db()
    assert session.status == S.AWAITING_ACK
    assert "Wajib diisi oleh peserta: B. Hubungan tanggung jawab pekerjaan." in (
        response.content.decode())

    response = client.post(action, ABC, follow=True)
    session.refresh_from_db()
    assert session.status == S.CONFIRMED
    assert "Sesi disetujui." in response.content.decode()
    page = response.content.decode()
    assert "Diskusi data capaian" in page and "Belum diisi." not in page


def test_another_units_employee_cannot_acknowledge_or_write(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    session = coach_logs(p, program)
    response = client_as(p.outsider_user).post(
        reverse("learning:session_action", args=[session.pk, "setujui"]), ABC)
    assert response.status_code == 404
    session.refresh_from_db()
    assert (session.status, session.form_c) == (S.AWAITING_ACK, "")


def test_anonymous_cannot_acknowledge(people_for):
    p = people_for("nganjuk")
    session = coach_logs(p, start_coaching(p))
    response = Client().post(reverse("learning:session_action", args=[session.pk, "setujui"]),
                             ABC)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    session.refresh_from_db()
    assert session.status == S.AWAITING_ACK


def test_elsewhere_the_session_page_has_no_sections_and_a_plain_agreement(people_for):
    p = people_for("langsa")
    session = coach_logs(p, start_coaching(p), topic="Materi coach")
    page = client_as(p.participant_user).get(
        reverse("learning:session_detail", args=[session.pk])).content.decode()
    assert 'id="session-sections"' not in page and 'id="acknowledge-form"' not in page
    assert "Setujui catatan ini" in page
