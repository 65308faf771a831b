"""The life of an import: upload → dry run → confirm → apply
(docs/import.md#who-may-import-what).

The dry run and the apply run as background tasks (`tasks`): immediately in development and
tests, through `db_worker` in production (docs/conventions.md#background-work). Both update
`ImportBatch.processed_rows` as they go, which the page polls.

The dry run stores one `ImportRow` per file row (what would happen and why) and deletes
the uploaded file: everything the apply needs is in those rows, and the file holds
personal columns (NIK, NPWP, address…) that Kembang must not keep.

The apply re-plans the accepted rows against the data as it is now, inside one
transaction; if anything would come out differently from what the officer confirmed, or
anything fails, nothing is written and the batch is marked failed with the reason.

Both write `ImportBatch.heartbeat_at` as they go (the apply through a side connection, as
its own writes are invisible until it commits). A worker killed mid-way leaves its batch
`validating` or `applying` and its task row RUNNING for ever; `batch_sweep_stale` fails
such a batch once it has not been heard from for `STALE_AFTER` (docs/conventions.md#background-work). It runs at the
start of every import task, when a running batch's page or progress is shown, and in the
daily `kembang pengingat`.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common import background
from kembang.common.errors import DomainError
from kembang.common.spreadsheet import SpreadsheetError, read_table
from kembang.common.storage import private_storage
from kembang.organisation.importing.access import import_scope
from kembang.organisation.importing.columns import (
    FIELD_HEADERS,
    ParsedRow,
    columns_of,
    missing_required,
    parse_row,
)
from kembang.organisation.importing.models import ImportBatch, ImportRow
from kembang.organisation.importing.planning import (
    CHUNK,
    REJECT,
    Plan,
    RowPlan,
    plan_rows,
)
from kembang.organisation.importing.writing import Writer, side_progress_reporter
from kembang.organisation.models import Position

logger = logging.getLogger(__name__)

UPLOAD_DIR = "imports"
# A dry run or apply not heard from for this long is taken for dead. It beats every
# CHUNK rows (a few seconds at most), so five minutes is many missed beats, and it matches
# the worker heartbeat's window (`kembang.health.heartbeat.WORKER_WINDOW`).
STALE_AFTER = timedelta(minutes=5)
RUNNING = (ImportBatch.Status.VALIDATING, ImportBatch.Status.APPLYING)


class ImportFailed(Exception):
    """The batch cannot go on; `message` (Indonesian) is shown to the officer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- upload ----------------------------------------------------------------------------


def batch_start(*, actor, upload) -> ImportBatch:
    """Store the uploaded file outside the web root, readable by Kembang only (0600,
    `private_storage`: it holds personal columns), and queue its dry run.

    The file has been checked to be a readable table with NIP and NAMA columns
    (`ImportUploadForm`); the rows are checked by the dry run.
    """
    from kembang.organisation.importing.tasks import validate_import

    if import_scope(actor) is None:
        raise DomainError(_("Anda tidak memegang peran pengelola SDM atau BKPSDM."),
                          code="import_forbidden")
    suffix = Path(upload.name).suffix.lower()
    stored = private_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix}", upload)
    batch = ImportBatch.objects.create(
        regency_id=actor.regency_id, created_by=actor, filename=Path(upload.name).name[:255],
        stored_file=stored,
    )
    result = validate_import.enqueue(batch_id=batch.pk)
    _remember_task(batch, result)
    return batch


def _remember_task(batch: ImportBatch, result) -> None:
    """Store the enqueued task's id on the batch. With the immediate backend the task has
    already run by now; its id is stored all the same (it has no row to look up)."""
    batch.task_id = str(result.id)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=batch.task_id)


def _beat(batch_id: int, **fields) -> None:
    """The heartbeat of a dry run (outside any transaction), with its progress."""
    ImportBatch.objects.filter(pk=batch_id).update(heartbeat_at=timezone.now(), **fields)


def _side_beat(batch_id: int) -> None:
    """The heartbeat of an apply, from inside its transaction: written through a second
    connection so the sweep and the page see it (PostgreSQL only, like
    `side_progress_reporter`: on SQLite a second writer would wait for the first)."""
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with side.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{ImportBatch._meta.db_table}" SET heartbeat_at = %s WHERE id = %s',
                [timezone.now(), batch_id])
    finally:
        side.close()


def _apply_progress(batch_id: int):
    """(rows progress, heartbeat) callbacks for the apply's transaction; (None, None)
    where a side connection is not possible."""
    if connection.vendor != "postgresql":
        return None, None
    rows = side_progress_reporter(batch_id)

    def beat(n: int = 0) -> None:
        _side_beat(batch_id)

    def progress(n: int) -> None:
        rows(n)
        beat()

    return progress, beat


