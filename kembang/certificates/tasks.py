"""The batch issue as a background task (django-tasks): issue what is due in the batch's
scope, then write the ZIP of every valid certificate of that scope and year, reporting
progress on the batch row (`done` of `total`)."""

from django.core.files.base import ContentFile
from django_tasks import task

from kembang.certificates import services
from kembang.certificates.models import CertificateBatch
from kembang.certificates.selectors import certificates_in, due_certificates


def run_batch(batch_id: int) -> CertificateBatch:
    batch = CertificateBatch.objects.select_related("regency", "unit", "approved_by").get(
        pk=batch_id)
    batch.status = CertificateBatch.Status.RUNNING
    batch.save(update_fields=["status", "updated_at"])
    try:
        due = due_certificates(batch.regency, batch.year, unit=batch.unit)
        made = services.issue(batch.regency, due, actor=batch.approved_by, batch=batch) \
            if due else []
        rows = list(certificates_in(batch.regency, batch.year, unit=batch.unit)
                    .select_related("regency"))
        batch.issued, batch.total = len(made), len(rows)
        batch.save(update_fields=["issued", "total", "updated_at"])
        step = max(1, len(rows) // 20)

        def progress(done, total):
            if done % step == 0 or done == total:
                CertificateBatch.objects.filter(pk=batch.pk).update(done=done)

        data = services.zip_bytes_with_progress(rows, progress)
        batch.archive.save(f"sertifikat-{batch.year}-{batch.pk}.zip", ContentFile(data),
                           save=False)
        batch.status, batch.done = CertificateBatch.Status.DONE, len(rows)
        batch.save(update_fields=["archive", "status", "done", "updated_at"])
    except Exception:
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=CertificateBatch.Status.FAILED)
        raise
    return batch


@task()
def issue_batch(batch_id: int) -> None:
    run_batch(batch_id)
