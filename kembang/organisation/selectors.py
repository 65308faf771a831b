"""Read models for pages and exports: filtered, sorted, with related rows joined."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from kembang.organisation.access import employees_in_scope, units_in_scope
from kembang.organisation.models import EmploymentHistory, OrgUnit

EMPLOYEE_SORTS = {
    "nama": ("name", "nip"),
    "-nama": ("-name", "-nip"),
    "nip": ("nip",),
    "-nip": ("-nip",),
    "unit": ("unit__path", "name"),
    "-unit": ("-unit__path", "name"),
    "jabatan": ("position__name", "name"),
    "-jabatan": ("-position__name", "name"),
}


# Sorting on the year's figures (`employee_jp_list`): key → (what, descending).
JP_SORTS = {
    "jp": ("official", False),
    "-jp": ("official", True),
    "sementara": ("provisional", False),
    "-sementara": ("provisional", True),
    "capaian": ("status", False),
    "-capaian": ("status", True),
}


def employee_list(user, *, search: str = "", unit_id=None, position_id=None, kind: str = "",
                  status: str = "aktif", sort: str = "nama", talent: str = ""):
    """Employees the user may see, filtered and sorted; one query whatever the page size.

    `unit_id` includes the unit's sub-units (an HR officer of a PD sees its bidang too).
    `talent`: "ya" the talent pool only, "tidak" everyone else.
    """
    employees = employees_in_scope(user).select_related("unit", "position", "supervisor")
    employees = employees.search(search)
    if unit_id:
        unit = units_in_scope(user).filter(pk=unit_id).values_list("path", flat=True).first()
        employees = employees.filter(unit__path__startswith=unit) if unit else employees.none()
    if position_id:
        employees = employees.filter(position_id=position_id)
    if kind in {"pns", "pppk"}:
        employees = employees.filter(kind=kind)
    if status == "aktif":
        employees = employees.filter(is_active=True)
    elif status == "nonaktif":
        employees = employees.filter(is_active=False)
    if talent == "ya":
        employees = employees.filter(is_talent=True)
    elif talent == "tidak":
        employees = employees.filter(is_talent=False)
    return employees.order_by(*EMPLOYEE_SORTS.get(sort, EMPLOYEE_SORTS["nama"]))


@dataclass
class KindTotal:
    """Of the listed people of one kind (PNS or PPPK) with figures for the year: how many
    meet their target."""

    kind: str
    label: str
    meeting: int = 0
    total: int = 0


@dataclass
class EmployeeJpList:
    """The employee list with each person's JP of `year` (`kembang.recap.figures`):
    `ids` in the list's order after the JP filters, `figures` employee id → `PersonYear`
    (none for who was not active in the year), `totals` per kind over all of `ids`."""

    year: int
    ids: object  # the ids in the list's order: a list, or a query when not reordered
    figures: dict | None  # None: read per page (the list is in the queryset's order)
    totals: list[KindTotal]
    employees: object = field(repr=False)  # the filtered queryset, rows fetched from it
    regency: object = field(repr=False, default=None)
    reordered: bool = False  # sorted on the figures, not in the queryset's order

    def rows(self, ids) -> list:
        """The employees of `ids` (one page of the list), in that order, each with `jp`
        (their `PersonYear` or None); one query."""
        ids = list(ids)
        found = self.employees.filter(pk__in=ids).in_bulk()
        figures = self.figures
        if figures is None:
            figures = _figures(self.regency, self.year, self.employees.filter(pk__in=ids))
        rows = []
        for pk in ids:
            employee = found.get(pk)
            if employee is not None:
                employee.jp = figures.get(pk)
                rows.append(employee)
        return rows

    def iter_rows(self, chunk: int = 2000):
        """Every listed employee in the list's order, each with `jp` (for the export): the
        filtered queryset streamed, never a list of ids in a query; when sorted on the
        figures, the rows are held until all are read, then given in that order."""
        kept = set(self.ids)
        if self.figures is None:
            self.figures = _figures(self.regency, self.year, self.employees)
        stream = (e for e in self.employees.iterator(chunk_size=chunk) if e.pk in kept)
        if self.reordered:
            held = {e.pk: e for e in stream}
            stream = (held[pk] for pk in self.ids)
        for employee in stream:
            employee.jp = self.figures.get(employee.pk)
            yield employee


def employee_jp_list(user, employees, *, year: int, jp_status: str = "",
                     sort: str = "nama") -> EmployeeJpList:
    """`employees` (an `employee_list` queryset) with the year's JP of everyone in it,
    computed once for all of them by `year_recap` (a constant number of queries whatever
    their number), kept to `jp_status` when given and sorted by a `JP_SORTS` key (people
    without figures last; ties keep the list's order)."""
    from kembang.organisation.models import Employee
    from kembang.recap.dashboard import targets_met_by_kind
    from kembang.recap.labels import ORDER

    totals = {kind: KindTotal(kind, str(label)) for kind, label in Employee.Kind.choices}
    if not jp_status and sort not in JP_SORTS:
        # The list's order and its totals need nobody's figures but the page's: the totals
        # are counted by the database, the ids stay a query (the paginator counts and
        # slices it), each page's rows get their figures in `rows`.
        for kind, share in targets_met_by_kind(user.regency, year, employees).items():
            if kind in totals:
                totals[kind].total, totals[kind].meeting = share.people, share.meeting
        return EmployeeJpList(year=year, ids=employees.values_list("pk", flat=True),
                              figures=None,
                              totals=[t for t in totals.values() if t.total],
                              employees=employees, regency=user.regency)
    ids = list(employees.values_list("pk", flat=True))
    figures = _figures(user.regency, year, employees)
    if jp_status:
        ids = [pk for pk in ids if pk in figures and figures[pk].status == jp_status]
    if sort in JP_SORTS:
        what, descending = JP_SORTS[sort]
        with_figures = [pk for pk in ids if pk in figures]
        if what == "status":
            with_figures.sort(key=lambda pk: ORDER[str(figures[pk].status)],
                              reverse=descending)
        else:
            with_figures.sort(key=lambda pk: getattr(figures[pk], what), reverse=descending)
        ids = with_figures + [pk for pk in ids if pk not in figures]
    for pk in ids:
        person = figures.get(pk)
        if person is not None and person.employee.kind in totals:
            total = totals[person.employee.kind]
            total.total += 1
            total.meeting += person.meets_target
    return EmployeeJpList(year=year, ids=ids, figures=figures,
                          totals=[t for t in totals.values() if t.total],
                          employees=employees, regency=user.regency,
                          reordered=sort in JP_SORTS)


def _figures(regency, year: int, employees) -> dict:
    """Employee id → `PersonYear` of `year` for everyone in `employees` the recap counts."""
    from kembang.recap.figures import year_recap

    return {person.employee.pk: person
            for person in year_recap(regency, year, employees=employees).people}


def unit_list(user):
    """Units in scope with their count of active employees (direct members only)."""
    return units_in_scope(user).select_related("parent").annotate(
        employee_count=Count("employees", filter=Q(employees__is_active=True))
    )


def unit_on(employee, day):
    """The unit the employee belonged to on `day` (docs/locked-months.md#unit-of-a-session:
    a session belongs to the unit of its date), from the dated history; the current unit
    when the history has no row for that day."""
    row = (EmploymentHistory.objects.filter(employee=employee, valid_from__lte=day)
           .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day))
           .select_related("unit").order_by("-valid_from", "-id").first())
    return row.unit if row is not None else employee.unit


