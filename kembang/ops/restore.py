"""`backup_restore`: an archive from `backup_write` into an empty database and MEDIA_ROOT.

The archive's layout and the reasons for it are in kembang.ops.backup. Everything that can
be checked before writing is (manifest, every member's checksum, schema, emptiness, file
names); then one transaction loads every table, resets the sequences, counts every table
and writes and checks every file, so a failure at any step leaves nothing behind.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.utils.translation import gettext as _

from kembang.common.storage import DIRECTORY_MODE, FILE_MODE
from kembang.ops.backup import (
    BLOCK_BYTES,
    DATA_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_DIRS,
    MEDIA_PREFIX,
    BackupError,
    BackupErrorCode,
    applied_migrations,
    backup_models,
    name_listing,
    sha256_hex,
    unlink_quietly,
)


def backup_restore(*, archive_path: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Restore the archive at `archive_path` into an empty, migrated database and into
    MEDIA_ROOT; return its manifest. Raises `BackupError` — with nothing written — when
    the archive is unreadable, its manifest missing or invalid, a checksum differs, the
    schema differs, the database holds rows, or a file on disk would be overwritten with
    other content; and, with everything rolled back, when loading or the final check
    against the manifest fails."""
    archive_path = Path(archive_path)
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as err:
        raise BackupError(BackupErrorCode.ARCHIVE_UNREADABLE,
                          _("Arsip cadangan tidak dapat dibaca: %(path)s: %(why)s")
                          % {"path": archive_path, "why": getattr(err, "strerror", None)
                             or err}) from None
    with archive:
        manifest = _read_manifest(archive)
        _verify_members(archive, manifest)
        try:
            by_label = _check_target(manifest, using)
        except DatabaseError as err:
            raise BackupError(BackupErrorCode.DATABASE, _("Basis data tidak dapat dibaca: "
                                                          "%(why)s") % {"why": err}) from None
        targets = _media_targets(manifest)
        written: list[Path] = []
        try:
            with transaction.atomic(using=using):
                _clear_seeded(by_label, using)
                _load(archive, manifest, by_label, using)
                _reset_sequences(list(by_label.values()), using)
                _verify_counts(manifest, by_label, using)
                _check_constraints(by_label, using)
                _write_media_back(archive, targets, written)
                _verify_files(manifest, targets)
        except BaseException:
            for path in written:
                unlink_quietly(path)
            raise
    return manifest


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise BackupError(BackupErrorCode.MANIFEST_MISSING,
                          _("Arsip ini tidak memuat manifest.json; ini bukan cadangan "
                            "Kembang atau arsipnya tidak lengkap.")) from None
    except (OSError, zipfile.BadZipFile) as err:
        raise _unreadable(err) from None
    try:
        manifest = json.loads(raw)
        valid = (manifest.get("format") == FORMAT
                 and manifest.get("format_version") == FORMAT_VERSION
                 and isinstance(manifest.get("tables"), dict)
                 and isinstance(manifest.get("files"), dict)
                 and isinstance(manifest.get("migrations"), list)
                 and all(isinstance(t.get("rows"), int) and isinstance(t.get("sha256"), str)
                         for t in manifest["tables"].values())
                 and all(isinstance(f.get("sha256"), str) for f in manifest["files"].values()))
    except (ValueError, AttributeError, TypeError):
        valid = False
    if not valid:
        raise BackupError(BackupErrorCode.MANIFEST_INVALID,
                          _("manifest.json dalam arsip ini rusak atau dari format cadangan "
                            "yang tidak dikenal."))
    return manifest


def _unreadable(err: Exception) -> BackupError:
    return BackupError(BackupErrorCode.ARCHIVE_UNREADABLE,
                       _("Arsip cadangan rusak dan tidak dapat dibaca: %(why)s") % {"why": err})


def _members(manifest: dict) -> Iterator[tuple[str, str]]:
    """(zip member, expected SHA-256) of every table and file in the manifest."""
    for label, table in manifest["tables"].items():
        yield f"{DATA_PREFIX}{label}.jsonl", table["sha256"]
    for name, entry in manifest["files"].items():
        yield MEDIA_PREFIX + name, entry["sha256"]