def _delete_upload(batch: ImportBatch) -> None:
    if batch.stored_file:
        try:
            private_storage.delete(batch.stored_file)
        except OSError:
            logger.warning("Could not delete import upload %s", batch.stored_file)
        batch.stored_file = ""
        ImportBatch.objects.filter(pk=batch.pk).update(stored_file="")


def _fail(batch: ImportBatch, message: str) -> None:
    # Only a running batch: one the sweep already failed keeps the sweep's message.
    ImportBatch.objects.filter(pk=batch.pk, status__in=RUNNING).update(
        status=ImportBatch.Status.FAILED, error=message, finished_at=timezone.now())


class _Superseded(Exception):
    """The batch stopped being ours while we ran (the sweep failed it): roll back."""


def _reason(batch: ImportBatch) -> str:
    return _("Impor #%(id)s (%(file)s)") % {"id": batch.pk, "file": batch.filename}


# --- dry run ---------------------------------------------------------------------------


def _labels(columns) -> dict[str, str]:
    return {name: columns.label(name) for name in FIELD_HEADERS}


def _summary(plan: Plan) -> dict:
    kinds = dict(Position.Kind.choices)
    return {
        "counts": plan.counts(),
        "new_units": [f"{pd} › {sub}" if sub else pd for pd, sub in
                      sorted(plan.new_units.values(), key=lambda v: (v[0].lower(), v[1].lower()))],
        "new_positions": [[name, str(kinds.get(kind, kind))] for name, kind in
                          sorted(plan.new_positions.values(), key=lambda v: v[0].lower())],
    }


def _row_record(batch: ImportBatch, row: RowPlan) -> ImportRow:
    parsed = row.parsed
    data = parsed.data()
    if row.changes:
        data["changes"] = row.changes
    return ImportRow(batch=batch, row_number=parsed.row_number, action=row.action,
                     nip=parsed.nip or parsed.nip_text, name=parsed.name[:255],
                     messages=parsed.messages, data=data)


def batch_validate(batch_id: int) -> None:
    """The dry run: read the file, decide every row, store the decisions, delete the file.

    Never raises for a bad file: the batch ends `validated` or `failed` with a message.
    """
    batch = ImportBatch.objects.select_related("regency", "created_by").get(pk=batch_id)
    started = ImportBatch.objects.filter(
        pk=batch.pk, status=ImportBatch.Status.UPLOADED).update(
        status=ImportBatch.Status.VALIDATING, heartbeat_at=timezone.now())
    if not started:  # a retried task: the batch has moved on
        return
    try:
        scope = import_scope(batch.created_by)
        if scope is None:
            raise ImportFailed(_("Pengunggah tidak lagi memegang peran pengelola SDM atau "
                                 "BKPSDM."))
        try:
            with private_storage.open(batch.stored_file, "rb") as handle:
                table = read_table(handle, batch.filename)
        except SpreadsheetError as err:
            raise ImportFailed(err.message) from None
        missing = missing_required(table.names)
        if missing:
            raise ImportFailed(_("Kolom %(missing)s tidak ditemukan di baris judul.")
                               % {"missing": ", ".join(missing)})
        if not table.rows:
            raise ImportFailed(_("Berkas tidak berisi baris data di bawah baris judul."))
        total = len(table.rows)
        ImportBatch.objects.filter(pk=batch.pk).update(total_rows=total)
        columns = columns_of(table)
        parsed_rows: list[ParsedRow] = []
        for index, (number, raw) in enumerate(table.rows, start=1):
            parsed_rows.append(parse_row(number, raw, columns))
            if index % CHUNK == 0:
                _beat(batch.pk, processed_rows=index)
        del table  # the personal columns leave memory here
        _beat(batch.pk, processed_rows=total)
        plan, _ctx = plan_rows(parsed_rows, regency=batch.regency, scope=scope,
                               labels=_labels(columns), progress=lambda n: _beat(batch.pk))
        records = [_row_record(batch, row) for row in plan.rows]
        records += [ImportRow(batch=batch, row_number=0, action=ImportRow.Action.DEACTIVATE,
                              nip=m["nip"], name=m["name"][:255],
                              data={"id": m["id"], "unit": m["unit"]})
                    for m in plan.missing]
        _beat(batch.pk)
        with transaction.atomic():
            ImportRow.objects.bulk_create(records, batch_size=CHUNK)
            if not ImportBatch.objects.filter(
                    pk=batch.pk, status=ImportBatch.Status.VALIDATING).update(
                    status=ImportBatch.Status.VALIDATED, summary=_summary(plan),
                    validated_at=timezone.now()):
                raise _Superseded
    except ImportFailed as err:
        _fail(batch, err.message)
    except _Superseded:
        logger.warning("Import dry run %s was failed as stale while it ran", batch.pk)
    except Exception:
        logger.exception("Import dry run %s failed", batch.pk)
        _fail(batch, _("Terjadi kesalahan saat memeriksa berkas. Tidak ada data yang "
                       "diubah. Coba lagi, atau hubungi admin aplikasi."))
    finally:
        _delete_upload(batch)


