"""Writing a checked plan: the bulk path of `employee_create` / `employee_update`.

At 10,000 rows one service call per employee would take minutes, so this module does in
bulk what those services do one by one, with the same results: the employee row, its
unit/position history (a change closes the open history row and opens another from the
regency's today), and one audit event per employee with old → new values built exactly as
`audit_record` builds them. Units go through `unit_create` (a regency has tens); positions
are created in bulk with one audit event each. Supervisors are set in a second pass, when
every employee of the file has an id.

The caller holds the transaction: everything here commits or rolls back together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.models import AuditEvent
from kembang.audit.services import _plain
from kembang.common.errors import DomainError
from kembang.organisation.dates import regency_today
from kembang.organisation.importing.planning import CHUNK, CREATE, FIELDS, UPDATE, Context, Plan
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit, Position
from kembang.organisation.services import (
    EMPLOYEE_FIELDS,
    account_close,
    employment_end,
    unit_create,
)

EMPLOYEE_TYPE = Employee._meta.label_lower
POSITION_TYPE = Position._meta.label_lower


def audit_event(*, actor, regency, action: str, object_type: str, object_id, object_repr: str,
                changes: dict | None = None, reason: str = "") -> AuditEvent:
    """An unsaved `AuditEvent` with the same fields `audit_record` would write, for
    `bulk_create`. `changes` maps a field to ``[old, new]`` and is made JSON-safe the same
    way (`_plain`)."""
    return AuditEvent(
        regency=regency,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=str(object_repr)[:255],
        changes=_plain(changes or {}),
        reason=reason,
    )


def _full_name(values: dict) -> str:
    name = f"{values.get('title_prefix') or ''} {values['name']}".strip()
    return f"{name}, {values['title_suffix']}" if values.get("title_suffix") else name


class Writer:
    def __init__(self, plan: Plan, ctx: Context, *, actor, reason: str,
                 progress: Callable[[int], None] | None = None):
        self.plan, self.ctx, self.actor, self.reason = plan, ctx, actor, reason
        self.regency = ctx.regency
        self.progress = progress or (lambda n: None)
        self.now = timezone.now()
        self.today = regency_today(self.regency)
        self.events: list[AuditEvent] = []
        self.unit_ids: dict[tuple, int] = {}
        self.unit_names = {u.id: u.name for u in ctx.units.values()}
        self.position_ids: dict[str, int] = {}
        self.position_names = dict(ctx.position_names)

    # --- units and positions -------------------------------------------------------------

    def create_units(self) -> int:
        """Missing units through the audited service, Perangkat Daerah first."""
        pds = {}
        for (pd_key, sub_key), (pd_name, sub_name) in sorted(
                self.plan.new_units.items(), key=lambda item: (item[0][1] != "", item[0])):
            if not sub_key:
                unit = unit_create(actor=self.actor, regency=self.regency, name=pd_name)
                pds[pd_key] = unit
            else:
                parent = pds.get(pd_key)
                if parent is None:
                    parent = OrgUnit.objects.get(pk=self.ctx.top_units[pd_key].id)
                    pds[pd_key] = parent
                unit = unit_create(actor=self.actor, regency=self.regency, name=sub_name,
                                   parent=parent)
            self.unit_ids[(pd_key, sub_key)] = unit.pk
            self.unit_names[unit.pk] = unit.name
        return len(self.plan.new_units)

    def create_positions(self) -> int:
        new = self.plan.new_positions
        if not new:
            return 0
        Position.objects.bulk_create(
            [Position(regency=self.regency, name=name, kind=kind) for name, kind in new.values()],
            batch_size=CHUNK)
        names = [name for name, _kind in new.values()]
        by_name = {}
        for start in range(0, len(names), CHUNK):
            by_name.update(Position.objects.filter(
                regency=self.regency, name__in=names[start:start + CHUNK]).values_list("name", "id"))
        for key, (name, kind) in new.items():
            pk = by_name[name]
            self.position_ids[key] = pk
            self.position_names[pk] = name
            self.events.append(audit_event(
                actor=self.actor, regency=self.regency, action="position.create",
                object_type=POSITION_TYPE, object_id=pk, object_repr=name,
                changes={"name": [None, name], "kind": [None, kind]}, reason=self.reason))
        return len(new)

    # --- employees -----------------------------------------------------------------------

    def _target_ids(self, row) -> dict:
        """The row's target values with units and positions as ids (supervisor: a NIP)."""
        values = dict(row.target)
        unit, position = values["unit"], values["position"]
        values["unit"] = self.unit_ids[unit] if isinstance(unit, tuple) else unit
        values["position"] = (self.position_ids[position] if isinstance(position, str)
                              else position)
        return values

    def _ref(self, kind: str, pk) -> dict | None:
        """An FK value as `_plain` writes a model instance: ``{"id", "repr"}``."""
        if pk is None:
            return None
        if kind == "unit":
            return {"id": pk, "repr": self.unit_names.get(pk, str(pk))}
        if kind == "position":
            return {"id": pk, "repr": self.position_names.get(pk, str(pk))}
        return {"id": pk, "repr": self.names_by_id.get(pk, str(pk))}

    def _audit_value(self, field: str, values: dict):
        if field == "unit":
            return self._ref("unit", values["unit"])
        if field == "position":
            return self._ref("position", values["position"])
        if field == "supervisor":
            return self._ref("supervisor", values["supervisor_id"])
        return values[field]

    def write_employees(self) -> dict[str, int]:
        rows = [r for r in self.plan.rows if r.action in (CREATE, UPDATE)]
        creates = [r for r in rows if r.action == CREATE]
        updates = [r for r in rows if r.action == UPDATE]
        targets = {r.parsed.row_number: self._target_ids(r) for r in rows}

        # 1. New employees, supervisors first: a row's NIP ATASAN may be a row later in the
        # file, so rows are inserted by depth in the new part of the tree, and every
        # supervisor has an id by the time their staff are inserted (no second UPDATE pass).
        nip_to_id = dict(self.ctx.nip_to_id)
        new_objects = []
        for level in self._levels(creates):
            objects = []
            for row in level:
                values = targets[row.parsed.row_number]
                sup = values["supervisor"]
                objects.append(Employee(
                    regency=self.regency, nip=row.nip, unit_id=values["unit"],
                    position_id=values["position"],
                    supervisor_id=nip_to_id[sup] if sup else None,
                    **{f: values[f] for f in FIELDS
                       if f not in {"unit", "position", "supervisor"}}))
            for start in range(0, len(objects), CHUNK):
                Employee.objects.bulk_create(objects[start:start + CHUNK])
                self.progress(len(objects[start:start + CHUNK]))
            if objects and objects[0].pk is None:  # a backend that returns no ids
                for start in range(0, len(objects), CHUNK):
                    chunk = objects[start:start + CHUNK]
                    ids = dict(Employee.objects.filter(nip__in=[o.nip for o in chunk])
                               .values_list("nip", "id"))
                    for obj in chunk:
                        obj.pk = ids[obj.nip]
            nip_to_id.update((o.nip, o.pk) for o in objects)
            new_objects += objects
        creates = [row for level in self._levels(creates) for row in level]
        self.names_by_id = {p["id"]: _full_name(p) for p in self.ctx.regency_people.values()}
        for row in creates:
            self.names_by_id[nip_to_id[row.nip]] = _full_name(targets[row.parsed.row_number])
        for values in targets.values():
            sup = values.pop("supervisor")
            values["supervisor_id"] = nip_to_id[sup] if sup else None

        history = [EmploymentHistory(employee_id=o.pk, unit_id=o.unit_id,
                                     position_id=o.position_id, valid_from=self.today)
                   for o in new_objects]
        for obj, row in zip(new_objects, creates, strict=True):
            values = targets[row.parsed.row_number]
            self.events.append(audit_event(
                actor=self.actor, regency=self.regency, action="employee.create",
                object_type=EMPLOYEE_TYPE, object_id=obj.pk, object_repr=_full_name(values),
                changes={"nip": [None, obj.nip], **{
                    f: [None, self._audit_value(f, values)] for f in EMPLOYEE_FIELDS}},
                reason=self.reason))

        # 3. Updates, grouped by the set of fields they change (smaller UPDATE statements).
        groups: dict[tuple, list[Employee]] = defaultdict(list)
        moved = []
        for row in updates:
            values, existing = targets[row.parsed.row_number], row.existing
            old = {f: existing.get(f) for f in FIELDS}
            old.update(unit=existing["unit_id"], position=existing["position_id"],
                       supervisor_id=existing["supervisor_id"])
            changed = [f for f in FIELDS if self._stored(f, old) != self._stored(f, values)]
            if not changed:
                continue
            obj = Employee(pk=existing["id"], updated_at=self.now)
            for f in changed:
                setattr(obj, self._column(f), self._stored(f, values))
            groups[tuple(changed)].append(obj)
            if "unit" in changed or "position" in changed:
                moved.append(obj.pk)
                history.append(EmploymentHistory(employee_id=obj.pk, unit_id=values["unit"],
                                                 position_id=values["position"],
                                                 valid_from=self.today))
            self.events.append(audit_event(
                actor=self.actor, regency=self.regency, action="employee.update",
                object_type=EMPLOYEE_TYPE, object_id=obj.pk, object_repr=_full_name(values),
                changes={f: [self._audit_value(f, old), self._audit_value(f, values)]
                         for f in changed}, reason=self.reason))
        for changed, objects in groups.items():
            fields = [*changed, "updated_at"]
            for start in range(0, len(objects), CHUNK):
                Employee.objects.bulk_update(objects[start:start + CHUNK], fields)
                self.progress(len(objects[start:start + CHUNK]))
        for start in range(0, len(moved), CHUNK):
            EmploymentHistory.objects.filter(
                employee_id__in=moved[start:start + CHUNK], valid_until__isnull=True,
            ).update(valid_until=self.today)
        EmploymentHistory.objects.bulk_create(history, batch_size=CHUNK)
        return {"created": len(creates), "updated": sum(len(g) for g in groups.values())}

    @staticmethod
    def _levels(creates) -> list[list]:
        """New rows grouped by depth: 0 = supervisor absent or already stored, n = the
        supervisor is a new row of depth n - 1. The plan has rejected cycles."""
        by_nip = {row.nip: row for row in creates}
        depth: dict[str, int] = {}
        for row in creates:
            chain, nip = [], row.nip
            while nip in by_nip and nip not in depth:
                chain.append(nip)
                nip = by_nip[nip].target["supervisor"]
            base = depth[nip] + 1 if nip in depth else 0
            for offset, member in enumerate(reversed(chain)):
                depth[member] = base + offset
        levels: list[list] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
        for row in creates:
            levels[depth[row.nip]].append(row)
        return levels

    @staticmethod
    def _column(field: str) -> str:
        return {"unit": "unit_id", "position": "position_id",
                "supervisor": "supervisor_id"}.get(field, field)

    @staticmethod
    def _stored(field: str, values: dict):
        return values["supervisor_id"] if field == "supervisor" else values[field]

    def deactivate(self, missing: list[dict]) -> int:
        """Deactivate employees missing from the file (the officer asked for it)."""
        ids = [m["id"] for m in missing]
        count = 0
        for start in range(0, len(ids), CHUNK):
            count += Employee.objects.filter(pk__in=ids[start:start + CHUNK], is_active=True
                                             ).update(is_active=False, updated_at=self.now)
        reason = _("%(reason)s: tidak ada di berkas") % {"reason": self.reason}
        for person in missing:
            self.events.append(audit_event(
                actor=self.actor, regency=self.regency, action="employee.update",
                object_type=EMPLOYEE_TYPE, object_id=person["id"], object_repr=person["name"],
                changes={"is_active": [True, False]}, reason=reason))
        # Their login and roles end too (docs/accounts.md#deactivation). Few of them hold
        # an account, fewer a role, so the per-account service is fast enough.
        from kembang.organisation.importing.services import ImportFailed  # cycle

        day = regency_today(self.regency)
        try:
            for start in range(0, len(ids), CHUNK):
                account_close(actor=self.actor, regency=self.regency,
                              employee_ids=ids[start:start + CHUNK], day=day, reason=reason)
            employment_end(employee_ids=ids, day=day)
        except DomainError as error:  # the last BKPSDM admin, or the officer's own role
            raise ImportFailed(error.message) from error
        return count

    def flush_audit(self) -> None:
        AuditEvent.objects.bulk_create(self.events, batch_size=CHUNK)
        self.events = []


def side_progress_reporter(batch_id: int) -> Callable[[int], None] | None:
    """Progress of a write that runs inside one transaction, made visible to the polling
    page through a second connection (PostgreSQL only: on SQLite a second writer would
    wait for the first). None where that is not possible."""
    if connection.vendor != "postgresql":
        return None
    from django.db import DEFAULT_DB_ALIAS, connections

    from kembang.organisation.importing.models import ImportBatch

    table = ImportBatch._meta.db_table
    done = 0

    def report(n: int) -> None:
        nonlocal done
        done += n
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with side.cursor() as cursor:
                cursor.execute(f'UPDATE "{table}" SET processed_rows = %s WHERE id = %s',
                               [done, batch_id])
        finally:
            side.close()

    return report
