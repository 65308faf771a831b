"""Bahasa Indonesia unless the user chooses English; the choice kept for the account, or for
an anonymous visitor in the language cookie; the browser's Accept-Language ignored."""

import pytest
from django.conf import settings
from django.test import Client

from kembang.organisation.tests.factories import EmployeeFactory, login_for

PASSWORD = "rahasia-uji-123"
LOGIN = "/akun/masuk/"
SWITCH = "/i18n/setlang/"
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302, response.content[:500]
    return client


def is_english(response) -> bool:
    html = response.content.decode()
    if '<html lang="en">' in html:
        assert "Keluar" not in html and "Masuk ke Kembang" not in html
        return True
    assert '<html lang="id">' in html
    return False


@pytest.fixture
def user(unit_a):
    return login_for(EmployeeFactory(unit=unit_a))


@pytest.mark.django_db
def test_an_english_browser_gets_indonesian_pages_before_and_after_login(client, user):
    assert not is_english(client.get(LOGIN, **ENGLISH_BROWSER))
    sign_in(client, user)
    response = client.get("/", **ENGLISH_BROWSER)
    assert response.status_code == 200
    assert not is_english(response)
    assert "Keluar" in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_a_user_who_chose_english_gets_english_on_the_next_login_from_another_client(user):
    office = sign_in(Client(), user)
    response = office.post(SWITCH, {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    user.refresh_from_db()
    assert user.language == "en"
    assert is_english(office.get("/"))

    phone = Client()  # no cookie of the office's browser, an Indonesian browser
    assert not is_english(phone.get(LOGIN, HTTP_ACCEPT_LANGUAGE="id"))
    sign_in(phone, user)
    assert settings.LANGUAGE_COOKIE_NAME not in phone.cookies
    assert is_english(phone.get("/", HTTP_ACCEPT_LANGUAGE="id"))

    # Back to Indonesian, from the phone: the office follows at its next request.
    phone.post(SWITCH, {"language": "id", "next": "/"})
    user.refresh_from_db()
    assert user.language == "id"
    assert not is_english(office.get("/"))
    assert not is_english(Client().get(LOGIN))
    assert not is_english(sign_in(Client(), user).get("/"))


@pytest.mark.django_db
def test_the_account_s_choice_comes_before_the_client_s_cookie(client, user):
    user.language = "id"
    user.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert is_english(client.get(LOGIN))  # anonymous: the cookie
    sign_in(client, user)
    assert not is_english(client.get("/"))  # logged in: the account


@pytest.mark.django_db
def test_an_anonymous_visitor_s_choice_is_kept_in_the_language_cookie(client, user):
    response = client.post(SWITCH, {"language": "en", "next": LOGIN}, **ENGLISH_BROWSER)
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert is_english(client.get(LOGIN))
    user.refresh_from_db()
    assert user.language == ""  # nobody was logged in: no account changed
    # Never chosen for the account: after login the client's cookie still applies.
    sign_in(client, user)
    assert is_english(client.get("/"))
    client.post(SWITCH, {"language": "id", "next": "/"})
    assert not is_english(client.get("/"))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["xx", "", "EN", "en-us", "a\x00b", "x" * 5000])
@pytest.mark.parametrize("logged_in", [False, True])
def test_a_language_kembang_does_not_offer_is_refused_and_nothing_is_set(
        client, user, value, logged_in):
    if logged_in:
        sign_in(client, user)
    response = client.post(SWITCH, {"language": value, "next": "/"})
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    user.refresh_from_db()
    assert user.language == ""
    assert not is_english(client.get(LOGIN if not logged_in else "/"))


@pytest.mark.django_db
def test_the_switch_changes_nothing_on_get(client, user):
    sign_in(client, user)
    response = client.get(SWITCH, {"language": "en", "next": "/"})
    assert response.status_code == 405
    user.refresh_from_db()
    assert user.language == ""


@pytest.mark.django_db
def test_the_switch_does_not_redirect_off_site(client):
    response = client.post(SWITCH, {"language": "en", "next": "https://evil.test/"})
    assert response.status_code == 302 and response["Location"] == "/"
