"""Who may see which import batch.

Imports belong to HR: an HR officer (pengelola SDM) sees only the batches they uploaded;
BKPSDM sees every batch of its regency. Anyone else, or another regency, gets the same
404 as for a missing batch (kembang.organisation.access).
"""

from django.http import Http404

from kembang.organisation.access import require_roles
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
        return batches_for(user).select_related("created_by").get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
