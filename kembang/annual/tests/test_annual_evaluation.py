"""The annual evaluation (docs/annual-evaluation.md): the figures, the anonymity of the
coaching evaluations (docs/annual-evaluation.md#coaching-evaluations-and-anonymity), scope, the audited writes, the PDF, the queries."""

import datetime as dt
import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from kembang.annual.models import RegencyConclusion, UnitEvaluation
from kembang.annual.selectors import annual_evaluation
from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY
from kembang.learning.models import (
    ActivityType,
    CoachEvaluation,
    MentorAssessment,
    Program,
    Session,
)
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

PAGE, PDF = "/evaluasi-tahunan/", "/evaluasi-tahunan/unduh/evaluasi-tahunan.pdf"
WRITE_UNIT, WRITE_CONCLUSION = "/evaluasi-tahunan/evaluasi-unit/", "/evaluasi-tahunan/kesimpulan/"
YEAR = TODAY.year
START = dt.date(YEAR, 1, 1)
TOO_FEW = "Terlalu sedikit penilai untuk ditampilkan"
S = Program.Status


def _program(p, *, guide, participant, activity=ActivityType.COACHING, status=S.ACTIVE,
             start=START, end=TODAY):
    return Program.objects.create(
        regency=p.regency, activity=activity, participant=participant, guide=guide,
        status=status, development_need="Kebutuhan", start_date=start, end_date=end,
        profile_id=p.regency.profile_id, started_by=p.hr_user)


def _session(p, program, status=Session.Status.VALIDATED, day=TODAY):
    return Session.objects.create(
        regency=p.regency, program=program, participant=program.participant,
        activity=program.activity, unit=program.participant.unit, date=day, topic="Materi",
        status=status, logged_by=p.hr_user)


def _coachee(p, name, unit=None):
    return EmployeeFactory(unit=unit or p.unit, position=p.participant.position,
                           supervisor=p.coach, name=name)


def _evaluate(p, program, answers, suggestion=""):
    return CoachEvaluation.objects.create(
        regency=p.regency, program=program, evaluator=program.participant,
        coach=program.guide, form_code="coaching_evaluation", answers=answers,
        suggestions=suggestion)


def _admin(p):
    admin = login_for(regency=p.regency, username=f"bkpsdm.{p.regency.slug}")
    grant(admin, Role.HR_ADMIN)
    return admin


@pytest.fixture
def world(people_for):
    p = people_for("nganjuk")
    p.admin = _admin(p)
    return p


def _coach_line(evaluation, coach):
    return next(line for line in evaluation.coaches if line.employee.pk == coach.pk)


# --- the figures ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_coach_averages_show_only_over_three_distinct_evaluators(client, world):
    p = world
    answers = [[3] * 9, [2] * 9, [1] * 8 + [3]]
    people = [_coachee(p, f"Coachee {n}") for n in "ABC"]
    programs = [_program(p, guide=p.coach, participant=c) for c in people]
    _evaluate(p, programs[0], answers[0], "Lebih sering bertemu")
    _evaluate(p, programs[1], answers[1], "Contoh yang konkret")
    # The same coachee twice is still one evaluator.
    _evaluate(p, _program(p, guide=p.coach, participant=people[0]), answers[0], "Tiga kali")
    line = _coach_line(annual_evaluation(p.regency, year=YEAR), p.coach)
    assert line.evaluation is None
    client.force_login(p.hr_user)
    page = client.get(PAGE, {"unit": p.unit.pk, "tahun": YEAR}).content.decode()
    assert TOO_FEW in page and "Lebih sering bertemu" not in page  # no suggestion either

    _evaluate(p, programs[2], answers[2], "Contoh yang konkret")
    line = _coach_line(annual_evaluation(p.regency, year=YEAR), p.coach)
    assert (line.evaluation.evaluators, line.evaluation.responses) == (3, 4)
    means = [mean for _item, mean in line.evaluation.item_means]
    assert len(means) == 9
    assert means[0] == Decimal("2.25")  # (3 + 2 + 3 + 1) / 4
    assert means[8] == Decimal("2.75")  # (3 + 2 + 3 + 3) / 4
    # Sorted, not in the order written: no order ties a suggestion to an evaluator.
    assert line.evaluation.suggestions == ["Contoh yang konkret", "Contoh yang konkret",
                                           "Lebih sering bertemu", "Tiga kali"]
    page = client.get(PAGE, {"unit": p.unit.pk, "tahun": YEAR}).content.decode()
    assert TOO_FEW not in page and "Lebih sering bertemu" in page and "2,25" in page


