"""Backup and restore: one zip archive holding the database, the evidence files and a manifest.

Approach: Django's own serialization, model by model, rather than pg_dump for PostgreSQL
and SQLite's backup API for SQLite. Why:

* One code path for both databases, so the round-trip test on SQLite and on PostgreSQL
  exercises the same code an administrator runs (two native tools would be two untested
  halves).
* The archive does not depend on the server's version: pg_dump refuses a newer server
  than itself, and a dump restores only with a matching pg_restore/psql.
* The row counts in the manifest are the very rows written, and the restore counts the
  same tables the same way.

Costs, accepted: slower than pg_dump on a big database (one INSERT per row on restore;
a regency is at most a few hundred thousand rows), and the target must be migrated to
exactly the archive's migrations — checked before anything is written.

Layout of the archive (zip: its directory gives random access, so the restore reads the
manifest and checks every checksum before it writes anything):

* ``data/<app_label>.<model>.jsonl`` — one JSON object per line per row, exact primary
  keys, streamed from ``queryset.iterator()`` into the member (memory stays bounded).
  Automatic many-to-many tables (a user's groups and permissions) are tables of their
  own rather than lists inside each row: no query per row, and counted like any table.
* ``media/evidence/…``, ``media/logos/…``, ``media/signatures/…`` — the evidence files,
  the regencies' letterhead logos and the certificate signatories' signature images
  under ``MEDIA_ROOT``. Import uploads
  (``MEDIA_ROOT/imports``) are left out: they are transient and deleted after the apply.
* ``manifest.json`` — per table its row count and the SHA-256 of its member, per file
  its SHA-256 and size, the applied migrations, the database vendor and the time.

Left out of the data: content types and permissions (``migrate`` creates them on the
target, with ids of its own, so rows that point at them — a user's permissions — name
them by natural key) and sessions (everyone logs in again after a restore).

A restore (kembang.ops.restore) refuses a database in which any table the archive would fill holds a row
(every app's tables, auth, axes and task results included; not content types,
permissions, sessions or migrations), loads every table inside one transaction, resets
PostgreSQL's sequences, counts every table against the manifest, writes the evidence
files back 0600 in 0700 directories and checks each one's SHA-256 on disk. Any
difference rolls the whole restore back, files included.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.common.errors import DomainError

FORMAT = "kembang-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
MEDIA_PREFIX = "media/"
# Directories under MEDIA_ROOT that must survive; imports/ is transient. logos/: the
# regencies' letterhead logos (docs/documents.md#the-regencys-logo); signatures/: the
# certificate signatories' signature images (docs/sertifikat.md).
MEDIA_DIRS = ("evidence", "logos", "signatures")
SKIPPED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session",
                  # Liveness of the running worker processes, not data: a restored row
                  # would claim a worker that is not there (and block the emptiness check).
                  "health.workerheartbeat"}
# Rows that migrate creates on the target with ids of its own: referred to by natural key.
NATURAL_KEY_MODELS = (ContentType, Permission)
CHUNK_ROWS = 2000
BLOCK_BYTES = 1 << 20


class BackupErrorCode(StrEnum):
    OUTPUT_NOT_WRITABLE = "backup_output_not_writable"
    OUTPUT_NOT_ZIP = "backup_output_not_zip"
    MEDIA_UNREADABLE = "backup_media_unreadable"
    DATABASE = "backup_database_error"
    ARCHIVE_UNREADABLE = "backup_archive_unreadable"
    MANIFEST_MISSING = "backup_manifest_missing"
    MANIFEST_INVALID = "backup_manifest_invalid"
    CHECKSUM_MISMATCH = "backup_checksum_mismatch"
    SCHEMA_MISMATCH = "backup_schema_mismatch"
    DATABASE_NOT_EMPTY = "backup_database_not_empty"
    UNSAFE_PATH = "backup_unsafe_path"
    FILE_CONFLICT = "backup_file_conflict"
    LOAD_FAILED = "backup_load_failed"
    VERIFY_FAILED = "backup_verify_failed"


class BackupError(DomainError):
    """A backup or restore refused or failed; `message` is for the administrator."""

    code = "backup_error"

    def __init__(self, code: BackupErrorCode, message: str):
        super().__init__(message, code=code)


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    # Files that rows name but that were not on disk (already lost before the backup).
    missing_files: list[str] = field(default_factory=list)


def backup_models() -> list[type[models.Model]]:
    """Every model whose table the archive holds, sorted by label: each installed app's
    concrete, managed models and the automatic many-to-many tables, less
    `SKIPPED_MODELS`. Order does not matter for loading: foreign keys are checked at
    commit (deferred on PostgreSQL and on SQLite)."""
    chosen = [
        model for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
        and model._meta.label_lower not in SKIPPED_MODELS
    ]
    return sorted(chosen, key=lambda model: model._meta.label_lower)


# --- backup ------------------------------------------------------------------------------


def backup_write(*, output: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive to `output` (a ``.zip``), atomically: it appears complete or not
    at all, readable by its owner only (0600), as it holds personal data."""
    output = Path(output)
    if output.suffix.lower() != ".zip":
        raise BackupError(BackupErrorCode.OUTPUT_NOT_ZIP,
                          _("Nama berkas cadangan harus berakhiran .zip: %(path)s")
                          % {"path": output})
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial",
                                       dir=output.parent)
    except OSError as err:
        raise _not_writable(output, err) from None
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(
                handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            manifest, missing = _write_archive(archive, using)
        os.replace(partial, output)
    except OSError as err:
        unlink_quietly(Path(partial))
        raise _not_writable(output, err) from None
    except DatabaseError as err:
        unlink_quietly(Path(partial))
        raise BackupError(BackupErrorCode.DATABASE,
                          _("Basis data tidak dapat dibaca: %(why)s") % {"why": err}) from None
    except BaseException:
        unlink_quietly(Path(partial))
        raise
    return BackupResult(path=output, manifest=manifest, missing_files=missing)


def _not_writable(output: Path, err: OSError) -> BackupError:
    return BackupError(BackupErrorCode.OUTPUT_NOT_WRITABLE,
                       _("Berkas cadangan tidak dapat ditulis di %(path)s: %(why)s")
                       % {"path": output, "why": err.strerror or err})


def _write_archive(archive: zipfile.ZipFile, using: str) -> tuple[dict, list[str]]:
    connection = connections[using]
    tables = {}
    # One snapshot for every table: a row written while the backup runs is either in all
    # the tables it touches or in none. (On SQLite the transaction also makes writers wait.)
    snapshot = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if snapshot and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        migrations = applied_migrations(using)
        for model in backup_models():
            label = model._meta.label_lower
            member = f"{DATA_PREFIX}{label}.jsonl"
            with archive.open(member, "w", force_zip64=True) as raw:
                writer = _HashingWriter(raw)
                rows = _Counter(_rows(model, using))
                _Serializer().serialize(rows, stream=writer)
                writer.flush()
            tables[label] = {"table": model._meta.db_table, "rows": rows.count,
                             "sha256": writer.sha256.hexdigest()}
        referenced = _referenced_files(using)
    # Files after the snapshot: one uploaded meanwhile is an orphan file (harmless); one
    # deleted meanwhile is reported as missing.
    files = _write_media(archive)
    missing = sorted(referenced - set(files))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "kembang_version": _kembang_version(),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "tables": tables,
        "files": files,
        "missing_files": missing,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False,
                                          sort_keys=True))
    return manifest, missing


