"""Under the strict Content-Security-Policy the pages still work in a real browser and the
browser refuses nothing: login, home for an employee and for HR, "my JP" (the year select
submits itself), a program page (print), the validation queue (select all), the unit tree
(indentation), the regulation pages, the employee search (htmx) and the navbar (Bootstrap's
collapse and dropdown).

A `securitypolicyviolation` listener, installed before any page script runs, reports each
refusal; console errors and uncaught exceptions fail the test too.
"""

import re

import pytest

from kembang.common.tests.clock import TODAY, on
from kembang.learning.tests.conftest import People
from kembang.learning.tests.test_views import log_confirmed, start_coaching
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import UnitFactory, grant, login_for

PASSWORD = "rahasia-uji-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Reports refusals to the test through a binding that survives navigation, and counts
# window.print() calls instead of opening the print dialog.
INIT_SCRIPT = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.reportCspViolation(e.violatedDirective + " " + e.blockedURI + " at "
                            + e.sourceFile + ":" + e.lineNumber);
});
window.__printed = 0;
window.print = function () { window.__printed += 1; };
"""


class Watched:
    """A page whose CSP violations, console errors and script errors are collected."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.problems: list[str] = []
        page.context.expose_binding(
            "reportCspViolation", lambda source, text: self.problems.append(f"CSP: {text}"))
        page.context.add_init_script(INIT_SCRIPT)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("response", lambda r: r.status >= 500 and self.problems.append(
            f"{r.status} {r.url}"))
        page.on("dialog", lambda dialog: dialog.accept())  # data-confirm questions

    def _console(self, message):
        # A missing /favicon.ico (which Chromium asks for on its own) is an error too.
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def go(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def login_as(self, user):
        self.page.context.clear_cookies()
        self.go("/akun/masuk/")
        self.page.get_by_label("NIP atau nama pengguna").fill(user.username)
        self.page.get_by_label("Kata sandi").fill(PASSWORD)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_url(self.base + "/")

    def printed(self) -> int:
        return self.page.evaluate("window.__printed")


def test_pages_work_under_the_policy_without_a_single_violation(live_server, page):
    p = People("nganjuk")
    program = start_coaching(p)
    for day in (5, 12):
        log_confirmed(p, program, on(-1, day))
    sub_unit = UnitFactory(regency=p.regency, name="Bidang Uji", parent=p.unit)
    admin = login_for(regency=p.regency, username="admin.uji")
    grant(admin, Role.HR_ADMIN)
    w = Watched(page, live_server.url)

    # The employee: the login page, home with its JP bar sized by the script, the navbar.
    w.login_as(p.participant_user)
    bar = page.locator(".progress-bar[data-progress]").first
    assert bar.evaluate("el => el.style.width") == bar.get_attribute("data-progress") + "%"
    assert page.locator("style").count() == 0  # htmx injected no indicator style
    page.get_by_role("button", name="Buka menu").click()
    page.locator("#nav.show").wait_for()  # Bootstrap's collapse
    page.get_by_role("button", name="Akun").click()
    page.locator(".dropdown-menu.show").wait_for()  # Bootstrap's dropdown (Popper)

    # "My JP": choosing another year submits the form.
    w.go("/jp/")
    page.get_by_label("Tahun").select_option(str(TODAY.year - 1))
    page.wait_for_url(re.compile(rf"tahun={TODAY.year - 1}"))

    # The program page prints.
    w.go(f"/program/{program.pk}/")
    page.get_by_role("button", name="Cetak").click()
    assert w.printed() == 1

    # HR: home, then the validation queue's select-all ticks and clears every session.
    w.login_as(p.hr_user)
    w.go("/validasi/")
    sessions = page.locator('input[name="session"]')
    assert sessions.count() == 2
    select_all = page.get_by_label("Pilih semua")
    select_all.check()
    assert all(sessions.nth(i).is_checked() for i in range(2))
    select_all.uncheck()
    assert not any(sessions.nth(i).is_checked() for i in range(2))
    select_all.check()
    page.get_by_role("button", name="Validasi yang dicentang").click()
    page.get_by_text("2 sesi divalidasi.").wait_for()

    # The BKPSDM administrator: the unit tree is indented by the script.
    w.login_as(admin)
    w.go("/unit/")
    cell = page.locator("td[data-indent]", has_text=sub_unit.name)
    assert cell.evaluate("el => el.style.paddingLeft") == "2rem"

    # The regulation pages: print, the base-profile select submits itself, and the htmx
    # indicator is hidden by kembang.css.
    w.go("/profil/")
    page.get_by_role("button", name="Cetak").click()
    assert w.printed() == 1
    w.go("/profil/versi-baru/")
    choices = page.locator("#dasar option")
    other = choices.nth(1).get_attribute("value")
    page.locator("#dasar").select_option(other)
    page.wait_for_url(re.compile(rf"dasar={re.escape(other)}"))
    w.go("/profil/hitung/")
    assert page.locator("#menghitung").evaluate("el => getComputedStyle(el).opacity") == "0"
    # A download button still sends the form right after an earlier submission (the
    # double-submission guard's flag is set as if one had just happened).
    page.locator("#hitung-form").evaluate("form => { form.dataset.submitted = '1'; }")
    with page.expect_request(lambda r: r.method == "POST" and "/profil/hitung/" in r.url):
        page.locator('button[data-resubmit][value="csv"]').click()

    # The employee search swaps its rows through htmx.
    w.go("/pegawai/")
    with page.expect_response(lambda r: "/pegawai/?" in r.url and
                              r.request.headers.get("hx-request") == "true"):
        page.locator("#id_q").fill(p.coach.name[:6])

    assert not w.problems, w.problems