@pytest.mark.django_db
def test_evaluations_of_another_year_are_not_counted(world):
    p = world
    for n in "ABC":
        program = _program(p, guide=p.coach, participant=_coachee(p, f"Coachee {n}"))
        evaluation = _evaluate(p, program, [3] * 9)
        # Mid-year of the year before, wherever the pinned "now" falls in UTC.
        CoachEvaluation.objects.filter(pk=evaluation.pk).update(
            created_at=datetime(YEAR - 1, 6, 15, 12, tzinfo=dt.UTC))
    assert _coach_line(annual_evaluation(p.regency, year=YEAR), p.coach).evaluation is None


@pytest.mark.django_db
def test_mentor_distribution_and_completed_against_abandoned(world):
    p = world
    mentees = [_coachee(p, f"Mentee {n}") for n in "ABCDE"]
    closed = [_program(p, guide=p.coach, participant=m, activity=ActivityType.MENTORING,
                       status=S.CLOSED) for m in mentees[:3]]
    for program, (score, label) in zip(closed, [(4, "Sangat Mampu"), (3, "Mampu"),
                                                (3, "Mampu")], strict=True):
        MentorAssessment.objects.create(regency=p.regency, program=program, mentor=p.coach,
                                        form_code="mentor_assessment", score=score,
                                        label=label, explanation="Baik")
    _program(p, guide=p.coach, participant=mentees[3], activity=ActivityType.MENTORING,
             status=S.CANCELLED)
    _program(p, guide=p.coach, participant=mentees[4], activity=ActivityType.MENTORING,
             status=S.DECLINED)
    coaching = _program(p, guide=p.coach, participant=p.participant, status=S.CLOSED)
    _session(p, coaching)
    _session(p, coaching, Session.Status.SUBMITTED)
    _session(p, coaching, day=dt.date(YEAR - 1, 12, 31))  # another year
    _program(p, guide=p.coach, participant=p.participant, status=S.ACTIVE)
    evaluation = annual_evaluation(p.regency, year=YEAR)
    [mentor] = evaluation.mentors
    assert mentor.distribution == [("Sangat Mampu", 1), ("Mampu", 2), ("Kurang Mampu", 0),
                                   ("Tidak Mampu", 0)]
    assert (mentor.completed, mentor.abandoned, mentor.program_count) == (3, 2, 5)
    [coach] = evaluation.coaches
    assert (coach.completed, coach.abandoned, coach.program_count) == (1, 0, 2)
    assert coach.sessions == {Session.Status.VALIDATED: 1, Session.Status.SUBMITTED: 1}
    assert evaluation.totals(evaluation.mentors)["completed"] == 3


@pytest.mark.django_db
def test_a_unit_counts_its_participants_programs_only(world):
    p = world
    _program(p, guide=p.coach, participant=p.participant)
    _program(p, guide=p.outsider, participant=_coachee(p, "Lain", p.other_unit))
    assert [line.employee for line in annual_evaluation(
        p.regency, year=YEAR, unit=p.unit).coaches] == [p.coach]
    assert len(annual_evaluation(p.regency, year=YEAR).coaches) == 2


# --- which clause the page cites ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("profile_id, cites", [("nganjuk", True), ("langsa", False),
                                               ("belitung-timur", False)])
def test_the_page_cites_nganjuk_only_under_nganjuk(client, people_for, profile_id, cites):
    p = people_for(profile_id)
    client.force_login(p.hr_user)
    page = client.get(PAGE).content.decode()
    assert ("huruf C angka 9" in page and "huruf E angka 3" in page) is cites
    assert ("halaman pemantauan Kembang" in page) is not cites


