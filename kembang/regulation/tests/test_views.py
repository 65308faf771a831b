"""The regulation pages: the rules in force, the built-ins compared, a regency's new
version (BKPSDM), and `hitung_jp` on the web (docs/jp-rules.md,
docs/profiles.md#profile-versions)."""

import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kembang.audit.models import AuditEvent
from kembang.common.spreadsheet import read_table
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for
from kembang.policy.builtin import LANGSA, NGANJUK
from kembang.regulation.forms import ProfileVersionForm
from kembang.regulation.jp_file import compute_file
from kembang.regulation.models import ProfileVersion
from kembang.regulation.services import profile_version_create

pytestmark = pytest.mark.django_db

# The addresses people bookmark and print; `test_the_urls_have_their_names` ties them to
# the URL names.
PROFILE = "/profil/"
COMPARE = "/profil/bandingkan/"
NEW_VERSION = "/profil/versi-baru/"
CALCULATE = "/profil/hitung/"

COACHING_NATIONAL = "Pembimbingan/Coaching: JP per sesi, nasional"
NGANJUK_COACHING_CLAUSE = "Lampiran Kepbup Nganjuk huruf D (Coaching) angka 3 huruf a"
NEW_CLAUSE = "Keputusan Bupati Nganjuk 2026 Diktum KEDUA"
PNS = "196805011992021001"
PNS_2 = "198501012010011002"


@pytest.fixture
def employee_user(unit_a):
    return login_for(EmployeeFactory(unit=unit_a, name="Siti Aminah"))


@pytest.fixture
def next_january(regency):
    return date(regency_today(regency).year + 1, 1, 1)


def rule_value(content: bytes, rule: str) -> str:
    """The value cell of one row of the rules table."""
    match = re.search(
        rf'<div role="rowheader"[^>]*>{re.escape(rule)}</div><div role="cell"[^>]*>([^<]*)</div>',
        content.decode(),
    )
    assert match, f"no row {rule!r}"
    return match.group(1)


def version_post(base=NGANJUK, **changes) -> dict:
    """The version form as the browser sends it before any edit: every value and clause
    of the base, plus `changes`."""
    form = ProfileVersionForm(base=base)
    data = {"base_profile_id": base.id}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    data["reason"] = "Keputusan Bupati Nganjuk 2026"
    data.update(changes)
    return data


def coaching_three(month: date, **changes) -> dict:
    """Coaching earns 3 JP (national and international) from `month`, with a new clause."""
    return version_post(**{
        "effective_month": month.strftime("%Y-%m"),
        "coaching__jp_nasional": "3",
        "coaching__jp_nasional__dasar": NEW_CLAUSE,
        "coaching__jp_internasional": "3",
        "coaching__jp_internasional__dasar": NEW_CLAUSE,
        **changes,
    })


def save(client, data):
    """Preview, then save what was previewed (the two steps of the page)."""
    preview = client.post(NEW_VERSION, data)
    assert preview.status_code == 200
    assert preview.context["preview"] is not None, preview.context["form"].errors
    return client.post(
        NEW_VERSION, {**data, "simpan": "1", "pratinjau": preview.context["fingerprint"]}
    )


def test_the_urls_have_their_names():
    assert reverse("regulation:profile") == PROFILE
    assert reverse("regulation:compare") == COMPARE
    assert reverse("regulation:version_create") == NEW_VERSION
    assert reverse("regulation:calculate") == CALCULATE


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PROFILE, COMPARE, NEW_VERSION, CALCULATE])
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_hr_officer_gets_404_on_the_new_version_page(client_for, hr_officer_a):
    client = client_for(hr_officer_a)
    assert client.get(NEW_VERSION).status_code == 404
    assert client.post(NEW_VERSION, coaching_three(date(2030, 1, 1))).status_code == 404
    assert not ProfileVersion.objects.exists()


def test_an_employee_gets_404_on_the_new_version_and_calculate_pages(client_for, employee_user):
    client = client_for(employee_user)
    assert client.get(NEW_VERSION).status_code == 404
    assert client.get(CALCULATE).status_code == 404


def test_navigation_shows_the_rules_to_everyone_and_the_file_calculation_to_hr(
    client_for, employee_user, hr_officer_a
):
    page = client_for(employee_user).get(PROFILE).content.decode()
    assert "Aturan JP" in page and "Hitung JP (berkas)" not in page
    page = client_for(hr_officer_a).get(PROFILE).content.decode()
    assert "Hitung JP (berkas)" in page