# --- confirm and apply -----------------------------------------------------------------


def batch_confirm(*, actor, batch: ImportBatch, deactivate_missing: bool) -> None:
    """Queue the apply of a checked batch. Only its uploader confirms, once: a second
    click (or a replayed request) finds the batch no longer `validated`."""
    from kembang.organisation.importing.tasks import apply_import

    if batch.created_by_id != actor.pk:
        raise DomainError(_("Hanya pengunggah yang dapat menerapkan impor ini."),
                          code="import_not_owner")
    counts = batch.summary.get("counts", {})
    total = counts.get("create", 0) + counts.get("update", 0)
    # The dry run's heartbeat and task are not the apply's: a queued apply is waiting,
    # not stale, until its own task starts.
    started = ImportBatch.objects.filter(
        pk=batch.pk, status=ImportBatch.Status.VALIDATED).update(
        status=ImportBatch.Status.APPLYING, processed_rows=0, total_rows=total,
        options={"deactivate_missing": bool(deactivate_missing)}, heartbeat_at=None,
        task_id="")
    if not started:
        raise DomainError(_("Impor ini sudah diterapkan atau sedang diterapkan."),
                          code="import_not_ready")
    result = apply_import.enqueue(batch_id=batch.pk)
    _remember_task(batch, result)


def _check_unchanged(batch: ImportBatch, plan: Plan, stored: dict[int, str],
                     deactivate: bool) -> None:
    """Raise `ImportFailed` when the data changed since the dry run in a way that would
    make the apply differ from what the officer confirmed."""
    differing = [row.parsed.row_number for row in plan.rows
                 if row.action != stored[row.parsed.row_number]]
    if differing:
        shown = ", ".join(str(n) for n in differing[:10])
        raise ImportFailed(_(
            "Data pegawai berubah sejak pemeriksaan (baris %(rows)s). Tidak ada data yang "
            "diubah; unggah ulang berkas untuk pemeriksaan baru.") % {"rows": shown})
    if deactivate:
        confirmed = {row["id"] for row in batch.rows.filter(
            action=ImportRow.Action.DEACTIVATE).values_list("data", flat=True)}
        if confirmed != {m["id"] for m in plan.missing}:
            raise ImportFailed(_(
                "Daftar pegawai yang akan dinonaktifkan berubah sejak pemeriksaan. Tidak ada "
                "data yang diubah; unggah ulang berkas untuk pemeriksaan baru."))


def batch_apply(batch_id: int) -> None:
    """Apply a confirmed batch in one transaction: all rows or none
    (docs/import.md#who-may-import-what)."""
    batch = ImportBatch.objects.select_related("regency", "created_by").get(pk=batch_id)
    if batch.status != ImportBatch.Status.APPLYING:
        return
    deactivate = bool(batch.options.get("deactivate_missing"))
    _beat(batch.pk)
    progress, beat = _apply_progress(batch.pk)
    try:
        scope = import_scope(batch.created_by)
        if scope is None:
            raise ImportFailed(_("Pengunggah tidak lagi memegang peran pengelola SDM atau "
                                 "BKPSDM."))
        stored, parsed_rows, file_nips = {}, [], set()
        for number, action, nip, data in batch.rows.exclude(
                action=ImportRow.Action.DEACTIVATE).values_list(
                "row_number", "action", "nip", "data"):
            file_nips.add(nip)
            if action != REJECT:
                stored[number] = action
                parsed_rows.append(ParsedRow.from_data(number, data))
        parsed_rows.sort(key=lambda p: p.row_number)
        labels = {name: aliases[0].upper() for name, aliases in FIELD_HEADERS.items()}
        with transaction.atomic():
            plan, ctx = plan_rows(parsed_rows, regency=batch.regency, scope=scope,
                                  labels=labels, file_nips=file_nips, progress=beat)
            _check_unchanged(batch, plan, stored, deactivate)
            writer = Writer(plan, ctx, actor=batch.created_by, reason=_reason(batch),
                            progress=progress)
            result = {"units_created": writer.create_units(),
                      "positions_created": writer.create_positions()}
            result.update(writer.write_employees())
            result["deactivated"] = writer.deactivate(plan.missing) if deactivate else 0
            result["unchanged"] = plan.counts()["unchanged"]
            writer.flush_audit()
            audit_record(actor=batch.created_by, regency=batch.regency, action="import.apply",
                         obj=batch, changes={"file": batch.filename, **result},
                         reason=_reason(batch))
            summary = dict(batch.summary, applied=result)
            if not ImportBatch.objects.filter(
                    pk=batch.pk, status=ImportBatch.Status.APPLYING).update(
                    status=ImportBatch.Status.APPLIED, summary=summary,
                    processed_rows=batch.total_rows, finished_at=timezone.now()):
                raise _Superseded
    except ImportFailed as err:
        _fail(batch, err.message)
    except _Superseded:
        logger.warning("Import apply %s was failed as stale while it ran", batch.pk)
    except Exception:
        logger.exception("Import apply %s failed", batch.pk)
        _fail(batch, _("Penerapan impor gagal; tidak ada data yang diubah. Coba lagi, atau "
                       "hubungi admin aplikasi."))
    finally:
        _delete_upload(batch)



