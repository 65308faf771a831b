"""The competency pages: who sees what, the seeds' layouts, bad input, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.common.tests.clock import TODAY, days_ago, iso
from kembang.competency.models import Assessment, AssessmentLevel, CompetencyWording
from kembang.competency.tests.conftest import assess, client_of, national
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

SEED_L1 = "Bertindak sesuai nilai, norma, etika organisasi"
NATIONAL_L1 = "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi"


def _get(user, name, *args, **query):
    url = reverse(f"competency:{name}", args=args)
    return client_of(user).get(url, query)


# --- the dictionary ---------------------------------------------------------------------


@pytest.mark.parametrize("profile_id", ["belitung-timur", "langsa"])
def test_seed_profiles_show_the_seed_table_with_the_national_wording_below(world, profile_id):
    p = world(profile_id)
    html = _get(p.participant_user, "dictionary").content.decode()
    assert "Tabel Level Kompetensi" in html
    assert html.index(SEED_L1) < html.index(NATIONAL_L1)
    assert "Perekat Bangsa" in html


def test_nganjuk_shows_the_national_wording_only(world):
    p = world("nganjuk")
    html = _get(p.participant_user, "dictionary").content.decode()
    assert "Tabel Level Kompetensi" not in html and NATIONAL_L1 in html


def test_bkpsdm_edits_wording_from_the_page_others_get_404(p):
    integrity = national("M1")
    url = reverse("competency:wording_edit", args=[integrity.pk])
    for user in (p.participant_user, p.hr_user, p.head_user, p.coach_user):
        assert client_of(user).get(url).status_code == 404
        assert client_of(user).post(url, {"name": "X"}).status_code == 404
    client = client_of(p.admin)
    assert client.get(url).status_code == 200
    data = {"name": "Integritas", "definition": "Definisi baru", "confidence": "M",
            **{f"level_{i}": f"Deskripsi {i}" for i in range(1, 6)}, "source": "SKJ"}
    assert client.post(url, data).status_code == 302
    assert CompetencyWording.objects.filter(competency=integrity, regency=p.regency,
                                            version=2).exists()
    bad = client.post(url, {**data, "name": "", "level_1": "x\x00"})
    assert bad.status_code == 400
    assert client.get(reverse("competency:wording_edit", args=["999999"])).status_code == 404
    assert client.get(reverse("competency:wording_edit", args=["abc"])).status_code == 404


# --- standards --------------------------------------------------------------------------


def test_standards_pages_for_staff_only_with_defaults_marked(p):
    position = p.participant.position
    assert _get(p.participant_user, "standards").status_code == 404
    assert _get(p.coach_user, "position", position.pk).status_code == 404
    for user in (p.hr_user, p.head_user, p.admin):
        response = _get(user, "standards")
        assert response.status_code == 200
        assert "bawaan, perlu diverifikasi" in response.content.decode()
    page = _get(p.admin, "position", position.pk).content.decode()
    assert "Tambah kompetensi teknis" in page
    assert "Tambah kompetensi teknis" not in _get(p.hr_user, "position",
                                                   position.pk).content.decode()


def test_bkpsdm_sets_a_standard_and_adds_a_technical_competency(p):
    position = p.participant.position
    client = client_of(p.admin)
    set_url = reverse("competency:standard_set", args=[position.pk])
    add_url = reverse("competency:technical_add", args=[position.pk])
    assert client.post(set_url, {"competency": national("M2").pk, "required_level": "2",
                                 "instrument_number": "800/3",
                                 "instrument_date": iso(days_ago(3))}).status_code == 302
    assert client.post(add_url, {"name": "Pengarsipan", "required_level": "1"}).status_code \
        == 302
    page = client.get(reverse("competency:position", args=[position.pk])).content.decode()
    assert "Pengarsipan" in page and "800/3" in page
    for bad in ({"competency": national("M2").pk, "required_level": "9"},
                {"competency": "x", "required_level": "2"},
                {"competency": national("M2").pk, "required_level": "2",
                 "instrument_date": "kemarin"}):
        assert client.post(set_url, bad).status_code in (400, 404)
    assert client.post(add_url, {"name": "", "required_level": "1"}).status_code == 400
    assert client_of(p.hr_user).post(add_url, {"name": "A", "required_level": "1"}
                                      ).status_code == 404


def test_another_regencys_position_is_404(world):
    p, q = world("belitung-timur"), world("langsa")
    assert _get(p.admin, "position", q.participant.position.pk).status_code == 404


# --- one employee -----------------------------------------------------------------------


def test_employee_page_scope(world):
    p, q = world("belitung-timur"), world("langsa")
    target = p.participant
    for user in (p.participant_user, p.coach_user, p.hr_user, p.head_user, p.admin):
        assert _get(user, "employee", target.pk).status_code == 200
    for user in (p.outsider_user, q.admin, q.participant_user):
        assert _get(user, "employee", target.pk).status_code == 404
    # Not the supervisor's supervisor's peers: the outsider heads nothing here.
    assert _get(p.participant_user, "employee", p.coach.pk).status_code == 404
    assert _get(p.participant_user, "employee", "abc").status_code == 404


def test_the_gap_table_and_chart_and_the_rule_said_to_be_kembangs(p):
    assess(p, p.participant, {"M1": 1, "M3": 1})
    p.participant.position.kind = "pengawas"  # level 2
    p.participant.position.save()
    html = _get(p.participant_user, "employee", p.participant.pk).content.decode()
    assert 'id="competency-gap-chart"' in html and "gap_chart.js" in html
    assert "ketentuan Kembang" in html
    assert "dari besar kesenjangan" in html  # no cause recorded: the size pre-fills
    assert "Catat penilaian" not in html  # the employee records nothing of their own


def test_supervisor_records_their_view_and_hr_records_a_result(p):
    url = reverse("competency:assessment_record", args=[p.participant.pk])
    integrity = national("M1")
    form = {"assessed_on": iso(TODAY), f"level_{integrity.pk}": "1",
            f"cause_{integrity.pk}": "keterampilan"}
    coach = client_of(p.coach_user)
    page = coach.get(reverse("competency:employee", args=[p.participant.pk])).content.decode()
    assert "Penilaian atasan" in page and 'value="hasil"' not in page
    assert coach.post(url, {**form, "source": "atasan"}).status_code == 302
    assert coach.post(url, {**form, "source": "hasil"}).status_code == 400
    assert client_of(p.hr_user).post(url, {**form, "source": "hasil", "jpm": "80"}
                                     ).status_code == 302
    sources = sorted(Assessment.objects.values_list("source", flat=True))
    assert sources == ["atasan", "hasil"]
    assert AssessmentLevel.objects.filter(cause="keterampilan").count() == 2
    # Bad input: a message, never a 500.
    for bad in ({**form, "source": "hasil", f"level_{integrity.pk}": "9"},
                {**form, "source": "hasil", "assessed_on": "31-31-2026"},
                {**form, "source": "hasil", "note": "a\x00b"},
                {**form, "source": "hasil", f"cause_{integrity.pk}": "lain"},
                {"source": "hasil", "assessed_on": iso(TODAY)}):
        assert client_of(p.hr_user).post(url, bad).status_code == 400
    # The participant may not post at all; another unit gets 404.
    assert client_of(p.participant_user).post(url, {**form, "source": "atasan"}
                                              ).status_code == 404
    assert client_of(p.outsider_user).post(url, {**form, "source": "atasan"}
                                           ).status_code == 404


# --- the subordinate table --------------------------------------------------------------


def test_subordinate_table_columns_per_seed(world):
    bt, langsa = world("belitung-timur"), world("langsa")
    html = _get(bt.coach_user, "subordinates").content.decode()
    assert "Kompetensi Sosial Kultural" in html and ">Level</th>" in html
    assert bt.participant.name in html and bt.hr.name not in html  # only subordinates
    html = _get(langsa.coach_user, "subordinates").content.decode()
    assert "Kompetensi Sosiokultural" in html and ">Level</th>" not in html


def test_subordinate_table_marks_gaps(p):
    p.participant.position.kind = "administrator"
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1})
    html = _get(p.coach_user, "subordinates").content.decode()
    assert "−2" in html


def _link(employee) -> str:
    return f'href="{reverse("competency:employee", args=[employee.pk])}"'


def test_subordinate_table_scope(world):
    p = world("belitung-timur")
    assert _link(p.participant) not in _get(p.participant_user, "subordinates").content.decode()
    assert _link(p.participant) in _get(p.hr_user, "subordinates").content.decode()
    assert _link(p.outsider) not in _get(p.hr_user, "subordinates").content.decode()
    assert _link(p.outsider) in _get(p.admin, "subordinates").content.decode()
    stranger = world("langsa").admin
    assert _link(p.participant) not in _get(stranger, "subordinates").content.decode()


def test_subordinate_table_in_constant_queries(p, django_assert_num_queries):
    assess(p, p.participant, {"M1": 1})
    client = client_of(p.coach_user)
    url = reverse("competency:subordinates")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(8):
        other = EmployeeFactory(unit=p.unit, position=p.participant.position,
                                supervisor=p.coach)
        assess(p, other, {"M1": 1 + n % 3, "M2": 2})
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.content.decode().count("/kompetensi/pegawai/") == 9


def test_employee_page_in_constant_queries(p, django_assert_num_queries):
    client = client_of(p.admin)
    url = reverse("competency:employee", args=[p.participant.pk])
    assess(p, p.participant, {"M1": 1})
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(5):
        assess(p, p.participant, {"M1": 1 + n % 3, "M2": 2, "M3": 3}, day=days_ago(20 + n))
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_standards_list_in_constant_queries(p, django_assert_num_queries):
    from kembang.organisation.tests.factories import PositionFactory

    client = client_of(p.admin)
    url = reverse("competency:standards")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(6):
        PositionFactory(regency=p.regency, name=f"Jabatan {n}")
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


# --- imports --------------------------------------------------------------------------


def test_import_pages_by_role(p):
    assert _get(p.admin, "standards_import").status_code == 200
    assert _get(p.hr_user, "standards_import").status_code == 404
    assert _get(p.hr_user, "results_import").status_code == 200
    for user in (p.participant_user, p.coach_user, p.head_user):
        assert _get(user, "results_import").status_code == 404
    client = client_of(p.admin)
    url = reverse("competency:results_import")
    assert client.post(url, {}).status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"rusak")})
    assert response.status_code == 400
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.status_code == 400


def test_home_page_links_by_role(p):
    html = _get(p.participant_user, "home").content.decode()
    assert "Kompetensi saya" in html and "Impor" not in html
    assert "Data kompetensi bawahan" in _get(p.coach_user, "home").content.decode()
    nobody = login_for(regency=p.regency, username="tanpa.peran")
    assert _get(nobody, "home").status_code == 200
    assert _get(nobody, "subordinates").status_code == 404
    grant(nobody, Role.HR_ADMIN)


def test_an_outsider_gets_the_same_404_as_a_missing_id(world):
    p, q = world("belitung-timur"), world("langsa")
    missing = _get(q.admin, "employee", 987654321)
    for user in (q.admin, p.outsider_user):
        response = _get(user, "employee", p.participant.pk)
        assert response.status_code == 404
        assert response.content == (missing.content if user is q.admin else
                                    _get(user, "employee", 987654321).content)