# --- the rules in force ------------------------------------------------------------------


def test_the_profile_page_shows_nganjuk_coaching_4_jp_with_its_clause(client_for, employee_user):
    response = client_for(employee_user).get(PROFILE)
    assert response.status_code == 200
    assert rule_value(response.content, COACHING_NATIONAL) == "4 JP"
    page = response.content.decode()
    assert NGANJUK_COACHING_CLAUSE in page
    assert "Keputusan Bupati Nganjuk Nomor 100.3.3.2/249/K/411.013/2025" in page
    # The evaluation forms: statements, scale, who fills them and when.
    assert "Formulir Evaluasi Coaching" in page
    assert "Saya merasa diperhatikan dan dipahami oleh Coach" in page
    assert "1 = tidak setuju" in page and "setelah setiap sesi" in page
    assert "Sangat Mampu" in page
    # No versions yet: the empty state names the built-in profile.
    assert "Belum ada versi milik daerah" in page
    # Only BKPSDM is offered a new version.
    assert NEW_VERSION not in page


def test_another_regency_reads_its_own_rules(client_for, other_regency, hr_admin, next_january):
    profile_version_create(
        actor=hr_admin, regency=hr_admin.regency, base_profile_id="nganjuk",
        data_changes={"activities": {"coaching": {
            "jp_nasional": {"value": "3", "clause": NEW_CLAUSE},
            "jp_internasional": {"value": "3", "clause": NEW_CLAUSE}}}},
        effective_from=next_january, reason="Perbup baru",
    )
    user = login_for(regency=other_regency, username="langsa.pegawai")
    response = client_for(user).get(PROFILE, {"pada": next_january.replace(day=15).isoformat()})
    assert rule_value(response.content, COACHING_NATIONAL) == "2 JP"
    page = response.content.decode()
    assert LANGSA.name in page and "Perbup baru" not in page
    assert "Belajar Mandiri: batas harian" in page


