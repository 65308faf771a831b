"""A profile's rules as rows of (rule, value, clause) in words — for `kembang profil` and
for pages that show a regency which rules it runs under."""

from __future__ import annotations

import textwrap

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.policy import profiles as P
from kembang.policy.profiles import ActivityRules, Profile
from kembang.regulation.reasons import activity_label, format_number

_LABELS = {
    P.PNS_TALENT_POOL: gettext_lazy("PNS bertalenta (manajemen talenta) saja"),
    P.ALL_EMPLOYEES: gettext_lazy("seluruh pegawai"),
    P.ALL_ASN: gettext_lazy("seluruh ASN (PNS dan PPPK)"),
    P.DIRECT_SUPERVISOR: gettext_lazy("atasan langsung"),
    P.SUPERVISOR_OR_SENIOR: gettext_lazy("atasan langsung atau pegawai senior"),
    P.APPOINTED_BY_HEAD_OF_UNIT: gettext_lazy(
        "ASN yang ditunjuk Kepala Perangkat Daerah (internal atau eksternal)"
    ),
    P.INITIALLED_TABLE: gettext_lazy("tabel: tanggal, materi, paraf pembimbing"),
    P.INITIALLED_TABLE_SIGNED: gettext_lazy(
        "tabel dengan paraf; ditandatangani pembimbing, peserta dan Kepala PD"
    ),
    P.FORM_ABC: gettext_lazy("formulir A/B/C per kegiatan, ditandatangani kedua pihak"),
    P.PERFORMANCE_PROBLEM: gettext_lazy("permasalahan kinerja yang mendasari"),
    P.DEVELOPMENT_AREA: gettext_lazy("area pengembangan ditentukan lebih dulu"),
    P.LEADERSHIP_TASK: gettext_lazy("tugas yang diberikan pimpinan"),
    P.GUIDANCE_NEED: gettext_lazy("kebutuhan bimbingan dalam penyelesaian pekerjaan"),
    P.FORMAL_TALENT_POOL: gettext_lazy("anggota manajemen talenta (talent pool) saja"),
    P.EVERY_PNS: gettext_lazy("setiap PNS"),
    P.COACHEE: gettext_lazy("coachee"),
    P.MENTOR: gettext_lazy("mentor"),
    P.PARTICIPANT: gettext_lazy("peserta"),
    P.AFTER_EACH_SESSION: gettext_lazy("setelah setiap sesi"),
    P.END_OF_PROGRAM: gettext_lazy("di akhir program"),
    P.FLOOR: gettext_lazy("JP utuh, dibulatkan ke bawah"),
    P.FLOOR_HALF: gettext_lazy("kelipatan 0,5 JP, dibulatkan ke bawah"),
}


def label(code: str) -> str:
    """An enumerated profile value in words; unknown codes as they are."""
    text = _LABELS.get(code)
    return str(text) if text is not None else str(code)


def _jp(value) -> str:
    return _("%(jp)s JP") % {"jp": format_number(value)}


def _cap(value, unit: str) -> str:
    if value is None:
        return _("tanpa batas")
    return f"{value} {unit}"


