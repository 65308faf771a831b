"""Forms of the regulation pages: the date a profile is read on, a regency's new profile
version, and the spreadsheet for the web `hitung_jp`.

The version form holds one field per value a BKPSDM may change and, beside it, the clause
that justifies it. It builds the service's ``data_changes`` (only the values and clauses
that differ from the base), so an unchanged rule keeps its clause and its quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.policy import profiles as P
from kembang.policy.profiles import Profile
from kembang.regulation.reasons import activity_label

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

_JP_ERRORS = {
    "invalid": _("Masukkan angka, misalnya 2 atau 2,5."),
    "min_value": _("Nilai tidak boleh negatif."),
    "max_decimal_places": _("Paling banyak dua angka di belakang koma."),
    "max_digits": _("Angka terlalu besar."),
    "max_whole_digits": _("Angka terlalu besar."),
    "required": _("Isi nilainya."),
}
_CAP_ERRORS = {
    "invalid": _("Masukkan bilangan bulat, misalnya 2, atau kosongkan bila tanpa batas."),
    "min_value": _("Batas harus bilangan bulat positif; kosongkan bila tanpa batas."),
}
_MINUTES_ERRORS = {
    "invalid": _("Masukkan bilangan bulat menit, misalnya 45."),
    "min_value": _("Menit per JP harus lebih dari 0."),
    "max_value": _("Menit per JP paling banyak 1.440 (satu hari)."),
    "required": _("Isi jumlah menit per JP."),
}
# Minutes, wherever entered (here, a session's duration, `hitung_jp`'s durasi_menit), are
# whole numbers from 1 to one day.
MINUTES_MAX = 24 * 60


class ProfileDateForm(forms.Form):
    """``?pada=YYYY-MM-DD``: the date whose rules the profile page shows."""

    pada = forms.DateField(
        label=_("Aturan yang berlaku pada tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        error_messages={"invalid": _("Tanggal tidak valid; gunakan TTTT-BB-HH.")},
    )


# --- a new profile version ---------------------------------------------------------------


@dataclass(frozen=True)
class ValueSpec:
    """One value the form edits: where it lives in the profile and how it is entered.

    `activity` is None for a profile-level rule (minutes per JP). `kind`: ``jp`` (decimal,
    ≥ 0, two places), ``factor`` (the same), ``cap`` (a positive whole number or blank =
    no cap), ``minutes`` (a whole number from 1 to `MINUTES_MAX`).
    """

    name: str
    activity: str | None
    rule: str
    label: str
    kind: str

    @property
    def clause_name(self) -> str:
        return f"{self.name}__dasar"


def value_specs(base: Profile) -> list[tuple[str, list[ValueSpec]]]:
    """The editable values of `base`, grouped by activity, in the order an officer reads
    them: per session JP (national, international) and the monthly cap; for self-study the
    daily cap, minutes per JP and the international factor."""
    groups = []
    for rules in base.activities:
        code = str(rules.activity)
        specs = []
        if rules.counting == P.PER_SESSION:
            specs += [
                ValueSpec(f"{code}__jp_nasional", code, "jp_nasional",
                          str(_("JP per sesi, nasional")), "jp"),
                ValueSpec(f"{code}__jp_internasional", code, "jp_internasional",
                          str(_("JP per sesi, internasional")), "jp"),
                ValueSpec(f"{code}__monthly_cap", code, "monthly_cap",
                          str(_("Sesi yang dihitung paling banyak sebulan")), "cap"),
            ]
        else:
            specs += [
                ValueSpec(f"{code}__daily_cap_jp", code, "daily_cap_jp",
                          str(_("Batas harian (JP dasar sehari)")), "cap"),
                ValueSpec("minutes_per_jp", None, "minutes_per_jp",
                          str(_("Menit per JP")), "minutes"),
                ValueSpec(f"{code}__international_uplift", code, "international_uplift",
                          str(_("Faktor internasional (× JP)")), "factor"),
            ]
        groups.append((activity_label(code), specs))
    return groups


def _base_rule(base: Profile, spec: ValueSpec) -> P.Rule:
    owner = base if spec.activity is None else base.activity(spec.activity)
    return getattr(owner, spec.rule)


def _value_field(spec: ValueSpec) -> forms.Field:
    if spec.kind in ("jp", "factor"):
        return forms.DecimalField(
            label=spec.label, min_value=Decimal(0), max_digits=6, decimal_places=2,
            localize=True, error_messages=_JP_ERRORS,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
    if spec.kind == "cap":
        return forms.IntegerField(
            label=spec.label, min_value=1, required=False, error_messages=_CAP_ERRORS,
            help_text=_("Kosongkan bila tanpa batas."),
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        )
    return forms.IntegerField(
        label=spec.label, min_value=1, max_value=MINUTES_MAX, error_messages=_MINUTES_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MINUTES_MAX}),
    )


def _plain(value: Any) -> Any:
    """A value as the profile data stores it: Decimals as "3", "2.5" (never "1E+1")."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return value


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")