# --- scope ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scope_per_role(client, world):
    p = world
    _program(p, guide=p.coach, participant=p.participant)
    client.force_login(p.admin)
    response = client.get(PAGE)
    assert response.status_code == 200 and response.context["unit"] is None
    assert client.get(PAGE, {"unit": p.other_unit.pk}).status_code == 200
    client.force_login(p.hr_user)
    response = client.get(PAGE)
    assert response.context["unit"] == p.unit and response.context["may_write_unit"]
    assert client.get(PAGE, {"unit": p.other_unit.pk}).status_code == 404
    client.force_login(p.head_user)
    response = client.get(PAGE)
    assert response.status_code == 200 and response.context["unit"] == p.unit
    assert not response.context["may_write_unit"] and not response.context["may_conclude"]
    assert 'name="text"' not in response.content.decode()
    other_hr = login_for(EmployeeFactory(unit=p.other_unit, name="SDM Lain"))
    grant(other_hr, Role.HR_OFFICER, p.other_unit)
    client.force_login(other_hr)
    assert client.get(PAGE, {"unit": p.unit.pk}).status_code == 404
    assert client.get(PDF, {"unit": p.unit.pk}).status_code == 404
    for user in (p.participant_user, p.coach_user):
        client.force_login(user)
        assert client.get(PAGE).status_code == 404
        assert client.get(PDF).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("tahun", ["abc", "1999", str(YEAR + 1), "1" * 30])
def test_a_bad_year_is_said_in_words(client, world, tahun):
    client.force_login(world.hr_user)
    response = client.get(PAGE, {"tahun": tahun})
    assert response.status_code == 200 and response.context["year_error"]
    assert "evaluation" not in response.context


# --- the writes ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_hr_officer_writes_the_unit_s_evaluation_audited(client, world):
    p = world
    client.force_login(p.hr_user)
    response = client.post(WRITE_UNIT, {"unit": p.unit.pk, "tahun": YEAR,
                                        "text": "Coaching berjalan baik."})
    assert response.status_code == 302
    client.post(WRITE_UNIT, {"unit": p.unit.pk, "tahun": YEAR, "text": "Perlu lebih banyak."})
    written = UnitEvaluation.objects.get(unit=p.unit, year=YEAR)
    assert (written.text, written.written_by) == ("Perlu lebih banyak.", p.hr_user)
    events = AuditEvent.objects.filter(action="annual.unit_evaluation").order_by("pk")
    assert [e.changes["text"] for e in events] == [
        [None, "Coaching berjalan baik."], ["Coaching berjalan baik.", "Perlu lebih banyak."]]
    assert all(e.actor == p.hr_user for e in events)
    page = client.get(PAGE).content.decode()
    assert "Perlu lebih banyak." in page


@pytest.mark.django_db
def test_an_empty_text_is_refused_and_what_was_typed_is_kept(client, world):
    p = world
    client.force_login(p.hr_user)
    response = client.post(WRITE_UNIT, {"unit": p.unit.pk, "tahun": YEAR, "text": "   "})
    assert response.status_code == 200 and "Tuliskan isinya" in response.content.decode()
    assert not UnitEvaluation.objects.exists()


@pytest.mark.django_db
def test_writes_are_refused_for_the_wrong_role(client, world):
    p = world
    data = {"unit": p.unit.pk, "tahun": YEAR, "text": "Teks", "conclusions": "Teks"}
    for user in (p.head_user, p.participant_user, p.coach_user):
        client.force_login(user)
        assert client.post(WRITE_UNIT, data).status_code == 404
        assert client.post(WRITE_CONCLUSION, data).status_code == 404
    client.force_login(p.hr_user)
    assert client.post(WRITE_CONCLUSION, data).status_code == 404
    client.force_login(p.admin)  # BKPSDM does not write a unit's own evaluation
    response = client.post(WRITE_UNIT, data, follow=True)
    assert "pengelola SDM unit itu" in response.content.decode()
    assert not UnitEvaluation.objects.exists() and not RegencyConclusion.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="annual.").exists()