# --- stale work ------------------------------------------------------------------------


def _stale_message(status: str) -> str:
    minutes = int(STALE_AFTER.total_seconds() // 60)
    if status == ImportBatch.Status.VALIDATING:
        return _("Pemeriksaan berkas terhenti: pemroses latar belakang tidak memberi kabar "
                 "selama %(minutes)s menit. Tidak ada data yang diubah; unggah ulang berkas "
                 "untuk memeriksanya lagi.") % {"minutes": minutes}
    return _("Penerapan impor terhenti: pemroses latar belakang tidak memberi kabar selama "
             "%(minutes)s menit. Tidak ada data yang diubah; unggah ulang berkas untuk "
             "memeriksa dan menerapkannya lagi.") % {"minutes": minutes}


def batch_sweep_stale(now=None, *, batch_id: int | None = None) -> int:
    """Fail every dry run or apply whose worker is gone; return how many were failed.

    A batch `validating` or `applying` is stale when its last heartbeat — or, if it never
    beat, its task's start — is more than `STALE_AFTER` before `now` (exactly the window
    is still alive). A batch whose task is still queued (or has no start to judge by) is
    waiting, not stale: `background.task_state` tells the page whether a worker is there
    to take it. A stale batch is failed with a message telling to upload the file again,
    its upload is deleted, its task row is closed as failed (`background.task_close`) so
    the queue and the pages move on, and an `import.stale` audit event is written (actor:
    none, the system). Nothing else needs undoing: the apply is one transaction, so a
    killed apply wrote nothing, and the dry run writes its rows in one transaction too.

    `batch_id` limits the sweep to one batch (the page of that batch). One query when
    nothing runs; a few per running batch. A batch whose heartbeat moves on while it is
    being judged is left alone (the update is conditional on the heartbeat read).
    """
    now = now or timezone.now()
    batches = ImportBatch.objects.filter(status__in=RUNNING).select_related("regency")
    if batch_id is not None:
        batches = batches.filter(pk=batch_id)
    failed = 0
    for batch in batches:
        row = background.task_row(batch.task_id)
        if row is not None and row.status == background.Status.READY:
            continue  # queued: waiting for a worker, not dead
        last = batch.heartbeat_at or (row.started_at if row is not None else None)
        if last is None or now - last <= STALE_AFTER:
            continue
        try:
            if _batch_fail_stale(batch, now=now, last=last):
                failed += 1
        except DatabaseError:
            # SQLite: a long apply holds the write lock; judge it again next time.
            logger.warning("Stale import %s not failed now; the database is busy", batch.pk)
    return failed


def _batch_fail_stale(batch: ImportBatch, *, now, last) -> bool:
    message = _stale_message(batch.status)
    with transaction.atomic():
        if not ImportBatch.objects.filter(
                pk=batch.pk, status=batch.status, heartbeat_at=batch.heartbeat_at).update(
                status=ImportBatch.Status.FAILED, error=message, finished_at=now):
            return False  # it beat, finished or was failed meanwhile
        closed = background.task_close(batch.task_id, now=now, reason=message)
        audit_record(actor=None, regency=batch.regency, action="import.stale", obj=batch,
                     changes={"status": [batch.status, ImportBatch.Status.FAILED],
                              "file": batch.filename, "last_heard": last.isoformat(),
                              "task_id": batch.task_id, "task_closed": closed},
                     reason=_reason(batch))
    logger.warning("Import %s failed as stale (last heard %s)", batch.pk, last.isoformat())
    batch.status, batch.error, batch.finished_at = ImportBatch.Status.FAILED, message, now
    _delete_upload(batch)
    return True
