"""Who may see which import batch, and where an import may write.

Imports belong to HR: an HR officer (pengelola SDM) sees only the batches they uploaded;
BKPSDM sees every batch of its regency. Anyone else, or another regency, gets the same
404 as for a missing batch (kembang.organisation.access). An import writes within the
units of the uploader's HR-officer assignments (BKPSDM: the whole regency),
docs/import.md#who-may-import-what.
"""

from dataclasses import dataclass

from django.http import Http404

from kembang.organisation.access import require_roles, scope_for
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.models import Role

IMPORT_ROLES = (Role.HR_OFFICER, Role.HR_ADMIN)


def batches_for(user):
    """The batches `user` may see; Http404 when they hold no import role."""
    scope = require_roles(user, *IMPORT_ROLES)
    batches = ImportBatch.objects.filter(regency_id=scope.regency_id)
    if not scope.is_admin:
        batches = batches.filter(created_by=user)
    return batches


def access_batch(user, batch_id) -> ImportBatch:
    """The batch if `user` may see it, else Http404 (also for a missing id)."""
    try:
        return batches_for(user).select_related("created_by__employee").get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class ImportScope:
    """Where one officer's import may write: BKPSDM the whole regency, an HR officer
    the units of their HR-officer assignments with sub-units (not units they head).
    `employee_id` is the uploader's own employee record, which the import never touches
    (docs/import.md#who-may-import-what); None for an administrator who is not an
    employee."""

    regency_id: int
    whole_regency: bool
    unit_paths: tuple[str, ...]
    employee_id: int | None = None

    def covers(self, path: str) -> bool:
        return self.whole_regency or any(path.startswith(p) for p in self.unit_paths)


def import_scope(user) -> ImportScope | None:
    """The user's import scope today, or None when they hold no import role."""
    if user is None or not user.regency_id:
        return None
    scope = scope_for(user)
    if not scope.whole_regency and not scope.hr_paths:
        return None
    return ImportScope(scope.regency_id, scope.whole_regency, scope.hr_paths,
                       employee_id=scope.employee_id)
