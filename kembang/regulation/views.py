"""Pages of the regulation profiles (docs/jp-rules.md, docs/profiles.md): the rules in force
with the clause of every value, the built-in profiles side by side, a regency's new version
(BKPSDM), and `kembang hitung_jp` on the web for HR officers.

Views only parse and shape: the rules come from `kembang.policy`, the reads from
`kembang.regulation.selectors`, the write from `profile_version_create`.
"""

from __future__ import annotations

import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kembang.common.errors import DomainError
from kembang.common.spreadsheet import SpreadsheetError, read_table
from kembang.organisation.access import require_roles, scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.policy.activities import ACTIVITY_TYPES
from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.nip import format_nip
from kembang.policy.profile_data import (
    apply_profile_changes,
    profile_to_dict,
    values_changed_without_clause,
)
from kembang.policy.profiles import SUPERVISOR, Profile
from kembang.regulation.forms import CalculateForm, ProfileDateForm, ProfileVersionForm
from kembang.regulation.jp_file import FileResult, FileUnusable, compute_file
from kembang.regulation.jp_file_output import to_json, write_csv, write_xlsx
from kembang.regulation.models import ProfileVersion
from kembang.regulation.profile_table import label, profile_rule_rows
from kembang.regulation.reasons import SCOPE_LABELS, activity_label
from kembang.regulation.selectors import builtin_for, profile_for, profile_versions
from kembang.regulation.services import profile_version_create

# The page shows this many rows of each table; the downloads always hold everything.
DISPLAY_LIMIT = 2000

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- the rules in force ------------------------------------------------------------------


def _evaluation_forms(profile: Profile) -> list[dict]:
    accepted = {SUPERVISOR: _("atasan langsung")}
    return [
        {
            "form": form,
            "activity": activity_label(form.activity),
            "filled_by": label(form.filled_by),
            "timing": label(form.timing),
            "accepted_by": accepted.get(form.accepted_by, form.accepted_by),
        }
        for form in profile.evaluation_forms
    ]


def profile(request):
    """The rules of the user's regency on a date (today, or ``?pada=``), each value with
    its clause; the evaluation forms; the regency's own versions. A constant number of
    queries whatever the number of versions."""
    user = request.user
    if user.regency_id is None:
        # An administrator without a regency has no rules of their own to read.
        return redirect("regulation:compare")
    regency = user.regency
    today = regency_today(regency)
    date_form = ProfileDateForm(request.GET or None)
    on_date = today
    if date_form.is_bound and date_form.is_valid() and date_form.cleaned_data["pada"]:
        on_date = date_form.cleaned_data["pada"]
    rules = profile_for(regency, on_date)
    versions = list(profile_versions(regency).select_related("created_by__employee").defer("data"))
    in_force = None
    for version in versions:  # oldest first
        if version.effective_from <= on_date:
            in_force = version
    scope = scope_for(user)
    return render(request, "regulation/profile.html", {
        "regency": regency,
        "today": today,
        "on_date": on_date,
        "date_form": date_form,
        "profile": rules,
        "rows": profile_rule_rows(rules),
        "evaluation_forms": _evaluation_forms(rules),
        "versions": versions,
        "in_force": in_force,
        "builtin": builtin_for(regency),
        "can_create": scope.is_admin,
        "can_calculate": scope.is_hr,
    })


def _side_by_side(profiles: list[Profile]) -> list[dict]:
    """One row per rule label across `profiles`, in reading order; a profile without the
    rule (e.g. no self-study) has None in its cell."""
    per_profile = [profile_rule_rows(p) for p in profiles]
    order: list[str] = []
    for rows in per_profile:
        previous = None
        for rule, _value, _clause in rows:
            if rule not in order:
                order.insert(order.index(previous) + 1 if previous is not None else 0, rule)
            previous = rule
    cells = [{rule: (value, clause) for rule, value, clause in rows} for rows in per_profile]
    table = []
    for rule in order:
        row = [c.get(rule) for c in cells]
        values = {cell[0] if cell else None for cell in row}
        table.append({"rule": rule, "cells": row, "differs": len(values) > 1})
    return table


def compare(request):
    """The three built-in profiles side by side (docs/jp-rules.md#summary), with their
    clauses."""
    profiles = [BUILTIN_PROFILES[i] for i in sorted(BUILTIN_PROFILES)]
    return render(request, "regulation/compare.html", {
        "profiles": profiles,
        "table": _side_by_side(profiles),
    })


# --- a new version (BKPSDM) --------------------------------------------------------------


class _Rollback(Exception):
    def __init__(self, profile: Profile):
        super().__init__()
        self.profile = profile


