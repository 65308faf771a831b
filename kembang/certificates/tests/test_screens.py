"""BKPSDM's screens: issuing one certificate with a confirmation, the IP ASN component
mapping; the employee's own certificates (docs/sertifikat.md, docs/siasn-ipasn.md)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.audit.models import AuditEvent
from kembang.certificates import exports, rules, services
from kembang.certificates.models import Certificate, CertificateSettings
from kembang.certificates.selectors import due_certificates, settings_of
from kembang.certificates.tests.helpers import (
    certificate_for,
    completed_mentoring,
    due_program_for,
    signatory,
)
from kembang.common.tests.clock import TODAY, on, this_month
from kembang.learning.models import ActivityType, ClassicalTraining
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

BACKEND = "kembang.accounts.backends.NipOrUsernameBackend"
YEAR = this_month(-2).year


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def p(people_for):
    p = people_for("nganjuk")
    p.admin = login_for(regency=p.regency, username="admin.bkpsdm.layar")
    grant(p.admin, Role.HR_ADMIN)
    return p


def _issue_path(year, program):
    return reverse("certificates:issue", kwargs={"year": year, "program_id": program.pk})


# --- issuing one --------------------------------------------------------------------------


def test_the_due_page_lists_what_is_due_and_links_to_the_confirmation(p):
    year, program = due_program_for(p)
    page = _client(p.admin).get(reverse("certificates:due"), {"tahun": year})
    text = page.content.decode()
    assert page.status_code == 200
    assert p.participant.full_name in text and _issue_path(year, program) in text


def test_issuing_one_asks_first_then_records_the_approval(p):
    year, program = due_program_for(p)
    client = _client(p.admin)
    confirm = client.get(_issue_path(year, program))
    text = confirm.content.decode()
    assert confirm.status_code == 200 and "data-confirm" in text
    assert p.participant.full_name in text and "Dra. Siti Rahayu" in text
    assert not Certificate.objects.exists()  # asking changes nothing
    response = client.post(_issue_path(year, program))
    assert response.status_code == 302
    certificate = Certificate.objects.get(program=program, year=year)
    assert certificate.issued_by == p.admin and certificate.batch is None
    event = AuditEvent.objects.get(action="certificate.issue")
    assert event.actor == p.admin and event.object_id == str(certificate.pk)
    assert event.changes["numbers"] == [certificate.number]
    assert due_certificates(p.regency, year) == []


def test_a_second_click_is_refused_with_a_message_and_no_second_certificate(p):
    year, program = due_program_for(p)
    client = _client(p.admin)
    client.post(_issue_path(year, program))
    again = client.post(_issue_path(year, program), follow=True)
    assert again.status_code == 200
    assert "sudah diterbitkan" in again.content.decode()
    assert Certificate.objects.filter(program=program).count() == 1
    shown = client.get(_issue_path(year, program), follow=True)
    assert "sudah diterbitkan" in shown.content.decode()


def test_issuing_one_without_a_signatory_is_refused_clearly(p):
    program = completed_mentoring(p, [this_month(-2)])
    CertificateSettings.objects.filter(regency=p.regency).delete()
    response = _client(p.admin).post(_issue_path(YEAR, program), follow=True)
    assert response.status_code == 200
    assert "Penandatangan sertifikat belum diatur" in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_program_not_due_or_a_year_out_of_range(p):
    signatory(p.regency)
    running = completed_mentoring(p, [this_month(-2)], assessed=False)
    client = _client(p.admin)
    response = client.post(_issue_path(YEAR, running), follow=True)
    assert "belum dapat diterbitkan" in response.content.decode()
    assert client.get(_issue_path(1999, running)).status_code == 404
    assert client.get(_issue_path(TODAY.year + 1, running)).status_code == 404  # a later year
    assert not Certificate.objects.exists()


def test_the_service_refuses_a_program_issued_meanwhile(p):
    year, program = due_program_for(p)
    services.issue_one(program, year, actor=p.admin)
    with pytest.raises(services.CertificateRefused) as refused:
        services.issue_one(program, year, actor=p.admin)
    assert refused.value.code == "already_issued"


def test_the_due_page_in_constant_queries(p, django_assert_num_queries):
    signatory(p.regency)
    completed_mentoring(p, [this_month(-2)])
    client = _client(p.admin)
    path = f"{reverse('certificates:due')}?tahun={YEAR}"
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for n in range(6):
        other = EmployeeFactory(unit=p.unit, position=p.participant.position)
        completed_mentoring(p, [this_month(-2), this_month(-2) + timedelta(days=n + 1)],
                            participant=other)
    assert len(due_certificates(p.regency, YEAR)) == 7
    with django_assert_num_queries(len(one)):
        response = client.get(path)
    assert response.content.decode().count("Periksa dan terbitkan") == 7


# --- the employee's own certificates --------------------------------------------------------


def test_my_certificates_shows_valid_and_revoked_without_the_reason(p):
    valid = certificate_for(p)
    second = completed_mentoring(p, [this_month(-2) + timedelta(days=2)])
    [revoked] = services.issue(p.regency, [d for d in due_certificates(p.regency, YEAR)
                                           if d.program.pk == second.pk], actor=None)
    services.revoke(revoked, actor=p.admin, reason="Sesi ganda rahasia")
    page = _client(p.participant_user).get(reverse("certificates:mine"))
    text = page.content.decode()
    assert page.status_code == 200
    assert valid.number in text and revoked.number in text
    assert "dicabut" in text and "Sesi ganda rahasia" not in text
    assert reverse("certificates:pdf", kwargs={"certificate_id": valid.pk}) in text
    assert reverse("certificates:pdf", kwargs={"certificate_id": revoked.pk}) not in text


def test_the_home_page_links_to_my_certificates(p):
    page = _client(p.participant_user).get(reverse("home")).content.decode()
    assert reverse("certificates:mine") in page


def test_my_certificates_in_constant_queries(p, django_assert_num_queries):
    certificate_for(p)
    client = _client(p.participant_user)
    path = reverse("certificates:mine")
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for n in range(5):
        program = completed_mentoring(p, [this_month(-2) + timedelta(days=n + 1)])
        services.issue(p.regency, [d for d in due_certificates(p.regency, YEAR)
                                   if d.program.pk == program.pk], actor=None)
    assert Certificate.objects.filter(participant=p.participant).count() == 6
    with django_assert_num_queries(len(one)):
        assert client.get(path).status_code == 200


# --- the IP ASN mapping ----------------------------------------------------------------------

MAPPING = reverse("certificates:ipasn_mapping")


def test_the_mapping_page_shows_the_defaults_checked(p):
    text = _client(p.admin).get(MAPPING).content.decode()
    checked = set(re.findall(r'<input[^>]*name="(\w+)" value="(\w+)"[^>]*\bchecked>', text))
    assert checked == {(kind, part) for kind, parts in rules.DEFAULT_COMPONENT_KINDS.items()
                       for part in parts}
    assert text.count('type="checkbox"') == len(rules.MAPPED_KINDS) * len(rules.COMPONENTS)


def test_saving_the_mapping_is_validated_audited_and_used_by_the_worksheet(p):
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="KL03", title="Bimtek Arsip",
        start_date=on(-2, 3), end_date=on(-2, 3), jp=Decimal("10"), recorded_by=p.hr_user)

    def seminar():
        rows = {r.nip: r for r in exports.ipasn_worksheet(p.regency, YEAR)}
        return rows[p.participant.nip].components[rules.SEMINAR]

    assert seminar() == rules.YES  # by default classical training counts as a seminar
    client = _client(p.admin)
    response = client.post(MAPPING, {"coaching": ["jp20"], "mentoring": ["jp20"],
                                     "self_study": ["jp20"], "classical": ["jp20"]})
    assert response.status_code == 302
    row = settings_of(p.regency)
    assert row.ipasn_components["classical"] == ["jp20"]
    assert rules.component_kinds(row)["classical"] == [rules.JP20]
    event = AuditEvent.objects.get(action="certificate.ipasn_mapping")
    assert event.actor == p.admin
    assert "Pelatihan klasikal" in event.changes["ipasn_components"][1]
    assert seminar() == rules.UNKNOWN
    page = client.get(reverse("certificates:ipasn")).content.decode()
    assert MAPPING in page


def test_a_kind_mapped_to_leadership_answers_ya_in_the_worksheet(p):
    ClassicalTraining.objects.create(
        regency=p.regency, employee=p.participant, route="KL03", title="Diklat PIM",
        start_date=on(-2, 3), end_date=on(-2, 3), jp=Decimal("30"), recorded_by=p.hr_user)

    def leadership():
        rows = {r.nip: r for r in exports.ipasn_worksheet(p.regency, YEAR)}
        return rows[p.participant.nip].components[rules.LEADERSHIP]

    assert leadership() == rules.UNKNOWN  # by default: not recorded in Kembang
    services.ipasn_mapping_save(p.regency, actor=p.admin, chosen={
        "coaching": ["jp20"], "mentoring": ["jp20"], "self_study": ["jp20"],
        "classical": ["jp20", "seminar", "leadership"]})
    assert leadership() == rules.YES


@pytest.mark.parametrize("data,message", [
    ({"coaching": ["seminar"]}, "paling sedikit satu jenis"),
    ({}, "paling sedikit satu jenis"),
    ({"coaching": ["jp20", "apa\x00saja"]}, "tidak dikenal"),
    ({"mentoring": ["x" * 5000]}, "tidak dikenal"),
])
def test_bad_mappings_are_refused_with_a_message_and_nothing_changes(p, data, message):
    response = _client(p.admin).post(MAPPING, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert settings_of(p.regency).pk is None
    assert not AuditEvent.objects.filter(action="certificate.ipasn_mapping").exists()


def test_reset_goes_back_to_the_defaults_and_is_audited(p):
    client = _client(p.admin)
    client.post(MAPPING, {"coaching": ["jp20", "seminar"], "mentoring": ["jp20"],
                          "self_study": ["jp20"], "classical": ["jp20"]})
    assert settings_of(p.regency).ipasn_components
    response = client.post(MAPPING, {"reset": "1"})
    assert response.status_code == 302
    row = settings_of(p.regency)
    assert row.ipasn_components == {}
    assert rules.component_kinds(row) == rules.DEFAULT_COMPONENT_KINDS
    events = AuditEvent.objects.filter(action="certificate.ipasn_mapping").order_by("pk")
    assert events.count() == 2 and events.last().reason
    client.post(MAPPING, {"reset": "1"})  # already the defaults: nothing to record
    assert events.count() == 2


def test_saving_the_defaults_stores_nothing(p):
    services.ipasn_mapping_save(p.regency, actor=p.admin, chosen={
        k: list(v) for k, v in rules.DEFAULT_COMPONENT_KINDS.items()})
    assert not AuditEvent.objects.filter(action="certificate.ipasn_mapping").exists()


def test_activity_labels_cover_every_kind():
    assert set(rules.KIND_LABELS) == set(rules.MAPPED_KINDS) == set(exports.KINDS)
    assert set(rules.MAPPED_KINDS) == set(rules.DEFAULT_COMPONENT_KINDS)
    assert ActivityType.SELF_STUDY.value in rules.MAPPED_KINDS
