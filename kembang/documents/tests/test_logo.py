"""The regency's logo in the letterhead of every PDF (docs/documents.md#the-regencys-logo):
BKPSDM uploads, replaces and removes it, each change audited; an upload is a PNG or JPEG
by its content, at most 1 MB and 32–2000 pixels a side, refused in words naming the
field otherwise; the PDF base draws it beside the regency's name, its aspect ratio kept,
and draws no image without one."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY
from kembang.documents.pdf import LOGO_MAX_WIDTH, LOGO_SIZE, PdfDocument, _logo_image, para
from kembang.documents.tests.test_paper_forms import add_session, make_program
from kembang.learning.models import ActivityType
from kembang.learning.tests.test_views import client_as
from kembang.organisation import services
from kembang.organisation.models import RegencyLogo, Role
from kembang.organisation.tests.factories import RegencyFactory, grant, login_for


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def image_bytes(fmt: str = "PNG", size=(120, 80), color=(31, 111, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def upload(data: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def admin_of(regency):
    user = login_for(regency=regency, username=f"admin.{regency.slug}")
    grant(user, Role.HR_ADMIN)
    return user


def page_images(pdf: bytes) -> list[list]:
    return [list(page.images) for page in PdfReader(io.BytesIO(pdf)).pages]


# --- upload, replace, remove -----------------------------------------------------------


@pytest.mark.parametrize("fmt, name, content_type", [
    ("PNG", "logo.png", "image/png"),
    ("JPEG", "Logo Kabupaten.JPG", "image/jpeg"),
])
def test_bkpsdm_uploads_a_png_or_jpeg_logo_and_the_change_is_audited(
        people_for, media, fmt, name, content_type):
    p = people_for("nganjuk")
    admin = admin_of(p.regency)
    data = image_bytes(fmt)
    client = client_as(admin)
    response = client.post(reverse("organisation:letterhead"),
                           {"logo": upload(data, name, content_type)})
    assert response.status_code == 302
    logo = RegencyLogo.objects.get(regency=p.regency)
    assert (logo.content_type, logo.width, logo.height, logo.size) == (
        content_type, 120, 80, len(data))
    # Kept under MEDIA_ROOT by a name Kembang chose, never the client's.
    assert logo.image.name.startswith(f"logos/{p.regency.pk}/")
    assert name not in logo.image.name
    assert (media / logo.image.name).read_bytes() == data
    event = AuditEvent.objects.get(action="regency.logo_set")
    assert event.actor == admin and event.regency == p.regency
    assert event.changes["logo"][0] is None
    assert event.changes["logo"][1]["sha256"] == logo.sha256
    # The page shows the logo in use.
    page = client.get(reverse("organisation:letterhead")).content.decode()
    assert f'src="data:{content_type};base64,' in page
    assert "120×80" in page


def test_replacing_and_removing_the_logo_are_audited_and_leave_no_old_file(
        people_for, media, django_capture_on_commit_callbacks):
    p = people_for("nganjuk")
    admin = admin_of(p.regency)
    client = client_as(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:letterhead"), {"logo": upload(image_bytes())})
    first = RegencyLogo.objects.get(regency=p.regency).image.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:letterhead"),
                    {"logo": upload(image_bytes("JPEG", (64, 64)), "baru.jpg", "image/jpeg")})
    logo = RegencyLogo.objects.get(regency=p.regency)
    assert (logo.content_type, logo.width) == ("image/jpeg", 64)
    assert not (media / first).exists()
    assert (media / logo.image.name).exists()
    replaced = AuditEvent.objects.filter(action="regency.logo_set").order_by("pk").last()
    assert replaced.changes["logo"][0]["type"] == "image/png"
    assert replaced.changes["logo"][1]["type"] == "image/jpeg"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisation:letterhead_logo_remove"))
    assert response.status_code == 302
    assert not RegencyLogo.objects.filter(regency=p.regency).exists()
    assert not (media / logo.image.name).exists()
    removed = AuditEvent.objects.get(action="regency.logo_remove")
    assert removed.actor == admin and removed.changes["logo"][1] is None
    assert "Belum ada logo" in client.get(reverse("organisation:letterhead")).content.decode()
    # Removing nothing changes nothing and records nothing.
    client.post(reverse("organisation:letterhead_logo_remove"))
    assert AuditEvent.objects.filter(action="regency.logo_remove").count() == 1


def _truncated_png() -> bytes:
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, format="PNG")
    data = out.getvalue()
    return data[: len(data) // 2]


def _too_big_png() -> bytes:
    noisy = Image.effect_noise((1000, 1000), 120).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, format="PNG", compress_level=0)
    assert out.tell() > 1024 * 1024
    return out.getvalue()


@pytest.mark.parametrize("data, name, words", [
    (b"", "kosong.png", "Logo: "),
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "logo.png",
     "Logo: berkas ini bukan gambar PNG atau JPEG."),
    (image_bytes("GIF"), "logo.gif", "Logo: berkas ini bukan gambar PNG atau JPEG."),
    (b"%PDF-1.4 not a logo", "logo.jpg", "Logo: berkas ini bukan gambar PNG atau JPEG."),
    (image_bytes(size=(20, 20)), "kecil.png", "Logo: ukurannya 20×20 piksel"),
    (image_bytes(size=(2400, 40)), "lebar.png", "Logo: ukurannya 2400×40 piksel"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "rusak.png", "Logo: gambarnya rusak"),
    (_truncated_png(), "terpotong.png", "Logo: gambarnya rusak"),
    (_too_big_png(), "besar.png", "Logo: berkas terlalu besar"),
], ids=["empty", "svg", "gif", "pdf", "too-small", "too-wide", "garbage", "truncated",
        "over-1-mb"])
def test_an_unusable_upload_is_refused_in_words_naming_the_field(people_for, data, name,
                                                                  words):
    p = people_for("nganjuk")
    response = client_as(admin_of(p.regency)).post(
        reverse("organisation:letterhead"), {"logo": upload(data, name)})
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page
    assert 'aria-invalid="true"' in page
    assert not RegencyLogo.objects.exists()
    assert not AuditEvent.objects.filter(action="regency.logo_set").exists()


def test_a_post_without_a_file_is_refused_in_words(people_for):
    p = people_for("nganjuk")
    response = client_as(admin_of(p.regency)).post(reverse("organisation:letterhead"), {})
    assert response.status_code == 200
    assert "Logo: pilih berkas gambar PNG atau JPEG." in response.content.decode()


def test_only_bkpsdm_of_the_regency_changes_its_logo(people_for):
    p = people_for("nganjuk")
    other = RegencyFactory(name="Lain", slug="lain", profile_id="langsa")
    other_admin = admin_of(other)
    services.regency_logo_set(actor=admin_of(p.regency), regency=p.regency,
                              upload=upload(image_bytes()))
    mine = RegencyLogo.objects.get(regency=p.regency)
    page = reverse("organisation:letterhead")
    remove = reverse("organisation:letterhead_logo_remove")
    for user in (p.participant_user, p.coach_user, p.hr_user, p.head_user):
        client = client_as(user)
        assert client.get(page).status_code == 404
        assert client.post(page, {"logo": upload(image_bytes())}).status_code == 404
        assert client.post(remove).status_code == 404
    assert client_as(p.hr_user).get(remove).status_code == 405
    # Another regency's BKPSDM sees and changes only its own.
    client = client_as(other_admin)
    assert 'src="data:' not in client.get(page).content.decode()
    client.post(remove)
    client.post(page, {"logo": upload(image_bytes("JPEG"), "l.jpg", "image/jpeg")})
    assert RegencyLogo.objects.get(regency=p.regency).sha256 == mine.sha256
    assert RegencyLogo.objects.get(regency=other).content_type == "image/jpeg"
    # Anonymous: to the login page.
    from django.test import Client

    assert Client().get(page).status_code == 302
    assert RegencyLogo.objects.count() == 2


def test_the_letterhead_page_is_in_bkpsdms_menu_only(people_for):
    p = people_for("nganjuk")
    url = reverse("organisation:letterhead")
    assert url in client_as(admin_of(p.regency)).get(reverse("home")).content.decode()
    assert url not in client_as(p.hr_user).get(reverse("home")).content.decode()


# --- the letterhead of the PDFs -------------------------------------------------------------


def test_every_page_of_a_generated_pdf_carries_the_logo_once_set_and_none_without(
        people_for):
    p = people_for("nganjuk")
    program = make_program(p, ActivityType.COACHING)
    for day in range(1, 4):
        add_session(p, program, TODAY.replace(day=day), f"Sesi {day}")
    url = reverse("learning:program_record_pdf", args=[program.pk])
    client = client_as(p.participant_user)
    before = client.get(url)
    assert before.status_code == 200
    pages = page_images(before.content)
    assert len(pages) == 3 and all(images == [] for images in pages)

    services.regency_logo_set(actor=admin_of(p.regency), regency=p.regency,
                              upload=upload(image_bytes(size=(200, 100))))
    after = client.get(url)
    pages = page_images(after.content)
    assert len(pages) == 3 and all(len(images) == 1 for images in pages)
    assert pages[0][0].image.size == (200, 100)
    # One image object shared by the pages, not a copy per page.
    reader = PdfReader(io.BytesIO(after.content))
    objects = {page["/Resources"]["/XObject"].raw_get(name).idnum
               for page in reader.pages for name in page["/Resources"]["/XObject"]}
    assert len(objects) == 1


def test_the_other_documents_on_the_base_carry_it_too(people_for):
    p = people_for("nganjuk")
    services.regency_logo_set(actor=admin_of(p.regency), regency=p.regency,
                              upload=upload(image_bytes("JPEG"), "l.jpg", "image/jpeg"))
    program = make_program(p, ActivityType.MENTORING)
    response = client_as(p.participant_user).get(
        reverse("learning:mentor_assessment_pdf", args=[program.pk]))
    assert response.status_code == 200
    assert all(len(images) == 1 for images in page_images(response.content))
    document = PdfDocument(regency=p.regency, title="Rekap JP", printed_on=TODAY,
                           landscape=True)
    assert len(page_images(document.build([para("Isi")]))[0]) == 1
    # A caller may still ask for none.
    document = PdfDocument(regency=p.regency, title="Rekap JP", printed_on=TODAY, logo=False)
    assert page_images(document.build([para("Isi")])) == [[]]


@pytest.mark.parametrize("size", [(120, 120), (400, 100), (100, 400), (1900, 100)])
def test_the_logo_keeps_its_aspect_ratio_within_the_letterhead(size):
    image, width, height = _logo_image(None, image_bytes(size=size))
    assert height <= LOGO_SIZE + 1e-6 and width <= LOGO_MAX_WIDTH + 1e-6
    assert abs(width / height - size[0] / size[1]) < 1e-6
    # As large as the letterhead allows: as high as it may be, or as wide.
    assert abs(height - LOGO_SIZE) < 1e-6 or abs(width - LOGO_MAX_WIDTH) < 1e-6


def test_a_logo_file_gone_from_disk_leaves_the_name_alone(people_for, media):
    p = people_for("nganjuk")
    logo = services.regency_logo_set(actor=admin_of(p.regency), regency=p.regency,
                                      upload=upload(image_bytes()))
    (media / logo.image.name).unlink()
    document = PdfDocument(regency=p.regency, title="Rekap JP", printed_on=date(2026, 3, 5))
    pdf = document.build([para("Isi")])
    assert page_images(pdf) == [[]]
    assert "Pemerintah" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
