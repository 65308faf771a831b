"""Indonesian by default, English on request, and an English catalogue with no gaps.

Every user-facing string is an Indonesian msgid; English comes from
kembang/locale/en/LC_MESSAGES/django.po, compiled to the committed django.mo.
Regenerate both with scripts/update-translations.sh.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kembang.regulation.reasons import render_reason

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "kembang" / "locale" / "en" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdf]")


# --- a tiny .po reader (the standard library has none) ------------------------------------


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (a list), flags, obsolete.

    Handles what GNU gettext writes: comments, `#,` flags, `#~` obsolete entries,
    msgctxt, multi-line strings and plural forms.
    """
    entries: list[dict] = []
    entry: dict | None = None
    last: tuple[str, int | None] | None = None

    def start() -> dict:
        return {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {},
                "flags": set(), "obsolete": False}

    def finish():
        nonlocal entry
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)
        entry = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            if entry is not None and entry["msgid"] is not None:
                finish()
            entry = entry or start()
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
        if match:
            key, index, text = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if key in {"msgctxt", "msgid"} and entry is not None and entry["msgid"] is not None:
                finish()
            entry = entry or start()
            entry["obsolete"] = entry["obsolete"] or obsolete
            if key == "msgstr":
                last = ("msgstr", int(index) if index is not None else 0)
                entry["msgstr"][last[1]] = text
            else:
                last = (key, None)
                entry[key] = text
        elif line.startswith('"') and entry is not None and last is not None:
            text = ast.literal_eval(line)
            if last[0] == "msgstr":
                entry["msgstr"][last[1]] += text
            else:
                entry[last[0]] += text
        else:
            raise ValueError(f"{path.name}: cannot read line {raw!r}")
    finish()
    return [
        {**e, "msgstr": [e["msgstr"][i] for i in sorted(e["msgstr"])]} for e in entries
    ]


@pytest.fixture(scope="module")
def po_entries():
    assert PO.exists(), f"{PO} is missing: run scripts/update-translations.sh"
    return [e for e in read_po(PO) if not e["obsolete"]]


# --- pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_indonesian_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masuk ke Kembang" in html
    assert "Sign in to Kembang" not in html
    assert '<html lang="id">' in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian(client):
    """Accept-Language is ignored: the terms are Indonesian law's (kembang.accounts.language)."""
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert "Masuk ke Kembang" in html
    assert "Sign in to Kembang" not in html
    assert '<html lang="id">' in html
    assert response["Content-Language"] == "id"


@pytest.mark.django_db
def test_login_page_in_english_once_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/akun/masuk/"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in to Kembang" in html
    assert "Masuk ke Kembang" not in html
    assert "First time signing in? Use an activation code." in html
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_login_page_in_english_with_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in to Kembang" in html
    assert "Masuk ke Kembang" not in html


@pytest.mark.django_db
def test_signed_in_pages_follow_the_language_cookie(hr_admin, client_for):
    client = client_for(hr_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("home")).content.decode()
    assert "Sign out" in html
    assert "Audit trail" in html
    assert "Keluar" not in html


def test_reason_code_renders_in_english():
    params = {"activity": "coaching", "n": 3, "cap": 2}
    with translation.override("en"):
        text = render_reason("monthly_cap_reached", params)
    assert text == (
        "Not counted: already 2 Coaching (Pembimbingan) sessions this month "
        "(session no. 3, max. 2)."
    )
    with translation.override("id"):
        text = render_reason("monthly_cap_reached", params)
    assert text.startswith("Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini")


def test_english_numbers_use_a_decimal_point():
    params = {"day_minutes": 108, "minutes": 108, "jp": "2.4"}
    with translation.override("en"):
        assert render_reason("self_study_credited", params) == (
            "Self-study: 108 minutes that day → 2.4 JP."
        )
    with translation.override("id"):
        assert "2,4 JP" in render_reason("self_study_credited", params)


# --- the catalogue ------------------------------------------------------------------------


def test_catalogue_has_no_untranslated_or_fuzzy_entries(po_entries):
    messages = [e for e in po_entries if e["msgid"] != ""]
    assert len(messages) > 500  # the reader found the catalogue, not an empty file
    untranslated = [e["msgid"] for e in messages if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {PO.name} (run "
        f"scripts/update-translations.sh, then translate): {untranslated[:10]}"
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {PO.name}; check and unmark: {fuzzy[:10]}"


def test_plural_entries_have_both_forms(po_entries):
    plurals = [e for e in po_entries if e["msgid_plural"] is not None]
    assert plurals
    for e in plurals:
        assert len(e["msgstr"]) == 2, e["msgid"]


def test_translations_keep_the_placeholders(po_entries):
    for e in po_entries:
        if e["msgid"] == "":
            continue
        sources = [e["msgid"]] if e["msgid_plural"] is None else [e["msgid"], e["msgid_plural"]]
        for source, target in zip(sources, e["msgstr"], strict=False):
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(target)), (
                f"placeholders differ: {source!r} → {target!r}"
            )


def test_header_declares_english_and_utf8(po_entries):
    header = next(e for e in po_entries if e["msgid"] == "")
    text = header["msgstr"][0]
    assert "Language: en\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text
    assert "fuzzy" not in header["flags"]


def test_committed_mo_matches_the_po(po_entries):
    """The .mo is committed so a clone needs no gettext tools; it must not lag the .po."""
    assert MO.exists(), f"{MO} is missing: run scripts/update-translations.sh"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in po_entries:
        if e["msgid"] == "" or e["msgctxt"] is not None:
            continue
        if e["msgid_plural"] is None:
            if compiled.gettext(e["msgid"]) != e["msgstr"][0]:
                stale.append(e["msgid"])
        else:
            forms = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            if forms != e["msgstr"]:
                stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date ({len(stale)} entries): {stale[:5]}"


def test_reader_handles_gettext_syntax(tmp_path):
    po = tmp_path / "sample.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "Halo %(n)s"\nmsgstr "Hello %(n)s"\n\n'
        'msgid ""\n"dua "\n"baris \\"kutip\\""\nmsgstr ""\n\n'
        'msgid "%(n)s sesi"\nmsgid_plural "%(n)s sesi"\nmsgstr[0] "%(n)s session"\n'
        'msgstr[1] ""\n\n'
        '#~ msgid "lama"\n#~ msgstr "old"\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert [e["msgid"] for e in entries] == [
        "", "Halo %(n)s", 'dua baris "kutip"', "%(n)s sesi", "lama"]
    assert entries[1]["flags"] == {"fuzzy", "python-format"}
    assert entries[2]["msgstr"] == [""]
    assert entries[3]["msgstr"] == ["%(n)s session", ""]
    assert entries[4]["obsolete"] and entries[4]["msgstr"] == ["old"]