def _dry_run(arguments: dict) -> Profile:
    """The profile saving would create, without keeping it: the service itself runs —
    every check it makes, with its own messages — inside a transaction rolled back here."""
    try:
        with transaction.atomic():
            version = profile_version_create(**arguments)
            raise _Rollback(version.profile())
    except _Rollback as done:
        return done.profile


def _fingerprint(arguments: dict) -> str:
    """What was previewed, so "Simpan" saves exactly that and nothing edited since."""
    payload = {
        "base": arguments["base_profile_id"],
        "changes": arguments["data_changes"],
        "from": arguments["effective_from"].isoformat(),
        "reason": arguments["reason"],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _preview(base: Profile, new: Profile) -> dict:
    """Old → new for every rule row whose value or clause changed, in the words of the
    profile page."""
    old_rows = {rule: (value, clause) for rule, value, clause in profile_rule_rows(base)}
    rows = []
    for rule, value, clause in profile_rule_rows(new):
        old_value, old_clause = old_rows.get(rule, ("—", ""))
        if (old_value, old_clause) != (value, clause):
            rows.append({
                "rule": rule,
                "old": old_value,
                "new": value,
                "value_changed": old_value != value,
                "old_clause": old_clause,
                "new_clause": clause,
            })
    return {
        "rows": rows,
        "profile": new,
        "name_changed": new.name != base.name,
        "instrument_changed": new.instrument != base.instrument,
        "values_changed": any(row["value_changed"] for row in rows),
    }


_SERVICE_FIELDS = {"effective_from": "effective_month", "reason": "reason"}


def _version_error(form: ProfileVersionForm, error: DomainError, arguments: dict) -> None:
    """The service's refusal on the form: on its field when it names one, else above the
    form; a value changed without a new clause also marks that clause's field."""
    if error.code == "profile_clause_missing":
        base_data = profile_to_dict(form.base)
        data = apply_profile_changes(base_data, arguments["data_changes"])
        for path in values_changed_without_clause(base_data, data):
            name = form.clause_field_for(path)
            if name:
                form.add_error(name, _("Nilai ini diubah: sebutkan dasar hukum yang baru."))
    form.add_error(_SERVICE_FIELDS.get(error.field), error.message)


def version_create(request):
    """BKPSDM's new version of the regency's rules: a copy of a built-in profile with the
    values entered, previewed (old → new) before it is saved. Others get 404."""
    require_roles(request.user, Role.HR_ADMIN)
    regency = request.user.regency
    if request.method == "POST":
        base = BUILTIN_PROFILES.get(request.POST.get("base_profile_id", ""))
        if base is None:
            raise Http404
    else:
        base = (BUILTIN_PROFILES.get(request.GET.get("dasar", ""))
                or BUILTIN_PROFILES.get(regency.profile_id)
                or next(iter(BUILTIN_PROFILES.values())))
    form = ProfileVersionForm(request.POST or None, base=base)
    preview, fingerprint, stale_preview = None, "", False
    if request.method == "POST" and form.is_valid():
        arguments = {
            "actor": request.user,
            "regency": regency,
            "base_profile_id": base.id,
            "data_changes": form.data_changes(),
            "effective_from": form.cleaned_data["effective_month"],
            "reason": form.cleaned_data["reason"],
        }
        fingerprint = _fingerprint(arguments)
        wants_save = bool(request.POST.get("simpan"))
        try:
            if wants_save and request.POST.get("pratinjau") == fingerprint:
                version = profile_version_create(**arguments)
                messages.success(request, _("Versi “%(name)s” disimpan; berlaku mulai %(month)s.")
                                 % {"name": version.name,
                                    "month": version.effective_from.strftime("%m/%Y")})
                return redirect(f"{reverse('regulation:profile')}"
                                f"?pada={version.effective_from.isoformat()}")
            preview = _preview(base, _dry_run(arguments))
            stale_preview = wants_save
        except DomainError as error:
            _version_error(form, error, arguments)
            fingerprint = ""
    return render(request, "regulation/version_create.html", {
        "form": form,
        "base": base,
        "builtins": [BUILTIN_PROFILES[i] for i in sorted(BUILTIN_PROFILES)],
        "preview": preview,
        "fingerprint": fingerprint,
        "stale_preview": stale_preview,
        "has_versions": ProfileVersion.objects.filter(regency=regency).exists(),
    })


# --- hitung_jp on the web ----------------------------------------------------------------


def _profile_choices(today_profile: Profile, versions) -> list[tuple[str, str]]:
    choices = [("", _("Profil daerah ini yang berlaku hari ini: %(name)s")
                % {"name": today_profile.name})]
    for version in versions:
        choices.append((f"versi-{version.pk}", _("%(name)s (versi daerah, mulai %(month)s)")
                        % {"name": version.name,
                           "month": version.effective_from.strftime("%m/%Y")}))
    for profile_id in sorted(BUILTIN_PROFILES):
        choices.append((profile_id, _("%(name)s (bawaan)")
                        % {"name": BUILTIN_PROFILES[profile_id].name}))
    return choices


def _chosen_profile(value: str, today_profile: Profile, versions) -> Profile:
    if value.startswith("versi-"):
        for version in versions:
            if f"versi-{version.pk}" == value:
                return version.profile()
    return BUILTIN_PROFILES.get(value) or today_profile


def _compute(upload, profile: Profile) -> FileResult | str:
    """The CLI's computation on an uploaded file, or the message saying why the file
    cannot be used at all."""
    try:
        table = read_table(upload, filename=upload.name)
        return compute_file(table, profile)
    except (SpreadsheetError, FileUnusable) as err:
        return err.message


def _download(result: FileResult, fmt: str, filename: str) -> HttpResponse:
    """The same bytes `kembang hitung_jp --format FMT --output PATH` writes."""
    stem = slugify(Path(filename).stem) or "berkas"
    if fmt == "json":
        body, content_type = to_json(result) + "\n", "application/json; charset=utf-8"
    elif fmt == "csv":
        stream = io.StringIO()
        write_csv(result, stream)
        # A BOM lets Excel recognise UTF-8, as the CLI's --output file has.
        body, content_type = "\ufeff" + stream.getvalue(), "text/csv; charset=utf-8"
    else:
        buffer = io.BytesIO()
        write_xlsx(result, buffer)
        body, content_type = buffer.getvalue(), XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"hitung-jp-{stem}.{fmt}"
    )
    return response


