"""Normalising imported text: names, unit names, titles.

Text pasted from PDFs and exports carries artefacts: compatibility characters (full-width
letters, ligatures), non-breaking and zero-width spaces, and Cyrillic or Greek letters that
look Latin — the Belitung Timur seed's own title reads "BERTALENТА" with a Cyrillic Т and
А (docs/jp-rules.md#known-slips-in-the-seeds). Two strings a person reads as the same
must compare equal, or one employee becomes two and a unit name fails to match.
"""

from __future__ import annotations

import unicodedata

# Cyrillic and Greek letters that render like a Latin letter in common fonts. Indonesian
# names and unit names are written in Latin script, so mapping them is always safe here.
_CONFUSABLES = {
    # Cyrillic capitals
    "\u0410": "A",
    "\u0412": "B",
    "\u0415": "E",
    "\u041a": "K",
    "\u041c": "M",
    "\u041d": "H",
    "\u041e": "O",
    "\u0420": "P",
    "\u0421": "C",
    "\u0422": "T",
    "\u0423": "Y",
    "\u0425": "X",
    "\u0405": "S",
    "\u0406": "I",
    "\u0408": "J",
    "\u04ae": "Y",
    "\u04c0": "I",
    "\u051a": "Q",
    "\u051c": "W",
    # Cyrillic small letters
    "\u0430": "a",
    "\u0435": "e",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0443": "y",
    "\u0445": "x",
    "\u0455": "s",
    "\u0456": "i",
    "\u0458": "j",
    "\u04bb": "h",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    "\u04cf": "l",
    # Greek capitals
    "\u0391": "A",
    "\u0392": "B",
    "\u0395": "E",
    "\u0396": "Z",
    "\u0397": "H",
    "\u0399": "I",
    "\u039a": "K",
    "\u039c": "M",
    "\u039d": "N",
    "\u039f": "O",
    "\u03a1": "P",
    "\u03a4": "T",
    "\u03a5": "Y",
    "\u03a7": "X",
    # Greek small letters
    "\u03bf": "o",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
}
_TRANSLATE = str.maketrans(_CONFUSABLES)


def normalize_text(value: str | None) -> str:
    """Return `value` cleaned for storage and comparison.

    NFKC (full-width and compatibility forms to their plain letters), invisible format
    characters removed (zero-width space, BOM, soft hyphen), Cyrillic/Greek look-alike
    letters mapped to Latin, every run of whitespace (NBSP, thin space, tabs, newlines)
    collapsed to one space, and the ends trimmed. Case is kept. ``None`` gives ``""``.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_TRANSLATE)
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def normalize_key(value: str | None) -> str:
    """`normalize_text` then case-folded: a key for case-insensitive matching.

    Used for spreadsheet headers and for matching unit names or enumerated values
    (``"Belajar  Mandiri "`` → ``"belajar mandiri"``).
    """
    return normalize_text(value).casefold()
