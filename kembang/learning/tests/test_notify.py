"""Notifications: in the app, and by mail with links to the site's public address, queued
only once the transaction that caused them commits, in the recipient's language."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from kembang.common.tests.clock import on
from kembang.learning.models import Notification
from kembang.learning.services import programs
from kembang.learning.services.notify import absolute_url, notify
from kembang.learning.tests.conftest import OCT
from kembang.organisation.tests.factories import EmployeeFactory, login_for

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BASE = "https://kembang.nganjukkab.go.id"


class Boom(Exception):
    pass


@pytest.fixture
def mailed_user(unit_a, settings):
    settings.EMAIL_CONFIGURED = True
    settings.KEMBANG_BASE_URL = BASE
    user = login_for(EmployeeFactory(unit=unit_a))
    user.email = "pegawai@nganjukkab.go.id"
    user.save()
    return user


@pytest.mark.django_db
def test_a_mailed_notice_links_to_the_public_address_not_the_request_host(
        mailed_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(mailed_user, "Sesi menunggu paraf Anda.", "/program/7/")

    assert Notification.objects.get(user=mailed_user).url == "/program/7/"  # in the app: relative
    [message] = mail.outbox
    assert message.to == ["pegawai@nganjukkab.go.id"]
    assert f"{BASE}/program/7/" in message.body


@pytest.mark.django_db
def test_mail_waits_for_the_commit_and_a_rollback_sends_nothing(
        mailed_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            notify(mailed_user, "Sesi menunggu paraf Anda.", "/sesi/1/")
            raise Boom
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(mailed_user, "Sesi menunggu paraf Anda.", "/sesi/1/")
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_real_transactions_a_rolled_back_hand_off_queues_no_mail(settings, people_for):
    """The queued task backend of production (django-tasks' database backend), with real
    commits and rollbacks: the coach's proposal rolled back leaves no task and no mail;
    committed, one task is queued for the worker."""
    settings.TASKS = QUEUED
    settings.EMAIL_CONFIGURED = True
    settings.KEMBANG_BASE_URL = BASE
    p = people_for("langsa")
    p.participant_user.email = "peserta@uji.go.id"
    p.participant_user.save()

    def propose():
        return programs.coaching_propose(
            actor=p.coach_user, participant=p.participant, start_date=OCT,
            end_date=on(1, 31), development_need="Menyusun laporan kinerja")

    with pytest.raises(Boom), transaction.atomic():
        propose()
        raise Boom
    assert DBTaskResult.objects.count() == 0
    assert not Notification.objects.filter(user=p.participant_user).exists()

    with transaction.atomic():
        program = propose()
        assert DBTaskResult.objects.count() == 0  # inside the transaction: not yet
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "kembang.learning.services.notify.send_notification_email"
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs["to"] == "peserta@uji.go.id"
    assert f"{BASE}/program/{program.pk}/" in kwargs["body"]
    assert mail.outbox == []  # the worker sends it


@pytest.mark.django_db(transaction=True)
def test_with_the_immediate_backend_mail_is_sent_at_the_commit(mailed_user):
    with pytest.raises(Boom), transaction.atomic():
        notify(mailed_user, "Sesi menunggu paraf Anda.", "/sesi/1/")
        raise Boom
    assert mail.outbox == []
    with transaction.atomic():
        notify(mailed_user, "Sesi menunggu paraf Anda.", "/sesi/1/")
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.body.endswith(f"{BASE}/sesi/1/")


@pytest.mark.django_db
def test_the_notice_and_its_mail_are_in_the_recipient_s_language(
        mailed_user, django_capture_on_commit_callbacks):
    mailed_user.language = "en"
    mailed_user.save()
    # The actor's request is in Indonesian (the autouse fixture); the recipient chose English.
    with django_capture_on_commit_callbacks(execute=True):
        notify(mailed_user, gettext_lazy("%(name)s menyetujui pembimbingan."), "/program/7/",
               params={"name": "Budi"})
    assert Notification.objects.get(user=mailed_user).text == "Budi agreed to the coaching."
    [message] = mail.outbox
    assert message.subject == "Kembang: Budi agreed to the coaching."
    assert message.body.startswith("Budi agreed to the coaching.")


@pytest.mark.django_db
def test_password_reset_mail_links_to_the_public_address_not_the_host(
        client, mailed_user, settings, django_capture_on_commit_callbacks):
    settings.KEMBANG_BASE_URL = "https://kembang.test"
    mailed_user.language = "en"
    mailed_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"),
                               {"email": mailed_user.email}, HTTP_HOST="localhost")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [mailed_user.email]
    assert "https://kembang.test/akun/sandi/atur/" in message.body
    assert "localhost" not in message.body
    assert "Abaikan" not in message.body  # the user chose English


@pytest.mark.parametrize(("path", "expected"), [
    ("/jp/", "https://kembang.test/jp/"),
    ("jp/", "https://kembang.test/jp/"),
    ("", ""),
    ("https://elsewhere.test/x", "https://elsewhere.test/x"),
])
def test_absolute_url_appends_the_path_to_the_base_url(settings, path, expected):
    settings.KEMBANG_BASE_URL = "https://kembang.test"
    assert absolute_url(path) == expected
