"""The one way to write an audit record. Every state change in Kembang calls it."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from kembang.audit.models import AuditEvent


def _plain(value: Any) -> Any:
    """JSON-safe form of a field value, so old → new survive any later schema change."""
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def diff_fields(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for the fields whose value would change."""
    changes = {}
    for field, new in new_values.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
    return changes


def audit_record(
    *,
    actor,
    regency,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event. Call it inside the transaction of the change it records,
    so the change and its record commit or roll back together.

    `action` is a stable dotted code (`employee.create`, `role.assign`); `changes` maps a
    field to `[old, new]` (use `diff_fields`), or holds any JSON-safe detail.
    """
    actor = actor if getattr(actor, "pk", None) else None
    return AuditEvent.objects.create(
        regency=regency,
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=_plain(changes or {}),
        reason=reason,
    )
