"""`/sehat/`: 200 when the database answers and a worker was seen lately; 503 otherwise."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from kembang.health import views
from kembang.health.heartbeat import Heartbeat
from kembang.health.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
KEYS = {"database", "worker", "worker_last_seen", "version"}


def heartbeat(worker="server:1", *, ago: timedelta):
    seen = timezone.now() - ago
    return WorkerHeartbeat.objects.create(worker=worker, started_at=seen, last_seen=seen)


@pytest.fixture
def queued(settings):
    settings.TASKS = QUEUED


def test_development_answers_200_with_an_immediate_worker(client, settings,
                                                          django_assert_num_queries):
    settings.TASKS = IMMEDIATE
    with django_assert_num_queries(1):
        response = client.get("/sehat/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "immediate",
                               "worker_last_seen": None, "version": views.VERSION}
    assert response["Content-Type"] == "application/json"
    assert not response.cookies


def test_a_worker_heard_a_minute_ago_is_healthy(client, queued, django_assert_num_queries):
    now = timezone.now()
    heartbeat("server:1", ago=timedelta(minutes=1))
    heartbeat("server:2", ago=timedelta(hours=2))
    with django_assert_num_queries(1):
        response = client.get("/sehat/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["worker"] == "queued"
    seen = timezone.datetime.fromisoformat(body["worker_last_seen"])
    assert abs(seen - (now - timedelta(minutes=1))) < timedelta(seconds=1)
    assert not response.cookies


def test_the_heartbeat_thread_writes_its_row_and_removes_it_on_a_clean_stop(client, queued):
    beat = Heartbeat(seconds=60)
    beat.beat()
    assert WorkerHeartbeat.objects.get().worker == beat.worker
    assert client.get("/sehat/").status_code == 200
    beat.stop()
    assert not WorkerHeartbeat.objects.exists()
    assert client.get("/sehat/").status_code == 503


def test_no_worker_seen_for_more_than_five_minutes_is_503(client, queued):
    heartbeat(ago=timedelta(minutes=6))
    response = client.get("/sehat/")
    assert response.status_code == 503
    assert set(response.json()) == KEYS and response.json()["database"] == "ok"
    assert response.json()["worker_last_seen"] is not None


def test_a_worker_never_seen_is_503_with_null(client, queued, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/sehat/")
    assert response.status_code == 503
    assert response.json()["worker_last_seen"] is None


def test_the_query_count_does_not_grow_with_the_workers(client, queued,
                                                            django_assert_num_queries):
    for minutes in range(30):
        heartbeat(f"server:{minutes}", ago=timedelta(minutes=minutes))
    with django_assert_num_queries(1):
        assert client.get("/sehat/").status_code == 200


@pytest.mark.parametrize("tasks", [QUEUED, IMMEDIATE])
def test_a_database_that_does_not_answer_is_503_with_error(client, settings, tasks):
    settings.TASKS = tasks
    with mock.patch.object(views, "worker_last_seen", side_effect=DatabaseError("down")), \
         mock.patch.object(views.connection, "cursor", side_effect=DatabaseError("down")):
        response = client.get("/sehat/")
    assert response.status_code == 503
    body = response.json()
    assert set(body) == KEYS
    assert body["database"] == "error" and body["worker_last_seen"] is None


def test_anonymous_is_answered_without_a_login_redirect_or_a_session(client, queued):
    heartbeat(ago=timedelta(seconds=10))
    response = client.get("/sehat/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_only_get_is_allowed(client):
    assert client.post("/sehat/").status_code == 405


def test_no_data_about_people(client, settings, regency):
    settings.TASKS = IMMEDIATE
    from kembang.organisation.tests.factories import EmployeeFactory

    employee = EmployeeFactory(regency=regency)
    text = client.get("/sehat/").content.decode()
    assert employee.nip not in text and employee.name not in text and regency.name not in text