def _activity_rows(rules: ActivityRules, minutes_per_jp: int) -> list[tuple[str, str, str]]:
    name = activity_label(rules.activity)
    if rules.term.value.casefold() not in name.casefold():
        name = f"{name} ({rules.term.value})"
    if rules.counting == P.PER_SESSION:
        return [
            (
                _("%(name)s: JP per sesi, nasional") % {"name": name},
                _jp(rules.jp_nasional.value),
                rules.jp_nasional.clause,
            ),
            (
                _("%(name)s: JP per sesi, internasional") % {"name": name},
                _jp(rules.jp_internasional.value),
                rules.jp_internasional.clause,
            ),
            (
                _("%(name)s: dihitung paling banyak") % {"name": name},
                _cap(rules.monthly_cap.value, _("sesi sebulan")),
                rules.monthly_cap.clause,
            ),
        ]
    rows = [
        (
            _("%(name)s: konversi") % {"name": name},
            _("menit sehari ÷ %(minutes)s; %(rounding)s")
            % {"minutes": minutes_per_jp, "rounding": label(rules.rounding.value)},
            rules.rounding.clause,
        ),
        (
            _("%(name)s: batas harian") % {"name": name},
            _cap(rules.daily_cap_jp.value, _("JP sehari")),
            rules.daily_cap_jp.clause,
        ),
        (
            _("%(name)s: internasional") % {"name": name},
            _("× %(factor)s, setelah batas harian")
            % {"factor": format_number(rules.international_uplift.value)},
            rules.international_uplift.clause,
        ),
        (
            _("%(name)s: batas bulanan") % {"name": name},
            _cap(rules.monthly_cap.value, _("sesi sebulan")),
            rules.monthly_cap.clause,
        ),
    ]
    return rows


def _reporting(profile: Profile) -> str:
    reporting = profile.reporting.value
    if reporting is None:
        return _("tidak diatur")
    if reporting.kind == P.ANNUAL_IN_MONTH:
        return _("setiap tahun, paling lambat akhir bulan ke-%(month)s") % {
            "month": reporting.month
        }
    return _("paling lambat %(months)s bulan setelah kegiatan selesai") % {
        "months": reporting.months_after
    }


def profile_rule_rows(profile: Profile) -> list[tuple[str, str, str]]:
    """(rule, value, clause) rows, Indonesian labels, in the order an officer reads them."""
    rows: list[tuple[str, str, str]] = []
    for rules in profile.activities:
        rows.extend(_activity_rows(rules, profile.minutes_per_jp.value))
    rows += [
        (
            _("1 JP"),
            _("%(minutes)s menit") % {"minutes": profile.minutes_per_jp.value},
            profile.minutes_per_jp.clause,
        ),
        (
            _("Target setahun"),
            _("≥ %(jp)s") % {"jp": _jp(profile.annual_target_jp.value)},
            profile.annual_target_jp.clause,
        ),
        (_("Peserta"), label(profile.eligibility.value), profile.eligibility.clause),
        (_("“PNS bertalenta” dibaca sebagai"), label(profile.talent_reading.value),
         profile.talent_reading.clause),
        (_("Coach/Pembimbing"), label(profile.coach.value), profile.coach.clause),
        (_("Mentor/Pendamping"), label(profile.mentor.value), profile.mentor.clause),
        (_("Catatan sesi"), label(profile.session_record.value), profile.session_record.clause),
        (
            _("Syarat awal program"),
            "; ".join(label(v) for v in profile.program_requires.value) or "—",
            profile.program_requires.clause,
        ),
        (_("Pelaporan"), _reporting(profile), profile.reporting.clause),
        (_("Penunjukan coach/mentor oleh BKPSDM"),
         _("ya (tambahan profil)") if profile.bkpsdm_may_appoint.value else _("tidak"),
         profile.bkpsdm_may_appoint.clause),
    ]
    for form in profile.evaluation_forms:
        if form.items:
            scale = f"{form.scale[0].value}–{form.scale[-1].value}" if form.scale else "—"
            value = _("%(items)s butir, skala %(scale)s; diisi %(who)s, %(when)s") % {
                "items": len(form.items),
                "scale": scale,
                "who": label(form.filled_by),
                "when": label(form.timing),
            }
            if len(form.items) == 1 and form.scale:
                value = _("%(levels)s; diisi %(who)s, %(when)s") % {
                    "levels": " / ".join(p.label for p in form.scale),
                    "who": label(form.filled_by),
                    "when": label(form.timing),
                }
        else:
            value = _("diisi %(who)s, diterima atasan; %(when)s") % {
                "who": label(form.filled_by),
                "when": label(form.timing),
            }
        rows.append((_("Evaluasi: %(title)s") % {"title": form.title}, value, form.clause))
    return rows


