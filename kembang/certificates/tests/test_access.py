"""Who reaches which certificate page (docs/sertifikat.md, docs/siasn-ipasn.md): BKPSDM of
the regency its pages; HR officers, heads of unit, coaches and employees none of them; an
employee their own certificates only; another regency nothing; anyone the verification
page."""

import pytest
from django.test import Client
from django.urls import reverse

from kembang.certificates import services
from kembang.certificates.selectors import due_certificates
from kembang.certificates.tests.helpers import (
    batch_for,
    certificate_for,
    completed_mentoring,
    due_program_for,
)
from kembang.common.tests.clock import this_month
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

BACKEND = "kembang.accounts.backends.NipOrUsernameBackend"


class World:
    def __init__(self, people_for):
        self.p = p = people_for("nganjuk")
        self.admin = login_for(regency=p.regency, username="admin.bkpsdm.sertifikat")
        grant(self.admin, Role.HR_ADMIN)
        foreign = people_for("langsa")
        self.foreign_admin = login_for(regency=foreign.regency, username="admin.bkpsdm.lain")
        grant(self.foreign_admin, Role.HR_ADMIN)
        self.foreign_hr = foreign.hr_user
        self.foreign_employee = foreign.participant_user
        self.colleague = EmployeeFactory(unit=p.unit, position=p.participant.position)
        self.colleague_user = login_for(self.colleague)
        self.mine = certificate_for(p)
        program = completed_mentoring(p, [this_month(-2)], participant=self.colleague)
        due = [d for d in due_certificates(p.regency, this_month(-2).year)
               if d.program.pk == program.pk]
        self.colleagues = services.issue(p.regency, due, actor=self.admin)[0]
        self.batch = batch_for(p, self.admin)
        self.due_year, self.due_program = due_program_for(p)

    def client(self, user):
        client = Client()
        if user is not None:
            client.force_login(user, backend=BACKEND)
        return client


@pytest.fixture
def w(people_for):
    return World(people_for)


def _bkpsdm_pages(w):
    """(method, path) of every BKPSDM page, with real ids of the regency."""
    year = this_month(-2).year
    return [
        ("get", reverse("certificates:list")),
        ("post", reverse("certificates:list")),
        ("post", reverse("certificates:settings")),
        ("get", reverse("certificates:due")),
        ("get", reverse("certificates:issue", kwargs={"year": w.due_year,
                                                      "program_id": w.due_program.pk})),
        ("post", reverse("certificates:issue", kwargs={"year": w.due_year,
                                                       "program_id": w.due_program.pk})),
        ("post", reverse("certificates:revoke", kwargs={"certificate_id": w.mine.pk})),
        ("get", reverse("certificates:batch", kwargs={"batch_id": w.batch.pk})),
        ("get", reverse("certificates:batch_zip", kwargs={"batch_id": w.batch.pk})),
        ("get", f"{reverse('certificates:siasn')}?tahun={year}"),
        ("get", reverse("certificates:ipasn_mapping")),
        ("post", reverse("certificates:ipasn_mapping")),
    ]


def _send(client, method, path):
    data = {"reason": "Uji akses", "coaching": "jp20", "signatory_name": "Kepala"}
    return client.get(path) if method == "get" else client.post(path, data)


def test_bkpsdm_of_the_regency_reaches_every_bkpsdm_page(w):
    client = w.client(w.admin)
    for method, path in _bkpsdm_pages(w):
        response = _send(client, method, path)
        assert response.status_code < 400, (method, path, response.status_code)


@pytest.mark.parametrize("who", ["p.hr_user", "p.head_user", "p.coach_user",
                                 "p.participant_user", "colleague_user"])
def test_hr_head_coach_and_employee_are_refused_every_bkpsdm_page(w, who):
    user = w
    for part in who.split("."):
        user = getattr(user, part)
    client = w.client(user)
    for method, path in _bkpsdm_pages(w):
        assert _send(client, method, path).status_code == 404, (who, method, path)
    w.mine.refresh_from_db()
    assert w.mine.revoked_on is None
    assert not w.due_program.certificates.exists()


