"""The audit record in words: each action code and each changed field with its Indonesian
label, and values as a reader knows them (a status's label, a date, yes/no).

The codes stay in the database (stable, searchable); only the page speaks. Each app
registers the actions it records (`register_actions`, from its AppConfig.ready) — the
learning app from its life-cycle table — and a field's label is its model field's
`verbose_name`, so a new field needs no entry here. Details that are not model fields
(an import's counts, a demo's logins) are named in `DETAIL_LABELS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

_ACTIONS: dict[str, object] = {}

DETAIL_LABELS = {
    "password_cleared": _("kata sandi dikosongkan"),
    "password_set": _("kata sandi dibuat"),
    "attempts_cleared": _("percobaan masuk yang dihapus"),
    "activation_code": _("kode aktivasi"),
    "evidence": _("bukti"),
    "file": _("berkas"),
    "units_created": _("unit baru"),
    "positions_created": _("jabatan baru"),
    "created": _("pegawai baru"),
    "updated": _("pegawai diubah"),
    "deactivated": _("pegawai dinonaktifkan"),
    "unchanged": _("tidak berubah"),
    "moved": _("pindah unit"),
    "assignment": _("penugasan peran"),
    "profile": _("profil regulasi"),
    "base_profile_id": _("profil dasar"),
    "effective_from": _("berlaku mulai"),
    "rules": _("aturan yang diubah"),
    "seed": _("benih data demo"),
    "employees": _("jumlah pegawai"),
    "counts": _("jumlah"),
    "login_unit": _("unit login demo"),
    "logins": _("login demo"),
    "units": _("unit"),
    "positions": _("jabatan"),
    "pppk": _("PPPK"),
    "talent": _("anggota talent pool"),
    "session": _("sesi"),
    "reason": _("alasan"),
    "role": _("peran"),
    "username": _("nama pengguna"),
    "user": _("pengguna"),
    "unit": _("unit"),
    "status": _("status"),
    "codes": _("kode aktivasi"),
    "rows": _("baris"),
}

_YES, _NO = _("ya"), _("tidak")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def register_actions(labels: dict[str, object]) -> None:
    _ACTIONS.update(labels)


def action_label(code: str) -> str:
    label = _ACTIONS.get(code)
    if label is not None:
        return str(capfirst(label))
    return str(_("Perubahan data"))


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None
    new: str


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _humanised(name: str) -> str:
    return name.replace("_", " ")


def field_label(model, name: str) -> str:
    field = _field(model, name)
    if field is not None and hasattr(field, "verbose_name"):
        return str(capfirst(field.verbose_name))
    label = DETAIL_LABELS.get(name)
    return str(capfirst(label)) if label is not None else capfirst(_humanised(name))


def _choices_of(field) -> dict:
    return {str(k): v for k, v in (getattr(field, "flatchoices", None) or [])}


def value_text(value, field=None) -> str:
    """One recorded value as a reader knows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_YES if value else _NO)
    if isinstance(value, dict):
        if "repr" in value:
            return str(value["repr"])
        return "; ".join(f"{field_label(None, str(k))}: {value_text(v)}"
                         for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_text(v, field) for v in value)
    if isinstance(value, str):
        choices = _choices_of(field) if field is not None else {}
        if value in choices:
            return str(choices[value])
        if _ISO_DATE.match(value):
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        if _ISO_TIME.match(value):
            try:
                return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
            except ValueError:
                return value
        return _plain_words(value)
    return str(value)


def _plain_words(value: str) -> str:
    """A bare role code (a demo's logins, an account's grant) reads as the role."""
    from kembang.organisation.models import Role

    return str(Role(value).label) if value in Role.values else value


def changes_of(event) -> list[Change]:
    """The event's changes as labelled rows: `{field: [old, new]}` as old → new, any other
    detail as its value."""
    model = _model(event.object_type)
    rows = []
    for name, values in (event.changes or {}).items():
        field = _field(model, name)
        label = field_label(model, name)
        if name == "rules" and isinstance(values, dict):
            rows += _rule_rows(values)
            continue
        if isinstance(values, list) and len(values) == 2 and not isinstance(values[0], dict):
            old, new = values
            rows.append(Change(label, None if old is None else value_text(old, field),
                               value_text(new, field)))
        else:
            rows.append(Change(label, None, value_text(values, field)))
    return rows


def _rule_rows(rules: dict) -> list[Change]:
    """A profile version's changed rules (`{path: [old, new]}`) in the words of the
    profile pages."""
    from kembang.regulation.profile_table import rule_path_label

    rows = []
    for path, values in rules.items():
        if isinstance(values, list) and len(values) == 2:
            rows.append(Change(rule_path_label(path), value_text(values[0]),
                               value_text(values[1])))
        else:
            rows.append(Change(rule_path_label(path), None, value_text(values)))
    return rows