def render_profile_table(profile: Profile, *, width: int = 120) -> str:
    """A plain-text table of the profile's rules (Aturan | Nilai | Dasar), wrapped."""
    rows = profile_rule_rows(profile)
    widths = [34, 40, max(30, width - 34 - 40 - 6)]
    header = (_("Aturan"), _("Nilai"), _("Dasar"))
    lines = [
        f"{profile.name} [{profile.id}]",
        profile.instrument,
        "",
    ]

    def emit(cells):
        wrapped = [textwrap.wrap(str(c), w) or [""] for c, w in zip(cells, widths, strict=True)]
        for i in range(max(len(w) for w in wrapped)):
            parts = [(w[i] if i < len(w) else "").ljust(widths[j]) for j, w in enumerate(wrapped)]
            lines.append(" | ".join(parts).rstrip())

    emit(header)
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        emit(row)
    return "\n".join(lines)


# A profile's stored rule, named by its path in the profile data (an audit diff, a
# validation problem), in the words of the rows above.
_RULE_NAMES = {
    "jp_nasional": gettext_lazy("JP per sesi, nasional"),
    "jp_internasional": gettext_lazy("JP per sesi, internasional"),
    "monthly_cap": gettext_lazy("sesi yang dihitung paling banyak sebulan"),
    "daily_cap_jp": gettext_lazy("batas harian (JP dasar sehari)"),
    "international_uplift": gettext_lazy("faktor internasional"),
    "rounding": gettext_lazy("pembulatan"),
    "counting": gettext_lazy("cara penghitungan"),
    "term": gettext_lazy("istilah dalam peraturan"),
    "activity": gettext_lazy("kegiatan"),
    "minutes_per_jp": gettext_lazy("menit per JP"),
    "annual_target_jp": gettext_lazy("target setahun"),
    "eligibility": gettext_lazy("peserta"),
    "talent_reading": gettext_lazy("“PNS bertalenta” dibaca sebagai"),
    "coach": gettext_lazy("coach/pembimbing"),
    "mentor": gettext_lazy("mentor/pendamping"),
    "session_record": gettext_lazy("catatan sesi"),
    "program_requires": gettext_lazy("syarat awal program"),
    "reporting": gettext_lazy("pelaporan"),
    "bkpsdm_may_appoint": gettext_lazy("penunjukan coach/mentor oleh BKPSDM"),
    "self_study_mix": gettext_lazy("belajar mandiri dalam bauran 10:20:70"),
    "evaluation_forms": gettext_lazy("formulir evaluasi"),
    "name": gettext_lazy("nama profil"),
    "instrument": gettext_lazy("dasar peraturan"),
}
_PARTS = {"clause": gettext_lazy("dasar hukum"), "text": gettext_lazy("bunyi ketentuan")}


def rule_path_label(path: str) -> str:
    """`activities.coaching.jp_nasional.value` → "Pembimbingan (Coaching): JP per sesi,
    nasional"; `…clause` adds "(dasar hukum)". Unknown paths are named by their rule."""
    parts = [p for p in path.replace("[", ".").replace("]", "").split(".") if p]
    part = ""
    if parts and parts[-1] in ("value", "clause", "text"):
        part = parts.pop()
    activity = ""
    if len(parts) >= 2 and parts[0] == "activities":
        code = parts[1]
        activity = activity_label(code) if not code.isdigit() else ""
        parts = parts[2:]
    elif len(parts) >= 2 and parts[0] == "evaluation_forms":
        parts = parts[:1]
    words = [str(_RULE_NAMES.get(p, "")) for p in parts if p != "value"]
    name = ", ".join(w for w in words if w) or str(_("aturan profil"))
    text = f"{activity}: {name}" if activity else name[:1].upper() + name[1:]
    if part in _PARTS:
        text = f"{text} ({_PARTS[part]})"
    return text