def test_an_unreadable_date_shows_a_message_and_todays_rules(client_for, employee_user):
    response = client_for(employee_user).get(PROFILE, {"pada": "31/02/2027"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tanggal tidak valid" in page
    assert response.context["on_date"] == response.context["today"]


def test_the_profile_page_has_a_constant_number_of_queries(
    client_for, employee_user, hr_admin, regency, next_january
):
    client = client_for(employee_user)
    client.get(PROFILE)  # warm the session and caches
    with CaptureQueriesContext(connection) as none:
        assert client.get(PROFILE).status_code == 200
    for months in range(4):
        profile_version_create(
            actor=hr_admin, regency=regency, base_profile_id="nganjuk",
            data_changes={"activities": {"mentoring": {
                "monthly_cap": {"value": months + 3, "clause": f"Perbup {months}"}}}},
            effective_from=next_january.replace(month=months + 1), reason=f"Perubahan {months}",
        )
    with CaptureQueriesContext(connection) as four:
        response = client.get(PROFILE, {"pada": next_january.replace(month=4).isoformat()})
    assert response.status_code == 200
    assert "Perubahan 3" in response.content.decode()
    assert len(four) == len(none)
    # Session, user, regency, role scope, the user's employee and unread notices (the
    # layout) + the profile in force + the versions with their authors.
    assert len(four) <= 8, [q["sql"] for q in four.captured_queries]


def test_the_comparison_shows_the_three_builtins_side_by_side(client_for, employee_user):
    response = client_for(employee_user).get(COMPARE)
    assert response.status_code == 200
    table = response.context["table"]
    row = next(r for r in table if r["rule"] == COACHING_NATIONAL)
    assert [cell[0] for cell in row["cells"]] == ["2 JP", "2 JP", "4 JP"]
    assert row["differs"]
    self_study = next(r for r in table if r["rule"] == "Belajar Mandiri: batas harian")
    assert self_study["cells"][0] is None and self_study["cells"][2] is None
    page = response.content.decode()
    assert "tidak diatur" in page and NGANJUK_COACHING_CLAUSE in page
    assert "Lampiran Perbup Belitung Timur huruf G angka 3" in page


def test_a_user_without_a_regency_is_sent_to_the_comparison(client_for, db):
    user = login_for(username="operator.pusat")
    response = client_for(user).get(PROFILE)
    assert response.status_code == 302 and response["Location"] == COMPARE


# --- a new version -----------------------------------------------------------------------


def test_bkpsdm_previews_then_saves_a_version_and_the_profile_page_follows_the_date(
    client_for, hr_admin, regency, next_january
):
    client = client_for(hr_admin)
    page = client.get(NEW_VERSION)
    assert page.status_code == 200
    assert 'type="month"' in page.content.decode()

    data = coaching_three(next_january)
    preview = client.post(NEW_VERSION, data)
    assert preview.status_code == 200
    rows = {row["rule"]: row for row in preview.context["preview"]["rows"]}
    assert rows[COACHING_NATIONAL]["old"] == "4 JP" and rows[COACHING_NATIONAL]["new"] == "3 JP"
    assert len(rows) == 2  # national and international; nothing else changed
    # The dry run ran the service and kept nothing.
    assert not ProfileVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="profile_version.create").exists()

    saved = client.post(
        NEW_VERSION, {**data, "simpan": "1", "pratinjau": preview.context["fingerprint"]}
    )
    assert saved.status_code == 302
    version = ProfileVersion.objects.get(regency=regency)
    assert version.effective_from == next_january and version.created_by == hr_admin
    assert version.profile().activity("coaching").jp_nasional.value == Decimal(3)
    assert version.profile().activity("coaching").monthly_cap.value == 2
    assert AuditEvent.objects.filter(action="profile_version.create").count() == 1

    in_force = client.get(PROFILE, {"pada": next_january.replace(day=15).isoformat()})
    assert rule_value(in_force.content, COACHING_NATIONAL) == "3 JP"
    assert NEW_CLAUSE in in_force.content.decode()
    assert "Keputusan Bupati Nganjuk 2026" in in_force.content.decode()  # the reason
    today = client.get(PROFILE)
    assert rule_value(today.content, COACHING_NATIONAL) == "4 JP"


def test_a_changed_value_without_a_new_clause_shows_the_services_error(
    client_for, hr_admin, next_january
):
    data = version_post(effective_month=next_january.strftime("%Y-%m"), coaching__jp_nasional="3")
    response = client_for(hr_admin).post(NEW_VERSION, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(
        "Nilai yang diubah harus menyebut dasar hukumnya yang baru" in e
        for e in form.non_field_errors()
    )
    assert form.errors["coaching__jp_nasional__dasar"] == [
        "Nilai ini diubah: sebutkan dasar hukum yang baru."
    ]
    assert response.context["preview"] is None
    assert not ProfileVersion.objects.exists()


@pytest.mark.parametrize("month", ["2027-01-15", "2027-13", "Januari", "15/01/2027"])
def test_only_a_month_can_be_chosen(client_for, hr_admin, month):
    response = client_for(hr_admin).post(NEW_VERSION, coaching_three(date(2027, 1, 1),
                                                                      effective_month=month))
    form = response.context["form"]
    assert "Pilih bulan dan tahun" in form.errors["effective_month"][0]
    assert response.context["preview"] is None


def test_a_month_written_as_mm_yyyy_is_the_first_of_that_month(client_for, hr_admin):
    response = client_for(hr_admin).post(NEW_VERSION, coaching_three(date(2030, 1, 1),
                                                                      effective_month="03/2030"))
    assert response.context["preview"] is not None
    assert response.context["preview"]["profile"].id.endswith("2030-03")


def test_a_taken_month_gives_a_message_on_the_month(client_for, hr_admin, next_january):
    client = client_for(hr_admin)
    assert save(client, coaching_three(next_january)).status_code == 302
    again = client.post(NEW_VERSION, coaching_three(next_january))
    message = again.context["form"].errors["effective_month"][0]
    assert message == f"Sudah ada versi profil yang berlaku mulai {next_january:%m/%Y}."
    assert ProfileVersion.objects.count() == 1


def test_saving_what_changed_after_the_preview_previews_again(client_for, hr_admin, next_january):
    client = client_for(hr_admin)
    data = coaching_three(next_january)
    preview = client.post(NEW_VERSION, data)
    edited = {**data, "mentoring__monthly_cap": "3", "mentoring__monthly_cap__dasar": NEW_CLAUSE,
              "simpan": "1", "pratinjau": preview.context["fingerprint"]}
    response = client.post(NEW_VERSION, edited)
    assert response.status_code == 200
    assert response.context["stale_preview"]
    assert not ProfileVersion.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("coaching__jp_nasional", "-1", "Nilai tidak boleh negatif."),
        ("coaching__jp_nasional", "dua", "Masukkan angka, misalnya 2 atau 2,5."),
        ("coaching__jp_nasional", "2,555", "Paling banyak dua angka di belakang koma."),
        ("coaching__monthly_cap", "0", "Batas harus bilangan bulat positif; kosongkan bila tanpa batas."),
        ("coaching__jp_nasional__dasar", "", "Sebutkan pasal atau bagian yang menjadi dasar nilai ini."),
        ("reason", "  ", "Tuliskan alasan perubahan."),
    ],
)
def test_bad_input_is_refused_on_its_field_in_indonesian(client_for, hr_admin, field, value, message):
    data = coaching_three(date(2030, 1, 1), **{field: value})
    response = client_for(hr_admin).post(NEW_VERSION, data)
    assert response.context["form"].errors[field] == [message]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_decimal_comma_and_a_blank_cap_are_understood(client_for, hr_admin):
    data = coaching_three(
        date(2030, 1, 1),
        mentoring__jp_nasional="2,5", mentoring__jp_nasional__dasar=NEW_CLAUSE,
        mentoring__monthly_cap="", mentoring__monthly_cap__dasar=NEW_CLAUSE,
    )
    response = save(client_for(hr_admin), data)
    assert response.status_code == 302
    mentoring = ProfileVersion.objects.get().profile().activity("mentoring")
    assert mentoring.jp_nasional.value == Decimal("2.5")
    assert mentoring.monthly_cap.value is None