class _Serializer(JsonlSerializer):
    """JSON lines with exact primary keys; references to content types and permissions by
    natural key, since the target's `migrate` gives those rows ids of its own."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model,
                                                   NATURAL_KEY_MODELS)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        # The automatic many-to-many table is serialized as a table of its own.
        return


class _HashingWriter:
    """The text stream the serializer writes to: UTF-8 into a zip member, buffered, with
    the SHA-256 of every byte written."""

    def __init__(self, raw):
        self._raw = raw
        self._parts: list[str] = []
        self._size = 0
        self.sha256 = hashlib.sha256()

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= BLOCK_BYTES:
            self.flush()

    def flush(self) -> None:
        data = "".join(self._parts).encode("utf-8")
        self._parts, self._size = [], 0
        self.sha256.update(data)
        self._raw.write(data)


class _Counter:
    def __init__(self, iterable):
        self._iterable = iterable
        self.count = 0

    def __iter__(self):
        for item in self._iterable:
            self.count += 1
            yield item


def _rows(model, using: str) -> Iterator[models.Model]:
    queryset = model._base_manager.using(using).order_by("pk")
    related = []
    for fk in model._meta.local_fields:
        target = fk.remote_field.model if fk.remote_field else None
        if target is not None and issubclass(target, NATURAL_KEY_MODELS):
            related.append(fk.name)
            if issubclass(target, Permission):
                related.append(f"{fk.name}__content_type")
    if related:
        queryset = queryset.select_related(*related)
    return queryset.iterator(chunk_size=CHUNK_ROWS)


def _referenced_files(using: str) -> set[str]:
    """The names every FileField in the database holds (relative to MEDIA_ROOT)."""
    names: set[str] = set()
    for model in backup_models():
        for file_field in model._meta.local_fields:
            if isinstance(file_field, models.FileField):
                names.update(
                    model._base_manager.using(using).exclude(**{file_field.attname: ""})
                    .values_list(file_field.attname, flat=True).iterator())
    return names


def _write_media(archive: zipfile.ZipFile) -> dict[str, dict]:
    root = Path(settings.MEDIA_ROOT)
    files = {}
    for directory in MEDIA_DIRS:
        base = root / directory
        if not base.is_dir():
            continue
        paths = sorted(p for p in base.rglob("*") if p.is_file() and not p.is_symlink())
        for path in paths:
            name = path.relative_to(root).as_posix()
            sha256, size = hashlib.sha256(), 0
            with archive.open(MEDIA_PREFIX + name, "w", force_zip64=True) as member:
                try:
                    source = path.open("rb")
                except OSError as err:
                    raise BackupError(
                        BackupErrorCode.MEDIA_UNREADABLE,
                        _("Berkas bukti tidak dapat dibaca: %(path)s: %(why)s")
                        % {"path": path, "why": err.strerror or err}) from None
                with source:
                    for block in iter(lambda s=source: s.read(BLOCK_BYTES), b""):
                        sha256.update(block)
                        size += len(block)
                        member.write(block)
            files[name] = {"sha256": sha256.hexdigest(), "size": size}
    return files


def applied_migrations(using: str) -> list[str]:
    """The migrations applied to the database, as sorted "app.name" strings."""
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _kembang_version() -> str:
    try:
        return version("kembang")
    except PackageNotFoundError:
        return "unknown"


# --- helpers -----------------------------------------------------------------------------


def sha256_hex(handle) -> str:
    """The SHA-256 (hex) of what is left to read in a binary file, read in blocks."""
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
        digest.update(block)
    return digest.hexdigest()


def name_listing(names: list[str], limit: int = 10) -> str:
    """Names for a message: at most `limit` names, then how many more: a message stays readable."""
    if not names:
        return "-"
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += " " + _("dan %(n)s lainnya") % {"n": len(names) - limit}
    return shown


def unlink_quietly(path: Path) -> None:
    """Remove `path`; one already gone is fine."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
