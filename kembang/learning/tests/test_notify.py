"""Notifications: in the app, and by mail with links to the site's public address."""

import pytest
from django.core import mail

from kembang.learning.models import Notification
from kembang.learning.services.notify import absolute_url, notify
from kembang.organisation.tests.factories import EmployeeFactory, login_for


@pytest.mark.django_db
def test_a_mailed_notice_links_to_the_public_address_not_the_request_host(unit_a, settings):
    settings.EMAIL_CONFIGURED = True
    settings.KEMBANG_BASE_URL = "https://kembang.nganjukkab.go.id"
    user = login_for(EmployeeFactory(unit=unit_a))
    user.email = "pegawai@nganjukkab.go.id"
    user.save()

    notify(user, "Sesi menunggu paraf Anda.", "/program/7/")

    assert Notification.objects.get(user=user).url == "/program/7/"  # in the app: relative
    [message] = mail.outbox
    assert message.to == ["pegawai@nganjukkab.go.id"]
    assert "https://kembang.nganjukkab.go.id/program/7/" in message.body


@pytest.mark.parametrize(("path", "expected"), [
    ("/jp/", "https://kembang.test/jp/"),
    ("jp/", "https://kembang.test/jp/"),
    ("", ""),
    ("https://elsewhere.test/x", "https://elsewhere.test/x"),
])
def test_absolute_url_appends_the_path_to_the_base_url(settings, path, expected):
    settings.KEMBANG_BASE_URL = "https://kembang.test"
    assert absolute_url(path) == expected
