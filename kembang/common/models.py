"""Base models shared by every app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RegencyOwned(TimeStampedModel):
    """A record that belongs to exactly one regency (the tenant).

    Every selector filters by regency first; no page, export or query crosses tenants.
    """

    regency = models.ForeignKey("organisation.Regency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
