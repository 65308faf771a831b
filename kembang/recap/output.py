"""`kembang rekap`'s output: the JSON contract of docs/rekap.md, and the same columns as
CSV and XLSX."""

from __future__ import annotations

from kembang.common.files import Sheet, csv_bytes, write_xlsx
from kembang.recap.figures import Recap
from kembang.regulation.jp_file import jp_text


def _person(recap: Recap, person) -> dict:
    employee = person.employee
    return {
        "nip": employee.nip,
        "name": employee.full_name,
        "kind": employee.kind,
        "target": jp_text(person.target),
        "unit_id": person.unit_id,
        "unit": person.unit_label,
        "official": jp_text(person.official),
        "provisional": jp_text(person.provisional),
        "classical": jp_text(person.classical),
        "status": str(person.status),
        "meets_target": person.meets_target,
        "behind_pace": person.behind_pace,
        "by_activity": {a: {"official": jp_text(person.by_activity[a].official),
                            "provisional": jp_text(person.by_activity[a].provisional)}
                        for a in recap.activities},
    }


def to_json(recap: Recap) -> dict:
    from kembang.learning.profiles import schedule_for

    pns_target = schedule_for(recap.regency).at(recap.as_of).annual_target_jp.value
    return {
        "regency": recap.regency.slug,
        "year": recap.year,
        "as_of": recap.as_of.isoformat(),
        "profile": recap.profile_id,
        "target": jp_text(pns_target),
        "employees": [_person(recap, p) for p in recap.people],
        "units": [{"unit_id": u.unit.pk, "unit": u.label, "employees": u.employees,
                   "meeting_target": u.meeting_target, "official_jp": jp_text(u.official_jp)}
                  for u in recap.units],
    }


PERSON_COLUMNS = ("nip", "name", "kind", "target", "unit_id", "unit", "official",
                  "provisional", "classical", "status", "meets_target", "behind_pace")
UNIT_COLUMNS = ("unit_id", "unit", "employees", "meeting_target", "official_jp")


def _header(recap: Recap) -> list[str]:
    return [*PERSON_COLUMNS, *(f"{a}_{part}" for a in recap.activities
                               for part in ("official", "provisional"))]


def _flag(value) -> str:
    return "" if value is None else ("true" if value else "false")


def _rows(data: dict, recap: Recap):
    for person in data["employees"]:
        row = [person[c] for c in PERSON_COLUMNS]
        row[PERSON_COLUMNS.index("meets_target")] = _flag(person["meets_target"])
        row[PERSON_COLUMNS.index("behind_pace")] = _flag(person["behind_pace"])
        for a in recap.activities:
            row += [person["by_activity"][a]["official"], person["by_activity"][a]["provisional"]]
        yield row


def csv_output(recap: Recap) -> bytes:
    """The employees, one row each (the units are in the JSON and the XLSX)."""
    data = to_json(recap)
    return csv_bytes([_header(recap), *_rows(data, recap)])


def xlsx_output(recap: Recap, target) -> None:
    data = to_json(recap)
    write_xlsx([
        Sheet("pegawai", _header(recap), list(_rows(data, recap)), formats={0: "@"}),
        Sheet("unit", UNIT_COLUMNS, [[u[c] for c in UNIT_COLUMNS] for u in data["units"]]),
    ], target)
