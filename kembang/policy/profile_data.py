"""Profiles to and from JSON-safe dicts, edits to a copy, and validation.

A regency's own profile is stored as the dict `profile_to_dict` gives (Decimals as
strings, every value with its clause), built from a copy of a built-in one with
`apply_profile_changes`, checked with `validate_profile` (docs/profiles.md#profile-versions).
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from kembang.policy.profile_checks import ProfileProblem, validate_profile
from kembang.policy.profiles import (
    ACTIVITY_RULE_FIELDS,
    OPTIONAL_PROFILE_RULE_FIELDS,
    PROFILE_RULE_FIELDS,
    ActivityRules,
    EvaluationForm,
    Profile,
    Reporting,
    Rule,
    ScalePoint,
)

# Re-exported: callers import the whole profile-data API from here.
__all__ = [
    "ProfileDataError",
    "ProfileProblem",
    "apply_profile_changes",
    "flatten_profile_dict",
    "profile_diff",
    "profile_from_dict",
    "profile_to_dict",
    "validate_profile",
    "values_changed_without_clause",
]

SCHEMA = 1

_ACTIVITY_RULE_FIELDS = ACTIVITY_RULE_FIELDS
_DECIMAL_FIELDS = {"jp_nasional", "jp_internasional", "international_uplift", "annual_target_jp",
                   "annual_target_jp_pppk"}
_OPTIONAL_INT_FIELDS = {"monthly_cap", "daily_cap_jp"}
_PROFILE_RULE_FIELDS = PROFILE_RULE_FIELDS


class ProfileDataError(ValueError):
    """Stored profile data is malformed. `code`: ``missing``, ``type``, ``schema``;
    `params`: ``field`` (a dotted path) and, for ``type``, ``expected``."""

    def __init__(self, code: str, params: dict[str, Any]):
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}")


# --- to dict -----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Reporting):
        return {"kind": value.kind, "month": value.month, "months_after": value.months_after,
                "due_day": value.due_day, "opens_day": value.opens_day,
                "follow_up_month": value.follow_up_month,
                "follow_up_day": value.follow_up_day}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _rule(rule: Rule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {"value": _plain(rule.value), "clause": rule.clause, "text": rule.text}


def _form_to_dict(form: EvaluationForm) -> dict[str, Any]:
    return {
        "code": form.code,
        "title": form.title,
        "activity": form.activity,
        "filled_by": form.filled_by,
        "timing": form.timing,
        "clause": form.clause,
        "items": list(form.items),
        "scale": [{"value": p.value, "label": p.label} for p in form.scale],
        "comment_label": form.comment_label,
        "comment_required": form.comment_required,
        "accepted_by": form.accepted_by,
        "text": form.text,
    }


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """A JSON-safe dict of the whole profile: Decimals as strings, rules as
    ``{"value", "clause", "text"}``, activities and forms as lists. Round-trips through
    `profile_from_dict`."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "id": profile.id,
        "name": profile.name,
        "instrument": profile.instrument,
        "activities": [
            {
                "activity": str(a.activity),
                "counting": a.counting,
                **{name: _rule(getattr(a, name)) for name in _ACTIVITY_RULE_FIELDS},
            }
            for a in profile.activities
        ],
        "evaluation_forms": [_form_to_dict(f) for f in profile.evaluation_forms],
    }
    for name in _PROFILE_RULE_FIELDS + OPTIONAL_PROFILE_RULE_FIELDS:
        data[name] = _rule(getattr(profile, name))
    return data


# --- from dict ---------------------------------------------------------------------------


def _need(data: dict, key: str, path: str) -> Any:
    if not isinstance(data, dict):
        raise ProfileDataError("type", {"field": path, "expected": "object"})
    if key not in data:
        raise ProfileDataError("missing", {"field": f"{path}.{key}" if path else key})
    return data[key]


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ProfileDataError("type", {"field": path, "expected": "string"})
    return value


def _int(value: Any, path: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool):
        raise ProfileDataError("type", {"field": path, "expected": "integer"})
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ProfileDataError("type", {"field": path, "expected": "integer"})