@pytest.mark.django_db
def test_bkpsdm_concludes_audited_and_the_units_evaluations_close(client, world):
    p = world
    client.force_login(p.hr_user)
    client.post(WRITE_UNIT, {"unit": p.unit.pk, "tahun": YEAR, "text": "Evaluasi awal"})
    client.force_login(p.admin)
    response = client.post(WRITE_CONCLUSION, {"tahun": YEAR, "conclusions": "Berjalan baik",
                                              "recommendations": "Tambah coach"})
    assert response.status_code == 302
    conclusion = RegencyConclusion.objects.get(regency=p.regency, year=YEAR)
    assert (conclusion.conclusions, conclusion.recommendations) == ("Berjalan baik",
                                                                    "Tambah coach")
    event = AuditEvent.objects.get(action="annual.conclusion")
    assert event.actor == p.admin
    assert event.changes["conclusions"] == [None, "Berjalan baik"]
    page = client.get(PAGE).content.decode()
    assert "Berjalan baik" in page and "Evaluasi awal" in page
    client.force_login(p.hr_user)
    response = client.post(WRITE_UNIT, {"unit": p.unit.pk, "tahun": YEAR, "text": "Ubah"},
                           follow=True)
    assert "tidak dapat diubah lagi" in response.content.decode()
    assert UnitEvaluation.objects.get(unit=p.unit).text == "Evaluasi awal"
    assert not client.get(PAGE).context["may_write_unit"]


# --- the PDF -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pdf_is_a4_with_the_regency_s_name_and_the_section_titles(client, world):
    p = world
    program = _program(p, guide=p.coach, participant=p.participant, status=S.CLOSED)
    _session(p, program)
    client.force_login(p.admin)
    response = client.get(PDF, {"tahun": YEAR})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert str(p.regency) in text
    for title in ("Evaluasi tahunan", "Coach", "Mentor", "Program selesai dan dihentikan",
                  "Evaluasi unit", "Kesimpulan dan rekomendasi BKPSDM"):
        assert title in text
    assert "huruf C angka 9" in text


# --- queries -------------------------------------------------------------------------------


def _grow(p, n):
    for i in range(n):
        coach = EmployeeFactory(unit=p.unit, position=p.coach.position, name=f"Coach {n}-{i}")
        for j in range(3):
            program = _program(p, guide=coach, participant=_coachee(p, f"C {n}-{i}-{j}"))
            _session(p, program)
            _evaluate(p, program, [3] * 9, "Saran")
        mentee = _coachee(p, f"M {n}-{i}")
        mentoring = _program(p, guide=coach, participant=mentee,
                             activity=ActivityType.MENTORING, status=S.CLOSED)
        MentorAssessment.objects.create(regency=p.regency, program=mentoring, mentor=coach,
                                        form_code="mentor_assessment", score=3, label="Mampu",
                                        explanation="Baik")


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_queries_do_not_grow(client, world):
    p = world
    UnitEvaluation.objects.create(regency=p.regency, unit=p.unit, year=YEAR, text="x",
                                  written_by=p.hr_user)
    counts = []
    for n in (1, 4):
        _grow(p, n)
        for user, params in ((p.admin, {"tahun": YEAR}), (p.hr_user, {"unit": p.unit.pk})):
            client.force_login(user)
            counts.append((_queries(client, PAGE, params), _queries(client, PDF, params)))
    assert counts[:2] == counts[2:]


@pytest.mark.django_db
def test_the_year_s_sent_reports_are_listed_with_links(client, world):
    from django.apps import apps

    if not apps.is_installed("kembang.reports"):
        pytest.skip("kembang.reports is not installed")
    from kembang.reports.models import UnitReport

    p = world
    common = {"regency": p.regency, "unit": p.unit, "kind": "monthly",
              "due_date": dt.date(YEAR, 12, 31)}
    sent = UnitReport.objects.create(**common, period_start=START,
                                     period_end=dt.date(YEAR, 1, 31), status="sent")
    UnitReport.objects.create(**common, period_start=dt.date(YEAR, 2, 1),
                              period_end=dt.date(YEAR, 2, 28), status="prepared")
    client.force_login(p.admin)
    page = client.get(PAGE, {"tahun": YEAR}).content.decode()
    assert f'href="/laporan/{sent.pk}/"' in page or f"/{sent.pk}/" in page
    assert len(client.get(PAGE, {"tahun": YEAR}).context["evaluation"].reports) == 1
