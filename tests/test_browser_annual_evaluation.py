"""Issue 13 part 4, the annual evaluation, in a real browser: the unit's HR officer writes
the unit's evaluation of the year, BKPSDM writes its conclusions and recommendations, and
both are there after a reload (docs/annual-evaluation.md). Debian's chromium through
Playwright; every wait is an `expect()`."""

import pytest
from playwright.sync_api import expect

from kembang.learning.tests.conftest import People
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import grant, login_for
from tests.test_browser_journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 20_000  # ms


def test_the_unit_s_evaluation_and_bkpsdm_s_conclusions_are_kept(live_server, page):
    p = People("nganjuk")
    admin = login_for(regency=p.regency, username="bkpsdm.tahunan")
    grant(admin, Role.HR_ADMIN)
    j = Journey(page, live_server.url)

    j.login_as(p.hr_user)
    j.go("/evaluasi-tahunan/")
    expect(page.get_by_role("heading", name="Evaluasi tahunan", exact=True)).to_be_visible(
        timeout=WAIT)
    expect(page.get_by_text("huruf C angka 9", exact=False)).to_be_visible(timeout=WAIT)
    page.get_by_label("Evaluasi unit atas pelaksanaan coaching dan mentoring tahun ini").fill(
        "Pembimbingan berjalan teratur; dua coach perlu pendampingan.")
    j.click("Simpan evaluasi unit")
    expect(page.get_by_text("Evaluasi unit tersimpan.")).to_be_visible(timeout=WAIT)
    page.reload()
    expect(page.locator("[data-unit-evaluation]")).to_contain_text(
        "dua coach perlu pendampingan", timeout=WAIT)

    j.login_as(admin)
    j.go("/evaluasi-tahunan/")
    expect(page.locator("[data-unit-evaluation]")).to_contain_text(
        "dua coach perlu pendampingan", timeout=WAIT)
    page.get_by_label("Kesimpulan", exact=True).fill("Pelaksanaan sesuai pedoman.")
    page.get_by_label("Rekomendasi", exact=True).fill("Tambah pelatihan coach.")
    j.click("Simpan kesimpulan dan rekomendasi")
    expect(page.get_by_text("Kesimpulan dan rekomendasi tersimpan.")).to_be_visible(
        timeout=WAIT)
    page.reload()
    expect(page.locator("[data-conclusion]")).to_contain_text("Pelaksanaan sesuai pedoman.",
                                                              timeout=WAIT)
    expect(page.locator("[data-conclusion]")).to_contain_text("Tambah pelatihan coach.")

    # The unit's HR officer sees both, and the unit's evaluation is now closed.
    j.login_as(p.hr_user)
    j.go("/evaluasi-tahunan/")
    expect(page.locator("[data-conclusion]")).to_contain_text("Pelaksanaan sesuai pedoman.",
                                                              timeout=WAIT)
    expect(page.get_by_text("tidak dapat diubah lagi", exact=False)).to_be_visible()
    assert not j.errors