def _result_view(result: FileResult) -> dict:
    """The result shaped for the page: labels, printed NIPs, Decimals for the `jp` filter."""
    activities = [a for a in ACTIVITY_TYPES if result.profile.regulates(a)]
    rows = []
    for row in result.rows[:DISPLAY_LIMIT]:
        valid = result.valid_rows[row["row"]]
        rows.append({
            "row": row["row"],
            "nip": format_nip(row["nip"]),
            "name": valid.name,
            "activity": activity_label(row["activity"]),
            "date": valid.date,
            "scope": SCOPE_LABELS.get(row["scope"], row["scope"]),
            "minutes": valid.minutes,
            "jp": Decimal(row["jp"]),
            "counted": row["counted"],
            "reason": row["reason"],
        })
    totals = [
        {
            "nip": format_nip(total["nip"]),
            "name": result.names.get(total["nip"], ""),
            "year": total["year"],
            "jp": Decimal(total["jp"]),
            "by_activity": [Decimal(total["by_activity"].get(a, "0")) for a in activities],
            "meets_target": total["meets_target"],
        }
        for total in result.participants[:DISPLAY_LIMIT]
    ]
    return {
        "profile": result.profile,
        "target": result.profile.annual_target_jp.value,
        "activities": [activity_label(a) for a in activities],
        "rows": rows,
        "row_count": len(result.rows),
        "totals": totals,
        "total_count": len(result.participants),
        "errors": result.errors[:DISPLAY_LIMIT],
        "error_count": len(result.errors),
        "error_rows": len({e["row"] for e in result.errors}),
        "notes": result.notes,
        "limit": DISPLAY_LIMIT,
    }


def calculate(request):
    """`kembang hitung_jp` for HR officers and BKPSDM: upload, choose a profile, see the
    rows, totals and rejected rows, and download JSON/CSV/XLSX of the same result (the
    file is sent again with a ``format``; nothing is stored, no record is touched)."""
    require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    regency = request.user.regency
    today_profile = profile_for(regency, regency_today(regency))
    versions = list(profile_versions(regency).select_related(None).only("name", "effective_from"))
    posted = request.method == "POST"
    form = CalculateForm(request.POST if posted else None, request.FILES if posted else None,
                         profile_choices=_profile_choices(today_profile, versions))
    context = {"form": form, "result": None, "problem": ""}
    if posted and form.is_valid():
        chosen = _chosen_profile(form.cleaned_data["profil"], today_profile, versions)
        upload = form.cleaned_data["berkas"]
        fmt = request.POST.get("format", "")
        if fmt in ("json", "csv", "xlsx"):
            # The files are the CLI's contract: Indonesian texts whatever the page language.
            with translation.override("id"):
                outcome = _compute(upload, chosen)
                if not isinstance(outcome, str):
                    return _download(outcome, fmt, upload.name)
        else:
            outcome = _compute(upload, chosen)
        if isinstance(outcome, str):
            context["problem"] = outcome
        else:
            context["result"] = _result_view(outcome)
            context["filename"] = upload.name
    template = "regulation/calculate.html"
    if request.htmx:
        template = "regulation/_calculate_result.html"
    return render(request, template, context)