def _verify_members(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every member's SHA-256 against the manifest, before anything is written."""
    wrong = []
    for member, expected in _members(manifest):
        try:
            with archive.open(member) as handle:
                actual = sha256_hex(handle)
        except KeyError:
            wrong.append(member)
            continue
        except (OSError, zipfile.BadZipFile) as err:
            raise _unreadable(err) from None
        if actual != expected:
            wrong.append(member)
    if wrong:
        raise BackupError(BackupErrorCode.CHECKSUM_MISMATCH,
                          _("Checksum tidak cocok dengan manifest (isi arsip rusak atau "
                            "diubah): %(names)s. Tidak ada yang dipulihkan.")
                          % {"names": name_listing(wrong)})


# Tables a migration fills (the national competency dictionary, docs/competency.md): a
# freshly migrated database already holds their rows, which the archive holds too. They
# do not make the target "not empty"; they are cleared just before loading, children
# first.
SEEDED_BY_MIGRATIONS = ("competency.competencywording", "competency.competency")


def _clear_seeded(by_label, using: str) -> None:
    for label in SEEDED_BY_MIGRATIONS:
        if label in by_label:
            by_label[label]._base_manager.using(using).all().delete()


def _check_target(manifest: dict, using: str) -> dict[str, type[models.Model]]:
    """The target's models by label, once the target is shown to have the archive's
    tables and migrations and to be empty."""
    by_label = {model._meta.label_lower: model for model in backup_models()}
    archived, here = set(manifest["migrations"]), set(applied_migrations(using))
    if set(manifest["tables"]) != set(by_label) or archived != here:
        differences = sorted(archived - here) + sorted(set(manifest["tables"]) - set(by_label))
        extra = sorted(here - archived) + sorted(set(by_label) - set(manifest["tables"]))
        raise BackupError(
            BackupErrorCode.SCHEMA_MISMATCH,
            _("Skema basis data tujuan berbeda dari cadangan (hanya di cadangan: %(archive)s; "
              "hanya di basis data ini: %(here)s). Pulihkan dengan versi Kembang yang membuat "
              "cadangan ini ke basis data yang sudah dimigrasi (kembang migrate).")
            % {"archive": name_listing(differences), "here": name_listing(extra)})
    filled = [model._meta.db_table for label, model in by_label.items()
              if label not in SEEDED_BY_MIGRATIONS
              and model._base_manager.using(using).exists()]
    if filled:
        raise BackupError(
            BackupErrorCode.DATABASE_NOT_EMPTY,
            _("Basis data tujuan tidak kosong (tabel berisi data: %(tables)s). Pulihkan hanya "
              "ke basis data baru yang sudah dimigrasi (kembang migrate); tidak ada yang "
              "diubah.") % {"tables": name_listing(filled)})
    return by_label


def _media_targets(manifest: dict) -> dict[str, Path]:
    """Where each file goes under MEDIA_ROOT. Refuses a name that would leave its media
    directory, and an existing file with other content (identical ones are kept)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    targets, conflicts = {}, []
    for name, entry in manifest["files"].items():
        parts = PurePosixPath(name).parts
        target = root.joinpath(*parts).resolve() if parts else root
        if (PurePosixPath(name).is_absolute() or ".." in parts or len(parts) < 2
                or parts[0] not in MEDIA_DIRS or not target.is_relative_to(root / parts[0])):
            raise BackupError(BackupErrorCode.UNSAFE_PATH,
                              _("Arsip memuat nama berkas yang tidak diizinkan: %(name)s")
                              % {"name": name})
        if target.exists():
            with target.open("rb") as handle:
                if sha256_hex(handle) != entry["sha256"]:
                    conflicts.append(str(target))
                    continue
            # Already there with the same content: nothing to write.
            continue
        targets[name] = target
    if conflicts:
        raise BackupError(BackupErrorCode.FILE_CONFLICT,
                          _("Berkas dengan isi lain sudah ada di MEDIA_ROOT: %(names)s. "
                            "Pindahkan dulu; tidak ada yang dipulihkan.")
                          % {"names": name_listing(conflicts)})
    return targets


def _load(archive, manifest, by_label, using: str) -> None:
    for label in sorted(manifest["tables"]):
        model = by_label[label]
        try:
            with archive.open(f"{DATA_PREFIX}{label}.jsonl") as raw, \
                    io.TextIOWrapper(raw, encoding="utf-8") as text:
                for row in serializers.deserialize("jsonl", text, using=using):
                    if type(row.object) is not model:
                        raise DeserializationError(
                            f"{row.object._meta.label_lower} in {label}")
                    # Raw, as loaddata saves: no parents, no auto_now, exact primary key.
                    row.save(using=using, force_insert=True)
        except (DeserializationError, DatabaseError, ValueError) as err:
            raise BackupError(BackupErrorCode.LOAD_FAILED,
                              _("Tabel %(table)s tidak dapat dipulihkan: %(why)s. Semua "
                                "perubahan dibatalkan.")
                              % {"table": model._meta.db_table, "why": err}) from None


def _reset_sequences(chosen: list[type[models.Model]], using: str) -> None:
    """Next ids after the restored ones (PostgreSQL; SQLite needs nothing)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), chosen)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _verify_counts(manifest, by_label, using: str) -> None:
    wrong = []
    for label, table in sorted(manifest["tables"].items()):
        restored = by_label[label]._base_manager.using(using).count()
        if restored != table["rows"]:
            wrong.append(_("%(table)s (manifest %(expected)s, dipulihkan %(actual)s)")
                         % {"table": table.get("table", label), "expected": table["rows"],
                            "actual": restored})
    if wrong:
        raise BackupError(BackupErrorCode.VERIFY_FAILED,
                          _("Jumlah baris tidak cocok dengan manifest: %(tables)s. Semua "
                            "perubahan dibatalkan.") % {"tables": name_listing(wrong)})