def test_a_langsa_based_version_edits_self_study(client_for, hr_admin):
    client = client_for(hr_admin)
    page = client.get(NEW_VERSION, {"dasar": "langsa"}).content.decode()
    for name in ("belajar_mandiri__daily_cap_jp", "minutes_per_jp",
                 "belajar_mandiri__international_uplift"):
        assert f'name="{name}"' in page
    assert 'value="1,2"' in page  # the uplift, with a decimal comma
    data = version_post(
        LANGSA, effective_month="2030-01",
        belajar_mandiri__daily_cap_jp="3", belajar_mandiri__daily_cap_jp__dasar="Perwal 2029",
        minutes_per_jp="60", minutes_per_jp__dasar="Perwal 2029",
    )
    assert save(client, data).status_code == 302
    profile = ProfileVersion.objects.get().profile()
    assert profile.activity("belajar_mandiri").daily_cap_jp.value == 3
    assert profile.minutes_per_jp.value == 60
    assert ProfileVersion.objects.get().base_profile_id == "langsa"


def test_an_unknown_base_in_a_post_is_404(client_for, hr_admin):
    data = coaching_three(date(2030, 1, 1), base_profile_id="jakarta")
    assert client_for(hr_admin).post(NEW_VERSION, data).status_code == 404


# --- hitung_jp on the web ----------------------------------------------------------------

VALID_CSV = (
    "nip,nama,jenis,tanggal,cakupan,durasi_menit\n"
    f"{PNS},Sutrisno,coaching,2025-01-06,,\n"
    f"{PNS},Sutrisno,coaching,2025-01-13,internasional,\n"
    f"{PNS},Sutrisno,coaching,2025-01-20,,\n"
    f"{PNS},Sutrisno,mentoring,2025-01-21,,\n"
    f"{PNS_2},Ani,pendampingan,06/02/2025,,\n"
)
BAD_ROW_CSV = (
    "nip,nama,jenis,tanggal\n"
    f"{PNS},Sutrisno,coaching,2025-01-06\n"
    "19680501199202100,Salah,coaching,2025-01-07\n"
    f"{PNS},Sutrisno,kursus,2025-01-08\n"
)