def _decimal(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ProfileDataError("type", {"field": path, "expected": "decimal"})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ProfileDataError("type", {"field": path, "expected": "decimal"}) from None
    if not number.is_finite():
        raise ProfileDataError("type", {"field": path, "expected": "decimal"})
    return number


def _reporting(value: Any, path: str) -> Reporting | None:
    if value is None:
        return None
    return Reporting(
        kind=_str(_need(value, "kind", path), f"{path}.kind"),
        month=_int(value.get("month"), f"{path}.month", optional=True),
        months_after=_int(value.get("months_after"), f"{path}.months_after", optional=True),
        due_day=_int(value.get("due_day"), f"{path}.due_day", optional=True),
        opens_day=_int(value.get("opens_day"), f"{path}.opens_day", optional=True),
        follow_up_month=_int(value.get("follow_up_month"), f"{path}.follow_up_month",
                             optional=True),
        follow_up_day=_int(value.get("follow_up_day"), f"{path}.follow_up_day", optional=True),
    )


def _parse_value(name: str, value: Any, path: str) -> Any:
    if name in _DECIMAL_FIELDS:
        return _decimal(value, path)
    if name in _OPTIONAL_INT_FIELDS:
        return _int(value, path, optional=True)
    if name == "minutes_per_jp":
        return _int(value, path)
    if name == "program_requires":
        if not isinstance(value, (list, tuple)):
            raise ProfileDataError("type", {"field": path, "expected": "list"})
        return tuple(_str(v, f"{path}[{i}]") for i, v in enumerate(value))
    if name == "reporting":
        return _reporting(value, path)
    if name == "bkpsdm_may_appoint":
        if not isinstance(value, bool):
            raise ProfileDataError("type", {"field": path, "expected": "true/false"})
        return value
    return _str(value, path)


def _rule_from(data: Any, name: str, path: str, *, optional: bool = False) -> Rule | None:
    if data is None and optional:
        return None
    if not isinstance(data, dict):
        raise ProfileDataError("type", {"field": path, "expected": "object"})
    value = _parse_value(name, _need(data, "value", path), f"{path}.value")
    clause = _str(data.get("clause", ""), f"{path}.clause")
    text = _str(data.get("text", "") or "", f"{path}.text")
    return Rule(value, clause, text)


def _form_from(data: Any, path: str) -> EvaluationForm:
    scale = []
    for i, point in enumerate(data.get("scale") or []):
        scale.append(
            ScalePoint(
                _int(_need(point, "value", f"{path}.scale[{i}]"), f"{path}.scale[{i}].value"),
                _str(_need(point, "label", f"{path}.scale[{i}]"), f"{path}.scale[{i}].label"),
            )
        )
    return EvaluationForm(
        code=_str(_need(data, "code", path), f"{path}.code"),
        title=_str(_need(data, "title", path), f"{path}.title"),
        activity=_str(_need(data, "activity", path), f"{path}.activity"),
        filled_by=_str(_need(data, "filled_by", path), f"{path}.filled_by"),
        timing=_str(_need(data, "timing", path), f"{path}.timing"),
        clause=_str(data.get("clause", ""), f"{path}.clause"),
        items=tuple(_str(v, f"{path}.items[{i}]") for i, v in enumerate(data.get("items") or [])),
        scale=tuple(scale),
        comment_label=_str(data.get("comment_label", ""), f"{path}.comment_label"),
        comment_required=bool(data.get("comment_required", False)),
        accepted_by=_str(data.get("accepted_by", ""), f"{path}.accepted_by"),
        text=_str(data.get("text", ""), f"{path}.text"),
    )


def profile_from_dict(data: dict[str, Any]) -> Profile:
    """Build a `Profile` from `profile_to_dict`'s shape; `ProfileDataError` when malformed.

    Parses types only; call `validate_profile` for the rules a usable profile obeys.
    """
    if not isinstance(data, dict):
        raise ProfileDataError("type", {"field": "", "expected": "object"})
    if data.get("schema", SCHEMA) != SCHEMA:
        raise ProfileDataError("schema", {"field": "schema", "expected": SCHEMA})
    activities = []
    raw_activities = _need(data, "activities", "")
    if not isinstance(raw_activities, list):
        raise ProfileDataError("type", {"field": "activities", "expected": "list"})
    for i, raw in enumerate(raw_activities):
        path = f"activities[{i}]"
        rules = {
            name: _rule_from(raw.get(name), name, f"{path}.{name}", optional=name != "term")
            for name in _ACTIVITY_RULE_FIELDS
        }
        if rules["monthly_cap"] is None:
            raise ProfileDataError("missing", {"field": f"{path}.monthly_cap"})
        activities.append(
            ActivityRules(
                activity=_str(_need(raw, "activity", path), f"{path}.activity"),
                counting=_str(_need(raw, "counting", path), f"{path}.counting"),
                **rules,
            )
        )
    forms = data.get("evaluation_forms") or []
    return Profile(
        id=_str(_need(data, "id", ""), "id"),
        name=_str(_need(data, "name", ""), "name"),
        instrument=_str(data.get("instrument", ""), "instrument"),
        activities=tuple(activities),
        evaluation_forms=tuple(
            _form_from(f, f"evaluation_forms[{i}]") for i, f in enumerate(forms)
        ),
        **{name: _rule_from(_need(data, name, ""), name, name) for name in _PROFILE_RULE_FIELDS},
        **{name: _rule_from(data[name], name, name) for name in OPTIONAL_PROFILE_RULE_FIELDS
           if data.get(name) is not None},
    )


# --- changes -----------------------------------------------------------------------------

_KEYED_LISTS = {"activities": "activity", "evaluation_forms": "code"}


def _merge(base: Any, changes: Any) -> Any:
    if isinstance(base, dict) and isinstance(changes, dict):
        merged = dict(base)
        if "value" in base and "clause" in changes and "text" not in changes:
            # A rule citing a new clause must not keep the old source's quoted words.
            merged["text"] = ""
        for key, value in changes.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return copy.deepcopy(changes)


def apply_profile_changes(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`data` (a `profile_to_dict` dict) with `changes` deep-merged into a new dict.

    Dicts merge key by key, other values are replaced; a rule given a new ``clause``
    without a ``text`` loses the old quote. ``activities`` and
    ``evaluation_forms`` may be given as objects keyed by activity code / form code:
    a partial object edits that entry, ``null`` removes it, a new key appends a complete
    entry (a list replaces the whole list). E.g. a third counted coaching session::

        {"activities": {"coaching": {"monthly_cap": {"value": 3, "clause": "Perbup … Pasal 5"}}}}
    """
    result = copy.deepcopy(data)
    for key, value in changes.items():
        if key in _KEYED_LISTS and isinstance(value, dict):
            id_key = _KEYED_LISTS[key]
            entries = list(result.get(key) or [])
            for entry_id, entry_changes in value.items():
                index = next((i for i, e in enumerate(entries) if e.get(id_key) == entry_id), None)
                if entry_changes is None:
                    if index is not None:
                        entries.pop(index)
                elif index is None:
                    entries.append({id_key: entry_id, **copy.deepcopy(entry_changes)})
                else:
                    entries[index] = _merge(entries[index], entry_changes)
            result[key] = entries
        elif key in result:
            result[key] = _merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def flatten_profile_dict(data: dict[str, Any]) -> dict[str, Any]:
    """Dotted path → leaf value, activities and forms keyed by their code
    (``activities.coaching.monthly_cap.value``): the shape of an audit diff."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif prefix in _KEYED_LISTS and isinstance(value, list):
            for entry in value:
                walk(f"{prefix}.{entry.get(_KEYED_LISTS[prefix])}", entry)
        else:
            flat[prefix] = value

    walk("", data)
    return flat


def profile_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """``{path: [old, new]}`` for every leaf that differs between two profile dicts."""
    a, b = flatten_profile_dict(old), flatten_profile_dict(new)
    return {k: [a.get(k), b.get(k)] for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}


def values_changed_without_clause(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Paths of rules whose value changed while their clause stayed the same — a new
    value must cite the regency's own regulation."""
    diff = profile_diff(old, new)
    stale = []
    for path in diff:
        if path.endswith(".value"):
            base = path[: -len(".value")]
            if f"{base}.clause" not in diff:
                stale.append(base)
    return stale
