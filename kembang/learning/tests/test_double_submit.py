"""The same program form sent twice — a double click, a replayed request — starts one
program, and the second request gets the first one (issue 11). Sequential tests run on any
database; the concurrent ones need PostgreSQL (see test_concurrency.py) and skip elsewhere."""


import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import iso, on
from kembang.common.tests.concurrency import run_together
from kembang.learning.models import Notification, Program
from kembang.learning.services import programs
from kembang.learning.tests.conftest import OCT

END = on(1, 31)


def client_as(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def propose(p, **extra):
    return lambda: programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Menyusun laporan", **extra)


def request_mentoring(p):
    return lambda: programs.mentoring_request(
        actor=p.participant_user, mentor=p.outsider, start_date=OCT, end_date=END,
        development_need="Karier")


def instruct(p):
    return lambda: programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring Excel")


STARTS = {"coaching": (propose, "program.proposed"),
          "mentoring": (request_mentoring, "program.requested"),
          "self_study": (instruct, "program.active")}


def assert_one_program(outcomes, action: str) -> None:
    assert all(isinstance(o, Program) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Program.objects.count() == 1
    assert AuditEvent.objects.filter(action=action).count() == 1
    assert Notification.objects.count() == 1


# --- one after the other (any database) ------------------------------------------------


@pytest.mark.parametrize("activity", list(STARTS))
def test_the_same_program_started_twice_is_started_once(people_for, activity):
    p = people_for("langsa")
    start, action = STARTS[activity]
    assert_one_program([start(p)(), start(p)()], action)


def test_the_coaching_form_posted_twice_redirects_both_to_the_one_program(people_for):
    p = people_for("langsa")
    coach = client_as(p.coach_user)
    data = {"participant": p.participant.pk, "start_date": iso(OCT), "end_date": iso(END),
            "mode": "luring", "development_need": "Menyusun laporan kinerja"}
    url = reverse("learning:program_start", args=["coaching"])
    first, second = coach.post(url, data), coach.post(url, data)
    program = Program.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == reverse(
        "learning:program_detail", args=[program.pk])


def test_another_proposal_for_the_same_dates_is_another_program(people_for):
    p = people_for("langsa")
    first = propose(p)()
    other = propose(p, goal="Laporan tepat waktu")()
    assert other.pk != first.pk
    assert Program.objects.count() == 2


def test_a_declined_proposal_may_be_made_again(people_for):
    p = people_for("langsa")
    first = propose(p)()
    programs.program_decline(actor=p.participant_user, program=first, reason="Belum siap")
    again = propose(p)()
    assert again.pk != first.pk
    assert again.status == Program.Status.PROPOSED


# --- at once (PostgreSQL) --------------------------------------------------------------




@pytest.fixture
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL row locks and concurrent connections; this run uses "
                    f"{connection.vendor} (set DATABASE_URL=postgres://…)")


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("round_", range(2))
@pytest.mark.parametrize("activity", list(STARTS))
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_program_started_twice_at_once_is_started_once(people_for, activity, round_):
    p = people_for("langsa")
    start, action = STARTS[activity]
    assert_one_program(run_together(start(p), start(p)), action)


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_coaching_form_posted_twice_at_once_redirects_both_to_the_one_program(
        people_for):
    p = people_for("langsa")
    data = {"participant": p.participant.pk, "start_date": iso(OCT), "end_date": iso(END),
            "mode": "luring", "development_need": "Menyusun laporan kinerja"}
    url = reverse("learning:program_start", args=["coaching"])
    clients = [client_as(p.coach_user), client_as(p.coach_user)]
    outcomes = run_together(*(lambda c=c: c.post(url, data) for c in clients))
    assert all(getattr(o, "status_code", None) == 302 for o in outcomes), outcomes
    program = Program.objects.get()
    assert {o["Location"] for o in outcomes} == {
        reverse("learning:program_detail", args=[program.pk])}


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("round_", range(3))
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_classical_training_recorded_twice_at_once_is_recorded_once(people_for,
                                                                            round_):
    """A double click on *Catat pelatihan*: the employee's row lock makes the second
    request find the first record and return it."""
    from decimal import Decimal

    from kembang.common.tests.clock import TODAY, days_ago
    from kembang.learning.models import ClassicalTraining
    from kembang.learning.services.classical import classical_record

    p = people_for("langsa")

    def record():
        return classical_record(
            actor=p.hr_user, employee=p.participant, route="KL03",
            title="Pelatihan Teknis Arsip", start_date=days_ago(1), end_date=TODAY,
            jp=Decimal(16), certificate_number="SERT-001")

    outcomes = run_together(record, record)
    assert all(isinstance(o, ClassicalTraining) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert ClassicalTraining.objects.count() == 1
    assert AuditEvent.objects.filter(action="classical.record").count() == 1
