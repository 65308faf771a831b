"""Deciding, row by row, what an import would do: create, update, leave or reject.

Load first, then decide (STYLE.md): `Context.load` reads what the rows need in a fixed
number of queries (units, positions, the position-kind mapping, the regency's employees,
and the file's NIPs one chunk at a time); `plan` then decides in memory. The same
function serves the dry run and the apply, so the apply can check that nothing changed
since the officer looked.

The rules (docs/import.md):
* Upsert by NIP. A NIP registered in another unit (for an HR officer) or in another
  regency is rejected without saying where.
* A NIP twice in one file: the later row is rejected.
* Units: UNOR INDUK is the Perangkat Daerah (a top-level unit), NAMA UNOR the work unit
  under it (the same name, or empty, means the PD itself). An HR officer may only use
  existing units in their scope; BKPSDM's import creates missing ones.
* NIP ATASAN may point at a row later in the file or at an existing employee of the
  regency; naming oneself is rejected (the row is wrong in itself). A NIP ATASAN that is
  neither in the file nor stored, or that sits on a rejected row, is only a warning: the
  row goes in with its supervisor left as it is (empty for a new employee), so a rejection
  never cascades down the tree (docs/import.md#imported-with-a-warning). A loop of
  supervisors is a warning too; it is broken by emptying the supervisor of every row of
  the file in the loop.
* An update that changes nothing is "tidak berubah" and writes nothing.
* The uploader's own record is never touched (docs/separation-of-duties.md#other-doors;
  the edit form refuses it too):
  a row with their NIP is rejected, and they are never on the list to deactivate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kembang.organisation.importing.access import ImportScope
from kembang.organisation.importing.columns import ParsedRow
from kembang.organisation.models import Employee, OrgUnit, Position
from kembang.organisation.services import kind_patterns_for
from kembang.policy.nip import format_nip
from kembang.policy.positions import kind_from_name
from kembang.policy.text import normalize_key

CHUNK = 500

# docs/import.md#who-may-import-what, word for word; says nothing of where the NIP is
# registered.
NIP_TAKEN = gettext_noop("NIP sudah terdaftar; pemindahan pegawai dilakukan oleh BKPSDM")

# The uploader's own NIP: neither rank, talent flag nor supervisor of oneself comes through
# one's own file (docs/separation-of-duties.md#other-doors).
OWN_RECORD = gettext_noop("NIP ini adalah NIP Anda sendiri: data Anda diubah oleh pengelola "
                          "SDM lain atau BKPSDM, tidak lewat impor Anda.")

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"
WARNING = "warning"  # not an action: the count of accepted rows with a warning

# The employee fields an import writes, in the order changes are shown.
FIELDS = ("name", "title_prefix", "title_suffix", "kind", "sex", "rank", "position", "unit",
          "supervisor", "is_talent", "email", "phone", "is_active")


@dataclass
class Unit:
    id: int
    name: str
    path: str
    parent_id: int | None

    @property
    def pd_id(self) -> int:
        parts = [p for p in self.path.split("/") if p]
        return int(parts[0]) if parts else self.id


@dataclass
class Context:
    """Everything the decisions read, loaded in a fixed number of queries."""

    regency: object
    scope: ImportScope
    units: dict[int, Unit]
    top_units: dict[str, Unit]  # key of name → top-level unit (Perangkat Daerah)
    under_pd: dict[int, dict[str, list[Unit]]]  # PD id → key of name → units below it
    positions: dict[str, tuple[int, str]]  # key of name → (id, name)
    position_names: dict[int, str]
    patterns: list
    existing: dict[str, dict]  # NIP → stored fields (any regency)
    regency_people: dict[int, dict]  # id → {nip, supervisor_id, is_active, unit…}
    nip_to_id: dict[str, int]  # NIPs of this regency

    @classmethod
    def load(cls, *, regency, scope: ImportScope, nips: Iterable[str],
             progress: Callable[[int], None] | None = None) -> Context:
        units = {u.id: u for u in (
            Unit(pk, name, path, parent_id) for pk, name, path, parent_id in
            OrgUnit.objects.filter(regency=regency).values_list("id", "name", "path",
                                                                "parent_id"))}
        top_units, under_pd = {}, {}
        for unit in units.values():
            if unit.parent_id is None:
                top_units.setdefault(normalize_key(unit.name), unit)
            else:
                under_pd.setdefault(unit.pd_id, {}).setdefault(
                    normalize_key(unit.name), []).append(unit)
        positions, position_names = {}, {}
        for pk, name in Position.objects.filter(regency=regency).values_list("id", "name"):
            positions.setdefault(normalize_key(name), (pk, name))
            position_names[pk] = name
        people = {row["id"]: row for row in Employee.objects.filter(regency=regency).values(
            "id", "nip", "name", "title_prefix", "title_suffix", "supervisor_id", "is_active",
            "unit_id", "unit__path", "unit__name")}
        existing = {}
        nips = sorted(set(nips))
        for start in range(0, len(nips), CHUNK):
            chunk = nips[start:start + CHUNK]
            for row in Employee.objects.filter(nip__in=chunk).values(
                    "id", "nip", "regency_id", "unit_id", "unit__path", "position_id",
                    "supervisor_id", *[f for f in FIELDS if f not in
                                       {"unit", "position", "supervisor"}]):
                existing[row["nip"]] = row
            if progress:
                progress(len(chunk))
        return cls(regency=regency, scope=scope, units=units, top_units=top_units,
                   under_pd=under_pd, positions=positions, position_names=position_names,
                   patterns=kind_patterns_for(regency),
                   existing=existing, regency_people=people,
                   nip_to_id={p["nip"]: pk for pk, p in people.items()})


@dataclass
class RowPlan:
    """The decision for one row. `unit` is an existing unit id or a new-unit key
    ``(pd key, sub-unit key)``; `position` an existing id or a new position's key."""

    parsed: ParsedRow
    action: str = CREATE
    existing: dict | None = None
    unit: int | tuple | None = None
    position: int | str | None = None
    target: dict = field(default_factory=dict)  # field → value to store (supervisor: NIP)
    changes: list[list[str]] = field(default_factory=list)
    # NIP ATASAN not usable (unknown, or on a rejected row): the file "does not say".
    supervisor_ignored: bool = False
    # NIP ATASAN closes a loop: the supervisor is emptied, stored one included.
    supervisor_cleared: bool = False

    @property
    def nip(self) -> str:
        return self.parsed.nip

    @property
    def supervisor_nip(self) -> str | None:
        """The supervisor the file gives and the plan keeps; None when it says nothing
        or what it says is not used."""
        if self.supervisor_ignored or self.supervisor_cleared:
            return None
        return self.parsed.supervisor_nip

    @property
    def has_warnings(self) -> bool:
        return self.action != REJECT and any(
            m["level"] == "warning" for m in self.parsed.messages)

    def reject(self, column: str, message: str) -> None:
        self.parsed.error(column, message)
        self.action = REJECT


