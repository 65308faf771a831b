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

    @staticmethod
    def resolve_position(obj) -> str | None:
        return obj.position.name if obj.position_id else None

    @staticmethod
    def resolve_position_kind(obj) -> str | None:
        return obj.position.kind if obj.position_id else None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.name


class MeOut(Schema):
    username: str
    regency: str | None
    roles: list[str]
    employee: EmployeeOut | None


class ErrorOut(Schema):
    code: str
    message: str


class ActivityJpOut(Schema):
    activity: str
    label: str
    official: str
    provisional: str
    countable_left_this_month: int | None


class SessionJpOut(Schema):
    id: int
    date: str
    activity: str
    status: str
    jp: str
    jp_provisional: str
    counted: bool
    reason_codes: list[str]
    reason: str


class JpStandingOut(Schema):
    year: int
    target: str
    official: str
    provisional: str
    classical: str
    meets_target: bool
    behind_pace: bool | None
    # memenuhi | sesuai_laju | di_bawah_laju | tidak_tercapai_nonklasikal | tidak_memenuhi
    status: str
    activities: list[ActivityJpOut]
    sessions: list[SessionJpOut]
