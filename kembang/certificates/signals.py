"""A session cancelled after its program-year was certified flags the certificate for
BKPSDM's review (docs/sertifikat.md#issuing-review-revocation)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kembang.learning.models import Session


@receiver(post_save, sender=Session, dispatch_uid="certificate_review_on_cancel")
def _session_saved(sender, instance, **kwargs):
    if instance.status == Session.Status.CANCELLED and not kwargs.get("raw"):
        from kembang.certificates.services import flag_for_review

        flag_for_review(instance)