def left_behind(employee) -> dict:
    """What a deactivated employee leaves to reassign (docs/accounts.md#deactivation) —
    their open programs (as participant or as guide) and the sessions waiting for their
    initials."""
    from kembang.learning.models import Program, Session

    open_statuses = (Program.Status.PROPOSED, Program.Status.REQUESTED, Program.Status.ACTIVE)
    programs = (Program.objects.filter(Q(participant=employee) | Q(guide=employee),
                                       status__in=open_statuses)
                .select_related("participant", "guide").order_by("start_date", "id"))
    sessions = (Session.objects.filter(program__guide=employee, status=Session.Status.SUBMITTED)
                .select_related("participant").order_by("date", "id"))
    return {"programs": list(programs), "sessions": list(sessions)}


UNIT_SEPARATOR = " › "


def unit_path_labels(units) -> dict[int, str]:
    """Each unit's name after its parents' — "Dinas Pendidikan › Sekretariat" — for the
    pickers, where many sub-units share a name ("Sekretariat"). The ancestors come from
    the units' paths: their names are read in one query, whatever the number of units
    (none when all of them are among `units`)."""
    units = list(units)
    names = {unit.pk: unit.name for unit in units}
    chains = {unit.pk: [int(part) for part in unit.path.strip("/").split("/") if part]
              for unit in units}
    missing = {pk for chain in chains.values() for pk in chain} - names.keys()
    if missing:
        names |= dict(OrgUnit.objects.filter(pk__in=missing).values_list("pk", "name"))
    labels = {}
    for unit in units:
        above = [names[pk] for pk in chains[unit.pk][:-1] if pk in names]
        labels[unit.pk] = UNIT_SEPARATOR.join([*above, unit.name])
    return labels


def with_path_labels(units) -> list:
    """The units as a list, each with `path_label` (`unit_path_labels`), for a template's
    own select."""
    units = list(units)
    labels = unit_path_labels(units)
    for unit in units:
        unit.path_label = labels[unit.pk]
    return units


def regency_logo(regency):
    """The regency's logo row (RegencyLogo) or None."""
    from kembang.organisation.models import RegencyLogo

    regency_id = getattr(regency, "pk", None)
    if regency_id is None:
        return None
    return RegencyLogo.objects.filter(regency_id=regency_id).first()


def regency_logo_bytes(regency) -> bytes | None:
    """The bytes of the regency's logo for a letterhead; None when it has none or its
    file cannot be read (the letterhead then prints the name alone)."""
    logo = regency_logo(regency)
    if logo is None or not logo.image:
        return None
    try:
        with logo.image.open("rb") as handle:
            return handle.read()
    except OSError:
        return None
