"""The report pages: scope, the steps through the pages, the home flag, constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.common.tests.clock import on
from kembang.organisation.tests.factories import EmployeeFactory, UnitFactory
from kembang.reports.models import UnitReport
from kembang.reports.tests.test_services import LAST_MONTH, world


def test_the_steps_through_the_pages_under_nganjuk(people_for, client):
    p = world(people_for)
    client.force_login(p.hr_user)
    page = client.get(reverse("reports:list")).content.decode()
    assert "huruf E angka 2 huruf a" in page and "Siapkan laporan" in page
    query = f"?unit={p.unit.pk}&jenis=monthly&mulai={LAST_MONTH.isoformat()}"
    assert p.participant.nip in client.get(reverse("reports:prepare") + query).content.decode()
    response = client.post(reverse("reports:prepare"), {
        "unit": p.unit.pk, "jenis": "monthly", "mulai": LAST_MONTH.isoformat(),
        "note": "Semua sesi sudah divalidasi"})
    report = UnitReport.objects.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    client.force_login(p.head_user)
    assert "Setujui dan kirim" in client.get(response.url).content.decode()
    client.post(reverse("reports:send", args=[report.pk]))
    client.force_login(p.admin)
    client.post(reverse("reports:receive", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "received"
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Diterima oleh" in page and "Semua sesi sudah divalidasi" in page
    assert client.get(reverse("reports:pdf", args=[report.pk])).content.startswith(b"%PDF")
    overview = client.get(reverse("reports:overview")).content.decode()
    assert "Sudah mengirim" in overview and p.unit.name in overview


def test_another_unit_s_hr_officer_gets_404(people_for, client):
    from kembang.organisation.models import Role
    from kembang.organisation.tests.factories import grant, login_for

    p = world(people_for)
    report = UnitReport.objects.create(regency=p.regency, unit=p.unit, kind="monthly",
                                       period_start=LAST_MONTH, period_end=on(-1, 31),
                                       due_date=on(0, 31), prepared_by=p.hr_user)
    other = login_for(EmployeeFactory(unit=p.other_unit))
    grant(other, Role.HR_OFFICER, p.other_unit)
    client.force_login(other)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:send", args=[report.pk])).status_code == 404


def test_under_langsa_the_page_says_no_report_is_due(people_for, client):
    p = world(people_for, "langsa")
    client.force_login(p.hr_user)
    page = client.get(reverse("reports:list")).content.decode()
    assert "Tidak ada laporan unit yang wajib dikirim" in page
    assert "tidak mengatur pelaporan" in page and reverse("recap:unit") in page


def test_home_flags_the_unsent_report_with_its_due_day(people_for, client):
    p = world(people_for)
    for user in (p.hr_user, p.head_user, p.admin):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert "Laporan unit yang belum dikirim" in page
        assert on(0, 31).strftime("%d/%m/%Y") in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_units(people_for, client):
    p = world(people_for)
    client.force_login(p.admin)
    small = {url: _count(client, url) for url in (
        reverse("home"), reverse("reports:list"), reverse("reports:overview"))}
    for n in range(4):
        unit = UnitFactory(regency=p.regency, name=f"Dinas Tambahan {n}")
        UnitReport.objects.create(regency=p.regency, unit=unit, kind="monthly",
                                  period_start=LAST_MONTH, period_end=on(-1, 31),
                                  due_date=on(0, 31), prepared_by=p.hr_user)
    large = {url: _count(client, url) for url in small}
    assert large == small