class ProfileVersionForm(StyledFormMixin, forms.Form):
    """A regency's own version: a copy of the built-in `base` with the values entered here.

    Built for one base (its activities decide the fields). `effective_from` is the first
    day of the month chosen (docs/profiles.md#profile-versions); `data_changes()` gives the
    service's argument.
    """

    effective_month = forms.CharField(
        label=_("Berlaku mulai bulan"),
        help_text=_("Versi baru selalu berlaku mulai tanggal 1 bulan ini (TTTT-BB, "
                    "misalnya 2027-01)."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2027-01"}),
        error_messages={"required": _("Pilih bulan mulai berlaku.")},
    )
    name = forms.CharField(
        label=_("Nama versi"), max_length=200,
        error_messages={"required": _("Beri nama versi ini.")},
    )
    instrument = forms.CharField(
        label=_("Dasar peraturan (nama instrumen)"), max_length=500,
        help_text=_("Peraturan atau keputusan daerah yang menetapkan aturan ini."),
        error_messages={"required": _("Sebutkan peraturan yang menjadi dasarnya.")},
    )
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya nomor dan tanggal peraturan yang baru. Tercatat di jejak audit."),
        error_messages={"required": _("Tuliskan alasan perubahan.")},
    )

    def __init__(self, *args, base: Profile, **kwargs):
        self.base = base
        self.groups = value_specs(base)
        initial = dict(kwargs.pop("initial", None) or {})
        initial.setdefault("name", base.name)
        initial.setdefault("instrument", base.instrument)
        super().__init__(*args, initial=initial, **kwargs)
        for _title, specs in self.groups:
            for spec in specs:
                rule = _base_rule(base, spec)
                field = _value_field(spec)
                field.initial = rule.value
                self.fields[spec.name] = field
                self.fields[spec.clause_name] = forms.CharField(
                    label=_("Dasar hukum: %(value)s") % {"value": spec.label},
                    max_length=500, initial=rule.clause,
                    error_messages={"required": _("Sebutkan pasal atau bagian yang menjadi "
                                                  "dasar nilai ini.")},
                )
        # The mixin styled the fields that existed before; style the ones added here.
        for name, field in self.fields.items():
            widget = field.widget
            if "form-control" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} form-control".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_help"

    def full_clean(self):
        super().full_clean()
        self._cleaned_once = True

    def add_error(self, field, error):
        # Errors added after cleaning (the service's refusals) are marked like the others.
        super().add_error(field, error)
        if getattr(self, "_cleaned_once", False) and field in self.fields:
            widget = self.fields[field].widget
            widget.attrs["aria-invalid"] = "true"
            if "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"

    def clean_effective_month(self) -> date:
        text = self.cleaned_data["effective_month"]
        match = _MONTH.match(text)
        year, month = (match.group(1), match.group(2)) if match else (None, None)
        if match is None:
            slash = _MONTH_SLASH.match(text)
            if slash:
                month, year = slash.group(1), slash.group(2)
        if year is None or not 1 <= int(month) <= 12 or not 2000 <= int(year) <= 2100:
            raise forms.ValidationError(
                _("Pilih bulan dan tahun, misalnya 2027-01. Versi baru berlaku mulai "
                  "tanggal 1 bulan itu, jadi tanggal lain tidak dapat dipilih."),
                code="month",
            )
        return date(int(year), int(month), 1)

    # -- what the service needs --------------------------------------------------------

    def value_rows(self):
        """(group title, [(value field, clause field)]) for the template."""
        return [
            (title, [(self[spec.name], self[spec.clause_name]) for spec in specs])
            for title, specs in self.groups
        ]

    def changed_specs(self) -> list[tuple[ValueSpec, bool, bool]]:
        """(spec, value changed, clause changed) for every value that differs from the base."""
        changed = []
        for _title, specs in self.groups:
            for spec in specs:
                rule = _base_rule(self.base, spec)
                value = self.cleaned_data.get(spec.name)
                clause = (self.cleaned_data.get(spec.clause_name) or "").strip()
                value_changed = value != rule.value
                clause_changed = clause != rule.clause
                if value_changed or clause_changed:
                    changed.append((spec, value_changed, clause_changed))
        return changed

    def data_changes(self) -> dict[str, Any]:
        """The service's ``data_changes``: name, instrument, and for every changed rule its
        new value and/or new clause (`kembang.policy.profile_data.apply_profile_changes`)."""
        changes: dict[str, Any] = {
            "name": self.cleaned_data["name"].strip(),
            "instrument": self.cleaned_data["instrument"].strip(),
        }
        for spec, value_changed, clause_changed in self.changed_specs():
            entry: dict[str, Any] = {}
            if value_changed:
                entry["value"] = _plain(self.cleaned_data.get(spec.name))
            if clause_changed:
                entry["clause"] = self.cleaned_data[spec.clause_name].strip()
            if spec.activity is None:
                changes[spec.rule] = entry
            else:
                changes.setdefault("activities", {}).setdefault(spec.activity, {})[
                    spec.rule
                ] = entry
        return changes

    def clause_field_for(self, path: str) -> str | None:
        """The clause field of a rule path as `values_changed_without_clause` names it
        (``activities.coaching.jp_nasional``, ``minutes_per_jp``)."""
        for _title, specs in self.groups:
            for spec in specs:
                spec_path = (
                    spec.rule if spec.activity is None
                    else f"activities.{spec.activity}.{spec.rule}"
                )
                if spec_path == path:
                    return spec.clause_name
        return None


# --- the web hitung_jp -------------------------------------------------------------------


class CalculateForm(StyledFormMixin, forms.Form):
    """A spreadsheet in the `kembang hitung_jp` input format and the profile to judge it by."""

    berkas = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Kolom nip, nama, jenis, tanggal, cakupan, durasi_menit; paling besar 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": _("Pilih berkas CSV atau XLSX."),
            "empty": _("Berkas kosong."),
            "invalid": _("Berkas tidak terkirim dengan benar; coba pilih lagi."),
        },
    )
    profil = forms.ChoiceField(label=_("Profil regulasi"), required=False)

    def __init__(self, *args, profile_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profil"].choices = profile_choices

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s MB); paling besar 5 MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
                code="too_big",
            )
        return upload
