"""The session's own page links its paper (docs/paper-forms.md): under `nganjuk` the
session's Formulir Pelaksanaan Coaching / Formulir Mentoring — final once validated, the
copy for wet-ink signing once initialled — and, to the coachee only, the session's
Formulir Evaluasi Coaching, which the coach never reaches
(docs/life-cycle.md#evaluation-privacy). Every link offered opens its PDF."""

import re

from django.urls import reverse

from kembang.common.tests.clock import TODAY
from kembang.documents.tests.test_paper_forms import add_session, make_program
from kembang.learning.models import ActivityType, Session
from kembang.learning.tests.test_views import client_as

S = Session.Status


def session_page(user, session) -> str:
    response = client_as(user).get(reverse("learning:session_detail", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def links(page: str) -> dict[str, str]:
    """The paper links of the page: id → href (HTML entities undone)."""
    found = re.findall(r'id="(session-(?:form|evaluation)-pdf)" href="([^"]+)"', page)
    return {name: href.replace("&amp;", "&") for name, href in found}


def test_the_coachee_sees_the_session_form_and_its_evaluation_the_coach_only_the_form(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.COACHING)
    session = add_session(p, program, TODAY.replace(day=3), "Kerangka laporan",
                          form_a="Kebutuhan menulis", form_b="Laporan bulanan",
                          form_c="Menyusun kerangka")
    record = reverse("learning:program_record_pdf", args=[program.pk]) + f"?sesi={session.pk}"
    evaluation = (reverse("learning:coach_evaluation_pdf", args=[program.pk])
                  + f"?sesi={session.pk}")

    page = session_page(p.participant_user, session)
    assert links(page) == {"session-form-pdf": record, "session-evaluation-pdf": evaluation}
    assert "Formulir Pelaksanaan Coaching (PDF)" in page
    assert "Formulir Evaluasi Coaching (PDF)" in page
    participant = client_as(p.participant_user)
    for href in (record, evaluation):
        response = participant.get(href)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    # The coach: the session's form, never the coachee's evaluation of them.
    page = session_page(p.coach_user, session)
    assert links(page) == {"session-form-pdf": record}
    assert "Formulir Evaluasi Coaching" not in page
    coach = client_as(p.coach_user)
    assert coach.get(record).status_code == 200
    assert coach.get(evaluation).status_code == 404

    # HR and the head of unit see the form like the program page, not the evaluation.
    for user in (p.hr_user, p.head_user):
        assert links(session_page(user, session)) == {"session-form-pdf": record}


def test_an_initialled_session_links_the_copy_for_signing_a_draft_one_no_form(people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.MENTORING, guide=p.outsider)
    initialled = add_session(p, program, TODAY.replace(day=4), "Rapat", status=S.CONFIRMED)
    draft = add_session(p, program, TODAY.replace(day=5), "Belum", status=S.SUBMITTED)
    page = session_page(p.participant_user, initialled)
    url = (reverse("learning:program_record_pdf", args=[program.pk])
           + f"?sesi={initialled.pk}&draf=1")
    assert links(page) == {"session-form-pdf": url}
    assert "Formulir Mentoring untuk ditandatangani (PDF, belum divalidasi)" in page
    assert client_as(p.participant_user).get(url).status_code == 200
    # Mentoring has no evaluation per session; a session not yet initialled no form.
    assert links(session_page(p.participant_user, draft)) == {}


def test_a_profile_with_a_session_table_links_no_form_per_session(people_for):
    p = people_for("langsa")
    program = make_program(p, ActivityType.COACHING)
    session = add_session(p, program, TODAY.replace(day=3), "Kerangka laporan")
    assert links(session_page(p.participant_user, session)) == {}
