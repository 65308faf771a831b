"""A regency per profile with its people (kembang/learning/tests/conftest.py), BKPSDM, and
helpers to record assessments without going through a page."""

import pytest
from django.test import Client

from kembang.common.tests.clock import days_ago
from kembang.competency import dictionary, services
from kembang.competency.models import Assessment, Competency, CompetencyWording
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import grant, login_for


@pytest.fixture(autouse=True)
def national_dictionary(request):
    """The data migration's rows, again where a transactional test emptied the tables."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames or any(
            m.name == "django_db" for m in request.node.iter_markers()):
        request.getfixturevalue("transactional_db" if any(
            m.kwargs.get("transaction") for m in request.node.iter_markers("django_db"))
            else "db")
        dictionary.load_national(Competency, CompetencyWording)


def admin_of(regency):
    admin = login_for(regency=regency, username=f"bkpsdm.{regency.slug}")
    grant(admin, Role.HR_ADMIN)
    return admin


def client_of(user) -> Client:
    client = Client()
    client.force_login(user, backend="kembang.accounts.backends.NipOrUsernameBackend")
    return client


def national(code: str) -> Competency:
    return Competency.objects.get(code=code, regency__isnull=True)


def assess(p, employee, levels: dict, *, source=Assessment.Source.RESULT, day=None,
           cause=""):
    """An assessment of `employee` with {code: level}; recorded by BKPSDM (result) or by
    the employee's supervisor (supervisor's view)."""
    actor = p.admin if source == Assessment.Source.RESULT else login_user(employee.supervisor)
    return services.record_assessment(
        actor=actor, employee=employee, source=source, assessed_on=day or days_ago(10),
        levels=[services.LevelInput(national(code), level, cause)
                for code, level in levels.items()], assessor="UPT Penilaian Kompetensi")


def login_user(employee):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(employee=employee).first()
    return user or login_for(employee)


@pytest.fixture
def world(people_for):
    def make(profile_id="belitung-timur"):
        p = people_for(profile_id)
        p.admin = admin_of(p.regency)
        return p
    return make


@pytest.fixture
def p(world):
    return world("belitung-timur")