def _check_constraints(by_label, using: str) -> None:
    try:
        connections[using].check_constraints(
            table_names=[model._meta.db_table for model in by_label.values()])
    except DatabaseError as err:
        raise BackupError(BackupErrorCode.LOAD_FAILED,
                          _("Data yang dipulihkan melanggar relasi antartabel: %(why)s. "
                            "Semua perubahan dibatalkan.") % {"why": err}) from None


def _write_media_back(archive, targets: dict[str, Path], written: list[Path]) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    for name, target in sorted(targets.items()):
        _private_directories(root, target.parent)
        fd, partial = tempfile.mkstemp(prefix=".restore.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out, archive.open(MEDIA_PREFIX + name) as member:
                for block in iter(lambda m=member: m.read(BLOCK_BYTES), b""):
                    out.write(block)
            os.chmod(partial, FILE_MODE)
            os.replace(partial, target)
        except BaseException:
            unlink_quietly(Path(partial))
            raise
        written.append(target)


def _private_directories(root: Path, directory: Path) -> None:
    """Create `directory` (and the missing ones above it, up to and including MEDIA_ROOT)
    owner-only, as `kembang.common.storage` does for uploads."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        if directory == root:
            break
        directory = directory.parent
    for path in reversed(missing):
        path.mkdir(mode=DIRECTORY_MODE)
        os.chmod(path, DIRECTORY_MODE)


def _verify_files(manifest, targets: dict[str, Path]) -> None:
    wrong = []
    for name, target in sorted(targets.items()):
        with target.open("rb") as handle:
            if sha256_hex(handle) != manifest["files"][name]["sha256"]:
                wrong.append(name)
    if wrong:
        raise BackupError(BackupErrorCode.VERIFY_FAILED,
                          _("Checksum berkas yang ditulis tidak cocok dengan manifest: "
                            "%(names)s. Semua perubahan dibatalkan.")
                          % {"names": name_listing(wrong)})