@dataclass
class Plan:
    rows: list[RowPlan]
    new_units: dict[tuple[str, str], tuple[str, str]]  # key → (PD name, sub-unit name)
    new_positions: dict[str, tuple[str, str]]  # key → (name, kind)
    missing: list[dict]  # employees of the covered units absent from the file

    def counts(self) -> dict[str, int]:
        """Rows per action, the employees to deactivate, and `warning`: accepted rows
        that carry at least one warning (they are also counted under their action)."""
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, REJECT: 0}
        for row in self.rows:
            counts[row.action] += 1
        counts["deactivate"] = len(self.missing)
        counts[WARNING] = sum(1 for row in self.rows if row.has_warnings)
        return counts


def _full_name(person: dict) -> str:
    name = f"{person.get('title_prefix') or ''} {person['name']}".strip()
    suffix = person.get("title_suffix")
    return f"{name}, {suffix}" if suffix else name


class Planner:
    def __init__(self, ctx: Context, labels: dict[str, str]):
        self.ctx = ctx
        self.labels = labels  # field → column label for messages
        self.new_units: dict[tuple[str, str], tuple[str, str]] = {}
        self.new_positions: dict[str, tuple[str, str]] = {}
        self.field_labels = _field_labels()

    # --- units and positions -----------------------------------------------------------

    def _resolve_unit(self, row: RowPlan) -> bool:
        """Set `row.unit`; False (and the row rejected) when the unit cannot be used."""
        parsed, ctx = row.parsed, self.ctx
        induk, name = parsed.unit_induk, parsed.unit_name
        if not induk and not name:
            if row.existing is not None:
                row.unit = row.existing["unit_id"]
                return True
            row.reject(self.labels["unit_induk"],
                       _("Unit kerja wajib diisi untuk pegawai baru."))
            return False
        if not induk:
            induk, name = name, ""
        pd_key, sub_key = normalize_key(induk), normalize_key(name)
        if sub_key == pd_key:
            sub_key, name = "", ""
        pd = ctx.top_units.get(pd_key)
        if pd is None:
            if not ctx.scope.whole_regency:
                row.reject(self.labels["unit_induk"], _(
                    "Perangkat Daerah “%(name)s” belum terdaftar. Unit baru hanya dapat "
                    "dibuat oleh BKPSDM.") % {"name": induk})
                return False
            self.new_units.setdefault((pd_key, ""), (induk, ""))
            if sub_key:
                self.new_units.setdefault((pd_key, sub_key), (induk, name))
            row.unit = (pd_key, sub_key)
            return True
        unit = pd
        if sub_key:
            matches = ctx.under_pd.get(pd.id, {}).get(sub_key, [])
            if len(matches) > 1:
                row.reject(self.labels["unit_name"], _(
                    "Ada lebih dari satu unit bernama “%(name)s” di bawah %(pd)s; ubah nama "
                    "salah satunya dulu.") % {"name": name, "pd": pd.name})
                return False
            if not matches:
                if not ctx.scope.whole_regency:
                    row.reject(self.labels["unit_name"], _(
                        "Unit “%(name)s” belum terdaftar di bawah %(pd)s. Unit baru hanya "
                        "dapat dibuat oleh BKPSDM.") % {"name": name, "pd": pd.name})
                    return False
                self.new_units.setdefault((pd_key, sub_key), (pd.name, name))
                row.unit = (pd_key, sub_key)
                return True
            unit = matches[0]
        if not ctx.scope.covers(unit.path):
            row.reject(self.labels["unit_name" if sub_key else "unit_induk"], _(
                "Unit “%(name)s” bukan unit kerja Anda; pemindahan pegawai dilakukan oleh "
                "BKPSDM.") % {"name": unit.name})
            return False
        row.unit = unit.id
        return True

    def _resolve_position(self, row: RowPlan) -> None:
        name = row.parsed.position
        if name is None:
            row.position = row.existing["position_id"] if row.existing else None
            return
        key = normalize_key(name)
        known = self.ctx.positions.get(key)
        if known:
            row.position = known[0]
            return
        self.new_positions.setdefault(key, (name, kind_from_name(name, self.ctx.patterns)))
        row.position = key

    # --- rows on their own ---------------------------------------------------------------

    def _first_pass(self, parsed_rows: list[ParsedRow]) -> list[RowPlan]:
        ctx, seen = self.ctx, {}
        rows = []
        for parsed in parsed_rows:
            row = RowPlan(parsed)
            rows.append(row)
            if parsed.nip and parsed.nip in seen:
                row.reject(self.labels["nip"], _(
                    "NIP ini sudah ada di baris %(row)s; baris ini diabaikan.")
                    % {"row": seen[parsed.nip]})
                continue
            if parsed.nip:
                seen[parsed.nip] = parsed.row_number
            if parsed.rejected:
                row.action = REJECT
                continue
            existing = ctx.existing.get(parsed.nip)
            if existing is not None:
                if existing["regency_id"] != ctx.regency.pk:
                    message = (_("NIP sudah terdaftar di pemerintah daerah lain.")
                               if ctx.scope.whole_regency else _(NIP_TAKEN))
                    row.reject(self.labels["nip"], message)
                    continue
                if existing["id"] == ctx.scope.employee_id:
                    row.reject(self.labels["nip"], _(OWN_RECORD))
                    continue
                if not ctx.scope.covers(existing["unit__path"] or ""):
                    row.reject(self.labels["nip"], _(NIP_TAKEN))
                    continue
                row.existing = existing
                row.action = UPDATE
            if not self._resolve_unit(row):
                continue
            self._resolve_position(row)
        return rows

    # --- supervisors ---------------------------------------------------------------------

    def _supervisor_left(self, row: RowPlan) -> str:
        """What happens to the supervisor of a row whose NIP ATASAN is not used."""
        if row.existing is None:
            return _("Baris tetap diimpor tanpa atasan.")
        return _("Baris tetap diimpor; atasan yang tersimpan tidak diubah.")

    def _check_supervisors(self, rows: list[RowPlan]) -> None:
        """Reject a row naming itself as supervisor; warn (and ignore the NIP ATASAN) when
        it is unknown or on a rejected row; then break loops (`_break_cycles`).

        One pass: a warning does not reject, so nothing can orphan another row."""
        ctx = self.ctx
        row_of_nip: dict[str, RowPlan] = {}
        for row in rows:
            if row.nip:
                row_of_nip.setdefault(row.nip, row)
        label = self.labels["supervisor_nip"]
        for row in rows:
            sup = row.parsed.supervisor_nip
            if row.action != REJECT and sup is not None and sup == row.nip:
                row.reject(label, _("Atasan langsung tidak boleh pegawai itu sendiri."))
        accepted = {r.nip: r for r in rows if r.action != REJECT}
        for row in accepted.values():
            sup = row.parsed.supervisor_nip
            if sup is None or sup in accepted or sup in ctx.nip_to_id:
                continue
            if sup in row_of_nip:
                reason = _("Atasan (NIP %(nip)s) ada di baris %(row)s yang ditolak.") % {
                    "nip": format_nip(sup), "row": row_of_nip[sup].parsed.row_number}
            else:
                reason = _("Tidak ada pegawai dengan NIP %(nip)s di berkas ini maupun di "
                           "data pegawai.") % {"nip": format_nip(sup)}
            row.parsed.warn(label, f"{reason} {self._supervisor_left(row)}")
            row.supervisor_ignored = True
        self._break_cycles(rows)

    def _break_cycles(self, rows: list[RowPlan]) -> None:
        """Find loops in the supervisor graph as it would be after the import (stored
        links, overridden by the file's rows); every row of the file in a loop gets a
        warning and an empty supervisor. Stored links alone form no loop, so each loop
        holds at least one row of the file."""
        ctx = self.ctx
        people = ctx.regency_people
        graph = {p["nip"]: (people[p["supervisor_id"]]["nip"]
                            if p["supervisor_id"] in people else None)
                 for p in people.values()}
        accepted = {r.nip: r for r in rows if r.action != REJECT}
        starts = []
        for nip, row in accepted.items():
            if row.supervisor_nip is not None:
                graph[nip] = row.supervisor_nip
                starts.append(nip)
            elif row.existing is None:
                graph[nip] = None
        state: dict[str, int] = {}
        for start in starts:
            path, node = [], start
            while node is not None and node not in state:
                state[node] = 1
                path.append(node)
                node = graph.get(node)
            if node is not None and state.get(node) == 1:
                cycle = path[path.index(node):]
                shown = " → ".join(
                    _("baris %(row)s") % {"row": accepted[n].parsed.row_number}
                    if n in accepted else format_nip(n) for n in [*cycle, cycle[0]])
                for nip in cycle:
                    if nip in accepted:
                        accepted[nip].parsed.warn(self.labels["supervisor_nip"], _(
                            "NIP ATASAN membentuk lingkaran atasan: %(cycle)s. Atasan baris "
                            "ini dikosongkan.") % {"cycle": shown})
                        accepted[nip].supervisor_cleared = True
            for node in path:
                state[node] = 2

    # --- changes -------------------------------------------------------------------------

    def _target(self, row: RowPlan) -> dict:
        """The field values the row asks for; fields the file does not give keep theirs."""
        parsed, existing = row.parsed, row.existing or {}
        keep = bool(existing)

        def given(value, name, default):
            return value if value is not None else (existing.get(name) if keep else default)

        return {
            "name": parsed.name,
            "title_prefix": given(parsed.title_prefix, "title_prefix", ""),
            "title_suffix": given(parsed.title_suffix, "title_suffix", ""),
            "kind": parsed.kind,
            "sex": parsed.sex,
            "rank": given(parsed.rank, "rank", ""),
            "position": row.position,
            "unit": row.unit,
            "supervisor": (None if row.supervisor_cleared else
                           given(row.supervisor_nip, "_supervisor_nip", None)),
            "is_talent": given(parsed.is_talent, "is_talent", False),
            "email": given(parsed.email, "email", ""),
            "phone": given(parsed.phone, "phone", ""),
            "is_active": parsed.is_active,
        }

    def _current(self, existing: dict) -> dict:
        values = {f: existing.get(f) for f in FIELDS}
        values["unit"] = existing["unit_id"]
        values["position"] = existing["position_id"]
        values["supervisor"] = existing["_supervisor_nip"]
        return values

    def _display(self, name: str, value) -> str:
        if value is None or value == "":
            return "—"
        if name == "unit":
            if isinstance(value, tuple):
                pd, sub = self.new_units[value]
                return _("%(name)s (baru)") % {"name": sub or pd}
            unit = self.ctx.units.get(value)
            return unit.name if unit else str(value)
        if name == "position":
            if isinstance(value, str):
                return _("%(name)s (baru)") % {"name": self.new_positions[value][0]}
            return self.ctx.position_names.get(value, str(value))
        if name == "supervisor":
            return format_nip(value)
        if isinstance(value, bool):
            return _("Ya") if value else _("Tidak")
        if name == "kind":
            return value.upper()
        return str(value)

    def _diff(self, row: RowPlan) -> None:
        target = row.target = self._target(row)
        if row.existing is None:
            return
        current = self._current(row.existing)
        labels = self.field_labels
        row.changes = [[labels[f], self._display(f, current[f]), self._display(f, target[f])]
                       for f in FIELDS if current[f] != target[f]]
        row.action = UPDATE if row.changes else UNCHANGED

    # --- the whole file ------------------------------------------------------------------

    def plan(self, parsed_rows: list[ParsedRow], file_nips: set[str] | None = None) -> Plan:
        ctx = self.ctx
        for existing in ctx.existing.values():
            sup = ctx.regency_people.get(existing["supervisor_id"])
            existing["_supervisor_nip"] = sup["nip"] if sup else None
        rows = self._first_pass(parsed_rows)
        self._check_supervisors(rows)
        for row in rows:
            if row.action != REJECT:
                self._diff(row)
        # Only what an accepted row uses is created: a rejected row creates nothing.
        new_units, new_positions = {}, {}
        for row in rows:
            if row.action == REJECT:
                continue
            if isinstance(row.unit, tuple):
                pd_key, sub_key = row.unit
                if pd_key not in ctx.top_units:
                    new_units[(pd_key, "")] = self.new_units[(pd_key, "")]
                if sub_key:
                    new_units[row.unit] = self.new_units[row.unit]
            if isinstance(row.position, str):
                new_positions[row.position] = self.new_positions[row.position]
        in_file = {p.nip for p in parsed_rows if p.nip} | (file_nips or set())
        return Plan(rows, new_units, new_positions, self._missing(rows, in_file))

    def _missing(self, rows: list[RowPlan], in_file: set[str]) -> list[dict]:
        """Active employees of the units the file covers — the units its accepted rows
        name — within the officer's scope, whose NIP is on no row of the file (rejected
        rows included: a person whose row failed is still in the file); never the
        uploader themself."""
        ctx = self.ctx
        covered = {row.unit for row in rows if row.action != REJECT and isinstance(row.unit, int)}
        missing = []
        for person in ctx.regency_people.values():
            if (person["is_active"] and person["unit_id"] in covered
                    and person["id"] != ctx.scope.employee_id
                    and person["nip"] not in in_file
                    and ctx.scope.covers(person["unit__path"] or "")):
                missing.append({"id": person["id"], "nip": person["nip"],
                                "name": _full_name(person), "unit": person["unit__name"]})
        missing.sort(key=lambda p: (p["unit"], p["name"], p["nip"]))
        return missing


def _field_labels() -> dict[str, str]:
    return {
        "name": _("Nama"), "title_prefix": _("Gelar depan"), "title_suffix": _("Gelar belakang"),
        "kind": _("Jenis pegawai"), "sex": _("Jenis kelamin"), "rank": _("Golongan"),
        "position": _("Jabatan"), "unit": _("Unit kerja"), "supervisor": _("NIP atasan"),
        "is_talent": _("Bertalenta"), "email": _("Email"), "phone": _("Nomor HP"),
        "is_active": _("Aktif"),
    }


def plan_rows(parsed_rows: list[ParsedRow], *, regency, scope: ImportScope,
              labels: dict[str, str], file_nips: set[str] | None = None,
              progress: Callable[[int], None] | None = None) -> tuple[Plan, Context]:
    """Load what the rows need and decide every row (see the module docstring).

    `file_nips` adds NIPs that are in the file but not in `parsed_rows` (the apply passes
    only the rows it will write), so nobody on a rejected row counts as missing."""
    nips = [p.nip for p in parsed_rows if p.nip]
    ctx = Context.load(regency=regency, scope=scope, nips=nips, progress=progress)
    return Planner(ctx, labels).plan(parsed_rows, file_nips), ctx
