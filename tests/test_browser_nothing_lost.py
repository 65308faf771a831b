"""Nothing typed is lost, in a real browser (Debian's chromium through Playwright, a
390 px phone viewport):

- the coachee opens the coaching evaluation from their home page, fills it and sends it;
  reopening its URL shows the answers read-only, and sending the same form again from a
  second tab opened before changes nothing and says so;
- the HR officer presses bulk validation with nothing ticked and is told so; nothing is
  validated.

No page answers 404 or 5xx on the way (the browser's own /favicon.ico included).
"""

import re

import pytest
from playwright.sync_api import expect

from kembang.common.tests.clock import on
from kembang.learning.models import CoachEvaluation, Session
from kembang.learning.tests.conftest import People
from kembang.learning.tests.test_views import log_confirmed, start_coaching
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_not_found(page) -> list[str]:
    missing: list[str] = []
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))
    return missing


def test_a_filled_coaching_evaluation_reopens_read_only(live_server, page):
    p = People("nganjuk")
    program = start_coaching(p)
    session = log_confirmed(p, program, on(-1, 5))
    j = Journey(page, live_server.url)
    missing = watch_not_found(page)
    url = f"{live_server.url}/program/{program.pk}/evaluasi-coach/?sesi={session.pk}"

    # Home leads to the evaluation still to fill.
    j.login_as(p.participant_user)
    due = page.locator("#to-evaluate")
    expect(due).to_be_visible()
    due.get_by_role("link", name=re.compile(r"^Isi Formulir Evaluasi Coaching untuk sesi")
                    ).click()
    page.wait_for_url(url)
    radios = page.locator('input[type="radio"][value="3"]')
    expect(radios).to_have_count(9)

    # A second tab opens the same blank form before the first one is sent.
    second = page.context.new_page()
    second.goto(url)
    expect(second.locator('input[type="radio"]')).to_have_count(27)

    for i in range(9):
        radios.nth(i).check()
    page.locator('textarea[name="suggestions"]').fill("Penjelasan coach mudah diikuti.")
    j.click("Kirim")
    expect(page.get_by_text("Terima kasih, evaluasi tersimpan.")).to_be_visible()

    # Reopened, the URL shows the answers, read-only.
    page.goto(url)
    expect(page.locator("#filled-note")).to_contain_text("hanya dapat dibaca")
    answers = page.locator("#filled-answers")
    expect(answers).to_contain_text("Penjelasan coach mudah diikuti.")
    expect(answers.locator("dd", has_text="3 – setuju")).to_have_count(9)
    expect(page.locator('input[type="radio"], textarea[name="suggestions"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Kirim")).to_have_count(0)

    # The second tab sends other answers: they change nothing, and the page says so.
    second_radios = second.locator('input[type="radio"][value="1"]')
    for i in range(9):
        second_radios.nth(i).check()
    second.locator('textarea[name="suggestions"]').fill("Kiriman dari tab kedua.")
    second.get_by_role("button", name="Kirim", exact=True).click()
    expect(second.get_by_text("Kiriman kedua tidak mengubah jawaban yang tersimpan.")
           ).to_be_visible()
    expect(second.locator("#filled-answers")).to_contain_text("Penjelasan coach mudah diikuti.")
    expect(second.locator("#filled-answers")).not_to_contain_text("Kiriman dari tab kedua.")

    evaluation = CoachEvaluation.objects.get()
    assert (evaluation.answers, evaluation.suggestions) == ([3] * 9,
                                                            "Penjelasan coach mudah diikuti.")
    second.close()
    assert not j.errors, j.errors
    assert not missing, missing


def test_bulk_validation_with_nothing_ticked_says_so(live_server, page):
    p = People("langsa")
    program = start_coaching(p)
    waiting = log_confirmed(p, program, on(-1, 5))
    j = Journey(page, live_server.url)  # accepts the "Validasi semua…?" question
    missing = watch_not_found(page)

    j.login_as(p.hr_user)
    j.go("/validasi/")
    checkbox = page.locator('input[name="session"]')
    expect(checkbox).to_have_count(1)
    expect(checkbox).not_to_be_checked()
    j.click("Validasi yang dicentang")
    expect(page.get_by_text("Belum ada sesi yang dicentang. Centang sesi yang akan divalidasi, "
                            "lalu tekan Validasi yang dicentang.")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/validasi/")
    expect(page.locator('input[name="session"]')).to_have_count(1)  # still waiting

    waiting.refresh_from_db()
    assert waiting.status == Session.Status.CONFIRMED
    assert not j.errors, j.errors
    assert not missing, missing
