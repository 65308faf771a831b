"""`kembang backup` and `kembang restore`: a round trip loses nothing, on SQLite and on
PostgreSQL (no marker: these run in both suites), and every refusal exits 2 with its reason
and writes nothing."""

import hashlib
import io
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from kembang.accounts.models import User
from kembang.common.tests.clock import on
from kembang.learning.models import Evidence
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT
from kembang.organisation.models import Regency
from kembang.organisation.tests.factories import RegencyFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"
# Not backed up (transient, see kembang.ops.backup); not created by these tests either.
UNCOUNTED_TABLES = {"django_session", "django_migrations"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def build_regency(people_for):
    """A regency with people, roles, a coaching program, a session with two evidence
    files and its audit trail; a group and a permission (natural keys), a lockout row."""
    p = people_for("langsa")
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan", goal="Laporan tepat waktu")
    program = programs.program_agree(actor=p.participant_user, program=program)
    draft = sessions.session_log(
        actor=p.participant_user, program=program, submit=False,
        data={"date": on(-1, 2), "topic": "Laporan", "mode": "luring",
              "scope": "nasional"}).session
    for name, content, kind in (("bukti.pdf", PDF, "application/pdf"),
                                ("foto.jpg", JPEG, "image/jpeg")):
        sessions.evidence_attach(actor=p.participant_user, session=draft,
                                 upload=SimpleUploadedFile(name, content, content_type=kind))
    group = Group.objects.create(name="Pemeriksa")
    group.permissions.add(Permission.objects.get(codename="view_evidence"))
    p.hr_user.groups.add(group)
    p.hr_user.user_permissions.add(Permission.objects.get(codename="change_regency"))
    AccessAttempt.objects.create(username="tamu", ip_address="10.0.0.9", user_agent="uji",
                                 http_accept="*/*", path_info="/masuk/", get_data="",
                                 post_data="", failures_since_start=2)
    return p


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in UNCOUNTED_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def checksums(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def restore(path: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def refused(command, *args, **options) -> str:
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO(), **options)
    assert caught.value.returncode == 2
    return str(caught.value)


def empty_database_and_media(media: Path) -> None:
    """What a new server looks like: migrated, no rows, no files. Content types and
    permissions come back with other ids than before, as on a real new database."""
    call_command("flush", interactive=False, verbosity=0)
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    shutil.rmtree(media)


def rewrite(source: Path, target: Path, changes: dict[str, bytes | None]) -> None:
    """A copy of the zip at `source` with members replaced (bytes) or left out (None)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    new.writestr(info.filename, changes[info.filename])
            else:
                new.writestr(info.filename, old.read(info.filename))


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_emptied_database_loses_no_row_and_no_file(
        people_for, media, tmp_path):
    p = build_regency(people_for)
    before_counts, before_files = table_counts(), checksums(media)
    content_type_ids = dict(ContentType.objects.values_list("model", "id"))
    assert before_counts["learning_evidence"] == 2 and len(before_files) == 2
    assert before_counts["audit_auditevent"] > 0 and before_counts["accounts_user_groups"] == 1

    archive = tmp_path / "cadangan.zip"
    assert "2 berkas bukti" in backup(archive)
    assert mode(archive) == 0o600
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    assert manifest["tables"]["organisation.regency"]["rows"] == 1
    assert "sessions.session" not in manifest["tables"]
    assert set(manifest["files"]) == set(before_files)

    empty_database_and_media(media)
    assert not Regency.objects.exists() and not media.exists()
    assert dict(ContentType.objects.values_list("model", "id")) != content_type_ids

    assert "cocok dengan manifest" in restore(archive)

    assert table_counts() == before_counts
    assert checksums(media) == before_files
    for evidence in Evidence.objects.all():
        assert mode(evidence.file.path) == 0o600
        assert mode(Path(evidence.file.path).parent) == 0o700
    hr = User.objects.get(pk=p.hr_user.pk)
    # By natural key, onto the new content type ids.
    assert list(hr.user_permissions.values_list("codename", flat=True)) == ["change_regency"]
    assert list(Group.objects.get().permissions.values_list(
        "content_type__model", flat=True)) == ["evidence"]
    # Sequences continue after the restored ids (PostgreSQL would collide otherwise).
    assert RegencyFactory(name="Baru", slug="baru").pk > p.regency.pk


@pytest.mark.django_db(transaction=True)
def test_a_row_count_that_differs_from_the_manifest_undoes_the_whole_restore(
        people_for, media, tmp_path):
    build_regency(people_for)
    archive, tampered = tmp_path / "cadangan.zip", tmp_path / "diubah.zip"
    backup(archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    manifest["tables"]["organisation.regency"]["rows"] += 1
    rewrite(archive, tampered, {"manifest.json": json.dumps(manifest).encode()})
    empty_database_and_media(media)

    message = refused("restore", str(tampered))

    assert "organisation_regency (manifest 2, dipulihkan 1)" in message
    assert not Regency.objects.exists() and not User.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_rows_and_names_the_tables(
        regency, media, tmp_path):
    archive = tmp_path / "cadangan.zip"
    backup(archive)

    message = refused("restore", str(archive))

    assert "tidak kosong" in message and "organisation_regency" in message
    assert Regency.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_evidence_file_fails_its_checksum_and_nothing_is_restored(media, tmp_path):
    (media / "evidence" / "1" / "1").mkdir(parents=True)
    (media / "evidence" / "1" / "1" / "bukti.pdf").write_bytes(PDF)
    archive, tampered = tmp_path / "cadangan.zip", tmp_path / "diubah.zip"
    backup(archive)
    shutil.rmtree(media)
    rewrite(archive, tampered, {"media/evidence/1/1/bukti.pdf": PDF + b"x"})

    message = refused("restore", str(tampered))

    assert "Checksum tidak cocok" in message and "evidence/1/1/bukti.pdf" in message
    assert not media.exists()


@pytest.mark.django_db
def test_an_existing_file_with_other_content_is_not_overwritten(media, tmp_path):
    (media / "evidence" / "1").mkdir(parents=True)
    (media / "evidence" / "1" / "bukti.pdf").write_bytes(PDF)
    archive = tmp_path / "cadangan.zip"
    backup(archive)
    (media / "evidence" / "1" / "bukti.pdf").write_bytes(b"lain")

    assert "sudah ada" in refused("restore", str(archive))
    assert (media / "evidence" / "1" / "bukti.pdf").read_bytes() == b"lain"


@pytest.mark.django_db
def test_an_archive_from_other_migrations_is_refused(media, tmp_path):
    archive, tampered = tmp_path / "cadangan.zip", tmp_path / "lain.zip"
    backup(archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    manifest["migrations"].append("learning.9999_masa_depan")
    rewrite(archive, tampered, {"manifest.json": json.dumps(manifest).encode()})

    message = refused("restore", str(tampered))

    assert "Skema basis data tujuan berbeda" in message
    assert "learning.9999_masa_depan" in message


@pytest.mark.django_db
def test_an_archive_without_manifest_is_refused(media, tmp_path):
    archive, stripped = tmp_path / "cadangan.zip", tmp_path / "tanpa.zip"
    backup(archive)
    rewrite(archive, stripped, {"manifest.json": None})

    assert "tidak memuat manifest.json" in refused("restore", str(stripped))


@pytest.mark.django_db
def test_a_file_name_leaving_the_evidence_directory_is_refused(media, tmp_path):
    archive, tampered = tmp_path / "cadangan.zip", tmp_path / "jahat.zip"
    backup(archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    digest = hashlib.sha256(b"x").hexdigest()
    manifest["files"]["evidence/../../luar.txt"] = {"sha256": digest, "size": 1}
    rewrite(archive, tampered, {"manifest.json": json.dumps(manifest).encode()})
    with zipfile.ZipFile(tampered, "a") as zipped:
        zipped.writestr("media/evidence/../../luar.txt", b"x")

    assert "tidak diizinkan" in refused("restore", str(tampered))
    assert not (tmp_path / "luar.txt").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("content", [None, b"bukan arsip zip"])
def test_a_missing_or_unreadable_archive_is_refused(media, tmp_path, content):
    path = tmp_path / "cadangan.zip"
    if content is not None:
        path.write_bytes(content)

    assert "tidak dapat dibaca" in refused("restore", str(path))


@pytest.mark.django_db
def test_backup_to_a_directory_that_does_not_exist_is_refused(media, tmp_path):
    message = refused("backup", output=str(tmp_path / "tidak-ada" / "cadangan.zip"))

    assert "tidak dapat ditulis" in message


@pytest.mark.django_db
def test_backup_to_a_name_that_is_not_zip_is_refused_and_leaves_nothing(media, tmp_path):
    assert ".zip" in refused("backup", output=str(tmp_path / "cadangan.tar.gz"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_the_regencys_letterhead_logo_is_backed_up_and_restored(people_for, media, tmp_path):
    from PIL import Image

    from kembang.organisation.models import RegencyLogo
    from kembang.organisation.services import regency_logo_set

    p = people_for("nganjuk")
    png = io.BytesIO()
    Image.new("RGB", (64, 40), (31, 111, 80)).save(png, format="PNG")
    logo = regency_logo_set(actor=None, regency=p.regency,
                            upload=SimpleUploadedFile("logo.png", png.getvalue()))
    before = checksums(media)
    archive = tmp_path / "cadangan.zip"
    backup(archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    assert logo.image.name in manifest["files"] and manifest["missing_files"] == []

    empty_database_and_media(media)
    restore(archive)
    assert checksums(media) == before
    assert RegencyLogo.objects.get().image.read() == png.getvalue()
