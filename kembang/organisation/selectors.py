"""Read models for pages and exports: filtered, sorted, with related rows joined."""

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


def employee_list(user, *, search: str = "", unit_id=None, position_id=None, kind: str = "",
                  status: str = "aktif", sort: str = "nama"):
    """Employees the user may see, filtered and sorted; one query whatever the page size.

    `unit_id` includes the unit's sub-units (an HR officer of a PD sees its bidang too).
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
    return employees.order_by(*EMPLOYEE_SORTS.get(sort, EMPLOYEE_SORTS["nama"]))


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
