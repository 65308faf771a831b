"""`/favicon.ico` exists: browsers ask for it on their own (a PDF tab, a bookmark), and
every page links the same static icon, so no 404 reaches the logs."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

ICON = "kembang/favicon.ico"


def test_the_icon_is_a_small_static_ico_file():
    path = finders.find(ICON)
    assert path, f"{ICON} is missing from kembang/static"
    with open(path, "rb") as handle:
        head = handle.read()
    assert head[:4] == b"\x00\x00\x01\x00"  # ICONDIR: reserved 0, type 1 (icon)
    assert len(head) < 10_000


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head"])
def test_favicon_ico_redirects_to_the_static_icon_without_a_login(method):
    response = getattr(Client(), method)("/favicon.ico")
    assert reverse("favicon") == "/favicon.ico"
    assert response.status_code == 302
    assert response["Location"] == static(ICON)
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_page_links_the_icon():
    page = Client().get(reverse("accounts:login")).content.decode()
    assert f'<link rel="icon" href="{static(ICON)}"' in page
