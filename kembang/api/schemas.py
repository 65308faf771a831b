from ninja import Schema


class UnitOut(Schema):
    id: int
    name: str
    parent_id: int | None


class EmployeeOut(Schema):
    id: int
    nip: str
    name: str
    full_name: str
    kind: str
    rank: str
    position: str | None
    position_kind: str | None
    unit_id: int
    unit: str
    supervisor_id: int | None
    is_talent: bool
    is_active: bool


class MeOut(Schema):
    username: str
    regency: str | None
    roles: list[str]
    employee: EmployeeOut | None


class ErrorOut(Schema):
    code: str
    message: str