def upload(text: str, name: str = "sesi.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_valid_csv_gives_the_jp_compute_file_gives(client_for, hr_officer_a, tmp_path):
    response = client_for(hr_officer_a).post(CALCULATE, {"berkas": upload(VALID_CSV)})
    assert response.status_code == 200
    result = response.context["result"]
    path = tmp_path / "sesi.csv"
    path.write_text(VALID_CSV, encoding="utf-8")
    expected = compute_file(read_table(path), NGANJUK)  # the regency's profile today
    assert [(r["row"], r["jp"]) for r in result["rows"]] == [
        (r["row"], Decimal(r["jp"])) for r in expected.rows
    ]
    assert [Decimal(r["jp"]) for r in expected.rows] == [4, 4, 0, 2, 2]
    page = response.content.decode()
    assert "19680501 199202 1 001" in page and "06/01/2025" in page
    assert "Tidak dihitung: sudah 2 sesi" in page
    assert "Memenuhi 20 JP" in page
    assert result["totals"][0]["jp"] == Decimal(10)


def test_self_study_under_langsa_shows_a_decimal_comma(client_for, hr_admin):
    text = ("nip,jenis,tanggal,cakupan,durasi_menit\n"
            f"{PNS},belajar mandiri,2025-03-03,internasional,120\n")
    response = client_for(hr_admin).post(CALCULATE, {"berkas": upload(text), "profil": "langsa"})
    assert response.context["result"]["rows"][0]["jp"] == Decimal("2.4")
    assert '<td class="text-end fw-semibold">2,4</td>' in response.content.decode()


def test_a_bad_row_shows_its_row_and_column(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(CALCULATE, {"berkas": upload(BAD_ROW_CSV)})
    assert response.status_code == 200
    errors = response.context["result"]["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(3, "nip"), (4, "jenis")]
    page = response.content.decode()
    assert "<td>3</td><td><code>nip</code></td>" in page
    assert "NIP harus 18 digit" in page
    assert [r["row"] for r in response.context["result"]["rows"]] == [2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sesi.xlsx", b"ini bukan excel", "Berkas XLSX tidak dapat dibaca"),
        ("sesi.txt", b"nip,jenis,tanggal\n", "Format berkas tidak didukung"),
        ("sesi.csv", b"\xff\xfe\x00g\x00a", "tidak ber-enkode UTF-8"),
        ("sesi.csv", b"nama,tanggal\nAni,2025-01-01\n", "Kolom wajib tidak ada: nip, jenis"),
    ],
)
def test_a_file_that_cannot_be_used_gives_a_clear_message(
    client_for, hr_officer_a, name, content, message
):
    client = client_for(hr_officer_a)
    for extra in ({}, {"format": "json"}):
        response = client.post(CALCULATE, {"berkas": SimpleUploadedFile(name, content), **extra})
        assert response.status_code == 200
        assert message in response.context["problem"]
        assert "Berkas tidak dapat dipakai." in response.content.decode()


def test_no_file_and_a_too_big_file_are_refused_on_the_field(client_for, hr_officer_a):
    client = client_for(hr_officer_a)
    response = client.post(CALCULATE, {})
    assert response.context["form"].errors["berkas"] == ["Pilih berkas CSV atau XLSX."]
    big = SimpleUploadedFile("besar.csv", b"nip,jenis,tanggal\n" + b"x" * (5 * 1024 * 1024))
    response = client.post(CALCULATE, {"berkas": big})
    assert "paling besar 5 MB" in response.context["form"].errors["berkas"][0]


def cli_json(tmp_path, text, profile):
    path = tmp_path / "sesi.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("hitung_jp", str(path), "--profil", profile, stdout=out)
    except SystemExit:
        pass  # exit status 1: some rows were rejected
    return json.loads(out.getvalue())


def test_the_json_download_equals_the_clis_json(client_for, hr_officer_a, tmp_path):
    text = (VALID_CSV + "19680501199202100,Salah,coaching,2025-01-07,,\n"
            f"{PNS},Sutrisno,kursus,2025-01-08,,\n")
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(text), "profil": "nganjuk", "format": "json"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert 'filename="hitung-jp-sesi.json"' in response["Content-Disposition"]
    downloaded = json.loads(response.content)
    assert downloaded == cli_json(tmp_path, text, "nganjuk")
    assert downloaded["errors"]


def test_the_csv_download_has_rows_totals_and_rejections(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(BAD_ROW_CSV), "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffbaris,nip,nama,jenis,tanggal")
    assert "2,19680501 199202 1 001,Sutrisno,coaching,2025-01-06" in text
    assert "Rekap per NIP dan tahun" in text and "Baris ditolak" in text
    assert '3,nip,"NIP harus 18 digit' in text


def test_the_xlsx_download_has_its_three_sheets(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(VALID_CSV), "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Baris", "Rekap", "Ditolak", "Catatan"]
    rows = list(workbook["Baris"].iter_rows(min_row=2, values_only=True))
    assert [row[7] for row in rows] == [4, 4, 0, 2, 2]


def test_an_xlsx_upload_works_too(client_for, hr_officer_a):
    workbook = Workbook()
    workbook.active.append(["NIP", "Jenis", "Tanggal"])
    workbook.active.append([PNS, "Mentoring", date(2025, 5, 2)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": SimpleUploadedFile("sesi.xlsx", buffer.getvalue())}
    )
    assert [r["jp"] for r in response.context["result"]["rows"]] == [Decimal(2)]


def test_the_regencys_own_version_can_be_chosen(client_for, hr_admin, regency, next_january):
    version = profile_version_create(
        actor=hr_admin, regency=regency, base_profile_id="nganjuk",
        data_changes={"activities": {"coaching": {
            "jp_nasional": {"value": "3", "clause": NEW_CLAUSE},
            "jp_internasional": {"value": "3", "clause": NEW_CLAUSE}}}},
        effective_from=next_january, reason="Perbup baru",
    )
    response = client_for(hr_admin).post(
        CALCULATE, {"berkas": upload(VALID_CSV), "profil": f"versi-{version.pk}"}
    )
    assert [r["jp"] for r in response.context["result"]["rows"]][:2] == [3, 3]
    assert response.context["result"]["profile"].id == f"nganjuk-{next_january:%Y-%m}"


def test_an_htmx_request_gets_the_result_fragment_with_download_buttons(client_for, hr_officer_a):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": upload(VALID_CSV)}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert 'form="hitung-form" name="format" value="csv"' in page
    assert "Rincian per baris" in page


def test_nothing_is_stored(client_for, hr_officer_a):
    from kembang.organisation.models import Employee

    before = Employee.objects.count()
    client_for(hr_officer_a).post(CALCULATE, {"berkas": upload(VALID_CSV)})
    assert Employee.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_a_head_of_unit_without_an_hr_role_gets_404(client_for, unit_a):
    user = login_for(EmployeeFactory(unit=unit_a))
    grant(user, Role.HEAD_OF_UNIT, unit_a)
    assert client_for(user).get(CALCULATE).status_code == 404


# --- in a browser ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bkpsdm_journey_on_a_phone_version_then_file(live_server, page, tmp_path):
    """A new version through preview and save; then a file computed in place (HTMX) and
    downloaded twice in a row without choosing it again."""
    from kembang.organisation.tests.factories import RegencyFactory, UnitFactory

    regency = RegencyFactory(name="Nganjuk", slug="nganjuk", profile_id="nganjuk")
    admin = login_for(EmployeeFactory(unit=UnitFactory(regency=regency), name="Admin BKPSDM"))
    grant(admin, Role.HR_ADMIN)
    failures = []
    page.on("response", lambda r: r.status >= 500 and failures.append(r.url))
    base = live_server.url
    page.goto(base + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill("rahasia-uji-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + "/")

    month = date(regency_today(regency).year + 1, 1, 1)
    page.goto(base + NEW_VERSION)
    page.get_by_label("Berlaku mulai bulan").fill(month.strftime("%Y-%m"))
    page.get_by_label("Alasan perubahan").fill("Keputusan Bupati Nganjuk 2026")
    page.get_by_label("JP per sesi, nasional").first.fill("3")
    page.get_by_role("button", name="Pratinjau perubahan").click()
    page.get_by_text("Nilai ini diubah: sebutkan dasar hukum yang baru.").wait_for()
    page.get_by_label("Dasar hukum: JP per sesi, nasional").first.fill(NEW_CLAUSE)
    page.get_by_role("button", name="Pratinjau perubahan").click()
    page.locator("#preview").wait_for()
    page.get_by_role("button", name="Simpan versi ini").first.click()
    page.get_by_text("disimpan; berlaku mulai").wait_for()
    assert "3 JP" in page.locator("#rules").inner_text()

    path = tmp_path / "sesi.csv"
    path.write_text(VALID_CSV, encoding="utf-8")
    page.goto(base + CALCULATE)
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Hitung", exact=True).click()
    page.locator("#rows").wait_for()
    assert page.url == base + CALCULATE  # computed in place
    for fmt in ("CSV", "XLSX"):
        with page.expect_download() as download:
            page.locator("#hasil").get_by_role("button", name=fmt).click()
        assert download.value.suggested_filename == f"hitung-jp-sesi.{fmt.lower()}"
    assert not failures
