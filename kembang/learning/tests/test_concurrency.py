"""Two HR officers validating the same session at once must not both succeed (issue
acceptance; docs/life-cycle.md#never-deleted-always-recorded: every transition is recorded
once). The row lock in `session_validate` (SELECT … FOR UPDATE) serialises them; only
PostgreSQL has real row locks and concurrent connections, so the test runs there (the CI
runs the whole suite on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import on
from kembang.common.tests.concurrency import run_together
from kembang.learning.errors import TransitionRefused
from kembang.learning.models import Session, SessionTransition
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT, People
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL row locks and concurrent connections; this run uses "
                    f"{connection.vendor} (set DATABASE_URL=postgres://…)")


def confirmed_session(p: People) -> Session:
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="Menyusun laporan")
    program = programs.program_agree(actor=p.participant_user, program=program)
    logged = sessions.session_log(
        actor=p.participant_user, program=program, submit=True,
        data={"date": on(-1, 5), "topic": "Laporan triwulan",
              "mode": "luring", "scope": "nasional"})
    return sessions.session_confirm(actor=p.coach_user, session=logged.session)


def validate_at_once(officers, session_id: int) -> list:
    """Run session_validate for each officer in its own thread (its own connection),
    released together by a barrier; return what each got."""
    barrier = threading.Barrier(len(officers))
    outcomes = [None] * len(officers)

    def run(index, officer):
        try:
            # Each thread loads its own copy, as two browser requests would.
            session = Session.objects.get(pk=session_id)
            barrier.wait(timeout=10)
            outcomes[index] = sessions.session_validate(actor=officer, session=session)
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, officer))
               for i, officer in enumerate(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a validation hung"
    return outcomes


@pytest.mark.parametrize("round_", range(3))
def test_two_hr_officers_validating_the_same_session_at_once_only_one_succeeds(
        people_for, round_):
    p = people_for("langsa")
    second = login_for(EmployeeFactory(unit=p.unit, position=p.hr.position,
                                       name="Pengelola SDM Kedua"))
    grant(second, Role.HR_OFFICER, p.unit)
    session = confirmed_session(p)

    outcomes = validate_at_once([p.hr_user, second], session.pk)

    succeeded = [o for o in outcomes if isinstance(o, Session)]
    refused = [o for o in outcomes if isinstance(o, TransitionRefused)]
    assert len(succeeded) == 1 and len(refused) == 1, outcomes
    assert refused[0].code == "transition_refused"
    assert SessionTransition.objects.filter(session_id=session.pk,
                                            to_status=Session.Status.VALIDATED).count() == 1
    assert AuditEvent.objects.filter(action="session.validate",
                                     object_id=str(session.pk)).count() == 1
    session.refresh_from_db()
    assert session.status == Session.Status.VALIDATED
    assert session.validated_by_id == succeeded[0].validated_by_id




def test_the_same_form_posted_twice_at_once_creates_one_session(people_for):
    """docs/life-cycle.md#duplicates: a replayed request racing the first one creates no
    second session."""
    p = people_for("langsa")
    program = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="Menyusun laporan"))
    data = {"date": on(-1, 5), "topic": "Laporan", "mode": "luring",
            "scope": "nasional"}

    def post():
        return sessions.session_log(actor=p.participant_user, program=program, data=data,
                                    submit=True, submission_key="sama-" + "0" * 32)

    outcomes = run_together(post, post)
    assert all(hasattr(o, "session") for o in outcomes), outcomes
    assert outcomes[0].session.pk == outcomes[1].session.pk
    assert sorted(o.created for o in outcomes) == [False, True]
    assert Session.objects.count() == 1
    assert SessionTransition.objects.count() == 1


def test_validating_two_sessions_of_one_participant_at_once_keeps_the_monthly_cap(
        people_for, monkeypatch):
    """The property "the cap is never exceeded" under concurrency. The test forces the
    dangerous interleaving where it can: both validations change their own row, then meet
    before recomputing the participant's JP. If nothing serialised them, each would judge
    the cap without the other and 3 sessions would end with 2 + 2 + 2 JP.

    Today they are serialised because `_lock` selects FOR UPDATE with select_related, which
    in PostgreSQL also locks the joined participant (and program, unit, regency) rows; the
    second validation waits at `_lock` and the meeting times out. Narrowing that lock
    (e.g. `of=("self",)`) without another per-participant lock makes this test fail."""
    from kembang.learning.services import sessions as session_services

    p = people_for("langsa")
    second = login_for(EmployeeFactory(unit=p.unit, position=p.hr.position))
    grant(second, Role.HR_OFFICER, p.unit)
    program = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT,
        end_date=on(1, 31), development_need="Menyusun laporan"))
    rows = []
    for day in (5, 12, 19):
        logged = sessions.session_log(
            actor=p.participant_user, program=program, submit=True,
            data={"date": on(-1, day), "topic": f"Sesi {day}",
                  "mode": "luring", "scope": "nasional"})
        rows.append(sessions.session_confirm(actor=p.coach_user, session=logged.session))
    first, middle, last = rows
    sessions.session_validate(actor=p.hr_user, session=last)  # the 19th counts for now

    real_recompute = session_services.participant_recompute
    meet = threading.Barrier(2)

    def recompute_after_both_changed(**kwargs):
        try:
            meet.wait(timeout=1.5)
        except threading.BrokenBarrierError:
            pass  # a fixed app serialises earlier; then there is nothing to meet
        return real_recompute(**kwargs)

    monkeypatch.setattr(session_services, "participant_recompute",
                        recompute_after_both_changed)
    outcomes = run_together(
        lambda: sessions.session_validate(actor=p.hr_user,
                                          session=Session.objects.get(pk=first.pk)),
        lambda: sessions.session_validate(actor=second,
                                          session=Session.objects.get(pk=middle.pk)))
    assert all(isinstance(o, Session) for o in outcomes), outcomes

    jp = dict(Session.objects.filter(program=program).values_list("date__day", "jp"))
    assert (jp[5], jp[12], jp[19]) == (2, 2, 0)