@pytest.mark.parametrize("who", ["foreign_admin", "foreign_hr", "foreign_employee"])
def test_a_user_of_another_regency_gets_404_on_every_record(w, who):
    client = w.client(getattr(w, who))
    ids = [
        ("get", reverse("certificates:pdf", kwargs={"certificate_id": w.mine.pk})),
        ("post", reverse("certificates:revoke", kwargs={"certificate_id": w.mine.pk})),
        ("get", reverse("certificates:batch", kwargs={"batch_id": w.batch.pk})),
        ("get", reverse("certificates:batch_zip", kwargs={"batch_id": w.batch.pk})),
        ("get", reverse("certificates:issue", kwargs={"year": w.due_year,
                                                      "program_id": w.due_program.pk})),
        ("post", reverse("certificates:issue", kwargs={"year": w.due_year,
                                                       "program_id": w.due_program.pk})),
    ]
    for method, path in ids:
        assert _send(client, method, path).status_code == 404, (who, method, path)
    mine = client.get(reverse("certificates:mine"))
    assert w.mine.number not in mine.content.decode()
    assert not w.due_program.certificates.exists()


def test_another_regency_s_bkpsdm_sees_only_its_own_lists(w):
    client = w.client(w.foreign_admin)
    for name in ("certificates:list", "certificates:due", "certificates:ipasn_mapping"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        text = response.content.decode()
        assert w.mine.number not in text and w.p.participant.full_name not in text


def test_the_employee_downloads_only_their_own_certificate(w):
    client = w.client(w.p.participant_user)
    own = client.get(reverse("certificates:pdf", kwargs={"certificate_id": w.mine.pk}))
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    other = client.get(reverse("certificates:pdf",
                               kwargs={"certificate_id": w.colleagues.pk}))
    assert other.status_code == 404
    page = client.get(reverse("certificates:mine")).content.decode()
    assert w.mine.number in page and w.colleagues.number not in page


def test_a_supervisor_without_a_staff_role_gets_404_on_a_subordinate_s_pdf(w):
    assert w.p.participant.supervisor_id == w.p.coach.pk
    client = w.client(w.p.coach_user)
    assert client.get(reverse("certificates:pdf",
                              kwargs={"certificate_id": w.mine.pk})).status_code == 404


@pytest.mark.parametrize("who", ["p.hr_user", "p.head_user", "admin"])
def test_the_unit_s_staff_and_bkpsdm_download_the_pdf(w, who):
    user = w
    for part in who.split("."):
        user = getattr(user, part)
    response = w.client(user).get(reverse("certificates:pdf",
                                          kwargs={"certificate_id": w.mine.pk}))
    assert response.status_code == 200


def test_the_ipasn_worksheet_is_staff_only(w):
    path = reverse("certificates:ipasn")
    for user in (w.admin, w.p.hr_user, w.p.head_user):
        assert w.client(user).get(path).status_code == 200
    for user in (w.p.coach_user, w.p.participant_user, w.colleague_user):
        assert w.client(user).get(path).status_code == 404


def test_my_certificates_needs_an_employee_and_a_login(w):
    path = reverse("certificates:mine")
    assert w.client(w.admin).get(path).status_code == 404  # no employee record
    anonymous = w.client(None).get(path)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]


def test_the_verification_page_is_public(w):
    path = reverse("certificates:verify", kwargs={"token": w.mine.token})
    for user in (None, w.foreign_employee, w.colleague_user):
        response = w.client(user).get(path)
        assert response.status_code == 200
        assert w.mine.nip not in response.content.decode()
    assert w.client(None).get(reverse("certificates:verify",
                                      kwargs={"token": "tebakan"})).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(w):
    client = w.client(None)
    for method, path in _bkpsdm_pages(w):
        response = _send(client, method, path)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], path
