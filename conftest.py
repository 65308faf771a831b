"""Shared fixtures: two regencies, units with sub-units, people with roles, a browser."""

import os
import shutil

import pytest
import time_machine

from kembang.common.tests.clock import NOW
from kembang.learning.tests.conftest import people_for  # noqa: F401 - shared fixture
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    RegencyFactory,
    UnitFactory,
    grant,
    login_for,
)

PASSWORD = "rahasia-uji-123"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


_pinned_clock = time_machine.travel(NOW, tick=True)


def pytest_configure(config):
    # Before collection, so a module that reads the date on import sees the pinned one.
    _pinned_clock.start()


def pytest_unconfigure(config):
    _pinned_clock.stop()


@pytest.fixture(autouse=True)
def indonesian_by_default():
    """Each test starts in the default language: a request in English (Accept-Language or
    the language cookie) leaves its language active in the thread after the response."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 is slow on purpose; tests create many logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def regency(db):
    return RegencyFactory(name="Nganjuk", slug="nganjuk", profile_id="nganjuk")


@pytest.fixture
def other_regency(db):
    return RegencyFactory(name="Langsa", slug="langsa", profile_id="langsa")


@pytest.fixture
def unit_a(regency):
    return UnitFactory(regency=regency, name="Dinas Pendidikan")


@pytest.fixture
def sub_unit_a(unit_a):
    return UnitFactory(regency=unit_a.regency, name="Bidang Guru", parent=unit_a)


@pytest.fixture
def unit_b(regency):
    return UnitFactory(regency=regency, name="Dinas Kesehatan")


@pytest.fixture
def hr_officer_a(unit_a):
    """An HR officer of unit A (covers its sub-units)."""
    employee = EmployeeFactory(unit=unit_a, name="Pengelola SDM A")
    user = login_for(employee)
    grant(user, Role.HR_OFFICER, unit_a)
    return user


@pytest.fixture
def hr_admin(regency, unit_b):
    user = login_for(regency=regency, username="admin.bkpsdm")
    grant(user, Role.HR_ADMIN)
    return user


@pytest.fixture
def employee_b(unit_b):
    return EmployeeFactory(unit=unit_b, name="Pegawai Dinas Kesehatan")


@pytest.fixture
def client_for(client):
    """Log a user into Django's test client: `client_for(user)`."""

    def _login(user):
        client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
        return client

    return _login


# --- browser -----------------------------------------------------------------------------


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM)


def pytest_collection_modifyitems(config, items):
    if _chromium_available():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("KEMBANG_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "chromium is required for browser tests here (KEMBANG_REQUIRE_BROWSER=1) but "
            f"{CHROMIUM} does not exist."
        )
    print(f"\nchromium not found: SKIPPING {len(browser_items)} browser tests.")
    skip = pytest.mark.skip(reason="Debian's chromium is not installed")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django's live server is sync code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
